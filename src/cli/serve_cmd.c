#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/password.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "cli/cli.h"
#include "app/app.h"
#include "http/client_addr.h"
#include "http/server.h"
#include "kit/jobs_scheduler.h"
#include "kit/log_retention.h"
#include "store/checkpoint.h"
#include "store/db.h"
#include "transfer/transfer.h"
#include "workorder/workorder.h"

static void serve_usage(FILE *out)
{
    fprintf(out,
            "usage: hongwu serve [OPTIONS]\n\n"
            "  --listen ADDR     address to listen on (HONGWU_LISTEN, default 127.0.0.1)\n"
            "  --port N          port, 0 picks a free one (HONGWU_PORT, default 8080)\n"
            "  --db PATH|URL     SQLite file or postgresql:// URL (HONGWU_DB, default %s)\n"
            "  --threads N       worker threads (HONGWU_THREADS, default: 2 x cores, at least 4)\n"
            "  --web DIR         built web UI to serve (HONGWU_WEB, default web/dist)\n"
            "  --files DIR       where work-order photos are stored (HONGWU_FILES, default:\n"
            "                    \"files\" beside a SQLite database, var/files for PostgreSQL)\n"
            "  --max-body BYTES  request body cap (HONGWU_MAX_BODY, default 1048576)\n"
            "  --max-conns N     connection limit (HONGWU_MAX_CONNS, default 1000)\n"
            "  --per-ip N        requests at once per client address (HONGWU_PER_IP, default 100)\n"
            "  --timeout SECS    idle connection timeout (HONGWU_TIMEOUT, default 30)\n"
            "  --header-timeout SECS  a request's headers must all arrive within this,\n"
            "                    however they trickle in (HONGWU_HEADER_TIMEOUT, default 30)\n"
            "  --body-min-rate BYTES  a body must average this many bytes a second once\n"
            "                    --header-timeout has passed (HONGWU_BODY_MIN_RATE, default 1024)\n"
            "  --header-conns N  connections waiting for their headers at once; one more\n"
            "                    closes the longest waiting (HONGWU_HEADER_CONNS, default:\n"
            "                    half of --max-conns)\n"
            "  --log-retention-days N  days the audit log and the sensitive reads are kept\n"
            "                    before they are archived (HONGWU_LOG_RETENTION_DAYS, default\n"
            "                    180, at least 180: Cybersecurity Law art. 21)\n"
            "  --log-archive DIR where older logs are archived (HONGWU_LOG_ARCHIVE, default:\n"
            "                    \"log-archive\" beside a SQLite database, var/log-archive\n"
            "                    for PostgreSQL)\n"
            "  --trusted-proxy ADDR[,ADDR]  peers whose X-Forwarded-For names the client\n"
            "                    (nginx; HONGWU_TRUSTED_PROXY, default none: the header is\n"
            "                    ignored)\n"
            "  --sync full|normal  SQLite: sync every commit to disk before answering (full),\n"
            "                    or only at checkpoints (normal: faster, but a power cut may\n"
            "                    lose the last writes answered); HONGWU_SYNC, default full.\n"
            "                    PostgreSQL follows its server's synchronous_commit\n"
            "  --test-clock      TESTS ONLY: let an admin move the clock forward\n"
            "  --test-clock-offset SECS  TESTS ONLY: start the test clock SECS ahead\n"
            "                    (HONGWU_TEST_CLOCK_OFFSET; needs --test-clock)\n",
            DEFAULT_DB);
}

struct serve_options {
    const char *db, *port, *threads, *max_body, *max_conns, *per_ip, *timeout, *files;
    const char *header_timeout, *body_min_rate, *header_conns, *log_days, *log_archive;
    const char *trusted_proxy, *sync;
    struct server_config server;
    bool test_clock;
    const char *test_clock_offset;
};

static unsigned default_threads(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores > 2 ? (unsigned)cores * 2 : 4;
}

