#include "auth/auth_http.h"

#include <stdio.h>
#include <string.h>

#include "kit/audit.h"
#include "kit/access.h"
#include "kit/notify_core.h"
#include "kit/write.h"
#include "auth/password.h"
#include "auth/session.h"
#include "auth/throttle.h"
#include "auth/users.h"
#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"

struct login_body {
    const char *login, *password;
};

static const struct body_field login_fields[] = {
    BODY_FIELD(struct login_body, login, BODY_STRING, true, 64),
    BODY_FIELD(struct login_body, password, BODY_STRING, true, PASSWORD_MAX_LEN),
};

struct account {
    int64_t id, district_id;
    char hash[PASSWORD_HASH_LEN];
    bool found, disabled;
};

static int find_account(struct db *db, const char *login, struct account *acc)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT id, password_hash, disabled, district_id FROM users"
                      " WHERE login = $1",
                      "s", login);
    if (rc != HW_OK)
        return rc;
    rc = db_step(st);
    acc->found = rc == DB_ROW;
    if (acc->found) {
        acc->id = db_col_int(st, 0);
        snprintf(acc->hash, sizeof acc->hash, "%s", db_col_text(st, 1));
        acc->disabled = db_col_bool(st, 2);
        acc->district_id = db_col_int(st, 3);
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

static int too_many(struct request *req, int64_t retry_after)
{
    char secs[24];
    snprintf(secs, sizeof secs, "%lld", (long long)retry_after);
    respond_header(req, "Retry-After", secs);
    return problem_send(req, PROBLEM_TOO_MANY_ATTEMPTS, NULL);
}

/* Counts this attempt against the account, then the address, and decides
 * whether its password may be checked: one write transaction, committed
 * before the hash is computed (auth/throttle.h). HW_ELIMIT with
 * *retry_after when it may not. */
static int count_attempt(struct request *req, const char *account_key, const char *ip_key,
                         int64_t *retry_after)
{
    int rc = db_begin(req->db, DB_TXN_WRITE);
    if (rc != HW_OK)
        return rc;
    int verdict = throttle_attempt(req->db, account_key, THROTTLE_ACCOUNT_MAX, retry_after);
    if (verdict == HW_OK)
        verdict = throttle_attempt(req->db, ip_key, THROTTLE_ADDRESS_MAX, retry_after);
    rc = verdict == HW_OK || verdict == HW_ELIMIT ? db_commit(req->db) : verdict;
    if (rc != HW_OK) {
        db_rollback(req->db);
        return rc;
    }
    return verdict;
}

static int record_failure(struct request *req, const struct account *acc)
{
    int rc = db_begin(req->db, DB_TXN_WRITE);
    if (rc != HW_OK)
        return rc;
    struct actor nobody = {.kind = ACTOR_USER, .ip = req->client_ip};
    struct write_event e = {.action = "login_failed",
                            .entity = acc->found ? "user" : NULL,
                            .entity_id = acc->found ? acc->id : 0,
                            .district_id = acc->found ? acc->district_id : 0};
    rc = write_event(req->db, &nobody, &e);
    if (rc == HW_OK)
        rc = db_commit(req->db);
    if (rc != HW_OK) {
        db_rollback(req->db);
        return rc;
    }
    return problem_send(req, PROBLEM_BAD_CREDENTIALS, NULL);
}

static int start_session(struct request *req, const struct account *acc, const char *account_key,
                         const char *ip_key, char token[SESSION_TOKEN_LEN], int64_t *expires_at)
{
    int rc = db_begin(req->db, DB_TXN_WRITE);
    if (rc != HW_OK)
        return rc;
    struct actor user = {.kind = ACTOR_USER, .user_id = acc->id, .ip = req->client_ip};
    struct write_event e = {.action = "login", .entity = "user", .entity_id = acc->id,
                            .district_id = acc->district_id};
    if ((rc = throttle_clear(req->db, account_key)) == HW_OK &&
        (rc = throttle_forgive(req->db, ip_key)) == HW_OK &&
        (rc = session_create(req->db, acc->id, token, expires_at)) == HW_OK &&
        (rc = write_event(req->db, &user, &e)) == HW_OK)
        rc = db_commit(req->db);
    if (rc != HW_OK)
        db_rollback(req->db);
    return rc;
}

static int set_session_cookie(struct request *req, const char *token, int64_t max_age)
{
    /* Secure when nginx says the client came over TLS. */
    const char *proto = req_header(req, "X-Forwarded-Proto");
    bool secure = proto && strcmp(proto, "https") == 0;
    const char *cookie = arena_printf(req->arena,
                                      SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Strict;"
                                                     " Max-Age=%lld%s",
                                      token, (long long)max_age, secure ? "; Secure" : "");
    return cookie ? respond_header(req, "Set-Cookie", cookie) : HW_ENOMEM;
}

/* POST /api/v1/auth/login */
int auth_http_login(struct request *req)
{
    struct login_body b = {0};
    int rc = BODY_PARSE(req, login_fields, &b);
    if (rc != HW_OK)
        return rc;
    const char *account_key = arena_printf(req->arena, "login:%s", b.login);
    const char *ip_key = arena_printf(req->arena, "ip:%s", req->client_ip);
    if (!account_key || !ip_key)
        return HW_ENOMEM;

    /* Counted and decided before a hash is spent, so attempts racing each
     * other cannot all pass a check made before any of them is counted. */
    int64_t retry_after = 0;
    rc = count_attempt(req, account_key, ip_key, &retry_after);
    if (rc == HW_ELIMIT)
        return too_many(req, retry_after);
    if (rc != HW_OK)
        return rc;

    struct account acc = {0};
    if ((rc = find_account(req->db, b.login, &acc)) != HW_OK)
        return rc;
    rc = password_verify(acc.found ? acc.hash : NULL, b.password);
    if (rc == HW_EAUTH || (rc == HW_OK && acc.disabled))
        return record_failure(req, &acc);
    if (rc != HW_OK)
        return rc;

    char token[SESSION_TOKEN_LEN];
    int64_t expires_at;
    if ((rc = start_session(req, &acc, account_key, ip_key, token, &expires_at)) != HW_OK)
        return rc;
    json_t *user;
    if ((rc = user_json(req->db, acc.id, true, &user)) != HW_OK)
        return rc;
    char csrf[SESSION_CSRF_LEN], expires[32];
    session_csrf_token(token, csrf);
    clock_format_rfc3339(expires_at, expires);
    if ((rc = set_session_cookie(req, token, SESSION_MAX_S)) != HW_OK) {
        json_decref(user);
        return rc;
    }
    return respond_json(req, 200,
                        json_pack("{s:s, s:s, s:s, s:o}", "token", token, "csrf_token", csrf,
                                  "expires_at", expires, "user", user));
}

/* POST /api/v1/auth/logout */
int auth_http_logout(struct request *req)
{
    int rc = db_begin(req->db, DB_TXN_WRITE);
    if (rc != HW_OK)
        return rc;
    if ((rc = session_revoke(req->db, req->session_token)) == HW_OK &&
        (rc = audit_change(req, "logout", "user", req->who->user_id, req->who->district_id, NULL,
                           NULL)) == HW_OK)
        rc = db_commit(req->db);
    if (rc != HW_OK) {
        db_rollback(req->db);
        return rc;
    }
    if ((rc = set_session_cookie(req, "", 0)) != HW_OK)
        return rc;
    return respond_empty(req, 204);
}

/* GET /api/v1/auth/me */
int auth_http_me(struct request *req)
{
    json_t *user;
    int rc = user_json(req->db, req->who->user_id, true, &user);
    if (rc != HW_OK)
        return rc;
    json_t *perms = json_array();
    for (int p = PERM_SIGNED_IN; perms && p < PERM_COUNT; p++)
        if (access_allows(req->who, (enum perm)p))
            json_array_append_new(perms, json_string(perm_name((enum perm)p)));
    int64_t unread = 0;
    if ((rc = notify_unread_count(req->db, req->who->user_id, &unread)) != HW_OK) {
        json_decref(user);
        json_decref(perms);
        return rc;
    }
    char csrf[SESSION_CSRF_LEN];
    session_csrf_token(req->session_token, csrf);
    return respond_json(req, 200,
                        json_pack("{s:o, s:s, s:o*, s:I}", "user", user, "csrf_token", csrf,
                                  "permissions", perms, "unread_notifications",
                                  (json_int_t)unread));
}
