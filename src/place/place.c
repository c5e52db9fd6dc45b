#include "place/place.h"

#include <stdio.h>
#include <string.h>

#include "kit/access.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/text.h"
#include "base/validate.h"
#include "kit/place_kinds.h"


bool place_name_valid(const char *name)
{
    return name && *name && strlen(name) <= PLACE_NAME_MAX_BYTES && text_chars(name, false) > 0 &&
           !text_untrimmed(name) && !text_has_invisible(name);
}

bool place_floor_from_room(const char *room, int64_t *floor)
{
    size_t n = room ? strlen(room) : 0;
    if (n < 3 || n > 4 || room[0] < '1' || room[0] > '9')
        return false;
    int64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        if (room[i] < '0' || room[i] > '9')
            return false;
        v = v * 10 + (room[i] - '0');
    }
    *floor = v / 100;
    return *floor >= 1 && *floor <= PATTERN_MAX_FLOORS && v % 100 != 0;
}

/* The ancestor columns a child copies from its parent. */
struct ancestry {
    char kind[16];
    int64_t district, community, zone, compound, building, entrance, grid, micro_grid;
};

static int load_ancestry(struct db *db, int64_t id, struct ancestry *a)
{
    struct db_stmt *st;
    int rc =
        db_query_row(db, &st,
                     "SELECT kind, district_id, community_id, zone_id, compound_id, building_id,"
                     " entrance_id, grid_id, micro_grid_id FROM places WHERE id = $1",
                     "i", id);
    if (rc != HW_OK)
        return rc;
    snprintf(a->kind, sizeof a->kind, "%s", db_col_text(st, 0));
    int64_t *cols[] = {&a->district, &a->community, &a->zone, &a->compound,
                       &a->building, &a->entrance,  &a->grid, &a->micro_grid};
    for (int i = 0; i < 8; i++)
        *cols[i] = db_col_int(st, i + 1);
    db_reset(st);
    return HW_OK;
}

/* A grid or micro-grid given for a building must be one of its community. */
static int check_grid(struct db *db, int64_t id, const char *kind, int64_t community, int64_t grid)
{
    struct ancestry g;
    int rc = load_ancestry(db, id, &g);
    if (rc == HW_ENOTFOUND)
        return HW_EINVAL;
    if (rc != HW_OK)
        return rc;
    if (strcmp(g.kind, kind) != 0 || g.community != community)
        return HW_EINVAL;
    if (strcmp(kind, "micro_grid") == 0 && g.grid != grid)
        return HW_EINVAL;
    return HW_OK;
}

static int check_building_grids(struct db *db, const struct place_new *p,
                                const struct ancestry *parent, const char **bad_field)
{
    int rc;
    if (!p->grid_id) {
        *bad_field = "grid_id";
        return HW_EINVAL;
    }
    if ((rc = check_grid(db, p->grid_id, "grid", parent->community, 0)) != HW_OK) {
        *bad_field = rc == HW_EINVAL ? "grid_id" : NULL;
        return rc;
    }
    if (p->micro_grid_id && (rc = check_grid(db, p->micro_grid_id, "micro_grid", parent->community,
                                             p->grid_id)) != HW_OK) {
        *bad_field = rc == HW_EINVAL ? "micro_grid_id" : NULL;
        return rc;
    }
    return HW_OK;
}

static int check_zone(struct db *db, int64_t zone_id, int64_t community)
{
    struct ancestry z;
    int rc = load_ancestry(db, zone_id, &z);
    if (rc == HW_ENOTFOUND)
        return HW_EINVAL;
    if (rc == HW_OK && (strcmp(z.kind, "zone") != 0 || z.community != community))
        return HW_EINVAL;
    return rc;
}

/* Floors of a dwelling: basements down to -5, up to the tallest pattern. */
static bool floor_valid(int64_t floor)
{
    return (floor >= -5 && floor <= -1) || (floor >= 1 && floor <= PATTERN_MAX_FLOORS);
}

