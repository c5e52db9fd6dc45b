#include "kit/scope.h"
#include "kit/notify_http.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/text.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/access.h"
#include "kit/scope.h"
#include "kit/audit.h"
#include "kit/jobs_scheduler.h"
#include "kit/notify_core.h"
#include "kit/principal.h"
#include "kit/record_routes.h"
#include "store/db_json.h"

int notify_body_object(struct request *req, const char *const *names, size_t n, json_t **root)
{
    json_t *v;
    int body_rc = body_object(req, &v);
    if (body_rc != HW_OK)
        return body_rc;
    req->json = v;
    const char *key;
    json_t *member;
    json_object_foreach(v, key, member)
    {
        bool known = false;
        for (size_t i = 0; i < n && !known; i++)
            known = strcmp(names[i], key) == 0;
        if (!known)
            problem_field(req, strlen(key) > 64 ? "(long name)" : key, FIELD_UNKNOWN);
    }
    *root = v;
    return HW_OK;
}

/* --- the inbox ------------------------------------------------------------ */

static json_t *inbox_row(struct db_stmt *st)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:o, s:b, s:o, s:o}", "id",
                     (json_int_t)db_col_int(st, 0), "kind", db_col_text(st, 1), "title",
                     db_col_text(st, 2), "body", db_col_text(st, 3), "link", db_json_text(st, 4),
                     "read", !db_col_is_null(st, 5), "read_at", db_json_time(st, 5), "created_at",
                     db_json_time(st, 6));
}

#define INBOX_COLUMNS "id, kind, title, body, link, read_at, created_at"

int notify_http_inbox(struct request *req)
{
    int64_t limit, after, unread_count = 0;
    int rc = req_page(req, &limit, &after);
    if (rc != HW_OK)
        return rc;
    const char *unread = req_query(req, "unread");
    bool only_unread = unread && (strcmp(unread, "1") == 0 || strcmp(unread, "true") == 0);
    if (unread && !only_unread && strcmp(unread, "0") != 0 && strcmp(unread, "false") != 0) {
        problem_field(req, "unread", FIELD_INVALID);
        return HW_EINVAL;
    }
    if ((rc = notify_unread_count(req->db, req->who->user_id, &unread_count)) != HW_OK)
        return rc;
    struct db_stmt *st;
    rc = db_query(req->db, &st,
                  "SELECT " INBOX_COLUMNS " FROM notifications WHERE user_id = $1"
                  " AND ($2 = 0 OR id < $2) AND ($3 = 0 OR read_at IS NULL)"
                  " ORDER BY id DESC LIMIT $4",
                  "iiii", req->who->user_id, after, (int64_t)only_unread, limit);
    if (rc != HW_OK)
        return rc;
    json_t *items;
    if ((rc = db_json_rows(st, inbox_row, &items)) != HW_OK)
        return rc;
    size_t n = json_array_size(items);
    json_t *last = n ? json_object_get(json_array_get(items, n - 1), "id") : NULL;
    return respond_json(req, 200,
                        json_pack("{s:o, s:O, s:I}", "items", items, "next_after",
                                  n == (size_t)limit && last ? last : json_null(), "unread",
                                  (json_int_t)unread_count));
}

int notify_http_read(struct request *req)
{
    struct db_stmt *st;
    int rc = db_query_row(req->db, &st,
                          "UPDATE notifications SET read_at = COALESCE(read_at, $1)"
                          " WHERE id = $2 AND user_id = $3 RETURNING " INBOX_COLUMNS,
                          "iii", clock_now(), req->params[0], req->who->user_id);
    if (rc != HW_OK)
        return rc; /* another user's item is not there */
    json_t *item = inbox_row(st);
    db_reset(st);
    return item ? respond_json(req, 200, item) : HW_ENOMEM;
}

int notify_http_read_all(struct request *req)
{
    int64_t n = db_run(req->db,
                       "UPDATE notifications SET read_at = $1 WHERE user_id = $2"
                       " AND read_at IS NULL",
                       "ii", clock_now(), req->who->user_id);
    if (n < 0)
        return (int)n;
    return respond_json(req, 200, json_pack("{s:I, s:I}", "marked", (json_int_t)n, "unread", 0));
}

/* --- announcements ---------------------------------------------------------- */

/* A text member, trimmed, into the arena: NULL when absent or bad (the
 * error recorded). */
static const char *text_member(struct request *req, json_t *root, const char *name, bool multiline,
                               long max_chars)
{
    json_t *v = json_object_get(root, name);
    if (!v) {
        problem_field(req, name, FIELD_REQUIRED);
        return NULL;
    }
    if (!json_is_string(v)) {
        problem_field(req, name, FIELD_WRONG_TYPE);
        return NULL;
    }
    if (strlen(json_string_value(v)) != json_string_length(v)) {
        problem_field(req, name, FIELD_INVALID);
        return NULL;
    }
    char *s = arena_strdup(req->arena, json_string_value(v));
    if (!s)
        return NULL;
    text_trim(multiline ? text_unify_newlines(s) : s);
    long chars = text_chars(s, multiline);
    if (chars > max_chars) {
        problem_field(req, name, FIELD_TOO_LONG);
        return NULL;
    }
    if (chars <= 0) {
        write_field_invalid(req, name);
        return NULL;
    }
    return s;
}

