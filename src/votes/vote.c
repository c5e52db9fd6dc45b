#include "votes/vote.h"

#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/text.h"
#include "base/validate.h"
#include "place/place.h"
#include "votes/matter.h"
#include "votes/tally.h"

static const char *const status_names[] = {
    [VOTE_DRAFT] = "draft",           [VOTE_PUBLISHED] = "published", [VOTE_OPEN] = "open",
    [VOTE_PRELIMINARY] = "preliminary", [VOTE_FINAL] = "final",     [VOTE_CANCELLED] = "cancelled",
};

const char *vote_status_name(enum vote_status s)
{
    return (unsigned)s <= VOTE_CANCELLED ? status_names[s] : "?";
}

int vote_status_parse(const char *name, enum vote_status *out)
{
    for (int s = VOTE_DRAFT; name && s <= VOTE_CANCELLED; s++)
        if (strcmp(status_names[s], name) == 0) {
            *out = (enum vote_status)s;
            return HW_OK;
        }
    return HW_EINVAL;
}

int vote_load(struct db *db, int64_t id, struct vote *out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT id, district_id, place_id, compound_id, COALESCE(building_id, 0),"
                          " status, special, secret, opens_at, closes_at, objection_days,"
                          " COALESCE(objections_until, 0) FROM votes WHERE id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    *out = (struct vote){.id = db_col_int(st, 0), .district_id = db_col_int(st, 1),
                         .place_id = db_col_int(st, 2), .compound_id = db_col_int(st, 3),
                         .building_id = db_col_int(st, 4), .special = db_col_bool(st, 6),
                         .secret = db_col_bool(st, 7), .opens_at = db_col_int(st, 8),
                         .closes_at = db_col_int(st, 9), .objection_days = db_col_int(st, 10),
                         .objections_until = db_col_int(st, 11)};
    rc = vote_status_parse(db_col_text(st, 5), &out->status);
    db_reset(st);
    return rc == HW_OK ? HW_OK : HW_EDB;
}

int vote_new_check(const struct vote_new *v, int64_t now, const char **bad_field)
{
    size_t title = v->title ? strlen(v->title) : 0;
    if (!title || title > VOTE_TITLE_MAX || text_chars(v->title, false) < 1 ||
        text_untrimmed(v->title) || text_has_invisible(v->title))
        *bad_field = "title";
    else if (v->description &&
             (strlen(v->description) > VOTE_TEXT_MAX || text_chars(v->description, true) < 0))
        *bad_field = "description";
    else if (!vote_matter_find(v->matter))
        *bad_field = "matter";
    else if (v->opens_at <= now)
        *bad_field = "opens_at";
    else if (v->closes_at <= v->opens_at || v->closes_at - v->opens_at > VOTE_LENGTH_MAX_S)
        *bad_field = "closes_at";
    else if (v->objection_days < 0 || v->objection_days > VOTE_OBJECTION_DAYS_MAX)
        *bad_field = "objection_days";
    else
        return HW_OK;
    return HW_EINVAL;
}

int vote_create(struct db *db, const struct vote_new *v, int64_t by, int64_t now, int64_t *id,
                const char **bad_field)
{
    int rc = vote_new_check(v, now, bad_field);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    rc = db_query_row(db, &st,
                      "SELECT kind, district_id, compound_id, building_id FROM places WHERE id = $1",
                      "i", v->place_id);
    if (rc == HW_ENOTFOUND) {
        *bad_field = "place_id";
        return HW_EINVAL;
    }
    if (rc != HW_OK)
        return rc;
    const char *kind = db_col_text(st, 0);
    bool building = strcmp(kind, "building") == 0;
    bool ok = (building || strcmp(kind, "compound") == 0) && !db_col_is_null(st, 2);
    int64_t district = db_col_int(st, 1), compound = db_col_int(st, 2);
    db_reset(st);
    if (!ok) { /* a building outside a compound has no owners' assembly to decide for it */
        *bad_field = "place_id";
        return HW_EINVAL;
    }
    const struct vote_matter *m = vote_matter_find(v->matter);
    return db_scalar_int(
        db, id,
        "INSERT INTO votes (district_id, place_id, compound_id, building_id, title, description,"
        " matter, special, secret, status, opens_at, closes_at, objection_days, created_by,"
        " created_at, updated_at) VALUES ($1, $2, $3, NULLIF(CAST($4 AS BIGINT), 0), $5, $6, $7,"
        " $8, $9, 'draft', $10, $11, $12, $13, $14, $14) RETURNING id",
        "iiiisssbbiiiii", district, v->place_id, compound, building ? v->place_id : (int64_t)0,
        v->title, v->description ? v->description : "", m->code, (int)m->special, (int)v->secret,
        v->opens_at, v->closes_at,
        v->objection_days ? v->objection_days : (int64_t)VOTE_OBJECTION_DAYS_DEFAULT, by, now);
}

