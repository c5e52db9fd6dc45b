#include <getopt.h>
#include <stdio.h>

#include "app/app.h"
#include "auth/password.h"
#include "base/err.h"
#include "cli/cli.h"
#include "demo/demo.h"
#include "workorder/workorder.h"

int cmd_demo(int argc, char **argv)
{
    static const char usage[] =
        "usage: hongwu demo [--db PATH|URL] [--files DIR]\n\n"
        "Loads the demo sub-district (新都街道 / 聚龙湖社区, its compounds, grids and\n"
        "buildings), one account per role, and every capability's demo data into a\n"
        "database, and prints each account's password once as LOGIN<TAB>PASSWORD\n"
        "lines. A database that has the demo already is left as it is.\n\n"
        "  --files DIR       where the demo's stored files go (a proxy's authorization):\n"
        "                    give what `hongwu serve --files` is given (HONGWU_FILES,\n"
        "                    default as serve's: \"files\" beside a SQLite database,\n"
        "                    var/files for PostgreSQL)\n";
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"files", required_argument, NULL, 'f'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *db_url = cli_env("HONGWU_DB", DEFAULT_DB), *files = cli_env("HONGWU_FILES", NULL);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db_url = optarg; break;
        case 'f': files = optarg; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fputs(usage, stderr); return 2;
        }
    }
    if (optind < argc) {
        fputs(usage, stderr);
        return 2;
    }
    char dir[WO_FILES_DIR_MAX];
    if (!files) {
        workorder_default_files_dir(db_url, dir, sizeof dir);
        files = dir;
    }
    if (workorder_set_files_dir(files) != HW_OK) {
        fprintf(stderr, "hongwu demo: --files: the path is too long\n");
        return 2;
    }
    struct db *db;
    if (password_init(2) != HW_OK || cli_open_db(db_url, &db) != HW_OK) {
        fprintf(stderr, "hongwu demo: cannot open the database\n");
        return 1;
    }
    int rc = demo_load(db, app_capabilities, app_capabilities_count, stdout);
    db_close(db);
    if (rc == HW_ECONFLICT) {
        char shown[512];
        db_url_redacted(db_url, shown, sizeof shown);
        printf("the demo is already loaded in %s; nothing to do\n", shown);
        return 0;
    }
    if (rc != HW_OK) {
        fprintf(stderr, "hongwu demo: failed: %s\n", hw_strerror(rc));
        return 1;
    }
    return 0;
}
