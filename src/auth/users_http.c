#include <string.h>

#include "kit/audit.h"
#include "kit/access.h"
#include "kit/scope.h"
#include "auth/password.h"
#include "auth/session.h"
#include "auth/users.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/validate.h"
#include "kit/record_routes.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"

/* An account outside the caller's sub-district answers as if it did not exist. */
static int user_visible(struct request *req, int64_t id, int64_t *district_id)
{
    int rc = user_district(req->db, id, district_id);
    if (rc != HW_OK)
        return rc;
    return scope_sees_everything(req->who) || *district_id == req->who->district_id
               ? HW_OK
               : HW_ENOTFOUND;
}

static int render_user(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return user_json(req->db, id, false, out);
}

/* GET /api/v1/users */
int users_http_list(struct request *req)
{
    int64_t limit, after;
    int rc = req_page(req, &limit, &after);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    struct scope_sql district;
    scope_district(req->who, "u", 2, &district);
    char sql[320];
    snprintf(sql, sizeof sql, "SELECT u.id FROM users u WHERE u.id > $1 AND %s ORDER BY u.id LIMIT $3",
             district.cond);
    rc = db_query(req->db, &st, sql, "iii", after, district.value, limit);
    if (rc != HW_OK)
        return rc;
    return respond_id_page(req, st, limit, render_user, NULL);
}

struct user_create_body {
    const char *login, *password, *name, *role, *phone;
    struct opt_int scope_id;
};

static const struct body_field user_create_fields[] = {
    BODY_FIELD(struct user_create_body, login, BODY_STRING, true, 64),
    BODY_FIELD(struct user_create_body, password, BODY_STRING, true, PASSWORD_MAX_LEN),
    BODY_FIELD(struct user_create_body, name, BODY_STRING, true, 64),
    BODY_FIELD(struct user_create_body, role, BODY_STRING, true, 32),
    BODY_FIELD(struct user_create_body, phone, BODY_STRING, false, 11),
    BODY_FIELD(struct user_create_body, scope_id, BODY_INT, false, 0),
};


/* The words are the accounts capability's (auth_capability.c). */
static int invalid_field(struct request *req, const char *field)
{
    return write_field_invalid(req, field);
}

struct user_create {
    const struct user_new *u;
    const char *hash;
};

static int apply_create(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct user_create *c = ctx;
    const char *bad = NULL;
    int rc = user_insert(req->db, c->u, c->hash, id, &bad);
    if (rc == HW_EINVAL && bad)
        return invalid_field(req, bad);
    if (rc == HW_ECONFLICT) {
        problem_field_msg(req, "login", FIELD_INVALID, "登录名已被占用", "login already taken");
        return problem_send(req, PROBLEM_CONFLICT, "login already taken") == HW_OK
                   ? HW_ECONFLICT
                   : HW_ENOMEM;
    }
    return rc == HW_OK ? user_district(req->db, *id, district) : rc;
}

