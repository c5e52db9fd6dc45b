#include "kit/idempotency.h"

#include <sodium.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/audit.h"
#include "kit/principal.h"

enum { HASH_HEX = crypto_generichash_BYTES * 2 + 1 };

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

/* What makes a retry "the same request": method, path and body (BLAKE2b, hex). */
static void request_hash(const struct request *req, char out[HASH_HEX])
{
    unsigned char h[crypto_generichash_BYTES];
    crypto_generichash_state s;
    crypto_generichash_init(&s, NULL, 0, sizeof h);
    /* With their terminating NULs, so no two (method, path) pairs run together. */
    crypto_generichash_update(&s, (const unsigned char *)req->method, strlen(req->method) + 1);
    crypto_generichash_update(&s, (const unsigned char *)req->path, strlen(req->path) + 1);
    if (req->body_len)
        crypto_generichash_update(&s, (const unsigned char *)req->body, req->body_len);
    crypto_generichash_final(&s, h, sizeof h);
    sodium_bin2hex(out, HASH_HEX, h, sizeof h);
}

/* Deletes every user's expired answers, at most once a minute per process. */
static void purge_expired(struct db *db, int64_t now)
{
    static _Atomic int64_t next_purge;
    int64_t due = atomic_load(&next_purge);
    if (now < due || !atomic_compare_exchange_strong(&next_purge, &due, now + IDEMPOTENCY_PURGE_S))
        return; /* not yet, or another thread is at it */
    int64_t n = db_run(db, "DELETE FROM idempotency_keys WHERE created_at < $1", "i",
                       now - IDEMPOTENCY_TTL_S);
    if (n < 0)
        log_warn("idempotency: cannot delete expired answers: %s", hw_strerror((int)n));
}

int idempotency_note_read(struct request *req, const char *subject, int64_t subject_id,
                          int64_t district_id, const char *fields)
{
    if (!req->idempotency_key || req->idempotency_reads_overflow)
        return HW_OK;
    if (!req->idempotency_reads && !(req->idempotency_reads = req_keep(req, json_array())))
        return HW_ENOMEM;
    if (json_array_size(req->idempotency_reads) >= IDEMPOTENCY_READS_MAX) {
        req->idempotency_reads_overflow = true;
        return HW_OK;
    }
    json_t *r =
        json_pack("{s:s, s:I, s:I, s:s}", "subject", subject, "subject_id", (json_int_t)subject_id,
                  "district_id", (json_int_t)district_id, "fields", fields);
    return r && json_array_append_new(req->idempotency_reads, r) == 0 ? HW_OK : HW_ENOMEM;
}

/* Logs again, for this caller and now, the sensitive reads the first answer
 * logged: one transaction, as privacy_log_reads() does. */
static int log_reads_again(struct request *req, const char *reads_json)
{
    json_t *reads = req_keep(req, json_loads(reads_json, 0, NULL));
    if (!json_is_array(reads))
        return HW_EDB;
    if (json_array_size(reads) == 0)
        return HW_OK;
    int rc = db_begin(req->db, DB_TXN_WRITE);
    if (rc != HW_OK)
        return rc;
    for (size_t i = 0; rc == HW_OK && i < json_array_size(reads); i++) {
        json_t *r = json_array_get(reads, i);
        const char *subject = json_string_value(json_object_get(r, "subject"));
        const char *fields = json_string_value(json_object_get(r, "fields"));
        int64_t subject_id = json_integer_value(json_object_get(r, "subject_id"));
        int64_t district_id = json_integer_value(json_object_get(r, "district_id"));
        rc = subject && fields ? audit_sensitive_read(req, subject, subject_id, district_id, fields)
                               : HW_EDB;
    }
    if (rc == HW_OK)
        rc = db_commit(req->db);
    if (rc != HW_OK)
        db_rollback(req->db);
    return rc;
}