/* Checks what place_create can check without the database. */
static int check_fields(const struct place_new *p, int k, const char **bad_field)
{
    if (k < 0)
        *bad_field = "kind";
    else if (!place_name_valid(p->name))
        *bad_field = "name";
    else if (p->code && !place_code_valid(p->kind, p->code))
        *bad_field = "code";
    else if (p->grid_type &&
             (strcmp(p->kind, "grid") != 0 || (strcmp(p->grid_type, "comprehensive") != 0 &&
                                               strcmp(p->grid_type, "dedicated") != 0)))
        *bad_field = "grid_type";
    else if (p->floor && (strcmp(p->kind, "dwelling") != 0 || !floor_valid(p->floor)))
        *bad_field = "floor";
    else if (strcmp(p->kind, "dwelling") == 0 && p->area_cm2 >= 0 && !area_cm2_valid(p->area_cm2))
        *bad_field = "area_m2";
    return *bad_field ? HW_EINVAL : HW_OK;
}

/* Inserts a place of place_kinds[k] below the parent whose ancestry is a (with a
 * building's grid already set in a), and fills a in for the new place so
 * its own children can be inserted without reading it back. */
static int insert_place(struct db *db, int k, struct ancestry *a, const struct place_new *p,
                        int64_t *id)
{
    bool dwelling = strcmp(p->kind, "dwelling") == 0;
    int64_t now = clock_now();
    int rc = db_scalar_int(
        db, id,
        "INSERT INTO places (district_id, kind, parent_id, name, code, community_id, zone_id,"
        " compound_id, building_id, entrance_id, grid_id, micro_grid_id, floor, area_cm2,"
        " grid_type, created_at, updated_at)"
        " VALUES (NULLIF($1, 0), $2, NULLIF($3, 0), $4, $5, NULLIF($6, 0), NULLIF($7, 0),"
        " NULLIF($8, 0), NULLIF($9, 0), NULLIF($10, 0), NULLIF($11, 0), NULLIF($12, 0),"
        " CASE WHEN $13 = 1 THEN NULLIF($14, 0) END, CASE WHEN $15 >= 0 THEN $15 END, $16,"
        " $17, $17) RETURNING id",
        "isissiiiiiiiiiisi", a->district, p->kind, p->parent_id, p->name, p->code, a->community,
        a->zone, a->compound, a->building, a->entrance, a->grid, a->micro_grid, (int64_t)dwelling,
        p->floor, dwelling ? p->area_cm2 : (int64_t)-1, p->grid_type, now);
    if (rc != HW_OK)
        return rc;
    /* A place holds its own id in its kind's column (see place.h); a
     * dwelling's column is its id. */
    int64_t *own[] = {&a->district, &a->community, &a->zone,       &a->compound, &a->building,
                      &a->entrance, &a->grid,      &a->micro_grid, NULL};
    static const char *const own_columns[] = {"district_id", "community_id", "zone_id",
                                              "compound_id", "building_id",  "entrance_id",
                                              "grid_id",     "micro_grid_id"};
    for (int i = 0; own[i]; i++) {
        if (strcmp(own_columns[i], place_kinds[k].column) != 0)
            continue;
        char sql[96];
        snprintf(sql, sizeof sql, "UPDATE places SET %s = id WHERE id = $1", own_columns[i]);
        int64_t n = db_run(db, sql, "i", *id);
        if (n < 0)
            return (int)n;
        *own[i] = *id;
    }
    snprintf(a->kind, sizeof a->kind, "%s", p->kind);
    if (strcmp(p->kind, "building") == 0) {
        int64_t n = db_run(db,
                           "INSERT INTO building_grid_history (district_id, building_id, grid_id,"
                           " micro_grid_id, started_at) VALUES ($1, $2, $3, NULLIF($4, 0), $5)",
                           "iiiii", a->district, *id, a->grid, a->micro_grid, now);
        if (n < 0)
            return (int)n;
    }
    return HW_OK;
}

/* Loads the parent's ancestry and checks that p fits below it; on success a
 * holds what the new place copies. */
static int prepare_create(struct db *db, const struct place_new *p, int k, struct ancestry *a,
                          const char **bad_field)
{
    int rc = check_fields(p, k, bad_field);
    if (rc != HW_OK)
        return rc;
    *a = (struct ancestry){.district = 0};
    if (place_kinds[k].parent) {
        rc = p->parent_id ? load_ancestry(db, p->parent_id, a) : HW_ENOTFOUND;
        if (rc == HW_ENOTFOUND || (rc == HW_OK && strcmp(a->kind, place_kinds[k].parent) != 0)) {
            *bad_field = "parent_id";
            return HW_EINVAL;
        }
        if (rc != HW_OK)
            return rc;
    } else if (p->parent_id) {
        *bad_field = "parent_id";
        return HW_EINVAL;
    }
    if (strcmp(p->kind, "building") == 0) {
        if ((rc = check_building_grids(db, p, a, bad_field)) != HW_OK)
            return rc;
        a->grid = p->grid_id;
        a->micro_grid = p->micro_grid_id;
    } else if (p->grid_id || p->micro_grid_id) {
        *bad_field = p->grid_id ? "grid_id" : "micro_grid_id";
        return HW_EINVAL;
    }
    if (p->zone_id) {
        if (strcmp(p->kind, "compound") != 0) {
            *bad_field = "zone_id";
            return HW_EINVAL;
        }
        if ((rc = check_zone(db, p->zone_id, a->community)) != HW_OK) {
            *bad_field = rc == HW_EINVAL ? "zone_id" : NULL;
            return rc;
        }
        a->zone = p->zone_id;
    }
    return HW_OK;
}

