/* Places named in a row: compound → building → entrance → dwelling under the
 * import's community, found by (parent, kind, name) or created. Every place
 * met is cached, and the children of a place this import created are known
 * not to exist, so a file of new places costs no SELECT per row. */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/validate.h"
#include "place/place.h"
#include "transfer/cell.h"
#include "transfer/import_job.h"

/* The cache entry for (parent, kind, name), looked up in the database on
 * first use unless the parent is new. */
static int place_lookup(struct import_job *job, const struct cached_place *parent,
                        int64_t parent_id, const char *kind, const char *name,
                        struct cached_place **out)
{
    char key[PLACE_NAME_MAX_BYTES * 2 + 64];
    if (parent && parent->planned) /* no id yet: the parent itself is the key */
        snprintf(key, sizeof key, "p%p/%s/%s", (const void *)parent, kind, name);
    else
        snprintf(key, sizeof key, "%lld/%s/%s", (long long)parent_id, kind, name);
    struct cached_place *p = strmap_get(job->places, key);
    if (p) {
        *out = p;
        return HW_OK;
    }
    if (!(p = arena_alloc(job->arena, sizeof *p)))
        return HW_ENOMEM;
    *p = (struct cached_place){.area_cm2 = -1};
    if (!parent || !parent->fresh) {
        struct db_stmt *st;
        int rc = db_query(job->db, &st,
                          "SELECT id, area_cm2, grid_id, micro_grid_id, zone_id, compound_id,"
                          " building_id, entrance_id FROM places"
                          " WHERE parent_id = $1 AND kind = $2 AND name = $3",
                          "iss", parent_id, kind, name);
        if (rc != HW_OK)
            return rc;
        rc = db_step(st);
        if (rc == DB_ROW) {
            p->id = db_col_int(st, 0);
            p->area_cm2 = db_col_is_null(st, 1) ? -1 : db_col_int(st, 1);
            p->grid_id = db_col_int(st, 2);
            p->micro_grid_id = db_col_int(st, 3);
            p->zone_id = db_col_int(st, 4);
            p->compound_id = db_col_int(st, 5);
            p->building_id = db_col_int(st, 6);
            p->entrance_id = db_col_int(st, 7);
        }
        db_reset(st);
        if (rc < 0)
            return rc;
    }
    int rc = strmap_put(job->places, key, p);
    if (rc != HW_OK)
        return rc;
    *out = p;
    return HW_OK;
}

/* Which column a field named by place_create() belongs to. */
static int column_of_bad_field(const char *bad, enum column named)
{
    if (bad && strcmp(bad, "grid_id") == 0)
        return COL_GRID;
    if (bad && strcmp(bad, "micro_grid_id") == 0)
        return COL_MICRO_GRID;
    return (int)named;
}

/* A place the plan creates under parent (NULL: the community): the row
 * has passed every check place_create() makes (names, the grid of the
 * community, the floor). */
static int place_plan(struct import_job *job, const struct place_new *np,
                      struct cached_place *parent, struct cached_place *p)
{
    p->planned = p->fresh = true;
    p->kind = np->kind; /* a static string */
    p->name = arena_strdup(job->arena, np->name);
    p->parent = parent;
    p->floor = np->floor;
    p->area_cm2 = np->area_cm2;
    p->grid_id = np->grid_id;
    p->micro_grid_id = np->micro_grid_id;
    if (!p->name)
        return HW_ENOMEM;
    job->report.places_created++;
    return ptr_list_push(&job->plan.places, p);
}

/* Creates the place described by np, under parent (NULL: the community),
 * into the cache entry p, or plans it. A place the rules refuse rejects the
 * row; *ok says whether it was made. */
static int place_make(struct import_job *job, const struct place_new *np,
                      struct cached_place *parent, enum column named, struct cached_place *p,
                      bool *ok)
{
    *ok = true;
    if (job->planning)
        return place_plan(job, np, parent, p);
    const char *bad = NULL;
    int64_t id = 0;
    int rc = place_create(job->db, np, &id, &bad);
    *ok = rc == HW_OK;
    if (rc == HW_EINVAL) {
        import_reject(job, column_of_bad_field(bad, named), "不能建立这个位置",
                      "cannot create this place");
        return HW_OK;
    }
    if (rc != HW_OK)
        return rc;
    p->id = id;
    p->fresh = true;
    p->area_cm2 = np->area_cm2;
    p->grid_id = np->grid_id;
    p->micro_grid_id = np->micro_grid_id;
    job->report.places_created++;
    return HW_OK;
}

