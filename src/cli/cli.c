#include "cli/cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/err.h"
#include "base/log.h"
#include "store/migrate.h"

const char *cli_env(const char *name, const char *def)
{
    const char *v = getenv(name);
    return v && *v ? v : def;
}

int cli_parse_uint(const char *s, unsigned long min, unsigned long max, unsigned long *out)
{
    if (!s || !*s || *s == '-')
        return HW_EINVAL;
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || *end || v < min || v > max)
        return HW_EINVAL;
    *out = v;
    return HW_OK;
}

/* mkdir -p of the folder holding a SQLite file. */
static int make_parent_dir(const char *path)
{
    char dir[4096];
    if (snprintf(dir, sizeof dir, "%s", path) >= (int)sizeof dir)
        return HW_EINVAL;
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return HW_OK;
    *slash = '\0';
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0750) != 0 && errno != EEXIST)
            return HW_EIO;
        *p = '/';
    }
    if (mkdir(dir, 0750) != 0 && errno != EEXIST) {
        log_error("cannot create folder %s: %s", dir, strerror(errno));
        return HW_EIO;
    }
    return HW_OK;
}

int cli_open_db(const char *url, struct db **out)
{
    int rc;
    if (!db_url_is_postgres(url) && (rc = make_parent_dir(url)) != HW_OK)
        return rc;
    struct db *db;
    if ((rc = db_open(url, &db)) != HW_OK)
        return rc;
    if ((rc = migrate_run(db, NULL)) != HW_OK) {
        db_close(db);
        return rc;
    }
    *out = db;
    return HW_OK;
}
