/* The archive run of kit/log_retention.h: for each log, every month wholly
 * before the retention period is written to its file, then deleted in one
 * transaction that first checks the month still holds exactly the rows
 * written. A run that dies between the two leaves the rows in place, and
 * the next run writes the same file again. */
#include "kit/log_retention.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "kit/log_retention_file.h"

enum {
    CST_OFFSET_S = 8 * 3600, /* China Standard Time, UTC+8, no daylight saving */
    PAGE_ROWS = 1000,        /* rows read per query: bounds the memory of a read */
};

static struct {
    unsigned long days;
    char dir[LOG_ARCHIVE_DIR_MAX];
} config = {.days = LOG_RETENTION_DEFAULT_DAYS, .dir = "var/log-archive"};

int log_retention_configure(unsigned long days, const char *dir, char *error, size_t size)
{
    if (days < LOG_RETENTION_MIN_DAYS || days > LOG_RETENTION_MAX_DAYS) {
        snprintf(error, size,
                 "logs must be kept %d to %d days, not %lu: the Cybersecurity Law"
                 " (网络安全法) art. 21(3) asks for network logs to be kept no less than six"
                 " months",
                 LOG_RETENTION_MIN_DAYS, LOG_RETENTION_MAX_DAYS, days);
        return HW_EINVAL;
    }
    if (!dir || !*dir || strlen(dir) >= sizeof config.dir) {
        snprintf(error, size, "the archive folder must be a path of 1 to %d bytes",
                 LOG_ARCHIVE_DIR_MAX - 1);
        return HW_EINVAL;
    }
    config.days = days;
    snprintf(config.dir, sizeof config.dir, "%s", dir);
    return HW_OK;
}

void log_retention_default_dir(const char *db_url, char *out, size_t size)
{
    bool sqlite = db_url && !db_url_is_postgres(db_url);
    const char *slash = sqlite ? strrchr(db_url, '/') : NULL;
    if (sqlite && !slash)
        snprintf(out, size, "log-archive"); /* a database in the working directory */
    else if (slash)
        snprintf(out, size, "%.*s/log-archive", (int)(slash - db_url), db_url);
    else
        snprintf(out, size, "var/log-archive");
}

/* Months in China Standard Time, as epoch seconds of their first instant. */
static int64_t month_start(int64_t t)
{
    time_t local = (time_t)(t + CST_OFFSET_S);
    struct tm tm;
    gmtime_r(&local, &tm);
    tm.tm_mday = 1;
    tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
    return (int64_t)timegm(&tm) - CST_OFFSET_S;
}

static int64_t month_after(int64_t start)
{
    return month_start(start + 32 * 86400);
}

static void month_name(int64_t start, char out[8])
{
    time_t local = (time_t)(start + CST_OFFSET_S);
    struct tm tm;
    gmtime_r(&local, &tm);
    unsigned year = (unsigned)(tm.tm_year + 1900) % 10000u, month = (unsigned)tm.tm_mon % 12u + 1;
    snprintf(out, 8, "%04u-%02u", year, month);
}

/* A log's columns as its archive writes them: 'i' an integer, 's' text,
 * 'j' JSON text (written as JSON); each may be null. */
struct log_column {
    const char *name;
    char kind;
};

struct log_table {
    const char *name;
    bool partitioned; /* by month on PostgreSQL (kit/schema/009) */
    const char *any_before; /* one row before $1, if any */
    const char *page;       /* the month [$1, $2)'s rows after id $3 */
    const char *count;
    const char *delete_month;
    const struct log_column *columns;
    size_t ncolumns;
};

static const struct log_column audit_columns[] = {
    {"id", 'i'},        {"at", 'i'},          {"user_id", 'i'},    {"district_id", 'i'},
    {"action", 's'},    {"entity", 's'},      {"entity_id", 'i'},  {"before_json", 'j'},
    {"after_json", 'j'}, {"ip", 's'},
};

static const struct log_column read_columns[] = {
    {"id", 'i'},      {"at", 'i'},         {"user_id", 'i'}, {"district_id", 'i'},
    {"subject", 's'}, {"subject_id", 'i'}, {"fields", 's'},
};

