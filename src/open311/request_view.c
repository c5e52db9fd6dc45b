#include "open311/request_view.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"

/* One query reads every field of a request: the order, its category, its
 * place and the places above it (copied onto every place row). */
#define VIEW_SELECT                                                                              \
    "SELECT w.number, w.status, w.outcome, c.code, c.name_zh, w.description, w.reported_at,"     \
    " w.updated_at, w.closed_at, w.resolve_due_at, w.place_text, w.lat_e6, w.lon_e6,"           \
    " w.place_id, p.kind, p.name, cm.name, cp.name, b.name, e.name"                              \
    " FROM work_orders w JOIN wo_categories c ON c.id = w.category_id"                           \
    " JOIN places p ON p.id = w.place_id"                                                        \
    " LEFT JOIN places cm ON cm.id = p.community_id"                                             \
    " LEFT JOIN places cp ON cp.id = p.compound_id"                                              \
    " LEFT JOIN places b ON b.id = p.building_id"                                                \
    " LEFT JOIN places e ON e.id = p.entrance_id"
enum {
    COL_NUMBER, COL_STATUS, COL_OUTCOME, COL_CODE, COL_SERVICE, COL_DESCRIPTION, COL_REPORTED,
    COL_UPDATED, COL_CLOSED, COL_RESOLVE_DUE, COL_PLACE_TEXT, COL_LAT, COL_LON, COL_PLACE_ID,
    COL_KIND, COL_NAME, COL_COMMUNITY, COL_COMPOUND, COL_BUILDING, COL_ENTRANCE,
};

enum { ADDRESS_MAX = 1024 };

/* Appends " name" (or "name" first) to out; what does not fit is left out. */
static void append(char *out, const char *name)
{
    size_t len = strlen(out);
    if (name && *name && len + strlen(name) + 2 <= ADDRESS_MAX)
        snprintf(out + len, ADDRESS_MAX - len, "%s%s", len ? " " : "", name);
}

static bool kind_is(struct db_stmt *st, const char *kind)
{
    return strcmp(db_col_text(st, COL_KIND), kind) == 0;
}

/* Where, for everyone: the community and the compound, or the grid,
 * community or sub-district a free-text place was filed at; never a
 * building, entrance or room, never the text the reporter typed. */
static void public_address(struct db_stmt *st, char out[ADDRESS_MAX])
{
    out[0] = '\0';
    if (!kind_is(st, "community") && !kind_is(st, "subdistrict"))
        append(out, db_col_text(st, COL_COMMUNITY));
    append(out, db_col_is_null(st, COL_COMPOUND) ? db_col_text(st, COL_NAME)
                                                  : db_col_text(st, COL_COMPOUND));
}

/* Where, for a key of the sub-district: the community, then the compound,
 * building, entrance and room, or the text the reporter typed. */
static void full_address(struct db_stmt *st, char out[ADDRESS_MAX])
{
    out[0] = '\0';
    if (!kind_is(st, "community") && !kind_is(st, "subdistrict"))
        append(out, db_col_text(st, COL_COMMUNITY));
    if (!db_col_is_null(st, COL_PLACE_TEXT)) {
        append(out, db_col_text(st, COL_PLACE_TEXT));
        return;
    }
    if (db_col_is_null(st, COL_COMPOUND)) {
        append(out, db_col_text(st, COL_NAME));
        return;
    }
    append(out, db_col_text(st, COL_COMPOUND));
    append(out, db_col_text(st, COL_BUILDING));
    append(out, db_col_text(st, COL_ENTRANCE));
    if (kind_is(st, "dwelling"))
        append(out, db_col_text(st, COL_NAME));
}

static json_t *time_json(int64_t t)
{
    char text[32];
    clock_format_rfc3339(t, text);
    return json_string(text);
}

/* Micro-degrees as decimal degrees, "33.347812": exact, never a float. */
static json_t *degrees_json(int64_t e6)
{
    char text[24];
    int64_t whole = e6 / 1000000, part = (e6 < 0 ? -e6 : e6) % 1000000;
    snprintf(text, sizeof text, "%s%lld.%06lld", e6 < 0 && whole == 0 ? "-" : "",
             (long long)whole, (long long)part);
    return json_string(text);
}

