/* An order as answered (docs/api-workorders.md, "The order"), built from
 * the columns render_set.c reads for it. */
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "base/validate.h"
#include "kit/privacy.h"
#include "store/db_json.h"
#include "workorder/workorder_internal.h"

/* "吕*": the first character and a star. */
static json_t *masked_name(const char *name)
{
    if (!name)
        return json_null();
    size_t n = 1;
    while (name[n] && ((unsigned char)name[n] & 0xC0) == 0x80)
        n++;
    char out[8];
    snprintf(out, sizeof out, "%.*s*", (int)(n < 5 ? n : 1), name);
    return json_string(out);
}

bool wo_sees_reporter(const struct principal *who, int64_t reporter_user_id,
                      int64_t assignee_user_id)
{
    if (!who)
        return true; /* the audit's own render masks on the way in */
    if (who->user_id && (who->user_id == reporter_user_id || who->user_id == assignee_user_id))
        return true;
    return who->role != ROLE_RESIDENT && privacy_sees_identifiers(who);
}

json_t *wo_clocks_json(const struct wo_order *o, int64_t now)
{
    json_t *list = json_array();
    for (int c = 0; list && c < WO_CLOCK_COUNT; c++) {
        struct wo_clock_view v = wo_clock_view(o, (enum wo_clock)c, now);
        char due[40];
        wo_time_text(v.due_at, due, sizeof due);
        json_t *clock = json_pack("{s:s, s:s, s:I, s:o, s:b, s:b}", "name",
                                  wo_clock_name((enum wo_clock)c), "due_at", due, "left_s",
                                  (json_int_t)v.left_s, "met",
                                  v.met < 0 ? json_null() : json_boolean(v.met), "running",
                                  v.running, "paused", v.paused);
        if (!clock || json_array_append_new(list, clock) != 0) {
            json_decref(list);
            return NULL;
        }
    }
    return list;
}

void wo_time_text(int64_t t, char *out, size_t size)
{
    int32_t day = wo_local_day(t);
    char date[11];
    wo_day_format(day, date);
    int64_t s = t + WO_LOCAL_OFFSET_S - (int64_t)day * 86400;
    snprintf(out, size, "%sT%02d:%02d:%02d+08:00", date, (int)(s / 3600), (int)(s / 60 % 60),
             (int)(s % 60));
}

static json_t *time_or_null(int64_t t)
{
    if (!t)
        return json_null();
    char text[40];
    wo_time_text(t, text, sizeof text);
    return json_string(text);
}

json_t *wo_photo_row(struct db_stmt *st)
{
    char url[64];
    snprintf(url, sizeof url, "/api/v1/work-order-photos/%lld", (long long)db_col_int(st, 0));
    return json_pack("{s:I, s:s, s:s, s:I, s:o, s:o}", "id", (json_int_t)db_col_int(st, 0), "url",
                     url, "mime", db_col_text(st, 1), "bytes", (json_int_t)db_col_int(st, 2), "by",
                     db_json_int(st, 3), "at", time_or_null(db_col_int(st, 4)));
}

json_t *wo_whistle_row(struct db_stmt *st)
{
    int64_t due = db_col_int(st, 4), responded = db_col_int(st, 5);
    json_t *met = responded ? json_boolean(responded <= due)
                            : db_col_bool(st, 7) ? json_false() : json_null();
    return json_pack("{s:I, s:I, s:s, s:o, s:o, s:o, s:o, s:o}", "id",
                     (json_int_t)db_col_int(st, 0), "org_id", (json_int_t)db_col_int(st, 1),
                     "org_name", db_col_text(st, 2), "note", db_json_text(st, 3), "due_at",
                     time_or_null(due), "responded_at", time_or_null(responded), "response",
                     db_json_text(st, 6), "met", met);
}

static json_t *coord(struct db_stmt *st, int col)
{
    if (db_col_is_null(st, col))
        return json_null();
    int64_t v = db_col_int(st, col);
    char text[24];
    snprintf(text, sizeof text, "%s%lld.%06lld", v < 0 ? "-" : "", (long long)(v < 0 ? -v : v) / 1000000,
             (long long)(v < 0 ? -v : v) % 1000000);
    return json_string(text);
}

