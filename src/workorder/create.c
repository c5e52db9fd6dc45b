/* Filing an order: workorder_create() and what the API's create shares
 * with it (wo_insert). */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/text.h"
#include "base/validate.h"
#include "kit/access.h"
#include "kit/scope.h"
#include "registry/resident_search.h"
#include "workorder/categories.h"
#include "workorder/clocks.h"
#include "workorder/dispatch.h"
#include "workorder/events.h"
#include "workorder/workorder_internal.h"

static const char *const channel_names[WO_CHANNEL_COUNT] = {
    "phone", "resident_page", "suggestion_box", "door_visit",
    "grid_patrol", "sensor", "rider", "open311"};
static const char *const reporter_names[] = {"resident", "staff", "anonymous"};

const char *wo_channel_name(enum wo_channel c)
{
    return (unsigned)c < WO_CHANNEL_COUNT ? channel_names[c] : NULL;
}

int wo_channel_parse(const char *s, enum wo_channel *out)
{
    for (int i = 0; s && i < WO_CHANNEL_COUNT; i++)
        if (strcmp(s, channel_names[i]) == 0)
            return *out = (enum wo_channel)i, HW_OK;
    return HW_EINVAL;
}

const char *wo_reporter_kind_name(enum wo_reporter_kind k)
{
    return (unsigned)k <= WO_REPORTER_ANONYMOUS ? reporter_names[k] : NULL;
}

int wo_reporter_kind_parse(const char *s, enum wo_reporter_kind *out)
{
    for (int i = 0; s && i <= WO_REPORTER_ANONYMOUS; i++)
        if (strcmp(s, reporter_names[i]) == 0)
            return *out = (enum wo_reporter_kind)i, HW_OK;
    return HW_EINVAL;
}

/* Text a person typed, trimmed into out (cap bytes with the NUL): 1 ..
 * cap-1 bytes of UTF-8, one line unless multiline, nothing invisible. */
static bool clean_text(const char *in, char *out, size_t cap, bool multiline)
{
    if (!in || strlen(in) >= cap)
        return false;
    memcpy(out, in, strlen(in) + 1);
    text_unify_newlines(out);
    text_trim(out);
    return out[0] && text_chars(out, multiline) > 0 && !text_has_invisible(out);
}

static bool kind_in(const char *kind, const char *const *kinds)
{
    for (; *kinds; kinds++)
        if (strcmp(kind, *kinds) == 0)
            return true;
    return false;
}

/* China's bounds, in micro-degrees: latitude 3.8..53.6, longitude 73.5..135.1. */
static bool coords_ok(int64_t lat, int64_t lon)
{
    return lat >= 3800000 && lat <= 53600000 && lon >= 73500000 && lon <= 135100000;
}

/* Who reported: name and phone as kept. */
struct reporter {
    char name[WO_NAME_MAX + 1];
    char phone[16];
    bool has_name, has_phone;
};

/* A name and phone read from the database, where r has none given. */
static void take_name_phone(struct reporter *r, const char *name, const char *phone)
{
    if (!r->has_name && name && strlen(name) <= WO_NAME_MAX)
        r->has_name = snprintf(r->name, sizeof r->name, "%s", name) > 0;
    if (!r->has_phone && phone && strlen(phone) < sizeof r->phone)
        r->has_phone = snprintf(r->phone, sizeof r->phone, "%s", phone) > 0;
}

/* What filing reads before it writes, in one query: the place and the ids
 * copied from it, the category asked for (when its sub-district has it),
 * whether the sub-district has categories yet and any routing rule, its
 * settings, and the filer's own name and phone. */
struct filing_facts {
    char kind[24];
    int64_t district_id, community_id, zone_id, compound_id, grid_id, building_id;
    bool has_categories, has_routes;
    int category; /* HW_OK, HW_ENOTFOUND, or HW_EDB for an unknown class */
    enum wo_difficulty difficulty;
    bool enabled;
    struct wo_settings settings;
    struct reporter filer;
};