/* A place name cell: required, and a name place_create() takes. */
static bool check_name(struct import_job *job, enum column c)
{
    if (!import_has(job, c)) {
        import_reject(job, c, "必填", "is required");
        return false;
    }
    if (!place_name_valid(job->cell[c])) {
        if (strlen(job->cell[c]) > PLACE_NAME_MAX_BYTES)
            import_reject(job, c, "名称过长（最多 64 字节，约 21 个汉字）",
                          "the name is too long (at most 64 bytes)");
        else
            import_reject(job, c, "名称不能含换行、控制字符或不可见字符",
                          "the name holds a line break, a control or an invisible character");
        return false;
    }
    return true;
}

static int ensure_compound(struct import_job *job, struct cached_place **out)
{
    int rc =
        place_lookup(job, NULL, job->opt.community_id, "compound", job->cell[COL_COMPOUND], out);
    if (rc != HW_OK || place_known(*out))
        return rc;
    struct place_new np = {.kind = "compound",
                           .name = job->cell[COL_COMPOUND],
                           .parent_id = job->opt.community_id,
                           .area_cm2 = -1};
    bool ok;
    return place_make(job, &np, NULL, COL_COMPOUND, *out, &ok);
}

/* The grid (and micro-grid) a row names; *grid NULL when the row names none
 * or was rejected for naming one that does not exist. */
static int find_grids(struct import_job *job, struct cached_place **grid,
                      struct cached_place **micro)
{
    *grid = *micro = NULL;
    if (!import_has(job, COL_GRID)) {
        if (import_has(job, COL_MICRO_GRID))
            import_reject(job, COL_GRID, "填写微网格时须同时填写网格",
                          "give the grid when giving a micro-grid");
        return HW_OK;
    }
    struct cached_place *g;
    int rc = place_lookup(job, NULL, job->opt.community_id, "grid", job->cell[COL_GRID], &g);
    if (rc != HW_OK)
        return rc;
    if (!g->id) {
        import_reject(job, COL_GRID, "本社区没有这个网格", "no grid of this name in the community");
        return HW_OK;
    }
    if (import_has(job, COL_MICRO_GRID)) {
        struct cached_place *m;
        if ((rc = place_lookup(job, g, g->id, "micro_grid", job->cell[COL_MICRO_GRID], &m)) !=
            HW_OK)
            return rc;
        if (!m->id) {
            import_reject(job, COL_MICRO_GRID, "该网格下没有这个微网格",
                          "no micro-grid of this name in the grid");
            return HW_OK;
        }
        *micro = m;
    }
    *grid = g;
    return HW_OK;
}

static int ensure_building(struct import_job *job, struct cached_place *compound,
                           struct cached_place *grid, struct cached_place *micro,
                           struct cached_place **out)
{
    int rc = place_lookup(job, compound, compound->id, "building", job->cell[COL_BUILDING], out);
    if (rc != HW_OK || place_known(*out))
        return rc;
    if (!grid) {
        import_reject(job, COL_GRID, "楼栋尚未登记，新建楼栋须填写所属网格",
                      "the building is new: give its grid to create it");
        return HW_OK;
    }
    struct place_new np = {.kind = "building",
                           .name = job->cell[COL_BUILDING],
                           .parent_id = compound->id,
                           .grid_id = grid->id,
                           .micro_grid_id = micro ? micro->id : 0,
                           .area_cm2 = -1};
    bool ok;
    return place_make(job, &np, compound, COL_BUILDING, *out, &ok);
}

static int ensure_entrance(struct import_job *job, struct cached_place *building, const char *name,
                           struct cached_place **out)
{
    int rc = place_lookup(job, building, building->id, "entrance", name, out);
    if (rc != HW_OK || place_known(*out))
        return rc;
    /* "2" reads as 2单元, unless the building's entrance is registered as "2". */
    const char *typed = job->cell[COL_ENTRANCE];
    struct cached_place *as_typed;
    if (*typed && strcmp(typed, name) != 0) {
        if ((rc = place_lookup(job, building, building->id, "entrance", typed, &as_typed)) != HW_OK)
            return rc;
        if (place_known(as_typed)) {
            *out = as_typed;
            return HW_OK;
        }
    }
    struct place_new np = {
        .kind = "entrance", .name = name, .parent_id = building->id, .area_cm2 = -1};
    bool ok;
    return place_make(job, &np, building, COL_ENTRANCE, *out, &ok);
}