/* Turns the textual options into numbers, naming the first bad one. */
static int resolve_numbers(struct serve_options *o)
{
    static const struct {
        const char *flag;
        size_t offset;
        unsigned long min, max;
        bool is_size;
    } nums[] = {
        {"--port", offsetof(struct serve_options, port), 0, 65535, false},
        {"--threads", offsetof(struct serve_options, threads), 1, 256, false},
        {"--max-body", offsetof(struct serve_options, max_body), 1024, 64ul << 20, true},
        {"--max-conns", offsetof(struct serve_options, max_conns), 1, 100000, false},
        {"--per-ip", offsetof(struct serve_options, per_ip), 1, 100000, false},
        {"--timeout", offsetof(struct serve_options, timeout), 1, 3600, false},
        {"--header-timeout", offsetof(struct serve_options, header_timeout), 1, 3600, false},
        {"--body-min-rate", offsetof(struct serve_options, body_min_rate), 1, 1ul << 30, false},
        {"--header-conns", offsetof(struct serve_options, header_conns), 0, 100000, false},
    };
    unsigned *targets[] = {&o->server.port,
                           &o->server.threads,
                           NULL,
                           &o->server.conn_limit,
                           &o->server.per_ip_limit,
                           &o->server.timeout_s,
                           &o->server.slow.header_timeout_s,
                           &o->server.slow.body_min_rate,
                           &o->server.slow.header_conns};
    for (size_t i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        const char *text = *(const char **)((char *)o + nums[i].offset);
        unsigned long v;
        if (cli_parse_uint(text, nums[i].min, nums[i].max, &v) != HW_OK) {
            fprintf(stderr, "hongwu serve: %s must be a number from %lu to %lu, not '%s'\n",
                    nums[i].flag, nums[i].min, nums[i].max, text);
            return HW_EINVAL;
        }
        if (nums[i].is_size)
            o->server.max_body = v;
        else
            *targets[i] = (unsigned)v;
    }
    return HW_OK;
}

/* The daily archive of old logs (kit/log_retention.h), and on PostgreSQL
 * the months' partitions it needs. */
static int start_log_retention(struct db *db)
{
    int rc = db_begin(db, DB_TXN_WRITE);
    if (rc == HW_OK)
        rc = log_retention_partitions(db, clock_now());
    if (rc == HW_OK)
        rc = log_retention_schedule(db, clock_now());
    if (rc == HW_OK)
        rc = db_commit(db);
    if (rc != HW_OK)
        db_rollback(db);
    return rc;
}

