#include "registry/post.h"

#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/validate.h"
#include "place/place.h"
#include "base/period.h"

static const struct {
    const char *kind, *place_kind;
} posts[] = {
    {"grid_leader", "grid"},
    {"grid_worker", "grid"},
    {"micro_grid_worker", "micro_grid"},
    {"building_leader", "building"},
    {"stairwell_steward", "entrance"},
};
enum { N_POSTS = sizeof posts / sizeof posts[0], PERSON_NAME_MAX = 64 };

bool post_kind_valid(const char *kind)
{
    for (int i = 0; kind && i < N_POSTS; i++)
        if (strcmp(posts[i].kind, kind) == 0)
            return true;
    return false;
}

bool post_kind_place_fits(const char *kind, const char *place_kind)
{
    for (int i = 0; kind && place_kind && i < N_POSTS; i++)
        if (strcmp(posts[i].kind, kind) == 0)
            return strcmp(posts[i].place_kind, place_kind) == 0;
    return false;
}

static bool person_name_valid(const char *s) { return s && *s && strlen(s) <= PERSON_NAME_MAX; }

/* Whether a linked user or resident belongs to the sub-district. */
static int linked_in_district(struct db *db, const char *table, int64_t id, int64_t district,
                              bool *ok)
{
    int64_t n = 0;
    /* table is one of two literals chosen below, never input. */
    const char *sql = strcmp(table, "users") == 0
                          ? "SELECT count(*) FROM users WHERE id = $1 AND district_id = $2"
                          : "SELECT count(*) FROM residents WHERE id = $1 AND district_id = $2";
    int rc = db_scalar_int(db, &n, sql, "ii", id, district);
    *ok = n > 0;
    return rc;
}

int post_create(struct db *db, const struct post_new *p, int64_t *id, const char **bad_field)
{
    *bad_field = NULL;
    if (!post_kind_valid(p->kind))
        *bad_field = "kind";
    else if (!person_name_valid(p->person_name))
        *bad_field = "person_name";
    else if (p->phone && *p->phone && !validate_mobile(p->phone))
        *bad_field = "phone";
    else
        org_period_valid(p->started, p->ended, bad_field);
    if (*bad_field)
        return HW_EINVAL;
    char kind[PLACE_KIND_SIZE];
    int64_t district = 0;
    int rc = place_kind_district(db, p->place_id, kind, &district);
    if (rc == HW_ENOTFOUND || (rc == HW_OK && !post_kind_place_fits(p->kind, kind))) {
        *bad_field = "place_id";
        rc = HW_OK;
    }
    if (rc != HW_OK)
        return rc;
    bool ok = true;
    if (!*bad_field && p->user_id &&
        (rc = linked_in_district(db, "users", p->user_id, district, &ok)) == HW_OK && !ok)
        *bad_field = "user_id";
    if (!*bad_field && rc == HW_OK && p->resident_id &&
        (rc = linked_in_district(db, "residents", p->resident_id, district, &ok)) == HW_OK && !ok)
        *bad_field = "resident_id";
    if (rc != HW_OK)
        return rc;
    if (*bad_field)
        return HW_EINVAL;
    int64_t now = clock_now();
    return db_scalar_int(db, id,
                         "INSERT INTO posts (district_id, kind, place_id, person_name, phone,"
                         " user_id, resident_id, started, ended, created_at, updated_at)"
                         " VALUES ($1, $2, $3, $4, NULLIF($5, ''), NULLIF($6, 0), NULLIF($7, 0),"
                         " $8, $9, $10, $10) RETURNING id",
                         "isissiissi", district, p->kind, p->place_id, p->person_name, p->phone,
                         p->user_id, p->resident_id, p->started, p->ended, now);
}

/* "" clears, NULL keeps: the value the row will hold, or NULL. */
static const char *patched(const char *given, const char *stored)
{
    if (!given)
        return stored;
    return *given ? given : NULL;
}