/* A place's change in an import: the cached place, what it becomes, and
 * whether it has been changed yet (the audit renders the place before and
 * after from these). */
struct place_change {
    struct import_job *job;
    struct cached_place *place;
    int64_t area_cm2;               /* a dwelling's new area */
    int64_t grid_id, micro_grid_id; /* a building's new grid */
    bool done;
    const char *bad; /* the field a refused change names */
};

static int area_apply(struct db *db, void *ctx, int64_t *id, int64_t *district)
{
    struct place_change *c = ctx;
    struct place_patch patch = {.area_set = true, .area_cm2 = c->area_cm2};
    *district = c->job->district_id;
    int rc = place_update(db, *id, &patch, &c->bad);
    c->done = rc == HW_OK;
    return rc;
}

static int area_render(struct db *db, void *ctx, int64_t id, json_t **out)
{
    (void)db, (void)id;
    const struct place_change *c = ctx;
    int64_t area_cm2 = c->done ? c->area_cm2 : c->place->area_cm2;
    char area[32] = "";
    if (area_cm2 >= 0)
        area_format(area_cm2, area, sizeof area);
    *out = json_pack("{s:s?}", "area_m2", area_cm2 >= 0 ? area : NULL);
    return *out ? HW_OK : HW_ENOMEM;
}

static int area_write(struct import_job *job, struct cached_place *d, int64_t area_cm2,
                      bool *done)
{
    static const struct write_op op = {
        .action = "update", .entity = "place", .apply = area_apply, .render = area_render};
    struct place_change c = {.job = job, .place = d, .area_cm2 = area_cm2};
    int64_t id = d->id;
    int rc = write_run_in(job->db, &job->opt.actor, &op, &c, &id);
    *done = c.done;
    if (rc == HW_EINVAL && !c.done) {
        import_reject(job, COL_AREA, "不能修改这套房屋的面积",
                      "cannot change this dwelling's area");
        return HW_OK;
    }
    return rc;
}

int import_update_area(struct import_job *job, struct cached_place *d, int64_t old_area_cm2,
                       int64_t area_cm2)
{
    /* The audit's before is the area registered, not the plan's. */
    struct cached_place before = *d;
    before.area_cm2 = old_area_cm2;
    bool done;
    int rc = area_write(job, &before, area_cm2, &done);
    if (done)
        d->area_cm2 = area_cm2;
    return rc;
}

/* A dwelling whose area the row gives differently: a registered one is
 * updated (planned: when the plan is applied), a planned one takes it. Its
 * floor is kept: the floor column only places a new dwelling. */
static int update_area(struct import_job *job, struct cached_place *d, int64_t area_cm2,
                       bool *changed)
{
    *changed = area_cm2 >= 0 && area_cm2 != d->area_cm2;
    if (!*changed)
        return HW_OK;
    if (d->planned) {
        d->area_cm2 = area_cm2;
        return HW_OK;
    }
    if (job->planning) {
        struct plan_op *op = arena_alloc(job->arena, sizeof *op);
        if (!op)
            return HW_ENOMEM;
        *op = (struct plan_op){.kind = OP_AREA, .line = job->line, .dwelling = d,
                               .area_cm2 = area_cm2, .old_area_cm2 = d->area_cm2};
        d->area_cm2 = area_cm2;
        return ptr_list_push(&job->plan.ops, op);
    }
    bool done;
    int rc = area_write(job, d, area_cm2, &done);
    if (!done)
        *changed = false;
    else
        d->area_cm2 = area_cm2;
    return rc;
}

/* The area cell, read before anything is written; -1 when empty. */
static void read_area(struct import_job *job, int64_t *area)
{
    *area = -1;
    if (import_has(job, COL_AREA) && !cell_area(job->cell[COL_AREA], area))
        import_reject(job, COL_AREA, "面积须为大于 0 的平方米数，最多 4 位小数，如 89.57",
                      "square metres above 0 with at most 4 decimals, e.g. 89.57");
}