/* POST /api/v1/users */
int users_http_create(struct request *req)
{
    struct user_create_body b = {0};
    int rc = BODY_PARSE(req, user_create_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct user_new u = {.login = b.login, .password = b.password, .name = b.name,
                         .phone = b.phone && *b.phone ? b.phone : NULL,
                         .scope_id = b.scope_id.set ? b.scope_id.v : 0};
    /* Every bad field at once, so the form can mark them all. */
    const char *bad[USER_FIELDS];
    int nbad = user_bad_fields(&u, bad);
    for (int i = 0; i < nbad; i++)
        invalid_field(req, bad[i]);
    bool role_ok = role_parse(b.role, &u.role) == HW_OK;
    if (!role_ok)
        invalid_field(req, "role");
    if (role_ok && !u.scope_id && !role_scope_allowed(u.role, NULL))
        problem_field(req, "scope_id", FIELD_REQUIRED);
    /* An admin bound to a sub-district creates accounts only inside it. */
    else if (!scope_sees_everything(req->who) &&
             (!u.scope_id || scope_place_visible(req->db, req->who, u.scope_id) != HW_OK))
        invalid_field(req, "scope_id");
    if (req->json_errors && json_array_size(req->json_errors) > 0)
        return HW_EINVAL;

    char hash[PASSWORD_HASH_LEN];
    const char *first_bad = NULL;
    if ((rc = user_prepare(&u, hash, &first_bad)) != HW_OK)
        return rc;

    struct user_create c = {.u = &u, .hash = hash};
    static const struct audited_write w = {
        .action = "create",
        .entity = "user",
        .location = "/api/v1/users/",
        .apply = apply_create,
        .render = render_user,
    };
    return audited_write_run(req, &w, &c, 0);
}

/* GET /api/v1/users/{id}: an admin, or the account's owner, sees the phone
 * unmasked, and that read is logged. */
int users_http_get(struct request *req)
{
    int64_t id = req->params[0], district;
    bool self = id == req->who->user_id;
    int rc;
    if (!self) {
        if (!access_allows(req->who, PERM_USER_ADMIN))
            return HW_ENOTFOUND;
        if ((rc = user_visible(req, id, &district)) != HW_OK)
            return rc;
    } else if ((rc = user_district(req->db, id, &district)) != HW_OK) {
        return rc;
    }
    json_t *u;
    if ((rc = user_json(req->db, id, true, &u)) != HW_OK)
        return rc;
    if (!self && json_is_string(json_object_get(u, "phone")) &&
        (rc = audit_sensitive_read(req, "user", id, district, "phone")) != HW_OK) {
        json_decref(u);
        return rc;
    }
    return respond_json(req, 200, u);
}

struct user_patch_body {
    const char *name, *phone, *password;
    struct opt_bool disabled;
};

static const struct body_field user_patch_fields[] = {
    BODY_FIELD(struct user_patch_body, name, BODY_STRING, false, 64),
    BODY_FIELD(struct user_patch_body, phone, BODY_STRING, false, 11),
    BODY_FIELD(struct user_patch_body, password, BODY_STRING, false, PASSWORD_MAX_LEN),
    BODY_FIELD(struct user_patch_body, disabled, BODY_BOOL, false, 0),
};

struct user_patch {
    const struct user_patch_body *b;
    const char *hash;
    int64_t district;
    bool applied;
};

static int apply_patch(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct user_patch *p = ctx;
    const struct user_patch_body *b = p->b;
    *district = p->district;
    p->applied = true;
    int64_t n = db_run(req->db,
                       "UPDATE users SET name = COALESCE($1, name),"
                       " phone = CASE WHEN $2 = 1 THEN NULLIF($3, '') ELSE phone END,"
                       " disabled = CASE WHEN $4 = 1 THEN $5 ELSE disabled END,"
                       " password_hash = COALESCE($6, password_hash), updated_at = $7"
                       " WHERE id = $8",
                       "sisibsii", b->name, (int64_t)(b->phone != NULL), b->phone,
                       (int64_t)b->disabled.set, (int)b->disabled.v, p->hash, clock_now(), *id);
    int rc = n < 0 ? (int)n : HW_OK;
    /* A disabled account or a new password ends every open session. */
    if (rc == HW_OK && ((b->disabled.set && b->disabled.v) || p->hash))
        rc = session_revoke_user(req->db, *id);
    return rc;
}

/* As audited: and, after a new password, that it was changed (never the hash). */
static int render_patched_user(struct request *req, void *ctx, int64_t id, json_t **out)
{
    const struct user_patch *p = ctx;
    int rc = user_json(req->db, id, false, out);
    if (rc == HW_OK && p->applied && p->hash &&
        json_object_set_new(*out, "password_changed", json_true()) != 0)
        rc = HW_ENOMEM;
    return rc;
}

/* PATCH /api/v1/users/{id} */
int users_http_patch(struct request *req)
{
    int64_t id = req->params[0], district;
    int rc = user_visible(req, id, &district);
    if (rc != HW_OK)
        return rc;
    struct user_patch_body b = {0};
    if ((rc = BODY_PARSE(req, user_patch_fields, &b)) != HW_OK)
        return rc;
    if (b.name && !*b.name)
        return invalid_field(req, "name");
    if (b.phone && *b.phone && !validate_mobile(b.phone))
        return invalid_field(req, "phone");
    char hash_buf[PASSWORD_HASH_LEN];
    const char *hash = NULL;
    if (b.password) {
        if (!password_acceptable(b.password))
            return invalid_field(req, "password");
        if ((rc = password_hash(b.password, hash_buf)) != HW_OK)
            return rc;
        hash = hash_buf;
    }
    struct user_patch p = {.b = &b, .hash = hash, .district = district};
    static const struct audited_write w = {
        .action = "update",
        .entity = "user",
        .apply = apply_patch,
        .render = render_user,
        .audit_render = render_patched_user,
    };
    return audited_write_run(req, &w, &p, id);
}
