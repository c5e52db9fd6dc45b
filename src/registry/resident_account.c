#include "registry/resident_account.h"

#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "place/place.h"

bool resident_account_link_check(const struct resident_account_facts *f,
                                 struct resident_fault *fault)
{
    if (!f->resident_role) {
        *fault = (struct resident_fault){"user_id", "只有居民账号可以关联到居民",
                                         "only an account of role resident speaks for a resident"};
        return false;
    }
    if (!f->resident_district || f->resident_district != f->account_district || !f->lives_there) {
        *fault = (struct resident_fault){
            "resident_id", "须为现居住在该账号所绑定房屋的居民（未迁出）",
            "a resident who lives now (not moved out) in the dwelling the account is bound to"};
        return false;
    }
    return true;
}

int resident_account_facts_read(struct db *db, int64_t user_id, int64_t resident_id,
                                struct resident_account_facts *out)
{
    *out = (struct resident_account_facts){0};
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT u.role, COALESCE(u.district_id, 0),"
                          " COALESCE((SELECT r.district_id FROM residents r WHERE r.id = $2), 0),"
                          " (SELECT count(*) FROM occupancies o WHERE o.resident_id = $2"
                          " AND o.dwelling_id = u.scope_id AND o.moved_out IS NULL)"
                          " FROM users u WHERE u.id = $1",
                          "ii", user_id, resident_id);
    if (rc != HW_OK)
        return rc;
    out->resident_role = strcmp(db_col_text(st, 0), "resident") == 0;
    out->account_district = db_col_int(st, 1);
    out->resident_district = db_col_int(st, 2);
    out->lives_there = db_col_int(st, 3) > 0;
    db_reset(st);
    return HW_OK;
}

int resident_account_link(struct db *db, int64_t user_id, int64_t resident_id, int64_t by,
                          int64_t now, bool *changed)
{
    int64_t current = 0;
    int rc = resident_account_resident(db, user_id, &current);
    if (rc != HW_OK && rc != HW_ENOTFOUND)
        return rc;
    *changed = current != resident_id;
    if (!*changed)
        return HW_OK;
    int64_t n = db_run(db,
                       "INSERT INTO resident_accounts (user_id, resident_id, district_id,"
                       " linked_by, linked_at) SELECT $1, $2, r.district_id,"
                       " NULLIF(CAST($3 AS BIGINT), 0), $4 FROM residents r WHERE r.id = $2"
                       " ON CONFLICT (user_id) DO UPDATE SET resident_id = excluded.resident_id,"
                       " district_id = excluded.district_id, linked_by = excluded.linked_by,"
                       " linked_at = excluded.linked_at",
                       "iiii", user_id, resident_id, by, now);
    return n < 0 ? (int)n : n == 1 ? HW_OK : HW_ENOTFOUND;
}

int resident_account_unlink(struct db *db, int64_t user_id, bool *changed)
{
    int64_t n = db_run(db, "DELETE FROM resident_accounts WHERE user_id = $1", "i", user_id);
    *changed = n > 0;
    return n < 0 ? (int)n : HW_OK;
}

int resident_account_resident(struct db *db, int64_t user_id, int64_t *resident_id)
{
    return db_scalar_int(db, resident_id,
                         "SELECT resident_id FROM resident_accounts WHERE user_id = $1", "i",
                         user_id);
}

int resident_account_json(struct db *db, int64_t user_id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(
        db, &st,
        "SELECT u.login, u.name, COALESCE(u.scope_id, 0), a.resident_id,"
        " (SELECT o.relation FROM occupancies o WHERE o.resident_id = a.resident_id"
        " AND o.dwelling_id = u.scope_id AND o.moved_out IS NULL ORDER BY o.id LIMIT 1),"
        " a.linked_by, a.linked_at FROM users u"
        " LEFT JOIN resident_accounts a ON a.user_id = u.id WHERE u.id = $1",
        "i", user_id);
    if (rc != HW_OK)
        return rc;
    int64_t dwelling = db_col_int(st, 2);
    bool linked = !db_col_is_null(st, 3);
    char at[32] = "";
    if (linked)
        clock_format_rfc3339(db_col_int(st, 6), at);
    json_t *o = json_pack(
        "{s:I, s:s, s:s, s:I, s:o, s:s?, s:o, s:o, s:s?}", "user_id", (json_int_t)user_id,
        "login", db_col_text(st, 0), "name", db_col_text(st, 1), "dwelling_id",
        (json_int_t)dwelling, "resident_id", linked ? json_integer(db_col_int(st, 3)) : json_null(),
        "relation", linked ? db_col_text(st, 4) : NULL, "linked", json_boolean(linked),
        "linked_by", linked && !db_col_is_null(st, 5) ? json_integer(db_col_int(st, 5)) : json_null(),
        "linked_at", linked ? at : NULL);
    db_reset(st);
    if (!o)
        return HW_ENOMEM;
    char label[PLACE_LABEL_MAX] = "";
    rc = dwelling ? place_label(db, dwelling, label, sizeof label) : HW_OK;
    if (rc == HW_OK && json_object_set_new(o, "label", json_string(label)) != 0)
        rc = HW_ENOMEM;
    if (rc != HW_OK) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return HW_OK;
}