static const struct log_table tables[] = {
    {
        .name = "audit_log",
        .any_before = "SELECT at FROM audit_log WHERE at < $1 LIMIT 1",
        .page = "SELECT id, at, user_id, district_id, action, entity, entity_id, before_json,"
                " after_json, ip FROM audit_log WHERE at >= $1 AND at < $2 AND id > $3"
                " ORDER BY id LIMIT 1000",
        .count = "SELECT COUNT(*) FROM audit_log WHERE at >= $1 AND at < $2",
        .delete_month = "DELETE FROM audit_log WHERE at >= $1 AND at < $2",
        .columns = audit_columns,
        .ncolumns = sizeof audit_columns / sizeof audit_columns[0],
    },
    {
        .name = "sensitive_reads",
        .partitioned = true,
        .any_before = "SELECT at FROM sensitive_reads WHERE at < $1 LIMIT 1",
        .page = "SELECT id, at, user_id, district_id, subject, subject_id, fields"
                " FROM sensitive_reads WHERE at >= $1 AND at < $2 AND id > $3"
                " ORDER BY id LIMIT 1000",
        .count = "SELECT COUNT(*) FROM sensitive_reads WHERE at >= $1 AND at < $2",
        .delete_month = "DELETE FROM sensitive_reads WHERE at >= $1 AND at < $2",
        .columns = read_columns,
        .ncolumns = sizeof read_columns / sizeof read_columns[0],
    },
};

/* The row st is on as one JSON Lines line (malloc'd), with "time" (RFC
 * 3339, +08:00) after "at" for a reader. */
static char *row_line(const struct log_table *t, struct db_stmt *st)
{
    json_t *o = json_object();
    for (size_t i = 0; o && i < t->ncolumns; i++) {
        const struct log_column *c = &t->columns[i];
        json_t *v;
        if (db_col_is_null(st, (int)i))
            v = json_null();
        else if (c->kind == 'i')
            v = json_integer(db_col_int(st, (int)i));
        else if (c->kind == 'j')
            v = json_loads(db_col_text(st, (int)i), JSON_DECODE_ANY, NULL);
        else
            v = json_string(db_col_text(st, (int)i));
        if (!v && c->kind == 'j') /* not JSON after all: kept as the text it is */
            v = json_string(db_col_text(st, (int)i));
        if (json_object_set_new(o, c->name, v) != 0) {
            json_decref(o);
            return NULL;
        }
        if (strcmp(c->name, "at") == 0) {
            char time[32];
            clock_format_rfc3339(db_col_int(st, (int)i), time);
            json_object_set_new(o, "time", json_string(time));
        }
    }
    char *line = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    return line;
}

/* Writes the month [m0, m1) of t to its file; *rows is how many. */
static int write_month(struct db *db, const struct log_table *t, int64_t m0, int64_t m1,
                       const char *month, int64_t *rows)
{
    char name[128];
    snprintf(name, sizeof name, "%s-%s.jsonl.gz", t->name, month);
    struct log_archive *a;
    int rc = log_archive_open(config.dir, name, &a);
    if (rc != HW_OK)
        return rc;
    *rows = 0;
    int64_t last_id = 0;
    for (bool more = true; rc == HW_OK && more;) {
        struct db_stmt *st;
        rc = db_query(db, &st, t->page, "iii", m0, m1, last_id);
        if (rc != HW_OK)
            break;
        int n = 0, step;
        while (rc == HW_OK && (step = db_step(st)) == DB_ROW) {
            char *line = row_line(t, st);
            rc = line ? log_archive_line(a, line) : HW_ENOMEM;
            free(line);
            last_id = db_col_int(st, 0);
            n++;
        }
        if (rc == HW_OK && step < 0)
            rc = step;
        db_reset(st);
        *rows += n;
        more = n == PAGE_ROWS;
    }
    if (rc != HW_OK) {
        log_archive_abort(a);
        return rc;
    }
    return log_archive_commit(a, t->name, month, *rows);
}

/* PostgreSQL: whether the month's partition exists (its name in out). */
static int partition_of(struct db *db, const struct log_table *t, const char *month, char *out,
                        size_t size, bool *exists)
{
    snprintf(out, size, "%s_p%.4s_%.2s", t->name, month, month + 5);
    int64_t n = 0;
    int rc = db_scalar_int(db, &n,
                           "SELECT COUNT(*) FROM pg_class c JOIN pg_namespace s"
                           " ON s.oid = c.relnamespace WHERE c.relname = $1"
                           " AND s.nspname = current_schema()",
                           "s", out);
    *exists = n > 0;
    return rc;
}

/* Deletes the month [m0, m1) of t, which the archive holds as rows rows,
 * in one transaction; none left (another run did it) is success too. */
