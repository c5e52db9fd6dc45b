/* The places write API: create a place under its parent, generate a
 * building from a pattern, edit a place and move a building to another grid,
 * and read a building's grid history. Writes only inside the caller's scope;
 * anything outside answers 404. */
#include <string.h>

#include "kit/access.h"
#include "kit/scope.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/text.h"
#include "base/validate.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/record_routes.h"
#include "place/place.h"
#include "store/db_json.h"

static int place_district(struct request *req, int64_t id, int64_t *district)
{
    const char *kind, *name;
    return place_get(req->db, req->arena, id, &kind, &name, district);
}

static int render_place(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return place_json(req->db, id, out);
}

/* 409, with the field that clashed (the router answers the conflict). */
static int name_taken(struct request *req)
{
    problem_field_msg(req, "name", FIELD_INVALID, "同一上级下已有同名地点",
                      "a place of that name exists under the same parent");
    return HW_ECONFLICT;
}

/* A name as sent, without blanks at its ends (text_trim(), as the import
 * trims its cells); place_name_valid() then refuses a blank one. */
static int trim_name(struct request *req, const char **name)
{
    if (!*name)
        return HW_OK;
    char *copy = arena_strdup(req->arena, *name);
    if (!copy)
        return HW_ENOMEM;
    *name = text_trim(copy);
    return HW_OK;
}

/* An optional "89.57" into square centimetres (above 0); -1 when absent. */
static int parse_area(struct request *req, const char *m2, int64_t *cm2)
{
    *cm2 = -1;
    if (m2 && !area_parse(m2, cm2))
        return write_field_invalid(req, "area_m2");
    return HW_OK;
}

/* ---- POST /api/v1/places -------------------------------------------------- */

struct place_create_body {
    const char *kind, *name, *code, *grid_type, *area_m2;
    struct opt_int parent_id, grid_id, micro_grid_id, zone_id, floor;
};

static const struct body_field place_create_fields[] = {
    BODY_FIELD(struct place_create_body, kind, BODY_STRING, true, 16),
    BODY_FIELD(struct place_create_body, name, BODY_STRING, true, PLACE_NAME_MAX_BYTES),
    BODY_FIELD(struct place_create_body, code, BODY_STRING, false, 32),
    BODY_FIELD(struct place_create_body, grid_type, BODY_STRING, false, 16),
    BODY_FIELD(struct place_create_body, area_m2, BODY_STRING, false, 16),
    BODY_FIELD(struct place_create_body, parent_id, BODY_INT, false, 0),
    BODY_FIELD(struct place_create_body, grid_id, BODY_INT, false, 0),
    BODY_FIELD(struct place_create_body, micro_grid_id, BODY_INT, false, 0),
    BODY_FIELD(struct place_create_body, zone_id, BODY_INT, false, 0),
    BODY_FIELD(struct place_create_body, floor, BODY_INT, false, 0),
};

struct create_ctx {
    struct place_new place;
    struct building_pattern pattern; /* generating a building when entrances > 0 */
};

static int apply_create(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct create_ctx *c = ctx;
    const char *bad = NULL;
    int rc = c->pattern.entrances ? place_create_building(req->db, &c->place, &c->pattern, id, &bad)
                                  : place_create(req->db, &c->place, id, &bad);
    if (rc == HW_ECONFLICT)
        return name_taken(req);
    if (rc != HW_OK)
        return write_model_error(req, rc, bad);
    return place_district(req, *id, district);
}

/* The parent is where the caller writes: it must lie in their scope. A new
 * sub-district (a new tenant) is for the installation's admin alone. */
static int check_parent(struct request *req, const char *kind, int64_t parent_id)
{
    if (strcmp(kind, "subdistrict") == 0) {
        if (!scope_sees_everything(req->who))
            return HW_EFORBIDDEN;
        return parent_id ? write_field_invalid(req, "parent_id") : HW_OK;
    }
    if (!parent_id) {
        problem_field(req, "parent_id", FIELD_REQUIRED);
        return HW_EINVAL;
    }
    return scope_place_visible(req->db, req->who, parent_id);
}