bool vote_accepts_ballots(const struct vote *v, int64_t now)
{
    return v->status == VOTE_OPEN && now < v->closes_at;
}

/* ---- the answer ---------------------------------------------------------- */

static json_t *time_json(struct db_stmt *st, int col)
{
    if (db_col_is_null(st, col))
        return json_null();
    char at[32];
    clock_format_rfc3339(db_col_int(st, col), at);
    return json_string(at);
}

static json_t *weight_json(int64_t heads, int64_t area_cm2)
{
    char m2[32];
    area_format(area_cm2, m2, sizeof m2);
    return json_pack("{s:I, s:I, s:s}", "heads", (json_int_t)heads, "area_cm2",
                     (json_int_t)area_cm2, "area_m2", m2);
}

static json_t *result_json(const struct vote_tally *t, bool special)
{
    struct vote_result r;
    if (vote_result_compute(t, special, &r) != HW_OK)
        return NULL;
    int64_t parts[VOTE_CONDITIONS][2] = {
        {r.taking_part.area_cm2, t->electorate.area_cm2},
        {r.taking_part.heads, t->electorate.heads},
        {t->yes.area_cm2, r.taking_part.area_cm2},
        {t->yes.heads, r.taking_part.heads},
    };
    json_t *conditions = json_array();
    for (int c = 0; conditions && c < VOTE_CONDITIONS; c++)
        json_array_append_new(
            conditions,
            json_pack("{s:s, s:I, s:I, s:I, s:I, s:s, s:b}", "name",
                      vote_condition_name((enum vote_condition)c), "count", (json_int_t)parts[c][0],
                      "of", (json_int_t)parts[c][1], "num", (json_int_t)r.threshold[c].num, "den",
                      (json_int_t)r.threshold[c].den, "rule", r.threshold[c].inclusive ? ">=" : ">",
                      "met", r.met[c]));
    return json_pack("{s:o, s:o, s:o, s:o, s:o, s:b, s:b}", "yes",
                     weight_json(t->yes.heads, t->yes.area_cm2), "no",
                     weight_json(t->no.heads, t->no.area_cm2), "abstain",
                     weight_json(t->abstain.heads, t->abstain.area_cm2), "taking_part",
                     weight_json(r.taking_part.heads, r.taking_part.area_cm2), "conditions",
                     conditions, "valid", r.valid, "passed", r.passed);
}

static int participation(struct db *db, int64_t id, int64_t *heads, int64_t *area)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT count(*), COALESCE(sum(area_cm2), 0) FROM vote_ballots"
                          " WHERE vote_id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    *heads = db_col_int(st, 0);
    *area = db_col_int(st, 1);
    db_reset(st);
    return HW_OK;
}

static json_t *matter_json(const char *code)
{
    const struct vote_matter *m = vote_matter_find(code);
    if (!m)
        return json_null();
    return json_pack("{s:s, s:i, s:b, s:s, s:s}", "code", m->code, "item", m->item, "special",
                     m->special, "zh", m->zh, "en", m->en);
}

