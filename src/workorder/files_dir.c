#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "store/db.h"
#include "workorder/workorder.h"

static char files_dir[WO_FILES_DIR_MAX] = "var/files";

int workorder_set_files_dir(const char *dir)
{
    if (!dir || !*dir || strlen(dir) >= sizeof files_dir)
        return HW_ELIMIT;
    snprintf(files_dir, sizeof files_dir, "%s", dir);
    return HW_OK;
}

const char *workorder_files_dir(void) { return files_dir; }

void workorder_default_files_dir(const char *db_url, char *out, size_t size)
{
    const char *slash = db_url && !db_url_is_postgres(db_url) ? strrchr(db_url, '/') : NULL;
    if (db_url && !db_url_is_postgres(db_url) && !slash)
        snprintf(out, size, "files"); /* a database in the working directory */
    else if (slash)
        snprintf(out, size, "%.*s/files", (int)(slash - db_url), db_url);
    else
        snprintf(out, size, "var/files");
}