/* The row st is on as a request. */
static json_t *request_json(struct db_stmt *st, bool full)
{
    bool closed = strcmp(db_col_text(st, COL_STATUS), "closed") == 0;
    int64_t updated = closed && !db_col_is_null(st, COL_CLOSED) ? db_col_int(st, COL_CLOSED)
                                                                : db_col_int(st, COL_UPDATED);
    char address[ADDRESS_MAX];
    (full ? full_address : public_address)(st, address);
    json_t *r = json_object();
    int bad = !r;
    bad |= json_object_set_new(r, "service_request_id", json_string(db_col_text(st, COL_NUMBER)));
    bad |= json_object_set_new(r, "status", json_string(closed ? "closed" : "open"));
    if (full) {
        /* hongwu's own status, and for a closed order its outcome. */
        char notes[64];
        snprintf(notes, sizeof notes, "%s%s%s", db_col_text(st, COL_STATUS),
                 db_col_is_null(st, COL_OUTCOME) ? "" : ": ",
                 db_col_is_null(st, COL_OUTCOME) ? "" : db_col_text(st, COL_OUTCOME));
        bad |= json_object_set_new(r, "status_notes", json_string(notes));
    }
    bad |= json_object_set_new(r, "service_name", json_string(db_col_text(st, COL_SERVICE)));
    bad |= json_object_set_new(r, "service_code", json_string(db_col_text(st, COL_CODE)));
    if (full)
        bad |= json_object_set_new(r, "description",
                                   json_string(db_col_text(st, COL_DESCRIPTION)));
    bad |= json_object_set_new(r, "requested_datetime", time_json(db_col_int(st, COL_REPORTED)));
    bad |= json_object_set_new(r, "updated_datetime", time_json(updated));
    bad |= json_object_set_new(r, "expected_datetime",
                               time_json(db_col_int(st, COL_RESOLVE_DUE)));
    bad |= json_object_set_new(r, "address", json_string(address));
    if (full) {
        bad |= json_object_set_new(r, "address_id", json_integer(db_col_int(st, COL_PLACE_ID)));
        bool coords = !db_col_is_null(st, COL_LAT) && !db_col_is_null(st, COL_LON);
        bad |= json_object_set_new(r, "lat",
                                   coords ? degrees_json(db_col_int(st, COL_LAT)) : json_null());
        bad |= json_object_set_new(r, "long",
                                   coords ? degrees_json(db_col_int(st, COL_LON)) : json_null());
    }
    if (bad) {
        json_decref(r);
        return NULL;
    }
    return r;
}

/* Appends every row of st (then reset) to list. */
static int append_rows(struct db_stmt *st, bool full, json_t *list, bool *any)
{
    int rc;
    *any = false;
    while ((rc = db_step(st)) == DB_ROW) {
        json_t *r = request_json(st, full);
        if (!r || json_array_append_new(list, r) != 0) {
            rc = HW_ENOMEM;
            break;
        }
        *any = true;
    }
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

int open311_requests_list(struct db *db, const struct open311_filter *f, bool full,
                          json_t **out)
{
    /* codes: ",water,drains," so that one LIKE finds a whole code. */
    char codes[OPEN311_CODES_MAX + 3] = "";
    if (f->codes && (strlen(f->codes) > OPEN311_CODES_MAX ||
                     snprintf(codes, sizeof codes, ",%s,", f->codes) >= (int)sizeof codes))
        return HW_EINVAL;
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      VIEW_SELECT
                      " WHERE w.district_id = $1 AND w.reported_at >= $2 AND w.reported_at <= $3"
                      " AND ($4 = '' OR $4 LIKE '%,' || c.code || ',%')"
                      " AND ($5 = '' OR ($5 = 'closed') = (w.status = 'closed'))"
                      " ORDER BY w.reported_at DESC, w.id DESC LIMIT $6",
                      "iiissi", f->district_id, f->from, f->to, codes,
                      f->status ? f->status : "", (int64_t)OPEN311_REQUESTS_MAX);
    if (rc != HW_OK)
        return rc;
    json_t *list = json_array();
    if (!list) {
        db_reset(st);
        return HW_ENOMEM;
    }
    bool any;
    if ((rc = append_rows(st, full, list, &any)) != HW_OK) {
        json_decref(list);
        return rc;
    }
    *out = list;
    return HW_OK;
}

int open311_request_append(struct db *db, int64_t district_id, const char *number, bool full,
                           json_t *list)
{
    struct db_stmt *st;
    int rc = db_query(db, &st, VIEW_SELECT " WHERE w.district_id = $1 AND w.number = $2", "is",
                      district_id, number);
    if (rc != HW_OK)
        return rc;
    bool any;
    rc = append_rows(st, full, list, &any);
    return rc == HW_OK && !any ? HW_ENOTFOUND : rc;
}