int import_resolve_dwelling(struct import_job *job, struct cached_place **dwelling, bool *created,
                            bool *changed)
{
    *dwelling = NULL;
    *created = *changed = false;
    char entrance[PLACE_NAME_MAX_BYTES + 16];
    int64_t floor, area;
    check_name(job, COL_COMPOUND);
    check_name(job, COL_BUILDING);
    check_name(job, COL_ROOM);
    if (!cell_entrance(job->cell[COL_ENTRANCE], entrance, sizeof entrance) ||
        !place_name_valid(entrance))
        import_reject(job, COL_ENTRANCE, "名称过长或含换行、控制字符、不可见字符",
                      "the name is too long or holds a line break, a control or an invisible "
                      "character");
    floor = INT64_MIN;
    if (import_has(job, COL_FLOOR) && !cell_floor(job->cell[COL_FLOOR], &floor))
        import_reject(job, COL_FLOOR, "楼层须为 1 到 99 的整数，地下层写 -1 到 -5",
                      "a whole number from 1 to 99, or -1 to -5 below ground");
    read_area(job, &area);
    struct cached_place *grid, *micro, *compound, *building, *ent, *d;
    int rc = HW_OK;
    if (job->row_rejected || (rc = find_grids(job, &grid, &micro)) != HW_OK || job->row_rejected)
        return rc;
    if ((rc = ensure_compound(job, &compound)) != HW_OK || job->row_rejected)
        return rc;
    if ((rc = ensure_building(job, compound, grid, micro, &building)) != HW_OK || job->row_rejected)
        return rc;
    if ((rc = ensure_entrance(job, building, entrance, &ent)) != HW_OK || job->row_rejected)
        return rc;
    const char *room = job->cell[COL_ROOM];
    if ((rc = place_lookup(job, ent, ent->id, "dwelling", room, &d)) != HW_OK)
        return rc;
    if (place_known(d)) {
        *dwelling = d;
        return update_area(job, d, area, changed);
    }
    if (floor == INT64_MIN && !cell_floor_from_room(room, &floor)) {
        import_reject(job, COL_FLOOR, "新登记的房屋须填写楼层（房号不是“楼层+两位序号”）",
                      "a new dwelling needs its floor (the room number does not give it)");
        return HW_OK;
    }
    struct place_new np = {
        .kind = "dwelling", .name = room, .parent_id = ent->id, .floor = floor, .area_cm2 = area};
    bool ok;
    if ((rc = place_make(job, &np, ent, COL_ROOM, d, &ok)) != HW_OK || !ok)
        return rc;
    *dwelling = d;
    *created = true;
    return HW_OK;
}

int import_dwelling_row(struct import_job *job, enum row_outcome *outcome)
{
    struct cached_place *d;
    bool created, changed;
    int rc = import_resolve_dwelling(job, &d, &created, &changed);
    *outcome = created ? ROW_CREATED : changed ? ROW_UPDATED : ROW_UNCHANGED;
    return rc;
}

/* Entrances, floors and dwellings per floor: all three or none. */
static bool read_pattern(struct import_job *job, struct building_pattern *bp, bool *given)
{
    static const struct {
        enum column c;
        int64_t max;
    } parts[] = {{COL_ENTRANCES, PATTERN_MAX_ENTRANCES},
                 {COL_FLOORS, PATTERN_MAX_FLOORS},
                 {COL_PER_FLOOR, PATTERN_MAX_PER_FLOOR}};
    int64_t *dst[] = {&bp->entrances, &bp->floors, &bp->per_floor};
    int n = 0;
    for (int i = 0; i < 3; i++)
        n += import_has(job, parts[i].c);
    *given = n > 0;
    if (n != 0 && n != 3) {
        int missing = 0;
        while (import_has(job, parts[missing].c))
            missing++;
        import_reject(job, parts[missing].c, "单元数、层数、每层户数须同时填写或都不填",
                      "give entrances, floors and dwellings per floor together, or none");
        return false;
    }
    bool ok = true;
    for (int i = 0; n && i < 3; i++) {
        if (!cell_int(job->cell[parts[i].c], 1, parts[i].max, dst[i])) {
            import_reject(
                job, parts[i].c,
                arena_printf(job->arena, "须为 1 到 %lld 的整数", (long long)parts[i].max),
                arena_printf(job->arena, "a whole number from 1 to %lld", (long long)parts[i].max));
            ok = false;
        }
    }
    if (ok && n && bp->entrances * bp->floors * bp->per_floor > PATTERN_MAX_DWELLINGS) {
        import_reject(
            job, COL_ENTRANCES,
            arena_printf(job->arena, "一栋楼一次最多生成 %d 套房屋", PATTERN_MAX_DWELLINGS),
            arena_printf(job->arena, "at most %d dwellings per building at once",
                         PATTERN_MAX_DWELLINGS));
        ok = false;
    }
    return ok;
}