int cmd_serve(int argc, char **argv)
{
    static char default_threads_text[16];
    snprintf(default_threads_text, sizeof default_threads_text, "%u", default_threads());
    struct serve_options o = {
        .db = cli_env("HONGWU_DB", DEFAULT_DB),
        .port = cli_env("HONGWU_PORT", "8080"),
        .threads = cli_env("HONGWU_THREADS", default_threads_text),
        .max_body = cli_env("HONGWU_MAX_BODY", "1048576"),
        .max_conns = cli_env("HONGWU_MAX_CONNS", "1000"),
        .per_ip = cli_env("HONGWU_PER_IP", "100"),
        .timeout = cli_env("HONGWU_TIMEOUT", "30"),
        .header_timeout = cli_env("HONGWU_HEADER_TIMEOUT", "30"),
        .body_min_rate = cli_env("HONGWU_BODY_MIN_RATE", "1024"),
        .header_conns = cli_env("HONGWU_HEADER_CONNS", "0"),
        .log_days = cli_env("HONGWU_LOG_RETENTION_DAYS", "180"),
        .log_archive = cli_env("HONGWU_LOG_ARCHIVE", NULL),
        .test_clock_offset = cli_env("HONGWU_TEST_CLOCK_OFFSET", NULL),
        .files = cli_env("HONGWU_FILES", NULL),
        .trusted_proxy = cli_env("HONGWU_TRUSTED_PROXY", NULL),
        .sync = cli_env("HONGWU_SYNC", "full"),
        .server = {.listen = cli_env("HONGWU_LISTEN", "127.0.0.1"),
                   .web_dir = cli_env("HONGWU_WEB", "web/dist")},
    };
    static const struct option longopts[] = {
        {"listen", required_argument, NULL, 'l'},   {"port", required_argument, NULL, 'p'},
        {"db", required_argument, NULL, 'd'},       {"threads", required_argument, NULL, 't'},
        {"web", required_argument, NULL, 'w'},      {"max-body", required_argument, NULL, 'b'},
        {"max-conns", required_argument, NULL, 'c'}, {"per-ip", required_argument, NULL, 'i'},
        {"timeout", required_argument, NULL, 'o'},
        {"trusted-proxy", required_argument, NULL, 'x'},
        {"test-clock", no_argument, NULL, 'T'},     {"help", no_argument, NULL, 'h'},
        {"test-clock-offset", required_argument, NULL, 'O'},
        {"files", required_argument, NULL, 'f'},
        {"header-timeout", required_argument, NULL, 'H'},
        {"body-min-rate", required_argument, NULL, 'R'},
        {"header-conns", required_argument, NULL, 'C'},
        {"log-retention-days", required_argument, NULL, 'K'},
        {"log-archive", required_argument, NULL, 'A'},
        {"sync", required_argument, NULL, 'S'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'l': o.server.listen = optarg; break;
        case 'p': o.port = optarg; break;
        case 'd': o.db = optarg; break;
        case 't': o.threads = optarg; break;
        case 'w': o.server.web_dir = optarg; break;
        case 'b': o.max_body = optarg; break;
        case 'c': o.max_conns = optarg; break;
        case 'i': o.per_ip = optarg; break;
        case 'o': o.timeout = optarg; break;
        case 'x': o.trusted_proxy = optarg; break;
        case 'T': o.test_clock = true; break;
        case 'O': o.test_clock_offset = optarg; break;
        case 'f': o.files = optarg; break;
        case 'H': o.header_timeout = optarg; break;
        case 'R': o.body_min_rate = optarg; break;
        case 'C': o.header_conns = optarg; break;
        case 'K': o.log_days = optarg; break;
        case 'A': o.log_archive = optarg; break;
        case 'S': o.sync = optarg; break;
        case 'h': serve_usage(stdout); return 0;
        default: serve_usage(stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "hongwu serve: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    if (resolve_numbers(&o) != HW_OK ||
        cli_configure_log_retention(o.db, o.log_days, o.log_archive, "serve") != HW_OK)
        return 2;
    enum db_sync sync;
    if (db_sync_parse(o.sync, &sync) != HW_OK) {
        fprintf(stderr, "hongwu serve: --sync is full or normal, not '%s'\n", o.sync);
        return 2;
    }
    db_set_sync(sync);
    if (!db_url_is_postgres(o.db))
        log_info("serve: SQLite commits synced to disk %s", sync == DB_SYNC_FULL
                                                              ? "before each answer (--sync full)"
                                                              : "at checkpoints (--sync normal)");
    if (trusted_proxies_parse(o.trusted_proxy, &o.server.trusted) != HW_OK) {
        fprintf(stderr, "hongwu serve: --trusted-proxy takes IPv4 or IPv6 addresses,"
                        " separated by commas\n");
        return 2;
    }
    if (getenv("HONGWU_TRUST_PROXY"))
        log_warn("serve: HONGWU_TRUST_PROXY is no longer read; name the proxy with"
                 " --trusted-proxy ADDR (HONGWU_TRUSTED_PROXY)");
    if (access(o.server.web_dir, R_OK) != 0) {
        log_warn("serve: web UI folder %s not found; serving the API only (run make)",
                 o.server.web_dir);
        o.server.web_dir = NULL;
    }
    if (o.test_clock) {
        clock_enable_test_mode();
        log_warn("********************************************************************");
        log_warn("TEST CLOCK ENABLED: an admin can move time forward. NEVER IN PRODUCTION.");
        log_warn("********************************************************************");
    }
    if (o.test_clock_offset) {
        /* A restarted test server takes up where the last one's clock was. */
        unsigned long offset;
        if (!o.test_clock ||
            cli_parse_uint(o.test_clock_offset, 0, 10ul * 366 * 86400, &offset) != HW_OK) {
            fprintf(stderr, "hongwu serve: --test-clock-offset needs --test-clock and a number"
                            " of seconds up to ten years, not '%s'\n", o.test_clock_offset);
            return 2;
        }
        clock_advance((int64_t)offset);
        log_warn("TEST CLOCK starts %lu s ahead", offset);
    }

    char files[WO_FILES_DIR_MAX];
    if (!o.files) {
        workorder_default_files_dir(o.db, files, sizeof files);
        o.files = files;
    }
    if (workorder_set_files_dir(o.files) != HW_OK) {
        fprintf(stderr, "hongwu serve: --files: the path is too long\n");
        return 2;
    }

    struct db *db;
    if (cli_open_db(o.db, &db) != HW_OK) {
        fprintf(stderr, "hongwu serve: cannot open or migrate the database\n");
        return 1;
    }
    if (import_recover(db) != HW_OK)
        log_error("serve: an import left half-applied could not be undone (see above)");
    if (start_log_retention(db) != HW_OK) {
        fprintf(stderr, "hongwu serve: cannot schedule the daily log archive\n");
        db_close(db);
        return 1;
    }
    db_close(db);
    /* A hash takes 64 MiB: at most one per core runs at a time. */
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (password_init(cores > 0 ? (unsigned)cores : 1) != HW_OK || db_pool_init(o.db) != HW_OK)
        return 1;
    if (checkpoint_start(o.db) != HW_OK) {
        fprintf(stderr, "hongwu serve: cannot start the checkpoint thread\n");
        db_pool_shutdown();
        return 1;
    }
    if (app_configure_router(o.server.web_dir) != HW_OK) {
        fprintf(stderr, "hongwu serve: the route table is broken (see the log above)\n");
        checkpoint_stop();
        db_pool_shutdown();
        return 1;
    }
    if (jobs_scheduler_start(o.db, app_capabilities, app_capabilities_count) != HW_OK) {
        fprintf(stderr, "hongwu serve: cannot start the job scheduler\n");
        checkpoint_stop();
        db_pool_shutdown();
        return 1;
    }
    int rc = server_run(&o.server);
    jobs_scheduler_stop();
    checkpoint_stop();
    db_pool_shutdown();
    return rc == HW_OK ? 0 : 1;
}
