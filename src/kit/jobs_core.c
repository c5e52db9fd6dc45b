/* The jobs table and its claim protocol (docs/architecture.md, "Jobs and
 * notifications"):
 *
 * 1. claim, in a short write transaction of its own: the job due first
 *    (pending and due, or running with an expired lease) becomes running,
 *    attempts + 1, locked_by = a token of this claim, locked_until = now +
 *    lease. PostgreSQL picks it with FOR UPDATE SKIP LOCKED, so processes
 *    sharing a database never wait on or take the same row; SQLite's write
 *    transaction (BEGIN IMMEDIATE) is the database's only writer.
 * 2. prepare (optional): outside any transaction (network calls).
 * 3. run, in a second write transaction that first marks the job done
 *    where locked_by is still this claim's token (so a claim that lost its
 *    lease commits nothing), then runs the handler, then commits: the job's
 *    effects and its completion commit together or not at all.
 * 4. a failure rolls that transaction back and, in a third, puts the job
 *    back to pending with a backoff, or failed after its last attempt. */
#include "kit/jobs_core.h"

#include <ctype.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/civil_days.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "base/validate.h"

int64_t jobs_backoff_s(int attempt)
{
    if (attempt < 1)
        attempt = 1;
    int64_t wait = JOBS_BACKOFF_BASE_S;
    for (int i = 1; i < attempt && wait < JOBS_BACKOFF_CAP_S; i++)
        wait *= 2;
    return wait < JOBS_BACKOFF_CAP_S ? wait : JOBS_BACKOFF_CAP_S;
}

int64_t jobs_retry_due(int64_t now, int attempt) { return now + jobs_backoff_s(attempt); }


/* n digits at *p into *out, advancing p. */
static bool digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (!isdigit((unsigned char)(*p)[i]))
            return false;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return true;
}

static bool expect(const char **p, char c)
{
    if (**p != c)
        return false;
    (*p)++;
    return true;
}

int jobs_parse_time(const char *text, int64_t *out)
{
    if (!text)
        return HW_EINVAL;
    const char *p = text;
    int y, mo, d, h, mi, s;
    if (!digits(&p, 4, &y) || !expect(&p, '-') || !digits(&p, 2, &mo) || !expect(&p, '-') ||
        !digits(&p, 2, &d) || !(expect(&p, 'T') || expect(&p, 't')) || !digits(&p, 2, &h) ||
        !expect(&p, ':') || !digits(&p, 2, &mi) || !expect(&p, ':') || !digits(&p, 2, &s))
        return HW_EINVAL;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return HW_EINVAL;
        while (isdigit((unsigned char)*p))
            p++;
    }
    int offset = 0;
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int sign = *p == '-' ? -1 : 1, oh, om;
        p++;
        if (!digits(&p, 2, &oh) || !expect(&p, ':') || !digits(&p, 2, &om) || oh > 23 || om > 59)
            return HW_EINVAL;
        offset = sign * (oh * 3600 + om * 60);
    } else {
        return HW_EINVAL;
    }
    if (*p != '\0' || y < 1970 || mo < 1 || mo > 12 || h > 23 || mi > 59 || s > 59)
        return HW_EINVAL;
    if (d < 1 || d > date_month_days(y, mo))
        return HW_EINVAL;
    *out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset;
    return HW_OK;
}

const struct job_kind *jobs_find_kind(const struct job_kind *const *kinds, size_t n,
                                      const char *kind)
{
    for (size_t i = 0; kind && i < n; i++)
        if (strcmp(kinds[i]->name, kind) == 0)
            return kinds[i];
    return NULL;
}

int jobs_schedule_new(struct db *db, const struct job_new *j, int64_t *id)
{
    if (!j->kind || !*j->kind || (j->payload && !json_is_object(j->payload)))
        return HW_EINVAL;
    char *payload = j->payload ? json_dumps(j->payload, JSON_COMPACT) : strdup("{}");
    if (!payload)
        return HW_ENOMEM;
    int64_t now = clock_now(), got = 0;
    int max = j->max_attempts > 0 ? j->max_attempts : JOBS_DEFAULT_MAX_ATTEMPTS;
    int rc = db_scalar_int(db, &got,
                           "INSERT INTO jobs (kind, payload, district_id, due_at, state, attempts,"
                           " max_attempts, dedup_key, created_at, updated_at)"
                           " VALUES ($1, $2, NULLIF($3, 0), $4, 'pending', 0, $5, $6, $7, $7)"
                           " ON CONFLICT (dedup_key) DO NOTHING RETURNING id",
                           "ssiiisi", j->kind, payload, j->district_id, j->due_at, (int64_t)max,
                           j->dedup_key, now);
    free(payload);
    if (rc == HW_ENOTFOUND && j->dedup_key)
        rc = db_scalar_int(db, &got, "SELECT id FROM jobs WHERE dedup_key = $1", "s", j->dedup_key);
    if (rc == HW_OK && id)
        *id = got;
    return rc;
}

