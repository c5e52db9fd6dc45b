#include <string.h>

#include "kit/access.h"
#include "kit/scope.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/validate.h"
#include "http/problem.h"
#include "http/response.h"
#include "place/place.h"
#include "base/period.h"
#include "store/db_json.h"

/* Every query below binds today's date as $1: a compound without a
 * current property company is a 无物管小区 (docs/domain.md PL-5). */
#define PLACE_COLUMNS                                                                              \
    "id, kind, name, parent_id, grid_id, code, district_id, micro_grid_id, zone_id, floor, "       \
    "area_cm2, grid_type, CASE WHEN kind = 'compound' THEN (SELECT count(*)"                       \
    " FROM org_compounds oc JOIN organizations o ON o.id = oc.org_id"                              \
    " WHERE oc.compound_id = places.id AND o.kind = 'property_company' "                           \
    "AND " ORG_PERIOD_CURRENT_SQL("oc.started", "oc.ended", "$1") ") END"

static json_t *place_row_json(struct db_stmt *st)
{
    json_t *area = json_null();
    if (!db_col_is_null(st, 10)) {
        char text[32];
        area_format(db_col_int(st, 10), text, sizeof text);
        area = json_string(text);
    }
    json_t *place = json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "id",
                              (json_int_t)db_col_int(st, 0), "kind", db_col_text(st, 1), "name",
                              db_col_text(st, 2), "parent_id", db_json_int(st, 3), "grid_id",
                              db_json_int(st, 4), "code", db_json_text(st, 5), "district_id",
                              db_json_int(st, 6), "micro_grid_id", db_json_int(st, 7), "zone_id",
                              db_json_int(st, 8), "floor", db_json_int(st, 9), "area_m2", area,
                              "grid_type", db_json_text(st, 11));
    if (place && !db_col_is_null(st, 12))
        json_object_set_new(place, "has_property_company", json_boolean(db_col_int(st, 12) > 0));
    return place;
}

int place_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    char today[CLOCK_DATE_SIZE];
    clock_today(today);
    int rc =
        db_query(db, &st, "SELECT " PLACE_COLUMNS " FROM places WHERE id = $2", "si", today, id);
    if (rc != HW_OK)
        return rc;
    json_t *items;
    if ((rc = db_json_rows(st, place_row_json, &items)) != HW_OK)
        return rc;
    *out = json_incref(json_array_get(items, 0));
    json_decref(items);
    return *out ? HW_OK : HW_ENOTFOUND;
}

/* GET /api/v1/places/{id} */
int place_http_get(struct request *req)
{
    int64_t id = req->params[0];
    int rc = scope_place_visible(req->db, req->who, id);
    json_t *place;
    if (rc != HW_OK || (rc = place_json(req->db, id, &place)) != HW_OK)
        return rc;
    return respond_json(req, 200, place);
}

/* GET /api/v1/places[?parent_id=N]: the children of a visible place, or,
 * without parent_id, the caller's own scope. A grid's children are its
 * micro-grids and the buildings drawn into it; a micro-grid's its buildings;
 * a zone's the compounds it groups. */
int place_http_list(struct request *req)
{
    int64_t parent = 0;
    int rc = req_query_id(req, "parent_id", &parent);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    char today[CLOCK_DATE_SIZE];
    clock_today(today);
    if (parent) {
        const char *kind, *name;
        int64_t district;
        if ((rc = scope_place_visible(req->db, req->who, parent)) != HW_OK ||
            (rc = place_get(req->db, req->arena, parent, &kind, &name, &district)) != HW_OK)
            return rc;
        const char *sql =
            strcmp(kind, "grid") == 0
                ? "SELECT " PLACE_COLUMNS " FROM places WHERE parent_id = $2"
                  " OR (grid_id = $2 AND kind = 'building') ORDER BY kind DESC, name, id LIMIT 2000"
            : strcmp(kind, "micro_grid") == 0
                ? "SELECT " PLACE_COLUMNS " FROM places WHERE micro_grid_id = $2"
                  " AND kind = 'building' ORDER BY name, id LIMIT 2000"
            : strcmp(kind, "zone") == 0
                ? "SELECT " PLACE_COLUMNS " FROM places WHERE zone_id = $2 AND kind = 'compound'"
                  " ORDER BY name, id LIMIT 2000"
                : "SELECT " PLACE_COLUMNS " FROM places WHERE parent_id = $2"
                  " ORDER BY kind, name, id LIMIT 2000";
        rc = db_query(req->db, &st, sql, "si", today, parent);
    } else if (scope_sees_everything(req->who)) {
        rc = db_query(req->db, &st,
                      "SELECT " PLACE_COLUMNS " FROM places WHERE kind = 'subdistrict'"
                      " ORDER BY name, id",
                      "s", today);
    } else {
        rc = db_query(req->db, &st, "SELECT " PLACE_COLUMNS " FROM places WHERE id = $2", "si",
                      today, req->who->scope_id);
    }
    if (rc != HW_OK)
        return rc;
    json_t *items;
    if ((rc = db_json_rows(st, place_row_json, &items)) != HW_OK)
        return rc;
    return respond_json(req, 200, json_pack("{s:o}", "items", items));
}