int place_create(struct db *db, const struct place_new *given, int64_t *id, const char **bad_field)
{
    *bad_field = NULL;
    int k = place_kind_index(given->kind);
    struct place_new p = *given;
    /* A dwelling belongs on a floor (the elevation, the import): given, or
     * read from a room numbered floor*100 + n. */
    if (k >= 0 && strcmp(p.kind, "dwelling") == 0 && !p.floor && place_name_valid(p.name) &&
        !place_floor_from_room(p.name, &p.floor)) {
        *bad_field = "floor";
        return HW_EINVAL;
    }
    struct ancestry a;
    int rc = prepare_create(db, &p, k, &a, bad_field);
    if (rc == HW_OK)
        rc = insert_place(db, k, &a, &p, id);
    if (rc == HW_ECONFLICT)
        *bad_field = "name";
    return rc;
}

int place_create_building(struct db *db, const struct place_new *building,
                          const struct building_pattern *pattern, int64_t *id,
                          const char **bad_field)
{
    *bad_field = NULL;
    if (pattern->entrances < 1 || pattern->entrances > PATTERN_MAX_ENTRANCES)
        *bad_field = "entrances";
    else if (pattern->floors < 1 || pattern->floors > PATTERN_MAX_FLOORS)
        *bad_field = "floors";
    else if (pattern->per_floor < 1 || pattern->per_floor > PATTERN_MAX_PER_FLOOR)
        *bad_field = "per_floor";
    else if (pattern->entrances * pattern->floors * pattern->per_floor > PATTERN_MAX_DWELLINGS)
        *bad_field = "floors";
    else if (strcmp(building->kind, "building") != 0)
        *bad_field = "kind";
    else if (pattern->area_cm2 >= 0 && !area_cm2_valid(pattern->area_cm2))
        *bad_field = "area_m2";
    if (*bad_field)
        return HW_EINVAL;
    int k = place_kind_index("building");
    struct ancestry b;
    int rc = prepare_create(db, building, k, &b, bad_field);
    if (rc == HW_OK)
        rc = insert_place(db, k, &b, building, id);
    if (rc == HW_ECONFLICT)
        *bad_field = "name";
    /* Entrances and dwellings cannot break the kind tree: insert them
     * straight from the building's ancestry. */
    for (int64_t e = 1; rc == HW_OK && e <= pattern->entrances; e++) {
        char ename[32];
        snprintf(ename, sizeof ename, "%lld单元", (long long)e);
        struct place_new entrance = {
            .kind = "entrance", .name = ename, .parent_id = *id, .area_cm2 = -1};
        struct ancestry ea = b;
        int64_t eid;
        rc = insert_place(db, place_kind_index("entrance"), &ea, &entrance, &eid);
        for (int64_t f = 1; rc == HW_OK && f <= pattern->floors; f++) {
            for (int64_t n = 1; rc == HW_OK && n <= pattern->per_floor; n++) {
                char room[32];
                snprintf(room, sizeof room, "%lld", (long long)(f * 100 + n));
                struct place_new d = {.kind = "dwelling",
                                      .name = room,
                                      .parent_id = eid,
                                      .floor = f,
                                      .area_cm2 = pattern->area_cm2};
                struct ancestry da = ea;
                int64_t did;
                rc = insert_place(db, place_kind_index("dwelling"), &da, &d, &did);
            }
        }
    }
    return rc;
}