int post_update(struct db *db, int64_t id, const struct post_patch *p, const char **bad_field)
{
    *bad_field = NULL;
    if (p->person_name && !person_name_valid(p->person_name))
        *bad_field = "person_name";
    else if (p->phone && *p->phone && !validate_mobile(p->phone))
        *bad_field = "phone";
    if (*bad_field)
        return HW_EINVAL;
    struct db_stmt *st;
    int rc = db_query(db, &st, "SELECT started, ended FROM posts WHERE id = $1", "i", id);
    if (rc != HW_OK)
        return rc;
    char started[CLOCK_DATE_SIZE] = "", ended[CLOCK_DATE_SIZE] = "";
    if ((rc = db_step(st)) == DB_ROW) {
        strncpy(started, db_col_text(st, 0) ? db_col_text(st, 0) : "", sizeof started - 1);
        strncpy(ended, db_col_text(st, 1) ? db_col_text(st, 1) : "", sizeof ended - 1);
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    if (rc == DB_DONE)
        return HW_ENOTFOUND;
    /* The period is checked as it will be after the change. */
    const char *new_started = patched(p->started, *started ? started : NULL);
    const char *new_ended = patched(p->ended, *ended ? ended : NULL);
    if (!org_period_valid(new_started, new_ended, bad_field))
        return HW_EINVAL;
    int64_t n = db_run(db,
                       "UPDATE posts SET person_name = COALESCE($1, person_name),"
                       " phone = CASE WHEN $2 = 1 THEN NULLIF($3, '') ELSE phone END,"
                       " started = $4, ended = $5, updated_at = $6 WHERE id = $7",
                       "sisssii", p->person_name, (int64_t)(p->phone != NULL), p->phone,
                       new_started, new_ended, clock_now(), id);
    return n < 0 ? (int)n : HW_OK;
}

int post_place(struct db *db, int64_t id, int64_t *place_id, int64_t *district_id)
{
    struct db_stmt *st;
    int rc =
        db_query_row(db, &st, "SELECT place_id, district_id FROM posts WHERE id = $1", "i", id);
    if (rc != HW_OK)
        return rc;
    *place_id = db_col_int(st, 0);
    *district_id = db_col_int(st, 1);
    db_reset(st);
    return HW_OK;
}

static json_t *id_or_null(struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? json_null() : json_integer(db_col_int(st, col));
}

int post_json(struct db *db, int64_t id, const char *today, bool show_phone, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT po.id, po.kind, po.place_id, p.kind, p.name, po.person_name,"
                      " po.phone, po.user_id, po.resident_id, po.started, po.ended,"
                      " po.district_id FROM posts po JOIN places p ON p.id = po.place_id"
                      " WHERE po.id = $1",
                      "i", id);
    if (rc != HW_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        const char *phone = db_col_text(st, 6), *started = db_col_text(st, 9),
                   *ended = db_col_text(st, 10);
        char masked[16];
        if (phone && !show_phone) {
            mask_phone(phone, masked, sizeof masked);
            phone = masked;
        }
        *out =
            json_pack("{s:I, s:s, s:I, s:s, s:s, s:s, s:s?, s:o, s:o, s:s?, s:s?, s:b, s:I}", "id",
                      (json_int_t)db_col_int(st, 0), "kind", db_col_text(st, 1), "place_id",
                      (json_int_t)db_col_int(st, 2), "place_kind", db_col_text(st, 3), "place_name",
                      db_col_text(st, 4), "person_name", db_col_text(st, 5), "phone", phone,
                      "user_id", id_or_null(st, 7), "resident_id", id_or_null(st, 8), "started",
                      started, "ended", ended, "current", org_period_current(started, ended, today),
                      "district_id", (json_int_t)db_col_int(st, 11));
        rc = *out ? HW_OK : HW_ENOMEM;
    } else if (rc == DB_DONE) {
        rc = HW_ENOTFOUND;
    }
    db_reset(st);
    return rc;
}