int jobs_schedule(struct db *db, const char *kind, json_t *payload, int64_t due_at,
                  const char *dedup_key, int64_t district_id, int64_t *id)
{
    struct job_new j = {.kind = kind,
                        .payload = payload,
                        .due_at = due_at,
                        .dedup_key = dedup_key,
                        .district_id = district_id};
    return jobs_schedule_new(db, &j, id);
}

/* --- the claim protocol ---------------------------------------------------- */

/* The same statements on both backends but for the row locks: SQLite has
 * none (its write transaction excludes every other writer). Each reads one
 * partial index (005_jobs.sql): pending jobs by due time, running ones by
 * the end of their lease. */
static const char peek_sql[] =
    "SELECT CASE WHEN EXISTS (SELECT 1 FROM jobs WHERE state = 'pending' AND due_at <= $1)"
    " OR EXISTS (SELECT 1 FROM jobs WHERE state = 'running' AND locked_until <= $1)"
    " THEN 1 ELSE 0 END";

#define EXPIRE_SQL(lock)                                                                           \
    "UPDATE jobs SET state = 'failed', locked_by = NULL, locked_until = NULL,"                     \
    " last_error = 'the last attempt did not finish within its lease', updated_at = $1"            \
    " WHERE id IN (SELECT id FROM jobs WHERE state = 'running' AND locked_until <= $1"             \
    " AND attempts >= max_attempts LIMIT 100" lock ")"

#define CLAIM_SQL(which, lock)                                                                     \
    "UPDATE jobs SET state = 'running', attempts = attempts + 1, locked_by = $2,"                  \
    " locked_until = $3, updated_at = $1"                                                          \
    " WHERE id = (SELECT id FROM jobs WHERE " which " LIMIT 1" lock ")"                            \
    " RETURNING id, kind, payload, district_id, due_at, attempts, max_attempts"

/* A claim whose process died first, then the job due first. */
#define STALE "state = 'running' AND locked_until <= $1 ORDER BY locked_until, id"
#define DUE "state = 'pending' AND due_at <= $1 ORDER BY due_at, id"

#define PG_LOCK " FOR UPDATE SKIP LOCKED"

static void claim_token(char out[JOBS_TOKEN_LEN])
{
    unsigned char r[8];
    char hex[2 * sizeof r + 1];
    randombytes_buf(r, sizeof r);
    sodium_bin2hex(hex, sizeof hex, r, sizeof r);
    snprintf(out, JOBS_TOKEN_LEN, "pid%ld-%s", (long)getpid(), hex);
}

/* The claimed job, copied out of the statement. */
struct claimed {
    struct job job;
    char kind[64];
    char error[JOBS_ERROR_MAX];
    char *payload_text;
};

static int claim(struct db *db, int64_t now, struct claimed *c, bool *got)
{
    *got = false;
    int64_t any = 0;
    int rc = db_scalar_int(db, &any, peek_sql, "i", now);
    if (rc != HW_OK || !any)
        return rc; /* nothing due: no write lock taken */
    bool pg = db_kind(db) == DB_POSTGRES;
    if ((rc = db_begin(db, DB_TXN_WRITE)) != HW_OK)
        return rc;
    int64_t n = db_run(db, pg ? EXPIRE_SQL(PG_LOCK) : EXPIRE_SQL(""), "i", now);
    if (n < 0) {
        db_rollback(db);
        return (int)n;
    }
    if (n > 0)
        log_warn("jobs: %lld jobs failed: their last attempt outlived its lease", (long long)n);
    claim_token(c->job.locked_by);
    struct db_stmt *st;
    rc = db_query_row(db, &st, pg ? CLAIM_SQL(STALE, PG_LOCK) : CLAIM_SQL(STALE, ""), "isi", now,
                      c->job.locked_by, now + JOBS_LEASE_S);
    if (rc == HW_ENOTFOUND)
        rc = db_query_row(db, &st, pg ? CLAIM_SQL(DUE, PG_LOCK) : CLAIM_SQL(DUE, ""), "isi", now,
                          c->job.locked_by, now + JOBS_LEASE_S);
    if (rc == HW_OK) {
        c->job.id = db_col_int(st, 0);
        snprintf(c->kind, sizeof c->kind, "%s", db_col_text(st, 1));
        c->payload_text = strdup(db_col_text(st, 2) ? db_col_text(st, 2) : "{}");
        c->job.district_id = db_col_int(st, 3);
        c->job.due_at = db_col_int(st, 4);
        c->job.attempts = (int)db_col_int(st, 5);
        c->job.max_attempts = (int)db_col_int(st, 6);
        db_reset(st);
        *got = true;
        if (!c->payload_text)
            rc = HW_ENOMEM;
    } else if (rc == HW_ENOTFOUND) {
        rc = HW_OK; /* another process took it */
    }
    if (rc == HW_OK)
        rc = db_commit(db);
    if (rc != HW_OK) {
        db_rollback(db);
        *got = false;
    }
    return rc;
}