int place_http_create(struct request *req)
{
    struct place_create_body b = {0};
    int rc = BODY_PARSE(req, place_create_fields, &b);
    if (rc != HW_OK)
        return rc;
    if (!place_kind_valid(b.kind))
        return write_field_invalid(req, "kind");
    if ((rc = trim_name(req, &b.name)) != HW_OK)
        return rc;
    if ((rc = check_parent(req, b.kind, b.parent_id.v)) != HW_OK)
        return rc;
    struct create_ctx c = {.place = {.kind = b.kind,
                                     .name = b.name,
                                     .code = b.code,
                                     .grid_type = b.grid_type,
                                     .parent_id = b.parent_id.v,
                                     .grid_id = b.grid_id.v,
                                     .micro_grid_id = b.micro_grid_id.v,
                                     .zone_id = b.zone_id.v,
                                     .floor = b.floor.v}};
    if ((rc = parse_area(req, b.area_m2, &c.place.area_cm2)) != HW_OK)
        return rc;
    if (c.place.area_cm2 >= 0 && strcmp(b.kind, "dwelling") != 0)
        return write_field_invalid(req, "area_m2");
    if (b.floor.set && !b.floor.v)
        return write_field_invalid(req, "floor");
    static const struct audited_write w = {
        .action = "create",
        .entity = "place",
        .location = "/api/v1/places/",
        .apply = apply_create,
        .render = render_place,
    };
    return audited_write_run(req, &w, &c, 0);
}

/* ---- POST /api/v1/places/{id}/buildings ----------------------------------- */

struct building_body {
    const char *name, *code, *area_m2;
    struct opt_int grid_id, micro_grid_id, entrances, floors, per_floor;
};

static const struct body_field building_fields[] = {
    BODY_FIELD(struct building_body, name, BODY_STRING, true, PLACE_NAME_MAX_BYTES),
    BODY_FIELD(struct building_body, code, BODY_STRING, false, 32),
    BODY_FIELD(struct building_body, area_m2, BODY_STRING, false, 16),
    BODY_FIELD(struct building_body, grid_id, BODY_INT, true, 0),
    BODY_FIELD(struct building_body, micro_grid_id, BODY_INT, false, 0),
    BODY_FIELD(struct building_body, entrances, BODY_INT, true, 0),
    BODY_FIELD(struct building_body, floors, BODY_INT, true, 0),
    BODY_FIELD(struct building_body, per_floor, BODY_INT, true, 0),
};

static int render_building(struct request *req, void *ctx, int64_t id, json_t **out)
{
    struct create_ctx *c = ctx;
    int rc = place_json(req->db, id, out);
    if (rc == HW_OK)
        json_object_set_new(
            *out, "dwellings_created",
            json_integer(c->pattern.entrances * c->pattern.floors * c->pattern.per_floor));
    return rc;
}

int place_http_create_building(struct request *req)
{
    int64_t compound = req->params[0];
    int rc = scope_place_visible_kind(req->db, req->who, compound, "compound");
    if (rc != HW_OK)
        return rc;
    struct building_body b = {0};
    if ((rc = BODY_PARSE(req, building_fields, &b)) != HW_OK ||
        (rc = trim_name(req, &b.name)) != HW_OK)
        return rc;
    struct create_ctx c = {
        .place = {.kind = "building",
                  .name = b.name,
                  .code = b.code,
                  .parent_id = compound,
                  .grid_id = b.grid_id.v,
                  .micro_grid_id = b.micro_grid_id.v},
        .pattern = {.entrances = b.entrances.v, .floors = b.floors.v, .per_floor = b.per_floor.v}};
    c.place.area_cm2 = -1;
    if ((rc = parse_area(req, b.area_m2, &c.pattern.area_cm2)) != HW_OK)
        return rc;
    /* 0 entrances would mean "no pattern" to apply_create: refuse it here. */
    if (c.pattern.entrances < 1)
        return write_field_invalid(req, "entrances");
    static const struct audited_write w = {
        .action = "create",
        .entity = "place",
        .location = "/api/v1/places/",
        .apply = apply_create,
        .render = render_building,
    };
    return audited_write_run(req, &w, &c, 0);
}

/* ---- PATCH /api/v1/places/{id} -------------------------------------------- */

struct place_patch_body {
    const char *name, *code, *grid_type, *area_m2;
    struct opt_int grid_id, micro_grid_id;
};

static const struct body_field place_patch_fields[] = {
    BODY_FIELD(struct place_patch_body, name, BODY_STRING, false, PLACE_NAME_MAX_BYTES),
    BODY_FIELD(struct place_patch_body, code, BODY_STRING, false, 32),
    BODY_FIELD(struct place_patch_body, grid_type, BODY_STRING, false, 16),
    BODY_FIELD(struct place_patch_body, area_m2, BODY_STRING, false, 16),
    BODY_FIELD(struct place_patch_body, grid_id, BODY_INT, false, 0),
    BODY_FIELD(struct place_patch_body, micro_grid_id, BODY_INT, false, 0),
};

struct patch_ctx {
    struct place_patch patch;
    struct opt_int grid_id, micro_grid_id; /* micro_grid_id 0: none */
};

