#include "auth/users.h"

#include <string.h>

#include "auth/password.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/validate.h"
#include "store/db_json.h"

enum { NAME_MAX_LEN = 64 };

static int check_scope(struct db *db, const struct user_new *u, int64_t *district,
                       const char **bad_field)
{
    *district = 0;
    if (!u->scope_id) {
        if (role_scope_allowed(u->role, NULL))
            return HW_OK;
        *bad_field = "scope_id";
        return HW_EINVAL;
    }
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT kind, district_id FROM places WHERE id = $1", "i",
                          u->scope_id);
    if (rc != HW_OK && rc != HW_ENOTFOUND)
        return rc;
    bool ok = rc == HW_OK && role_scope_allowed(u->role, db_col_text(st, 0));
    if (rc == HW_OK) {
        *district = db_col_int(st, 1);
        db_reset(st);
    }
    if (!ok) {
        *bad_field = "scope_id";
        return HW_EINVAL;
    }
    return HW_OK;
}

int user_bad_fields(const struct user_new *u, const char *bad[USER_FIELDS])
{
    int n = 0;
    if (!validate_login(u->login))
        bad[n++] = "login";
    if (!u->name || !*u->name || strlen(u->name) > NAME_MAX_LEN)
        bad[n++] = "name";
    if (u->phone && !validate_mobile(u->phone))
        bad[n++] = "phone";
    if (!password_acceptable(u->password))
        bad[n++] = "password";
    return n;
}

int user_prepare(const struct user_new *u, char hash[PASSWORD_HASH_LEN], const char **bad_field)
{
    const char *bad[USER_FIELDS];
    *bad_field = user_bad_fields(u, bad) ? bad[0] : NULL;
    if (*bad_field)
        return HW_EINVAL;
    return password_hash(u->password, hash);
}

int user_insert(struct db *db, const struct user_new *u, const char *hash, int64_t *id,
                const char **bad_field)
{
    int64_t district;
    *bad_field = NULL;
    int rc = check_scope(db, u, &district, bad_field);
    if (rc != HW_OK)
        return rc;
    int64_t now = clock_now();
    rc = db_scalar_int(db, id,
                       "INSERT INTO users (login, name, phone, role, scope_id, district_id,"
                       " password_hash, disabled, created_at, updated_at)"
                       " VALUES ($1, $2, $3, $4, NULLIF($5, 0), NULLIF($6, 0), $7, FALSE, $8, $8)"
                       " RETURNING id",
                       "ssssiisi", u->login, u->name, u->phone, role_name(u->role), u->scope_id,
                       district, hash, now);
    if (rc == HW_ECONFLICT)
        *bad_field = "login";
    return rc;
}

int user_json(struct db *db, int64_t id, bool unmask, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT u.login, u.name, u.phone, u.role, u.scope_id, p.kind, p.name,"
                          " u.district_id, u.disabled, d.name"
                          " FROM users u LEFT JOIN places p ON p.id = u.scope_id"
                          " LEFT JOIN places d ON d.id = u.district_id WHERE u.id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    json_t *phone = json_null();
    if (!db_col_is_null(st, 2)) {
        char masked[16];
        mask_phone(db_col_text(st, 2), masked, sizeof masked);
        phone = json_string(unmask ? db_col_text(st, 2) : masked);
    }
    json_t *scope = db_col_is_null(st, 4)
                        ? json_null()
                        : json_pack("{s:I, s:s, s:s}", "id", (json_int_t)db_col_int(st, 4), "kind",
                                    db_col_text(st, 5), "name", db_col_text(st, 6));
    /* The sub-district's name: an account's own, shown whatever its scope. */
    json_t *u = json_pack("{s:I, s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:b}", "id", (json_int_t)id,
                          "login", db_col_text(st, 0), "name", db_col_text(st, 1), "phone", phone,
                          "role", db_col_text(st, 3), "scope", scope, "district_id",
                          db_col_is_null(st, 7) ? json_null() : json_integer(db_col_int(st, 7)),
                          "district_name", db_json_text(st, 9), "disabled", db_col_bool(st, 8));
    db_reset(st);
    if (!u)
        return HW_ENOMEM;
    *out = u;
    return HW_OK;
}

int user_district(struct db *db, int64_t id, int64_t *district_id)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT district_id FROM users WHERE id = $1", "i", id);
    if (rc != HW_OK)
        return rc;
    *district_id = db_col_int(st, 0);
    db_reset(st);
    return HW_OK;
}