json_t *wo_answer_row(struct db_stmt *st, const struct principal *who, bool *disclosed)
{
    int64_t reporter = db_col_int(st, 5), assignee = db_col_int(st, 28);
    bool whole = wo_sees_reporter(who, reporter, assignee);
    const char *name = db_col_text(st, 7), *phone = db_col_text(st, 8);
    json_t *name_j, *phone_j;
    if (whole) {
        name_j = name ? json_string(name) : json_null();
        phone_j = phone ? json_string(phone) : json_null();
        if (who && who->user_id != reporter && phone)
            *disclosed = true;
    } else {
        char masked[32];
        if (phone)
            mask_phone(phone, masked, sizeof masked);
        name_j = masked_name(name);
        phone_j = phone ? json_string(masked) : json_null();
    }
    json_t *o = json_pack(
        "{s:I, s:s, s:I, s:s, s:{s:s, s:o, s:o, s:o, s:o}, s:{s:I, s:s}, s:o, s:o, s:o,"
        " s:o, s:o, s:{s:I, s:s, s:s, s:s}, s:s, s:s, s:o, s:s, s:o, s:s, s:o}",
        "id", (json_int_t)db_col_int(st, 0), "number", db_col_text(st, 1), "district_id",
        (json_int_t)db_col_int(st, 2), "channel", db_col_text(st, 3), "reporter", "kind",
        db_col_text(st, 4), "user_id", db_json_int(st, 5), "resident_id", db_json_int(st, 6),
        "name", name_j, "phone", phone_j, "place", "id", (json_int_t)db_col_int(st, 9), "kind",
        db_col_text(st, 10), "place_text", db_json_text(st, 11), "lat", coord(st, 12), "lon",
        coord(st, 13), "community_id", db_json_int(st, 14), "grid_id", db_json_int(st, 15),
        "category", "id", (json_int_t)db_col_int(st, 16), "code", db_col_text(st, 17), "name_zh",
        db_col_text(st, 18), "name_en", db_col_text(st, 19), "description", db_col_text(st, 20),
        "difficulty", db_col_text(st, 21), "classified_by", db_json_int(st, 22), "status",
        db_col_text(st, 24), "suspended_from", db_json_text(st, 25), "level", db_col_text(st, 26),
        "closed_level", db_json_text(st, 27));
    if (!o)
        return NULL;
    json_object_set_new(o, "classified_at", time_or_null(db_col_int(st, 23)));
    json_object_set_new(o, "assignee",
                        assignee ? json_pack("{s:I, s:s?}", "user_id", (json_int_t)assignee,
                                             "name", db_col_text(st, 29))
                                 : json_null());
    json_object_set_new(o, "team_id", db_json_int(st, 30));
    json_object_set_new(o, "grab", json_boolean(db_col_bool(st, 31)));
    json_object_set_new(o, "outcome", db_json_text(st, 32));
    json_object_set_new(o, "outcome_note", db_json_text(st, 33));
    json_object_set_new(o, "responsible", db_json_text(st, 34));
    json_object_set_new(o, "duplicate_of", db_json_int(st, 35));
    static const char *const times[] = {"reported_at", "dispatched_at", "taken_at",
                                        "on_site_at",  "plan_at",       "resolved_at",
                                        "rated_at",    "closed_at"};
    for (int i = 0; i < 8; i++)
        json_object_set_new(o, times[i], time_or_null(db_col_int(st, 36 + i)));
    json_object_set_new(o, "paused_s", json_integer(db_col_int(st, 44)));
    json_object_set_new(o, "due_soon", json_boolean(db_col_bool(st, 45)));
    json_object_set_new(o, "overdue", json_boolean(db_col_bool(st, 46)));
    json_object_set_new(o, "reopen_count", json_integer(db_col_int(st, 47)));
    json_object_set_new(o, "sendback_count", json_integer(db_col_int(st, 48)));
    json_object_set_new(o, "rating", db_json_int(st, 49));
    json_object_set_new(o, "rating_comment", db_json_text(st, 50));
    json_object_set_new(o, "visit_note", db_json_text(st, 51));
    json_object_set_new(o, "version", json_integer(db_col_int(st, 52)));
    json_object_set_new(o, "supporters", json_integer(db_col_int(st, 53)));
    return o;
}
