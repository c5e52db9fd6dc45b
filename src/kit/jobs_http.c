#include "kit/jobs_http.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/access.h"
#include "kit/scope.h"
#include "kit/audit.h"
#include "kit/jobs_scheduler.h"
#include "kit/notify_core.h"
#include "kit/notify_http.h"
#include "kit/principal.h"
#include "kit/record_routes.h"
#include "store/db_json.h"

#define JOB_COLUMNS                                                                                \
    "id, kind, state, payload, district_id, due_at, attempts, max_attempts, last_error,"           \
    " locked_by, locked_until, dedup_key, created_at, updated_at"

static json_t *job_row(struct db_stmt *st)
{
    json_t *payload = json_loads(db_col_text(st, 3), 0, NULL);
    return json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:I, s:I, s:I, s:o, s:o, s:o, s:o, s:o, s:o}",
                     "id", (json_int_t)db_col_int(st, 0), "kind", db_col_text(st, 1), "state",
                     db_col_text(st, 2), "payload", payload ? payload : json_null(), "district_id",
                     db_json_int(st, 4), "due_at", db_json_time(st, 5), "due_at_epoch",
                     (json_int_t)db_col_int(st, 5), "attempts", (json_int_t)db_col_int(st, 6),
                     "max_attempts", (json_int_t)db_col_int(st, 7), "last_error",
                     db_json_text(st, 8), "locked_by", db_json_text(st, 9), "locked_until",
                     db_json_time(st, 10), "dedup_key", db_json_text(st, 11), "created_at",
                     db_json_time(st, 12), "updated_at", db_json_time(st, 13));
}

/* An installation admin sees every job; an admin of a sub-district its own. */
static int job_json(struct request *req, int64_t id, json_t **out)
{
    struct scope_sql district;
    scope_district(req->who, "jobs", 2, &district);
    char sql[512];
    snprintf(sql, sizeof sql, "SELECT " JOB_COLUMNS " FROM jobs WHERE id = $1 AND %s",
             district.cond);
    struct db_stmt *st;
    int rc = db_query_row(req->db, &st, sql, "ii", id, district.value);
    if (rc != HW_OK)
        return rc;
    *out = job_row(st);
    db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}

static bool state_known(const char *s)
{
    static const char *const states[] = {"pending", "running", "done", "failed"};
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
        if (strcmp(states[i], s) == 0)
            return true;
    return false;
}

int jobs_http_list(struct request *req)
{
    int64_t limit, after;
    int rc = req_page(req, &limit, &after);
    if (rc != HW_OK)
        return rc;
    const char *state = req_query(req, "state"), *kind = req_query(req, "kind");
    if (state && !state_known(state)) {
        problem_field(req, "state", FIELD_INVALID);
        return HW_EINVAL;
    }
    if (kind && strlen(kind) > 64) {
        problem_field(req, "kind", FIELD_TOO_LONG);
        return HW_EINVAL;
    }
    struct scope_sql district;
    scope_district(req->who, "jobs", 2, &district);
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT " JOB_COLUMNS " FROM jobs WHERE ($1 = 0 OR id < $1) AND %s"
             " AND (CAST($3 AS TEXT) IS NULL OR state = $3)"
             " AND (CAST($4 AS TEXT) IS NULL OR kind = $4) ORDER BY id DESC LIMIT $5",
             district.cond);
    struct db_stmt *st;
    if ((rc = db_query(req->db, &st, sql, "iissi", after, district.value, state, kind,
                       limit)) != HW_OK)
        return rc;
    return respond_row_page(req, st, limit, job_row);
}

int jobs_http_get(struct request *req)
{
    json_t *out;
    int rc = job_json(req, req->params[0], &out);
    return rc == HW_OK ? respond_json(req, 200, out) : rc;
}

int jobs_http_retry(struct request *req)
{
    int64_t id = req->params[0];
    int rc = db_begin(req->db, DB_TXN_WRITE);
    if (rc != HW_OK)
        return rc;
    json_t *before = NULL, *after = NULL;
    int64_t n = 0;
    if ((rc = job_json(req, id, &before)) == HW_OK) {
        n = db_run(req->db,
                   "UPDATE jobs SET state = 'pending', attempts = 0, due_at = $1,"
                   " locked_by = NULL, locked_until = NULL, updated_at = $1"
                   " WHERE id = $2 AND state IN ('failed', 'pending')",
                   "ii", clock_now(), id);
        rc = n < 0 ? (int)n : n == 0 ? HW_ECONFLICT : HW_OK;
    }
    if (rc == HW_OK && (rc = job_json(req, id, &after)) == HW_OK) {
        int64_t district = json_integer_value(json_object_get(after, "district_id"));
        rc = audit_change(req, "retry", "job", id, district, before, after);
    }
    if (rc == HW_OK)
        rc = db_commit(req->db);
    json_decref(before);
    if (rc != HW_OK) {
        db_rollback(req->db);
        json_decref(after);
        return rc;
    }
    jobs_scheduler_wake();
    return respond_json(req, 200, after);
}

