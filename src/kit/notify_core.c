#include "kit/notify_core.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "kit/place_kinds.h"
#include "kit/principal.h"
#include "kit/webhook_core.h"

const char *const notify_event_kinds[] = {"announcement", NULL};

bool notify_event_known(const char *kind)
{
    for (size_t i = 0; kind && notify_event_kinds[i]; i++)
        if (strcmp(notify_event_kinds[i], kind) == 0)
            return true;
    return false;
}

int notify_event(struct db *db, int64_t district_id, const char *kind, json_t *data)
{
    if (!notify_event_known(kind))
        return HW_OK; /* nothing can subscribe to it */
    return webhook_enqueue(db, district_id, kind, data);
}

int notify_user(struct db *db, int64_t user_id, const char *kind, const char *title,
                const char *body, const char *link)
{
    return notify_user_about(db, user_id, kind, title, body, link, 0);
}

int notify_user_about(struct db *db, int64_t user_id, const char *kind, const char *title,
                      const char *body, const char *link, int64_t source_id)
{
    int64_t district = 0, id = 0;
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT district_id FROM users WHERE id = $1", "i", user_id);
    if (rc != HW_OK)
        return rc;
    district = db_col_int(st, 0);
    db_reset(st);
    rc = db_scalar_int(db, &id,
                       "INSERT INTO notifications (user_id, district_id, kind, title, body, link,"
                       " source_id, created_at) VALUES ($1, NULLIF($2, 0), $3, $4, $5, $6,"
                       " NULLIF(CAST($7 AS BIGINT), 0), $8) RETURNING id",
                       "iissssii", user_id, district, kind, title, body ? body : "", link,
                       source_id, clock_now());
    if (rc != HW_OK)
        return rc;
    json_t *data = json_pack("{s:I, s:I, s:s, s:s}", "notification_id", (json_int_t)id, "user_id",
                             (json_int_t)user_id, "kind", kind, "title", title);
    if (!data)
        return HW_ENOMEM;
    rc = notify_event(db, district, kind, data);
    json_decref(data);
    return rc;
}

int notify_withdraw(struct db *db, int64_t user_id, const char *kind, int64_t source_id)
{
    int64_t n = db_run(db,
                       "DELETE FROM notifications WHERE user_id = $1 AND kind = $2"
                       " AND source_id = $3",
                       "isi", user_id, kind, source_id);
    return n < 0 ? (int)n : HW_OK;
}

/* The roles of an audience as ",a,b," for a LIKE test; NULL: every role.
 * Only known role names get here (checked by the caller). */
static int roles_csv(const json_t *roles, char *out, size_t size, bool *any)
{
    *any = true;
    if (!roles || json_is_null(roles))
        return HW_OK;
    if (!json_is_array(roles))
        return HW_EINVAL;
    *any = false;
    size_t len = 0, i;
    json_t *v;
    out[len++] = ',';
    json_array_foreach((json_t *)roles, i, v)
    {
        enum role r;
        if (!json_is_string(v) || role_parse(json_string_value(v), &r) != HW_OK)
            return HW_EINVAL;
        int n = snprintf(out + len, size - len, "%s,", json_string_value(v));
        if (n < 0 || (size_t)n >= size - len)
            return HW_ELIMIT;
        len += (size_t)n;
    }
    out[len] = '\0';
    return HW_OK;
}

int notify_district(struct db *db, const struct notify_audience *to, const char *kind,
                    const char *title, const char *body, const char *link, int64_t source_id,
                    int64_t *count)
{
    char roles[512];
    bool every_role;
    int rc = roles_csv(to->roles, roles, sizeof roles, &every_role);
    if (rc != HW_OK)
        return rc;
    /* The scope's column (place.h): users whose scope place holds the
     * audience's scope in it are inside. */
    const char *col = "id";
    if (to->scope_id) {
        struct db_stmt *st;
        if ((rc = db_query_row(db, &st, "SELECT kind FROM places WHERE id = $1", "i",
                               to->scope_id)) != HW_OK)
            return rc;
        col = place_kind_column(db_col_text(st, 0));
        db_reset(st);
        if (!col)
            return HW_EINVAL;
    }
    char sql[1024];
    snprintf(sql, sizeof sql,
             "INSERT INTO notifications (user_id, district_id, kind, title, body, link,"
             " source_id, created_at)"
             " SELECT u.id, NULLIF(CAST($1 AS BIGINT), 0), CAST($2 AS TEXT), CAST($3 AS TEXT),"
             " CAST($4 AS TEXT), CAST($5 AS TEXT), NULLIF(CAST($6 AS BIGINT), 0),"
             " CAST($7 AS BIGINT)"
             " FROM users u LEFT JOIN places p ON p.id = u.scope_id"
             " WHERE u.disabled = FALSE AND ($8 = 0 OR p.%s = $8)"
             " AND ($9 = 1 OR CAST($10 AS TEXT) LIKE '%%,' || u.role || ',%%')",
             col);
    int64_t n =
        db_run(db, sql, "issssiiiis", to->district_id, kind, title, body ? body : "", link,
               source_id, clock_now(), to->scope_id, (int64_t)every_role, every_role ? "" : roles);
    if (n < 0)
        return (int)n;
    if (count)
        *count = n;
    return HW_OK;
}

int notify_unread_count(struct db *db, int64_t user_id, int64_t *out)
{
    return db_scalar_int(
        db, out, "SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL", "i",
        user_id);
}