static int delete_month(struct db *db, const struct log_table *t, int64_t m0, int64_t m1,
                        const char *month, int64_t rows)
{
    int rc = db_begin(db, DB_TXN_WRITE);
    int64_t left = 0;
    if (rc == HW_OK)
        rc = db_scalar_int(db, &left, t->count, "ii", m0, m1);
    if (rc == HW_OK && left != 0 && left != rows) {
        log_error("logs: %s %s holds %lld rows, the archive %lld: not deleted", t->name, month,
                  (long long)left, (long long)rows);
        rc = HW_ECONFLICT;
    }
    if (rc == HW_OK && left != 0) {
        bool dropped = false;
        if (t->partitioned && db_kind(db) == DB_POSTGRES) {
            char part[96], sql[160];
            bool exists = false;
            rc = partition_of(db, t, month, part, sizeof part, &exists);
            if (rc == HW_OK && exists) {
                snprintf(sql, sizeof sql, "DROP TABLE %s", part);
                rc = db_exec(db, sql);
                dropped = rc == HW_OK;
            }
        }
        if (rc == HW_OK && !dropped) {
            int64_t n = db_run(db, t->delete_month, "ii", m0, m1);
            rc = n < 0 ? (int)n : HW_OK;
        }
    }
    if (rc == HW_OK)
        rc = db_commit(db);
    if (rc != HW_OK)
        db_rollback(db);
    return rc;
}

static int archive_table(struct db *db, const struct log_table *t, int64_t before,
                         FILE *report)
{
    for (;;) {
        int64_t at;
        int rc = db_scalar_int(db, &at, t->any_before, "i", before);
        if (rc == HW_ENOTFOUND)
            return HW_OK;
        if (rc != HW_OK)
            return rc;
        int64_t m0 = month_start(at), m1 = month_after(m0), rows = 0;
        char month[8];
        month_name(m0, month);
        rc = write_month(db, t, m0, m1, month, &rows);
        if (rc == HW_OK)
            rc = delete_month(db, t, m0, m1, month, rows);
        if (rc != HW_OK) {
            log_error("logs: archiving %s %s failed: %s", t->name, month, hw_strerror(rc));
            return rc;
        }
        log_info("logs: %s %s: %lld rows archived to %s/%s-%s.jsonl.gz and deleted", t->name,
                 month, (long long)rows, config.dir, t->name, month);
        if (report)
            fprintf(report, "%s %s: %lld rows archived to %s/%s-%s.jsonl.gz\n", t->name, month,
                    (long long)rows, config.dir, t->name, month);
    }
}

int log_retention_partitions(struct db *db, int64_t now)
{
    if (db_kind(db) != DB_POSTGRES)
        return HW_OK;
    /* Two processes making the same partition wait for each other. */
    int rc = db_lock_key(db, 0x6c6f6773 /* "logs" */);
    int64_t m0 = month_start(now);
    for (int i = 0; rc == HW_OK && i < 3; i++, m0 = month_after(m0)) {
        int64_t m1 = month_after(m0);
        char month[8], part[96];
        month_name(m0, month);
        bool exists = false;
        rc = partition_of(db, &tables[1], month, part, sizeof part, &exists);
        if (rc != HW_OK || exists)
            continue;
        /* Rows of the month already in the default partition keep it there. */
        int64_t early = 0;
        rc = db_scalar_int(db, &early,
                           "SELECT COUNT(*) FROM (SELECT 1 FROM sensitive_reads_default"
                           " WHERE at >= $1 AND at < $2 LIMIT 1) AS x",
                           "ii", m0, m1);
        if (rc != HW_OK || early)
            continue;
        char sql[256];
        snprintf(sql, sizeof sql,
                 "CREATE TABLE IF NOT EXISTS %s PARTITION OF sensitive_reads"
                 " FOR VALUES FROM (%lld) TO (%lld)",
                 part, (long long)m0, (long long)m1);
        rc = db_exec(db, sql);
    }
    return rc;
}

int log_retention_archive(struct db *db, int64_t now, FILE *report)
{
    int rc = db_begin(db, DB_TXN_WRITE);
    if (rc == HW_OK)
        rc = log_retention_partitions(db, now);
    if (rc == HW_OK)
        rc = db_commit(db);
    if (rc != HW_OK) {
        db_rollback(db);
        log_error("logs: cannot make the sensitive reads' partitions: %s", hw_strerror(rc));
        return rc;
    }
    /* Months wholly before the cutoff: those before the month it falls in. */
    int64_t before = month_start(now - (int64_t)config.days * 86400);
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) {
        rc = archive_table(db, &tables[i], before, report);
        if (rc != HW_OK)
            return rc;
    }
    return HW_OK;
}