static int replay(struct request *req, int status, const char *body, const char *reads)
{
    /* Before the answer goes out: if the reads cannot be logged, the caller
     * gets an error (503/500), never the personal data. */
    int rc = log_reads_again(req, reads);
    if (rc != HW_OK)
        return rc;
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
    int64_t now = clock_now();
    purge_expired(req->db, now);
    const char *key = req_header(req, "Idempotency-Key");
    if (!key || strcmp(req->method, "POST") != 0 || !req->who)
        return HW_OK;
    if (!key_acceptable(key)) {
        problem_field(req, "Idempotency-Key", FIELD_INVALID);
        return HW_EINVAL;
    }
    int64_t uid = req->who->user_id;
    char hash[HASH_HEX];
    request_hash(req, hash);
    /* Forget this key's expired answer or abandoned claim: an answer older
     * than the window is never replayed, purged or not. */
    int64_t n = db_run(req->db,
                       "DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2"
                       " AND (created_at < $3 OR (status = 0 AND created_at < $4))",
                       "isii", uid, key, now - IDEMPOTENCY_TTL_S, now - IDEMPOTENCY_CLAIM_S);
    if (n < 0)
        return (int)n;
    n = db_run(req->db,
               "INSERT INTO idempotency_keys (user_id, key, method_path, request_hash, status,"
               " body, created_at) VALUES ($1, $2, $3, $4, 0, '', $5)"
               " ON CONFLICT (user_id, key) DO NOTHING",
               "isssi", uid, key, req->path, hash, now);
    if (n < 0)
        return (int)n;
    if (n == 1) {
        req->idempotency_key = arena_strdup(req->arena, key);
        req->answer_hook = idempotency_finish;
        return req->idempotency_key ? HW_OK : HW_ENOMEM;
    }
    /* The key is taken: the same request is answered as before, another refused. */
    struct db_stmt *st;
    int rc = db_query_row(req->db, &st,
                          "SELECT status, request_hash, body, reads_json FROM idempotency_keys"
                          " WHERE user_id = $1 AND key = $2",
                          "is", uid, key);
    if (rc == HW_ENOTFOUND)
        return HW_EBUSY; /* the other request's claim just expired: let the client retry */
    if (rc != HW_OK)
        return rc;
    int status = (int)db_col_int(st, 0);
    bool same = strcmp(db_col_text(st, 1), hash) == 0;
    char *body = same ? arena_strdup(req->arena, db_col_text(st, 2)) : NULL;
    char *reads = same ? arena_strdup(req->arena, db_col_text(st, 3)) : NULL;
    db_reset(st);
    if (!same) {
        problem_field_msg(req, "Idempotency-Key", FIELD_INVALID,
                          "该幂等键已用于另一个请求（路径或内容不同），新的请求请换一个键",
                          "this key was already used for a different request (path or body);"
                          " use a new key for a new request");
        return HW_EINVAL;
    }
    if (status == 0)
        return problem_send(req, PROBLEM_CONFLICT, "the first request with this key is running");
    if (!body || !reads)
        return HW_ENOMEM;
    return replay(req, status, body, reads);
}

/* Keeps status and body with the reads logged for them; HW_EINVAL when there
 * were too many reads to keep (the answer is then not kept). */
static int keep_answer(struct request *req, int status, const char *body)
{
    if (req->idempotency_reads_overflow)
        return HW_EINVAL;
    char *reads = req->idempotency_reads ? json_dumps(req->idempotency_reads, JSON_COMPACT) : NULL;
    if (req->idempotency_reads && !reads)
        return HW_ENOMEM;
    int64_t n = db_run(req->db,
                       "UPDATE idempotency_keys SET status = $1, body = $2, reads_json = $3"
                       " WHERE user_id = $4 AND key = $5",
                       "issis", (int64_t)status, body, reads ? reads : "[]", req->who->user_id,
                       req->idempotency_key);
    free(reads);
    return n < 0 ? (int)n : HW_OK;
}

int idempotency_keep_in_txn(struct request *req, int status, const char *body)
{
    if (!req->idempotency_key)
        return HW_OK;
    int rc = keep_answer(req, status, body);
    if (rc == HW_EINVAL)
        return HW_OK; /* not kept: a retry runs, and logs, again */
    if (rc == HW_OK)
        req->idempotency_kept = true;
    return rc;
}

void idempotency_finish(struct request *req, const char *body)
{
    if (!req->idempotency_key)
        return;
    /* Kept with its write, which committed: nothing more to do. */
    if (req->idempotency_kept && body) {
        req->idempotency_key = NULL;
        return;
    }
    /* A failure is not kept (the client may fix the request and retry), nor an
     * answer whose reads could not all be kept (a retry runs and logs again). */
    int rc = HW_EINVAL;
    if (body && req->status >= 200 && req->status < 300)
        rc = keep_answer(req, req->status, body);
    if (rc == HW_EINVAL) {
        int64_t n = db_run(req->db, "DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2",
                           "is", req->who->user_id, req->idempotency_key);
        rc = n < 0 ? (int)n : HW_OK;
    }
    req->idempotency_key = NULL;
    if (rc != HW_OK)
        log_warn("idempotency: cannot record the answer: %s", hw_strerror(rc));
}