static int grid_apply(struct db *db, void *ctx, int64_t *id, int64_t *district)
{
    struct place_change *c = ctx;
    *district = c->job->district_id;
    int rc = place_move_building(db, *id, c->grid_id, c->micro_grid_id,
                                 c->job->opt.actor.user_id, &c->bad);
    c->done = rc == HW_OK;
    return rc;
}

static int grid_render(struct db *db, void *ctx, int64_t id, json_t **out)
{
    (void)db, (void)id;
    const struct place_change *c = ctx;
    int64_t grid = c->done ? c->grid_id : c->place->grid_id;
    int64_t micro = c->done ? c->micro_grid_id : c->place->micro_grid_id;
    *out = json_pack("{s:I, s:I}", "grid_id", (json_int_t)grid, "micro_grid_id",
                     (json_int_t)micro);
    return *out ? HW_OK : HW_ENOMEM;
}

static int move_building(struct import_job *job, struct cached_place *b, int64_t grid,
                         int64_t micro, bool *moved)
{
    *moved = b->grid_id != grid || b->micro_grid_id != micro;
    if (!*moved)
        return HW_OK;
    static const struct write_op op = {
        .action = "update", .entity = "place", .apply = grid_apply, .render = grid_render};
    struct place_change c = {.job = job, .place = b, .grid_id = grid, .micro_grid_id = micro};
    int64_t id = b->id;
    int rc = write_run_in(job->db, &job->opt.actor, &op, &c, &id);
    if (rc == HW_EINVAL && !c.done) {
        *moved = false;
        import_reject(job, column_of_bad_field(c.bad, COL_GRID), "不能移到这个网格",
                      "cannot move the building to this grid");
        return HW_OK;
    }
    if (c.done) {
        b->grid_id = grid;
        b->micro_grid_id = micro;
    }
    return rc;
}

int import_building_row(struct import_job *job, enum row_outcome *outcome)
{
    *outcome = ROW_UNCHANGED;
    struct building_pattern bp = {.area_cm2 = -1};
    bool pattern;
    check_name(job, COL_COMPOUND);
    check_name(job, COL_BUILDING);
    if (!import_has(job, COL_GRID))
        import_reject(job, COL_GRID, "必填", "is required");
    read_pattern(job, &bp, &pattern);
    read_area(job, &bp.area_cm2);
    struct cached_place *grid, *micro, *compound, *b;
    int rc = HW_OK;
    if (job->row_rejected || (rc = find_grids(job, &grid, &micro)) != HW_OK || job->row_rejected)
        return rc;
    if ((rc = ensure_compound(job, &compound)) != HW_OK || job->row_rejected)
        return rc;
    if ((rc = place_lookup(job, compound, compound->id, "building", job->cell[COL_BUILDING], &b)) !=
        HW_OK)
        return rc;
    int64_t micro_id = micro ? micro->id : 0;
    if (b->id) {
        bool moved;
        rc = move_building(job, b, grid->id, micro_id, &moved);
        *outcome = moved ? ROW_UPDATED : ROW_UNCHANGED;
        return rc;
    }
    struct place_new np = {.kind = "building",
                           .name = job->cell[COL_BUILDING],
                           .parent_id = compound->id,
                           .grid_id = grid->id,
                           .micro_grid_id = micro_id,
                           .area_cm2 = -1};
    if (!pattern) {
        bool ok;
        rc = place_make(job, &np, compound, COL_BUILDING, b, &ok);
        *outcome = ok ? ROW_CREATED : ROW_UNCHANGED;
        return rc;
    }
    const char *bad = NULL;
    int64_t id;
    rc = place_create_building(job->db, &np, &bp, &id, &bad);
    if (rc == HW_EINVAL) {
        import_reject(job, column_of_bad_field(bad, COL_BUILDING), "不能建立这栋楼",
                      "cannot create this building");
        return HW_OK;
    }
    if (rc != HW_OK)
        return rc;
    /* Its entrances and dwellings exist now: look them up, do not assume. */
    *b = (struct cached_place){
        .id = id, .area_cm2 = -1, .grid_id = grid->id, .micro_grid_id = micro_id};
    job->report.places_created += 1 + bp.entrances * (1 + bp.floors * bp.per_floor);
    *outcome = ROW_CREATED;
    return HW_OK;
}