/* A building's grid and micro-grid now, to fill in what the patch leaves out. */
static int current_grids(struct db *db, int64_t id, bool *building, int64_t *grid, int64_t *micro)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT kind, grid_id, micro_grid_id FROM places WHERE id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    *building = strcmp(db_col_text(st, 0), "building") == 0;
    *grid = db_col_int(st, 1);
    *micro = db_col_int(st, 2);
    db_reset(st);
    return HW_OK;
}

static int apply_move(struct request *req, const struct patch_ctx *c, int64_t id)
{
    bool building;
    int64_t grid, micro;
    int rc = current_grids(req->db, id, &building, &grid, &micro);
    if (rc != HW_OK)
        return rc;
    if (!building)
        return write_field_invalid(req, c->grid_id.set ? "grid_id" : "micro_grid_id");
    /* The old micro-grid belongs to the old grid: a new grid without a
     * micro-grid leaves the building in none. */
    int64_t new_grid = c->grid_id.set ? c->grid_id.v : grid;
    int64_t new_micro = c->micro_grid_id.set ? c->micro_grid_id.v : new_grid == grid ? micro : 0;
    const char *bad = NULL;
    rc = place_move_building(req->db, id, new_grid, new_micro, req->who->user_id, &bad);
    return write_model_error(req, rc, bad);
}

static int apply_patch(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct patch_ctx *c = ctx;
    const char *bad = NULL;
    int rc = place_update(req->db, *id, &c->patch, &bad);
    if (rc == HW_ECONFLICT)
        return name_taken(req);
    if (rc != HW_OK)
        return write_model_error(req, rc, bad);
    if ((c->grid_id.set || c->micro_grid_id.set) && (rc = apply_move(req, c, *id)) != HW_OK)
        return rc;
    return place_district(req, *id, district);
}

int place_http_patch(struct request *req)
{
    int64_t id = req->params[0];
    int rc = scope_place_visible(req->db, req->who, id);
    if (rc != HW_OK)
        return rc;
    struct place_patch_body b = {0};
    if ((rc = BODY_PARSE(req, place_patch_fields, &b)) != HW_OK ||
        (rc = trim_name(req, &b.name)) != HW_OK)
        return rc;
    struct patch_ctx c = {.patch = {.name = b.name, .code = b.code, .grid_type = b.grid_type},
                          .grid_id = b.grid_id,
                          .micro_grid_id = b.micro_grid_id};
    if (b.area_m2) {
        c.patch.area_set = true;
        /* "" makes the area unknown again. */
        if (*b.area_m2 && (rc = parse_area(req, b.area_m2, &c.patch.area_cm2)) != HW_OK)
            return rc;
        if (!*b.area_m2)
            c.patch.area_cm2 = -1;
    }
    if (b.grid_id.set && b.grid_id.v <= 0)
        return write_field_invalid(req, "grid_id");
    static const struct audited_write w = {
        .action = "update",
        .entity = "place",
        .apply = apply_patch,
        .render = render_place,
    };
    return audited_write_run(req, &w, &c, id);
}

/* ---- GET /api/v1/places/{id}/grid-history --------------------------------- */

static json_t *history_row(struct db_stmt *st)
{
    return json_pack("{s:I, s:I, s:s?, s:o, s:s?, s:o, s:o, s:o}", "id",
                     (json_int_t)db_col_int(st, 0), "grid_id", (json_int_t)db_col_int(st, 1),
                     "grid_name", db_col_text(st, 2), "micro_grid_id", db_json_int(st, 3),
                     "micro_grid_name", db_col_text(st, 4), "started_at", db_json_time(st, 5),
                     "ended_at", db_json_time(st, 6), "changed_by", db_json_int(st, 7));
}

/* GET /api/v1/places/{id}/grid-history[?limit=&after=]: oldest first. */
int place_http_grid_history(struct request *req)
{
    int64_t id = req->params[0], limit, after;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = scope_place_visible_kind(req->db, req->who, id, "building");
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    rc = db_query(req->db, &st,
                  "SELECT h.id, h.grid_id, g.name, h.micro_grid_id, m.name, h.started_at,"
                  " h.ended_at, h.changed_by FROM building_grid_history h"
                  " JOIN places g ON g.id = h.grid_id"
                  " LEFT JOIN places m ON m.id = h.micro_grid_id"
                  " WHERE h.building_id = $1 AND h.id > $2 ORDER BY h.id LIMIT $3",
                  "iii", id, after, limit);
    if (rc != HW_OK)
        return rc;
    return respond_row_page(req, st, limit, history_row);
}
