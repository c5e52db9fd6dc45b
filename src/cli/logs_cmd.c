/* hongwu logs: archive the audit log and the log of sensitive reads older
 * than the retention period now, or read an archive file
 * (kit/log_retention.h). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "cli/cli.h"
#include "kit/log_retention.h"
#include "kit/log_retention_file.h"

static const char usage[] =
    "usage: hongwu logs archive [--db PATH|URL] [--log-retention-days N] [--log-archive DIR]\n"
    "       hongwu logs read FILE\n\n"
    "archive  writes every month of the audit log and of the log of sensitive reads\n"
    "         that lies wholly before the retention period to DIR/<log>-YYYY-MM.jsonl.gz\n"
    "         (listed with its SHA-256 in DIR/manifest.jsonl), then deletes those rows.\n"
    "         The server does the same every day at 03:00.\n"
    "           --log-retention-days N  days logs are kept (HONGWU_LOG_RETENTION_DAYS,\n"
    "                                   default 180; at least 180: Cybersecurity Law art. 21)\n"
    "           --log-archive DIR       the archive folder (HONGWU_LOG_ARCHIVE, default:\n"
    "                                   \"log-archive\" beside a SQLite database,\n"
    "                                   var/log-archive for PostgreSQL)\n"
    "read     checks FILE against the manifest beside it and prints its lines\n"
    "         (JSON Lines; `zcat FILE` prints them too, unchecked).\n";

int cli_configure_log_retention(const char *db_url, const char *days_text, const char *dir,
                                const char *command)
{
    char fallback[LOG_ARCHIVE_DIR_MAX], error[256];
    unsigned long days;
    if (cli_parse_uint(days_text, 1, LOG_RETENTION_MAX_DAYS, &days) != HW_OK) {
        fprintf(stderr, "hongwu %s: --log-retention-days must be a number of days, not '%s'\n",
                command, days_text);
        return HW_EINVAL;
    }
    if (!dir) {
        log_retention_default_dir(db_url, fallback, sizeof fallback);
        dir = fallback;
    }
    if (log_retention_configure(days, dir, error, sizeof error) != HW_OK) {
        fprintf(stderr, "hongwu %s: %s\n", command, error);
        return HW_EINVAL;
    }
    return HW_OK;
}

static int logs_archive(int argc, char **argv)
{
    const char *db_url = cli_env("HONGWU_DB", DEFAULT_DB);
    const char *days = cli_env("HONGWU_LOG_RETENTION_DAYS", "180");
    const char *dir = cli_env("HONGWU_LOG_ARCHIVE", NULL);
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"log-retention-days", required_argument, NULL, 'r'},
        {"log-archive", required_argument, NULL, 'a'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db_url = optarg; break;
        case 'r': days = optarg; break;
        case 'a': dir = optarg; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fputs(usage, stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "hongwu logs archive: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    if (cli_configure_log_retention(db_url, days, dir, "logs archive") != HW_OK)
        return 2;
    struct db *db;
    if (cli_open_db(db_url, &db) != HW_OK) {
        fprintf(stderr, "hongwu logs archive: cannot open or migrate the database\n");
        return 1;
    }
    int rc = log_retention_archive(db, clock_now(), stdout);
    db_close(db);
    if (rc != HW_OK) {
        fprintf(stderr, "hongwu logs archive: failed: %s (see the log above)\n",
                hw_strerror(rc));
        return 1;
    }
    return 0;
}

int cmd_logs(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "archive") == 0)
        return logs_archive(argc - 1, argv + 1);
    if (argc == 3 && strcmp(argv[1], "read") == 0)
        return log_archive_read(argv[2], stdout, stderr) == HW_OK ? 0 : 1;
    if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        fputs(usage, stdout);
        return 0;
    }
    fputs(usage, stderr);
    return 2;
}