static int filing_facts(struct db *db, int64_t place_id, int64_t category_id, int64_t filer,
                        struct filing_facts *f)
{
    struct db_stmt *st;
    int rc = db_query_row(
        db, &st,
        "SELECT p.kind, p.district_id, p.community_id, p.zone_id, p.compound_id, p.grid_id,"
        " p.building_id,"
        " EXISTS (SELECT 1 FROM wo_categories k WHERE k.district_id = p.district_id),"
        " EXISTS (SELECT 1 FROM wo_routes r WHERE r.district_id = p.district_id"
        " AND r.enabled = TRUE),"
        " c.id, c.difficulty, c.enabled, u.name, u.phone, " WO_SETTINGS_COLUMNS("ws.")
        " FROM places p LEFT JOIN wo_categories c ON c.id = $2 AND c.district_id = p.district_id"
        " LEFT JOIN users u ON u.id = $3"
        " LEFT JOIN wo_standards ws ON ws.district_id = p.district_id WHERE p.id = $1",
        "iii", place_id, category_id, filer);
    if (rc != HW_OK)
        return rc;
    *f = (struct filing_facts){0};
    snprintf(f->kind, sizeof f->kind, "%s", db_col_text(st, 0));
    int64_t *ids[] = {&f->district_id, &f->community_id, &f->zone_id,
                      &f->compound_id, &f->grid_id,      &f->building_id};
    for (int i = 0; i < 6; i++)
        *ids[i] = db_col_int(st, 1 + i);
    f->has_categories = db_col_bool(st, 7);
    f->has_routes = db_col_bool(st, 8);
    f->category = db_col_is_null(st, 9) ? HW_ENOTFOUND
                  : wo_difficulty_parse(db_col_text(st, 10), &f->difficulty) == HW_OK ? HW_OK
                                                                                       : HW_EDB;
    f->enabled = db_col_bool(st, 11);
    take_name_phone(&f->filer, db_col_text(st, 12), db_col_text(st, 13));
    wo_settings_from_row(st, 14, &f->settings);
    db_reset(st);
    return HW_OK;
}

static int resident_name_phone(struct db *db, int64_t id, struct reporter *r)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT name, phone FROM residents WHERE id = $1", "i", id);
    if (rc != HW_OK)
        return rc;
    take_name_phone(r, db_col_text(st, 0), db_col_text(st, 1));
    db_reset(st);
    return HW_OK;
}

/* The filer's own name and phone where r has none given. */
static int take_filer(struct reporter *r, const struct reporter *filer)
{
    take_name_phone(r, filer->has_name ? filer->name : NULL,
                    filer->has_phone ? filer->phone : NULL);
    return HW_OK;
}

static int check_reporter(struct db *db, const struct principal *who,
                          const struct workorder_new *n, const struct reporter *filer,
                          struct reporter *r, const char **bad)
{
    *r = (struct reporter){0};
    if (n->reporter.name) {
        if (!clean_text(n->reporter.name, r->name, sizeof r->name, false))
            return *bad = "reporter_name", HW_EINVAL;
        r->has_name = true;
    }
    if (n->reporter.phone) {
        if (!validate_mobile(n->reporter.phone))
            return *bad = "reporter_phone", HW_EINVAL;
        snprintf(r->phone, sizeof r->phone, "%s", n->reporter.phone);
        r->has_phone = true;
    }
    switch (n->reporter.kind) {
    case WO_REPORTER_ANONYMOUS:
        if (who->role == ROLE_RESIDENT)
            return *bad = "reporter_kind", HW_EINVAL;
        if (n->reporter.resident_id)
            return *bad = "reporter_resident_id", HW_EINVAL;
        *r = (struct reporter){0}; /* nothing of them is kept */
        return HW_OK;
    case WO_REPORTER_STAFF:
        if (who->role == ROLE_RESIDENT)
            return *bad = "reporter_kind", HW_EINVAL;
        if (n->reporter.resident_id)
            return *bad = "reporter_resident_id", HW_EINVAL;
        return take_filer(r, filer);
    case WO_REPORTER_RESIDENT:
        if (who->role == ROLE_RESIDENT) {
            if (n->reporter.resident_id)
                return *bad = "reporter_resident_id", HW_EINVAL;
            return take_filer(r, filer);
        }
        if (n->reporter.resident_id) {
            int64_t district;
            int rc = resident_visible(db, who, n->reporter.resident_id, REACH_CURRENT, &district);
            if (rc == HW_ENOTFOUND)
                return *bad = "reporter_resident_id", HW_EINVAL;
            if (rc != HW_OK)
                return rc;
            return resident_name_phone(db, n->reporter.resident_id, r);
        }
        return r->has_name ? HW_OK : (*bad = "reporter_name", HW_EINVAL);
    }
    return *bad = "reporter_kind", HW_EINVAL;
}