int vote_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(
        db, &st,
        "SELECT v.id, v.district_id, v.place_id, v.compound_id, v.building_id, v.title,"
        " v.description, v.matter, v.special, v.secret, v.status, v.outcome, v.opens_at,"
        " v.closes_at, v.objection_days, v.published_at, v.opened_at, v.preliminary_at,"
        " v.objections_until, v.final_at, v.electorate_heads, v.electorate_area_cm2,"
        " v.yes_heads, v.yes_area_cm2, v.no_heads, v.no_area_cm2, v.abstain_heads,"
        " v.abstain_area_cm2, v.cancel_reason, v.created_at, p.kind,"
        " (SELECT count(*) FROM vote_objections o WHERE o.vote_id = v.id"
        " AND o.status = 'pending')"
        " FROM votes v JOIN places p ON p.id = v.place_id WHERE v.id = $1",
        "i", id);
    if (rc != HW_OK)
        return rc;
    char label[PLACE_LABEL_MAX];
    int64_t place = db_col_int(st, 2);
    enum vote_status status;
    bool special = db_col_bool(st, 8);
    if (vote_status_parse(db_col_text(st, 10), &status) != HW_OK) {
        db_reset(st);
        return HW_EDB;
    }
    json_t *o = json_pack(
        "{s:I, s:I, s:{s:I, s:s}, s:I, s:o, s:s, s:s, s:o, s:b, s:b, s:s, s:o, s:o, s:o, s:I,"
        " s:o, s:o, s:o, s:o, s:o, s:o, s:I}",
        "id", (json_int_t)db_col_int(st, 0), "district_id", (json_int_t)db_col_int(st, 1), "place",
        "id", (json_int_t)place, "kind", db_col_text(st, 30), "compound_id",
        (json_int_t)db_col_int(st, 3), "building_id",
        db_col_is_null(st, 4) ? json_null() : json_integer(db_col_int(st, 4)), "title",
        db_col_text(st, 5), "description", db_col_text(st, 6), "matter",
        matter_json(db_col_text(st, 7)), "special", special, "secret", db_col_bool(st, 9),
        "status", db_col_text(st, 10), "outcome",
        db_col_is_null(st, 11) ? json_null() : json_string(db_col_text(st, 11)), "opens_at",
        time_json(st, 12), "closes_at", time_json(st, 13), "objection_days",
        (json_int_t)db_col_int(st, 14), "published_at", time_json(st, 15), "opened_at",
        time_json(st, 16), "preliminary_at", time_json(st, 17), "objections_until",
        time_json(st, 18), "final_at", time_json(st, 19), "created_at", time_json(st, 29),
        "pending_objections", (json_int_t)db_col_int(st, 31));
    struct vote_tally t = {
        .electorate = {db_col_int(st, 21), db_col_int(st, 20)},
        .yes = {db_col_int(st, 23), db_col_int(st, 22)},
        .no = {db_col_int(st, 25), db_col_int(st, 24)},
        .abstain = {db_col_int(st, 27), db_col_int(st, 26)},
    };
    bool frozen = !db_col_is_null(st, 20), counted = !db_col_is_null(st, 22);
    if (o && !db_col_is_null(st, 28))
        json_object_set_new(o, "cancel_reason", json_string(db_col_text(st, 28)));
    db_reset(st);
    if (!o)
        return HW_ENOMEM;
    rc = place_label(db, place, label, sizeof label);
    if (rc == HW_OK)
        json_object_set_new(json_object_get(o, "place"), "label", json_string(label));
    json_object_set_new(o, "electorate",
                        frozen ? weight_json(t.electorate.heads, t.electorate.area_cm2)
                               : json_null());
    int64_t heads = 0, area = 0;
    if (rc == HW_OK)
        rc = participation(db, id, &heads, &area);
    json_object_set_new(o, "participation", weight_json(heads, area));
    json_object_set_new(o, "result", counted ? result_json(&t, special) : json_null());
    if (rc == HW_OK && counted && !json_object_get(o, "result"))
        rc = HW_EDB; /* stored counts the arithmetic refuses */
    if (rc != HW_OK) {
        json_decref(o);
        return rc;
    }
    *out = o;
    return HW_OK;
}
