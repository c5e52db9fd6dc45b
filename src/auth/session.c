#include "auth/session.h"

#include <sodium.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/request.h"
#include "kit/principal.h"

/* Refresh last_seen_at at most once a minute: saves a write per request. */
enum { TOUCH_EVERY_S = 60 };

static void token_hash(const char *token, char out[65])
{
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
    sodium_bin2hex(out, 65, h, sizeof h);
}

void session_csrf_token(const char *token, char out[SESSION_CSRF_LEN])
{
    static const unsigned char key[] = "hongwu csrf token v1";
    unsigned char h[32];
    crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), key,
                       sizeof key - 1);
    sodium_bin2hex(out, SESSION_CSRF_LEN, h, sizeof h);
}

int session_create(struct db *db, int64_t user_id, char token[SESSION_TOKEN_LEN],
                   int64_t *expires_at)
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2base64(token, SESSION_TOKEN_LEN, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char hash[65];
    token_hash(token, hash);
    int64_t now = clock_now();
    *expires_at = now + SESSION_MAX_S;
    int64_t rc = db_run(db,
                        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at,"
                        " expires_at) VALUES ($1, $2, $3, $3, $4)",
                        "siii", hash, user_id, now, *expires_at);
    return rc < 0 ? (int)rc : HW_OK;
}

/* The account's columns, in the order principal_read expects them. */
#define PRINCIPAL_COLUMNS                                                                          \
    "u.login, u.name, u.role, u.scope_id, u.district_id, u.disabled, p.kind"
#define PRINCIPAL_SCOPE_JOIN " LEFT JOIN places p ON p.id = u.scope_id"

/* Reads the account's columns from column `first` of the row into the arena. */
static int principal_read(struct db_stmt *st, int first, struct arena *a, int64_t user_id,
                          struct principal **out, bool *disabled)
{
    struct principal *p = arena_alloc(a, sizeof *p);
    if (!p)
        return HW_ENOMEM;
    p->user_id = user_id;
    p->login = arena_strdup(a, db_col_text(st, first));
    p->name = arena_strdup(a, db_col_text(st, first + 1));
    p->scope_id = db_col_int(st, first + 3);
    p->district_id = db_col_int(st, first + 4);
    *disabled = db_col_bool(st, first + 5);
    bool no_kind = db_col_is_null(st, first + 6);
    p->scope_kind = no_kind ? NULL : arena_strdup(a, db_col_text(st, first + 6));
    if (!p->login || !p->name || (!no_kind && !p->scope_kind))
        return HW_ENOMEM;
    if (role_parse(db_col_text(st, first + 2), &p->role) != HW_OK)
        return HW_EDB; /* a role this build does not know: refuse, never guess */
    *out = p;
    return HW_OK;
}

int principal_load(struct db *db, struct arena *a, int64_t user_id, struct principal **out,
                   bool *disabled)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT " PRINCIPAL_COLUMNS " FROM users u" PRINCIPAL_SCOPE_JOIN
                          " WHERE u.id = $1",
                          "i", user_id);
    if (rc != HW_OK)
        return rc;
    rc = principal_read(st, 0, a, user_id, out, disabled);
    db_reset(st);
    return rc;
}

static const char *find_token(struct request *req)
{
    const char *auth = req_header(req, "Authorization");
    if (auth && strncasecmp(auth, "Bearer ", 7) == 0) {
        req->via_cookie = false;
        return auth + 7;
    }
    const char *cookie = MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, SESSION_COOKIE);
    req->via_cookie = cookie != NULL;
    return cookie;
}

int session_authenticate(struct request *req)
{
    const char *token = find_token(req);
    if (!token || !*token || strlen(token) >= SESSION_TOKEN_LEN)
        return HW_EAUTH;
    char hash[65];
    token_hash(token, hash);
    int64_t now = clock_now();

    /* The session and its account in one query: one round trip per request. */
    struct db_stmt *st;
    int rc = db_query(req->db, &st,
                      "SELECT s.user_id, s.last_seen_at, " PRINCIPAL_COLUMNS
                      " FROM sessions s JOIN users u ON u.id = s.user_id" PRINCIPAL_SCOPE_JOIN
                      " WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3",
                      "sii", hash, now, now - SESSION_IDLE_S);
    if (rc != HW_OK)
        return rc;
    rc = db_step(st);
    bool found = rc == DB_ROW;
    int64_t user_id = 0, last_seen = 0;
    bool disabled = false;
    if (found) {
        user_id = db_col_int(st, 0);
        last_seen = db_col_int(st, 1);
        rc = principal_read(st, 2, req->arena, user_id, &req->who, &disabled);
    }
    db_reset(st);
    if (rc < 0) {
        req->who = NULL;
        return rc;
    }
    if (!found || disabled) {
        req->who = NULL;
        return HW_EAUTH;
    }
    req->user_id = user_id;
    if (now - last_seen >= TOUCH_EVERY_S) {
        int64_t n = db_run(req->db, "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2",
                           "is", now, hash);
        if (n < 0)
            return (int)n;
    }
    req->session_token = arena_strdup(req->arena, token);
    return req->session_token ? HW_OK : HW_ENOMEM;
}

bool session_csrf_ok(struct request *req)
{
    const char *sent = req_header(req, "X-CSRF-Token");
    if (!sent || !req->session_token || strlen(sent) != SESSION_CSRF_LEN - 1)
        return false;
    char want[SESSION_CSRF_LEN];
    session_csrf_token(req->session_token, want);
    return sodium_memcmp(sent, want, SESSION_CSRF_LEN - 1) == 0;
}

int session_revoke(struct db *db, const char *token)
{
    char hash[65];
    token_hash(token, hash);
    int64_t n = db_run(db, "DELETE FROM sessions WHERE token_hash = $1", "s", hash);
    return n < 0 ? (int)n : HW_OK;
}

int session_revoke_user(struct db *db, int64_t user_id)
{
    int64_t n = db_run(db, "DELETE FROM sessions WHERE user_id = $1", "i", user_id);
    return n < 0 ? (int)n : HW_OK;
}