/* --- a job kind for tests ---------------------------------------------------- */

int jobs_test_echo_run(struct db *db, const struct job *job)
{
    json_t *p = job->payload;
    int64_t sleep_ms = json_integer_value(json_object_get(p, "sleep_ms"));
    if (sleep_ms > 0) {
        struct timespec t = {sleep_ms / 1000, (long)(sleep_ms % 1000) * 1000000L};
        nanosleep(&t, NULL);
    }
    int64_t fail_until = json_integer_value(json_object_get(p, "fail_until"));
    if (clock_now() < fail_until) {
        jobs_set_error(job, "asked to fail until %lld", (long long)fail_until);
        return HW_EIO;
    }
    const char *note = json_string_value(json_object_get(p, "note"));
    return notify_user(db, json_integer_value(json_object_get(p, "user_id")), "test",
                       note ? note : "test.echo", "", NULL);
}

enum { TEST_JOBS_MAX = 1000, TEST_SLEEP_MAX_MS = 30000 };

int jobs_http_test_schedule(struct request *req)
{
    if (!clock_is_test_mode())
        return HW_ENOTFOUND;
    static const char *const names[] = {"count",    "due_in", "fail_until",
                                        "sleep_ms", "note",   "max_attempts"};
    json_t *root;
    int rc = notify_body_object(req, names, sizeof names / sizeof names[0], &root);
    if (rc != HW_OK)
        return rc;
    static const struct {
        const char *name;
        int64_t lo, hi, fallback;
    } ints[] = {
        {"count", 1, TEST_JOBS_MAX, 1},
        {"due_in", 0, 366 * 86400, 0},
        {"fail_until", 0, INT64_MAX / 2, 0},
        {"sleep_ms", 0, TEST_SLEEP_MAX_MS, 0},
        {"max_attempts", 1, 20, JOBS_DEFAULT_MAX_ATTEMPTS},
    };
    int64_t v[sizeof ints / sizeof ints[0]];
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        json_t *m = json_object_get(root, ints[i].name);
        v[i] = ints[i].fallback;
        if (m && !json_is_integer(m))
            problem_field(req, ints[i].name, FIELD_WRONG_TYPE);
        else if (m && (json_integer_value(m) < ints[i].lo || json_integer_value(m) > ints[i].hi))
            problem_field(req, ints[i].name, FIELD_INVALID);
        else if (m)
            v[i] = json_integer_value(m);
    }
    json_t *note = json_object_get(root, "note");
    if (note && !json_is_string(note))
        problem_field(req, "note", FIELD_WRONG_TYPE);
    if (req->json_errors && json_array_size(req->json_errors) > 0)
        return HW_EINVAL;
    json_t *payload = json_pack("{s:I, s:I, s:I, s:s}", "user_id", (json_int_t)req->who->user_id,
                                "fail_until", (json_int_t)v[2], "sleep_ms", (json_int_t)v[3],
                                "note", note ? json_string_value(note) : "test.echo");
    json_t *ids = json_array();
    if (!req_keep(req, payload) || !req_keep(req, ids))
        return HW_ENOMEM;
    if ((rc = db_begin(req->db, DB_TXN_WRITE)) != HW_OK)
        return rc;
    struct job_new j = {.kind = JOBS_TEST_ECHO_JOB,
                        .payload = payload,
                        .due_at = clock_now() + v[1],
                        .district_id = req->who->district_id,
                        .max_attempts = (int)v[4]};
    for (int64_t i = 0; rc == HW_OK && i < v[0]; i++) {
        int64_t id = 0;
        if ((rc = jobs_schedule_new(req->db, &j, &id)) == HW_OK)
            rc = json_array_append_new(ids, json_integer(id)) == 0 ? HW_OK : HW_ENOMEM;
    }
    if (rc == HW_OK)
        rc = db_commit(req->db);
    if (rc != HW_OK) {
        db_rollback(req->db);
        return rc;
    }
    jobs_scheduler_wake();
    log_warn("test jobs: %lld test.echo jobs scheduled by user %lld", (long long)v[0],
             (long long)req->who->user_id);
    return respond_json(req, 201, json_pack("{s:O}", "ids", ids));
}
