#include "http/idempotency.h"

#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "http/problem.h"
#include "http/response.h"

static bool key_acceptable(const char *key)
{
    size_t n = strlen(key);
    if (n == 0 || n > IDEMPOTENCY_KEY_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (key[i] < 0x21 || key[i] > 0x7e)
            return false;
    return true;
}

static int replay(struct request *req, int status, const char *body)
{
    respond_header(req, "Idempotent-Replayed", "true");
    if (status == 204)
        return respond_empty(req, 204);
    json_t *v = json_loads(body, 0, NULL);
    if (!v)
        return HW_EDB;
    return respond_json(req, (unsigned)status, v);
}

int idempotency_begin(struct request *req)
{
    const char *key = req_header(req, "Idempotency-Key");
    if (!key || strcmp(req->method, "POST") != 0 || !req->who)
        return HW_OK;
    if (!key_acceptable(key)) {
        problem_field(req, "Idempotency-Key", FIELD_INVALID);
        return HW_EINVAL;
    }
    int64_t now = clock_now(), uid = req->who->user_id;
    /* Forget expired answers and abandoned claims of this key. */
    int64_t n = db_run(req->db,
                       "DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2"
                       " AND (created_at < $3 OR (status = 0 AND created_at < $4))",
                       "isii", uid, key, now - IDEMPOTENCY_TTL_S, now - IDEMPOTENCY_CLAIM_S);
    if (n < 0)
        return (int)n;
    n = db_run(req->db,
               "INSERT INTO idempotency_keys (user_id, key, method_path, status, body, created_at)"
               " VALUES ($1, $2, $3, 0, '', $4) ON CONFLICT (user_id, key) DO NOTHING",
               "issi", uid, key, req->path, now);
    if (n < 0)
        return (int)n;
    if (n == 1) {
        req->idempotency_key = arena_strdup(req->arena, key);
        return req->idempotency_key ? HW_OK : HW_ENOMEM;
    }
    struct db_stmt *st;
    int rc = db_query(req->db, &st,
                      "SELECT status, body, method_path FROM idempotency_keys"
                      " WHERE user_id = $1 AND key = $2",
                      "is", uid, key);
    if (rc != HW_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        int status = (int)db_col_int(st, 0);
        if (strcmp(db_col_text(st, 2), req->path) != 0) {
            problem_field_msg(req, "Idempotency-Key", FIELD_INVALID,
                              "该幂等键已用于另一个请求", "key already used for another request");
            rc = HW_EINVAL;
        } else if (status == 0) {
            rc = problem_send(req, PROBLEM_CONFLICT, "the first request with this key is running");
        } else {
            rc = replay(req, status, db_col_text(st, 1));
        }
    } else if (rc == DB_DONE) {
        rc = HW_EBUSY; /* the other request's claim just expired: let the client retry */
    }
    db_reset(st);
    return rc;
}

void idempotency_finish(struct request *req, const char *body)
{
    if (!req->idempotency_key)
        return;
    const char *key = req->idempotency_key;
    req->idempotency_key = NULL;
    int64_t n;
    if (body && req->status >= 200 && req->status < 300)
        n = db_run(req->db,
                   "UPDATE idempotency_keys SET status = $1, body = $2"
                   " WHERE user_id = $3 AND key = $4",
                   "isis", (int64_t)req->status, body, req->who->user_id, key);
    else /* a failure is not remembered: the client may fix the request and retry */
        n = db_run(req->db, "DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2", "is",
                   req->who->user_id, key);
    if (n < 0)
        log_warn("idempotency: cannot record the answer: %s", hw_strerror((int)n));
}