/* WO-YYYYMMDD-NNNN: the local day and the sub-district's count that day. */
static int next_number(struct db *db, int64_t district_id, int64_t now, char out[WO_NUMBER_MAX])
{
    int32_t day = wo_local_day(now);
    int64_t seq = 0;
    int rc = db_scalar_int(db, &seq,
                           "INSERT INTO wo_counters (district_id, day, last_seq) VALUES ($1, $2, 1)"
                           " ON CONFLICT (district_id, day) DO UPDATE"
                           " SET last_seq = wo_counters.last_seq + 1 RETURNING last_seq",
                           "ii", district_id, (int64_t)day);
    if (rc != HW_OK)
        return rc;
    char date[11];
    wo_day_format(day, date);
    snprintf(out, WO_NUMBER_MAX, "WO-%.4s%.2s%.2s-%04lld", date, date + 5, date + 8,
             (long long)seq);
    return HW_OK;
}

int wo_insert(struct db *db, const struct principal *who, const struct workorder_new *n,
              int64_t now, int64_t *id, int64_t *district, const char **bad)
{
    if ((unsigned)n->channel >= WO_CHANNEL_COUNT)
        return *bad = "channel", HW_EINVAL;
    char description[WO_DESCRIPTION_MAX + 1];
    if (!clean_text(n->description, description, sizeof description, true))
        return *bad = "description", HW_EINVAL;
    char place_text[WO_PLACE_TEXT_MAX + 1];
    if (n->place_text && !clean_text(n->place_text, place_text, sizeof place_text, false))
        return *bad = "place_text", HW_EINVAL;
    if (n->has_coords && !coords_ok(n->lat_e6, n->lon_e6))
        return *bad = "lat", HW_EINVAL;

    struct filing_facts f;
    int rc = n->place_id ? filing_facts(db, n->place_id, n->category_id, who->user_id, &f)
                         : HW_ENOTFOUND;
    if (rc == HW_ENOTFOUND)
        return *bad = "place_id", HW_EINVAL;
    if (rc != HW_OK)
        return rc;
    static const char *const exact[] = {"dwelling", "entrance", "building", "compound", NULL};
    static const char *const broad[] = {"dwelling",   "entrance", "building",    "compound",
                                        "micro_grid", "grid",     "zone",        "community",
                                        "subdistrict", NULL};
    if (!kind_in(f.kind, n->place_text ? broad : exact))
        return *bad = "place_id", HW_EINVAL;
    if (!scope_sees_everything(who) && f.district_id != who->district_id)
        return *bad = "place_id", HW_EINVAL;
    *district = f.district_id;

    enum wo_difficulty difficulty = f.difficulty;
    bool enabled = f.enabled;
    rc = f.category;
    if (!f.has_categories) { /* the sub-district's first order: its categories are seeded */
        rc = wo_categories_seed(db, f.district_id, now);
        if (rc == HW_OK)
            rc = wo_category_get(db, f.district_id, n->category_id, &difficulty, &enabled);
    }
    if (rc == HW_ENOTFOUND || (rc == HW_OK && !enabled))
        return *bad = "category_id", HW_EINVAL;
    if (rc != HW_OK)
        return rc;
    bool dispatcher = access_allows(who, PERM_WO_DISPATCH);
    if (n->has_difficulty) {
        if (!dispatcher || (unsigned)n->difficulty >= WO_DIFFICULTY_COUNT)
            return *bad = "difficulty", HW_EINVAL;
        difficulty = n->difficulty;
    }
    struct reporter r;
    if ((rc = check_reporter(db, who, n, &f.filer, &r, bad)) != HW_OK)
        return rc;

    char number[WO_NUMBER_MAX];
    int64_t due[WO_CLOCK_COUNT];
    if ((rc = next_number(db, f.district_id, now, number)) != HW_OK ||
        (rc = wo_deadlines_with(db, f.district_id, &f.settings, difficulty, now, 0, due)) !=
            HW_OK)
        return rc;
    int64_t queue = due[0] < due[1] ? due[0] : due[1];
    bool classified = n->has_difficulty;
    struct db_stmt *st;
    rc = db_query_row(
        db, &st,
        "INSERT INTO work_orders (district_id, number, channel, reporter_kind, reporter_user_id,"
        " reporter_resident_id, reporter_name, reporter_phone, place_id, place_text, lat_e6,"
        " lon_e6, community_id, grid_id, building_id, category_id, description, difficulty,"
        " classified_by, classified_at, status, level, reported_at, clock_start_at,"
        " on_site_due_at, resolve_due_at, queue_due, created_at, updated_at, zone_id,"
        " compound_id)"
        " VALUES ($1, $2, $3, $4, NULLIF(CAST($5 AS BIGINT), 0), NULLIF(CAST($6 AS BIGINT), 0),"
        " $7, $8, $9, $10, CASE WHEN $11 THEN CAST($12 AS BIGINT) END,"
        " CASE WHEN $11 THEN CAST($13 AS BIGINT) END, NULLIF(CAST($14 AS BIGINT), 0),"
        " NULLIF(CAST($15 AS BIGINT), 0), NULLIF(CAST($16 AS BIGINT), 0), $17, $18, $19,"
        " CASE WHEN $20 THEN CAST($5 AS BIGINT) END, CASE WHEN $20 THEN CAST($21 AS BIGINT) END,"
        " 'reported', $22, $21, $21, $23, $24, $25, $21, $21, NULLIF(CAST($26 AS BIGINT), 0),"
        " NULLIF(CAST($27 AS BIGINT), 0)) RETURNING " WO_ORDER_COLUMNS(""),
        "isssiissisbiiiiiissbisiiiii", f.district_id, number, wo_channel_name(n->channel),
        wo_reporter_kind_name(n->reporter.kind), who->user_id, n->reporter.resident_id,
        r.has_name ? r.name : NULL, r.has_phone ? r.phone : NULL, n->place_id,
        n->place_text ? place_text : NULL, (int)n->has_coords, n->lat_e6, n->lon_e6,
        f.community_id, f.grid_id, f.building_id, n->category_id, description,
        wo_difficulty_name(difficulty), (int)classified, now,
        f.grid_id ? "grid" : "community", due[WO_CLOCK_ON_SITE], due[WO_CLOCK_RESOLVE], queue,
        f.zone_id, f.compound_id);
    if (rc != HW_OK)
        return rc;
    struct wo_order o;
    rc = wo_order_from_row(st, 0, &o);
    db_reset(st);
    if (rc != HW_OK)
        return rc;
    *id = o.id;
    struct wo_event e = {.at = now, .user_id = who->user_id, .action = "report", .to = "reported"};
    if ((rc = wo_event_add(db, &o, &e)) != HW_OK ||
        (rc = wo_clocks_schedule_with(db, &o, &f.settings)) != HW_OK)
        return rc;
    return f.has_routes ? wo_auto_dispatch(db, &o, now) : HW_OK;
}

