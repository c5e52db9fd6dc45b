#include "care/visit.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "care/household.h"
#include "care/schedule.h"
#include "place/place.h"
#include "workorder/workorder.h"

bool care_client_key_valid(const char *key)
{
    size_t n = key ? strlen(key) : 0;
    if (n < CARE_KEY_MIN || n > CARE_KEY_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = key[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return false;
    }
    return true;
}

bool care_code_valid(const char *code)
{
    size_t n = code ? strlen(code) : 0;
    if (n < 1 || n > CARE_CODE_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((code[i] >= 'a' && code[i] <= 'z') || (code[i] >= '0' && code[i] <= '9') ||
              code[i] == '_'))
            return false;
    return true;
}

int care_visit_find_key(struct db *db, int64_t visitor_id, const char *key, int64_t *id)
{
    return db_scalar_int(db, id,
                         "SELECT id FROM care_visits WHERE visitor_id = $1 AND client_key = $2",
                         "is", visitor_id, key);
}

static bool text_ok(const char *s, size_t max, bool required)
{
    if (!s)
        return !required;
    size_t n = strlen(s);
    return (required ? n >= 1 : true) && n <= max;
}

static int check(const struct care_visit_new *v, int64_t now, const char **bad_field)
{
    *bad_field = !care_client_key_valid(v->client_key)                      ? "client_key"
                 : v->visited_at > now + CARE_GRACE_S ||
                         v->visited_at < now - CARE_BACKDATE_S               ? "visited_at"
                 : !text_ok(v->medical_staff, CARE_NAME_MAX, false) ||
                         (v->medical_staff && !*v->medical_staff)            ? "medical_staff"
                 : !text_ok(v->police, CARE_NAME_MAX, false) || (v->police && !*v->police)
                     ? "police"
                 : !text_ok(v->seen, CARE_TEXT_MAX, true)                    ? "seen"
                 : !text_ok(v->help_note, CARE_TEXT_MAX, false)              ? "help_note"
                 : v->follow_up && !text_ok(v->follow_up_description, CARE_TEXT_MAX, true)
                     ? "follow_up.description"
                     : NULL;
    for (size_t i = 0; !*bad_field && i < v->nhelp; i++)
        if (!care_code_valid(v->help[i]))
            *bad_field = "help";
    return *bad_field ? HW_EINVAL : HW_OK;
}

static int file_follow_up(struct db *db, const struct actor *a, const struct principal *who,
                          const struct care_visit_new *v, int64_t *order, const char **bad_field)
{
    struct workorder_new n = {
        .channel = WO_CHANNEL_DOOR_VISIT,
        .reporter = {.kind = WO_REPORTER_STAFF},
        .place_id = v->dwelling_id,
        .category_id = v->follow_up_category_id,
        .description = v->follow_up_description,
    };
    const char *bad = NULL;
    int rc = workorder_create(db, a, who, &n, order, &bad);
    if (rc == HW_EINVAL)
        *bad_field = bad && strcmp(bad, "description") == 0 ? "follow_up.description"
                                                             : "follow_up.category_id";
    return rc;
}

int care_visit_create(struct db *db, const struct actor *a, const struct principal *who,
                      const struct care_visit_new *v, int64_t now, int64_t *id,
                      const char **bad_field)
{
    int rc = check(v, now, bad_field);
    if (rc != HW_OK)
        return rc;
    int64_t day = care_day_of_epoch(v->visited_at);
    struct care_household h;
    if ((rc = care_household_load(db, v->dwelling_id, day, &h)) != HW_OK)
        return rc;
    char help[CARE_HELP_CODES_MAX * (CARE_CODE_MAX + 1) + 1] = "";
    size_t used = 0;
    for (size_t i = 0; i < v->nhelp; i++)
        used += (size_t)snprintf(help + used, sizeof help - used, "%s%s", i ? "," : "", v->help[i]);
    int64_t order = 0;
    if (v->follow_up && (rc = file_follow_up(db, a, who, v, &order, bad_field)) != HW_OK)
        return rc;
    char date[CARE_DATE_SIZE];
    care_day_format(day, date);
    bool accompanied = v->medical_staff && v->police;
    /* The order is named by a separate statement: 0 binds no order. */
    rc = db_scalar_int(db, id,
                       "INSERT INTO care_visits (district_id, dwelling_id, grid_id, visitor_id,"
                       " client_key, visited_at, visit_date, tier, medical_staff, police,"
                       " accompanied, seen, help, help_note, follow_up_note, created_at)"
                       " VALUES ($1, $2, NULLIF($3, CAST(0 AS BIGINT)), $4, $5, $6, $7, $8, $9,"
                       " $10, $11, $12, $13, $14, $15, $16) RETURNING id",
                       "iiiisissssbssssi", h.district_id, v->dwelling_id, h.grid_id, who->user_id,
                       v->client_key, v->visited_at, date, care_tier_name(h.tier), v->medical_staff,
                       v->police, (int)accompanied, v->seen, help, v->help_note,
                       v->follow_up ? v->follow_up_description : NULL, now);
    if (rc != HW_OK || !order)
        return rc;
    int64_t n = db_run(db, "UPDATE care_visits SET work_order_id = $2 WHERE id = $1", "ii", *id,
                       order);
    return n < 0 ? (int)n : HW_OK;
}

int care_visit_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(
        db, &st,
        "SELECT v.id, v.client_key, v.dwelling_id, v.grid_id, v.tier, v.visited_at, v.visit_date,"
        " v.visitor_id, u.name, v.medical_staff, v.police, v.accompanied, v.seen, v.help,"
        " v.help_note, v.follow_up_note, v.work_order_id, w.number, v.created_at"
        " FROM care_visits v JOIN users u ON u.id = v.visitor_id"
        " LEFT JOIN work_orders w ON w.id = v.work_order_id WHERE v.id = $1",
        "i", id);
    if (rc != HW_OK)
        return rc;
    char label[PLACE_LABEL_MAX] = "", at[32], created[32];
    int64_t dwelling = db_col_int(st, 2);
    clock_format_rfc3339(db_col_int(st, 5), at);
    clock_format_rfc3339(db_col_int(st, 18), created);
    json_t *help = json_array();
    const char *p = db_col_text(st, 13);
    while (help && p && *p) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        json_array_append_new(help, json_stringn(p, len));
        p = comma ? comma + 1 : NULL;
    }
    json_t *order = db_col_is_null(st, 16)
                        ? json_null()
                        : json_pack("{s:I, s:s?}", "id", (json_int_t)db_col_int(st, 16), "number",
                                    db_col_text(st, 17));
    json_t *o = json_pack(
        "{s:I, s:s, s:{s:I}, s:o, s:s?, s:s, s:s, s:{s:I, s:s?}, s:s?, s:s?, s:b, s:s, s:o,"
        " s:s?, s:b, s:s?, s:o, s:s}",
        "id", (json_int_t)db_col_int(st, 0), "client_key", db_col_text(st, 1), "household", "id",
        (json_int_t)dwelling, "grid_id",
        db_col_is_null(st, 3) ? json_null() : json_integer(db_col_int(st, 3)), "tier",
        db_col_text(st, 4), "visited_at", at, "visit_date", db_col_text(st, 6), "visitor",
        "user_id", (json_int_t)db_col_int(st, 7), "name", db_col_text(st, 8), "medical_staff",
        db_col_text(st, 9), "police", db_col_text(st, 10), "accompanied", db_col_bool(st, 11),
        "seen", db_col_text(st, 12), "help", help, "help_note", db_col_text(st, 14), "follow_up",
        !db_col_is_null(st, 15), "follow_up_note", db_col_text(st, 15), "work_order", order,
        "recorded_at", created);
    db_reset(st);
    if (!o)
        return HW_ENOMEM;
    if ((rc = place_label(db, dwelling, label, sizeof label)) == HW_OK)
        json_object_set_new(json_object_get(o, "household"), "label", json_string(label));
    if (rc != HW_OK) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return HW_OK;
}