/* Puts the job back to pending after a backoff, or failed after its last
 * attempt. The backoff counts from claimed, when the attempt began, so
 * the next attempt's time does not depend on how long this one took.
 * guard: the claim's token, which must still hold the job; NULL inside the
 * run transaction, which already checked it. */
static int record_failure(struct db *db, const struct job *job, int64_t claimed, int64_t now,
                          const char *guard)
{
    bool final = job->attempts >= job->max_attempts;
    int64_t n = db_run(db,
                       "UPDATE jobs SET state = $1, due_at = $2, last_error = $3,"
                       " locked_by = NULL, locked_until = NULL, updated_at = $4"
                       " WHERE id = $5 AND ($6 = '' OR (locked_by = $6 AND state = 'running'))",
                       "sisiis", final ? "failed" : "pending",
                       final ? job->due_at : jobs_retry_due(claimed, job->attempts),
                       job->error[0] ? job->error : "failed", now, job->id, guard ? guard : "");
    if (n < 0)
        return (int)n;
    if (final)
        log_warn("jobs: %s #%lld failed after %d attempts: %s", job->kind, (long long)job->id,
                 job->attempts, job->error);
    else
        log_warn("jobs: %s #%lld attempt %d of %d failed, retried in %llds: %s", job->kind,
                 (long long)job->id, job->attempts, job->max_attempts,
                 (long long)jobs_backoff_s(job->attempts), job->error);
    return HW_OK;
}

void jobs_set_error(const struct job *job, const char *fmt, ...)
{
    if (!job->error || job->error[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(job->error, JOBS_ERROR_MAX, fmt, ap);
    va_end(ap);
}

/* Step 3: the transaction that marks the job done runs its handler. */
static int run_claimed(struct db *db, const struct job_kind *k, struct job *job, int64_t claimed,
                       int64_t now, bool *retry, bool *lost)
{
    int rc = db_begin(db, DB_TXN_WRITE);
    if (rc != HW_OK)
        return rc;
    int64_t n = db_run(db,
                       "UPDATE jobs SET state = 'done', last_error = NULL, locked_by = NULL,"
                       " locked_until = NULL, updated_at = $1"
                       " WHERE id = $2 AND locked_by = $3 AND state = 'running'",
                       "iis", now, job->id, job->locked_by);
    if (n <= 0) {
        db_rollback(db);
        *lost = n == 0;
        return n < 0 ? (int)n : HW_OK;
    }
    rc = k->run(db, job);
    if (rc == JOB_RETRY) {
        *retry = true;
        jobs_set_error(job, "%s", "the handler asked to retry");
        rc = record_failure(db, job, claimed, clock_now(), NULL);
    }
    if (rc == HW_OK)
        rc = db_commit(db);
    if (rc != HW_OK) {
        db_rollback(db);
        *retry = false;
        jobs_set_error(job, "%s", hw_strerror(rc));
    }
    return rc;
}

int jobs_run_one(struct db *db, const struct job_kind *const *kinds, size_t nkinds, bool *ran)
{
    struct claimed c = {0};
    int64_t now = clock_now();
    int rc = claim(db, now, &c, ran);
    if (rc != HW_OK || !*ran)
        return rc;
    struct job *job = &c.job;
    job->kind = c.kind;
    job->error = c.error;
    job->last_attempt = job->attempts >= job->max_attempts;
    const struct job_kind *k = jobs_find_kind(kinds, nkinds, c.kind);
    json_error_t jerr;
    job->payload = json_loads(c.payload_text, 0, &jerr);
    free(c.payload_text);
    bool retry = false, lost = false;
    if (!k) {
        jobs_set_error(job, "no handler for job kind %s in this server", c.kind);
        rc = HW_EINVAL;
    } else if (!json_is_object(job->payload)) {
        jobs_set_error(job, "%s", "the payload is not a JSON object");
        rc = HW_EINVAL;
    } else {
        rc = k->prepare ? k->prepare(db, job) : HW_OK;
        if (rc != HW_OK)
            jobs_set_error(job, "prepare: %s", hw_strerror(rc));
        else
            rc = run_claimed(db, k, job, now, clock_now(), &retry, &lost);
    }
    if (lost)
        log_warn("jobs: %s #%lld: the claim lost its lease; another process runs it", c.kind,
                 (long long)job->id);
    else if (rc == HW_OK && !retry)
        log_info("jobs: %s #%lld done (attempt %d)", c.kind, (long long)job->id, job->attempts);
    else if (rc != HW_OK)
        rc = record_failure(db, job, now, clock_now(), job->locked_by);
    json_decref(job->payload);
    json_decref(job->outcome);
    return rc;
}

int jobs_run_due(struct db *db, const struct job_kind *const *kinds, size_t nkinds, int max,
                 int *count)
{
    int n = 0, rc = HW_OK;
    bool ran = true;
    while (n < max && ran && (rc = jobs_run_one(db, kinds, nkinds, &ran)) == HW_OK && ran)
        n++;
    if (count)
        *count = n;
    return rc;
}