int place_move_building(struct db *db, int64_t building_id, int64_t grid_id, int64_t micro_grid_id,
                        int64_t changed_by, const char **bad_field)
{
    *bad_field = NULL;
    struct ancestry b;
    int rc = load_ancestry(db, building_id, &b);
    if (rc != HW_OK)
        return rc;
    if (strcmp(b.kind, "building") != 0)
        return HW_ENOTFOUND;
    struct place_new p = {.grid_id = grid_id, .micro_grid_id = micro_grid_id};
    if ((rc = check_building_grids(db, &p, &b, bad_field)) != HW_OK)
        return rc;
    if (b.grid == grid_id && b.micro_grid == micro_grid_id)
        return HW_OK;
    int64_t now = clock_now();
    int64_t n = db_run(db,
                       "UPDATE places SET grid_id = $1, micro_grid_id = NULLIF($2, 0),"
                       " updated_at = $3 WHERE building_id = $4",
                       "iiii", grid_id, micro_grid_id, now, building_id);
    if (n >= 0)
        n = db_run(db,
                   "UPDATE building_grid_history SET ended_at = $1"
                   " WHERE building_id = $2 AND ended_at IS NULL",
                   "ii", now, building_id);
    if (n >= 0)
        n = db_run(db,
                   "INSERT INTO building_grid_history (district_id, building_id, grid_id,"
                   " micro_grid_id, started_at, changed_by)"
                   " VALUES ($1, $2, $3, NULLIF($4, 0), $5, NULLIF($6, 0))",
                   "iiiiii", b.district, building_id, grid_id, micro_grid_id, now, changed_by);
    return n < 0 ? (int)n : HW_OK;
}

int place_get(struct db *db, struct arena *a, int64_t id, const char **kind, const char **name,
              int64_t *district_id)
{
    struct db_stmt *st;
    int rc = db_query(db, &st, "SELECT kind, name, district_id FROM places WHERE id = $1", "i", id);
    if (rc != HW_OK)
        return rc;
    rc = db_step(st);
    if (rc == DB_ROW) {
        *kind = arena_strdup(a, db_col_text(st, 0));
        *name = arena_strdup(a, db_col_text(st, 1));
        *district_id = db_col_int(st, 2);
        rc = *kind && *name ? HW_OK : HW_ENOMEM;
    } else if (rc == DB_DONE) {
        rc = HW_ENOTFOUND;
    }
    db_reset(st);
    return rc;
}

int place_update(struct db *db, int64_t id, const struct place_patch *p, const char **bad_field)
{
    *bad_field = NULL;
    struct ancestry a;
    int rc = load_ancestry(db, id, &a);
    if (rc != HW_OK)
        return rc;
    bool grid = strcmp(a.kind, "grid") == 0, dwelling = strcmp(a.kind, "dwelling") == 0;
    if (p->name && !place_name_valid(p->name))
        *bad_field = "name";
    else if (p->code && *p->code && !place_code_valid(a.kind, p->code))
        *bad_field = "code";
    else if (p->grid_type && (!grid || (strcmp(p->grid_type, "comprehensive") != 0 &&
                                        strcmp(p->grid_type, "dedicated") != 0)))
        *bad_field = "grid_type";
    else if (p->area_set && (!dwelling || (p->area_cm2 >= 0 && !area_cm2_valid(p->area_cm2))))
        *bad_field = "area_m2";
    if (*bad_field)
        return HW_EINVAL;
    int64_t n = db_run(db,
                       "UPDATE places SET name = COALESCE($1, name),"
                       " code = CASE WHEN $2 = 1 THEN NULLIF($3, '') ELSE code END,"
                       " grid_type = COALESCE($4, grid_type),"
                       " area_cm2 = CASE WHEN $5 = 1 THEN"
                       " (CASE WHEN $6 >= 0 THEN CAST($6 AS BIGINT) END) ELSE area_cm2 END,"
                       " updated_at = $7 WHERE id = $8",
                       "sissiiii", p->name, (int64_t)(p->code != NULL), p->code, p->grid_type,
                       (int64_t)p->area_set, p->area_cm2, clock_now(), id);
    if (n == HW_ECONFLICT)
        *bad_field = "name";
    return n < 0 ? (int)n : HW_OK;
}

int place_kind_district(struct db *db, int64_t id, char kind[PLACE_KIND_SIZE], int64_t *district_id)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT kind, district_id FROM places WHERE id = $1", "i", id);
    if (rc != HW_OK)
        return rc;
    snprintf(kind, PLACE_KIND_SIZE, "%s", db_col_text(st, 0));
    *district_id = db_col_int(st, 1);
    db_reset(st);
    return HW_OK;
}