/* roles: absent, null, or a non-empty array of distinct role names. */
static bool roles_ok(const json_t *roles)
{
    if (!roles || json_is_null(roles))
        return true;
    if (!json_is_array(roles) || json_array_size(roles) == 0 || json_array_size(roles) > ROLE_COUNT)
        return false;
    for (size_t i = 0; i < json_array_size(roles); i++) {
        json_t *r = json_array_get(roles, i);
        enum role role;
        if (!json_is_string(r) || role_parse(json_string_value(r), &role) != HW_OK)
            return false;
        for (size_t k = 0; k < i; k++)
            if (json_equal(r, json_array_get(roles, k)))
                return false;
    }
    return true;
}

enum { ANNOUNCE_AHEAD_MAX_S = 366 * 24 * 3600 };

/* at: absent (now), an RFC 3339 time or epoch seconds; not more than a
 * year ahead. A past time means now. */
static bool at_ok(const json_t *at, int64_t now, int64_t *out)
{
    *out = now;
    if (!at || json_is_null(at))
        return true;
    int64_t t;
    if (json_is_integer(at))
        t = json_integer_value(at);
    else if (!json_is_string(at) || jobs_parse_time(json_string_value(at), &t) != HW_OK)
        return false;
    if (t < 0 || t > now + ANNOUNCE_AHEAD_MAX_S)
        return false;
    *out = t > now ? t : now;
    return true;
}

static int announcement_render(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return announcement_json(req->db, id, out);
}

int notify_http_announce(struct request *req)
{
    static const char *const names[] = {"title", "body", "roles", "at"};
    json_t *root;
    int rc = notify_body_object(req, names, sizeof names / sizeof names[0], &root);
    if (rc != HW_OK)
        return rc;
    const char *title = text_member(req, root, "title", false, NOTIFY_TITLE_MAX);
    const char *body = text_member(req, root, "body", true, NOTIFY_BODY_MAX);
    json_t *roles = json_object_get(root, "roles");
    if (!roles_ok(roles))
        write_field_invalid(req, "roles");
    int64_t at;
    if (!at_ok(json_object_get(root, "at"), clock_now(), &at))
        write_field_invalid(req, "at");
    if (!title || !body || (req->json_errors && json_array_size(req->json_errors) > 0))
        return HW_EINVAL;

    struct announcement_new a = {
        .district_id = req->who->district_id,
        .scope_id = scope_sees_everything(req->who) ? 0 : req->who->scope_id,
        .author_id = req->who->user_id,
        .title = title,
        .body = body,
        .roles = json_is_array(roles) ? roles : NULL,
        .deliver_at = at,
    };
    if ((rc = db_begin(req->db, DB_TXN_WRITE)) != HW_OK)
        return rc;
    int64_t id = 0;
    json_t *after = NULL;
    if ((rc = announcement_create(req->db, &a, &id)) == HW_OK &&
        (rc = announcement_json(req->db, id, &after)) == HW_OK &&
        (rc = audit_change(req, "create", "announcement", id, a.district_id, NULL, after)) == HW_OK)
        rc = db_commit(req->db);
    if (rc != HW_OK) {
        db_rollback(req->db);
        json_decref(after);
        return rc;
    }
    jobs_scheduler_wake();
    char location[64];
    snprintf(location, sizeof location, "/api/v1/announcements/%lld", (long long)id);
    respond_header(req, "Location", location);
    return respond_json(req, 201, after);
}

/* Announcements and webhooks are the caller's sub-district's; an
 * installation admin sees all. */
int notify_http_announcements(struct request *req)
{
    int64_t limit, after;
    int rc = req_page(req, &limit, &after);
    if (rc != HW_OK)
        return rc;
    struct scope_sql district;
    scope_district(req->who, "announcements", 2, &district);
    char sql[256];
    snprintf(sql, sizeof sql,
             "SELECT id FROM announcements WHERE ($1 = 0 OR id < $1) AND %s"
             " ORDER BY id DESC LIMIT $3",
             district.cond);
    struct db_stmt *st;
    if ((rc = db_query(req->db, &st, sql, "iii", after, district.value, limit)) != HW_OK)
        return rc;
    return respond_id_page(req, st, limit, announcement_render, NULL);
}

int notify_http_announcement(struct request *req)
{
    struct scope_sql district;
    scope_district(req->who, "announcements", 2, &district);
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT id FROM announcements WHERE id = $1 AND %s",
             district.cond);
    int64_t id;
    int rc = db_scalar_int(req->db, &id, sql, "ii", req->params[0], district.value);
    if (rc != HW_OK)
        return rc;
    json_t *out;
    if ((rc = announcement_json(req->db, id, &out)) != HW_OK)
        return rc;
    return respond_json(req, 200, out);
}