int wo_auto_dispatch(struct db *db, const struct wo_order *o, int64_t now)
{
    struct wo_assign a;
    bool found;
    int rc = wo_route_match(db, o, &a, &found);
    if (rc != HW_OK || !found)
        return rc;
    const char *bad = NULL;
    rc = wo_assign_resolve(db, o, &a, &bad);
    if (rc == HW_EINVAL) /* a rule naming someone gone: the dispatcher decides */
        return HW_OK;
    if (rc != HW_OK || (rc = wo_assign_apply(db, o, &a, now)) != HW_OK)
        return rc;
    json_t *data = json_pack("{s:I, s:s}", "rule_id", (json_int_t)a.rule_id, "mode",
                             wo_mode_name(a.mode));
    if (!data)
        return HW_ENOMEM;
    struct wo_event e = {.at = now, .action = "dispatch", .from = "reported", .to = "dispatched",
                         .data = data};
    rc = wo_event_add(db, o, &e);
    json_decref(data);
    if (rc == HW_OK && a.assignee_user_id) {
        char link[48];
        wo_link(o->id, link);
        rc = notify_user(db, a.assignee_user_id, "work_order", "新工单 / A new order", NULL, link);
    }
    return rc;
}

/* ---- workorder_create: one audited write for a plain actor ---------------- */

struct create_ctx {
    const struct principal *who;
    const struct workorder_new *n;
    const char **bad;
};

static int create_apply(struct db *db, void *ctx, int64_t *id, int64_t *district)
{
    struct create_ctx *c = ctx;
    return wo_insert(db, c->who, c->n, c->n->reported_at ? c->n->reported_at : clock_now(), id,
                     district, c->bad);
}

static int create_render(struct db *db, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return workorder_render_audit(db, id, out);
}

int workorder_create(struct db *db, const struct actor *a, const struct principal *who,
                     const struct workorder_new *n, int64_t *id, const char **bad_field)
{
    const char *ignored = NULL;
    struct create_ctx c = {.who = who, .n = n, .bad = bad_field ? bad_field : &ignored};
    const struct write_op op = {.action = "create", .entity = "work_order",
                                .apply = create_apply, .render = create_render};
    *id = 0;
    return db_in_txn(db) ? write_run_in(db, a, &op, &c, id) : write_run(db, a, &op, &c, id);
}
