#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/period.h"
#include "base/validate.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/access.h"
#include "kit/record_routes.h"
#include "kit/scope.h"
#include "place/place.h"
#include "store/db_json.h"

/* The columns of places row p. Every query below binds today's date as $1:
 * a compound without a current property company is a 无物管小区
 * (docs/domain.md PL-5). */
#define PLACE_COLUMNS                                                                              \
    "p.id, p.kind, p.name, p.parent_id, p.grid_id, p.code, p.district_id, p.micro_grid_id,"        \
    " p.zone_id, p.floor, p.area_cm2, p.grid_type, CASE WHEN p.kind = 'compound' THEN"             \
    " (SELECT count(*) FROM org_compounds oc JOIN organizations o ON o.id = oc.org_id"             \
    " WHERE oc.compound_id = p.id AND o.kind = 'property_company' "                                \
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
    int rc = db_query(db, &st, "SELECT " PLACE_COLUMNS " FROM places p WHERE p.id = $2", "si",
                      today, id);
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
    /* One place read on its own also says where it is: "紫薇花园 1幢 1单元 101". */
    char label[PLACE_LABEL_MAX];
    if ((rc = place_label(req->db, id, label, sizeof label)) != HW_OK) {
        json_decref(place);
        return rc;
    }
    json_object_set_new(place, "address", json_string(label));
    return respond_json(req, 200, place);
}

/* Which places are a parent's children: a grid's are its micro-grids and the
 * buildings drawn into it, a micro-grid's its buildings, a zone's the
 * compounds it groups, anyone else's the places under it. */
static const char *children_condition(const char *parent_kind)
{
    if (strcmp(parent_kind, "grid") == 0)
        return "(p.parent_id = $2 OR (p.grid_id = $2 AND p.kind = 'building'))";
    if (strcmp(parent_kind, "micro_grid") == 0)
        return "p.micro_grid_id = $2 AND p.kind = 'building'";
    if (strcmp(parent_kind, "zone") == 0)
        return "p.zone_id = $2 AND p.kind = 'compound'";
    return "p.parent_id = $2";
}

/* GET /api/v1/places[?parent_id=N][&limit=&after=]: the children of a
 * visible place, or, without parent_id, the caller's scope roots; a page at
 * a time in (kind, name, id) order, the cursor being the last place's id. */
int place_http_list(struct request *req)
{
    int64_t parent = 0, limit, after;
    int rc = req_query_id(req, "parent_id", &parent);
    if (rc == HW_OK)
        rc = req_page(req, &limit, &after);
    if (rc != HW_OK)
        return rc;
    char today[CLOCK_DATE_SIZE];
    clock_today(today);
    char which[160];
    if (parent) {
        const char *kind, *name;
        int64_t district;
        if ((rc = scope_place_visible(req->db, req->who, parent)) != HW_OK ||
            (rc = place_get(req->db, req->arena, parent, &kind, &name, &district)) != HW_OK)
            return rc;
        snprintf(which, sizeof which, "%s", children_condition(kind));
    } else if (scope_sees_everything(req->who)) {
        snprintf(which, sizeof which, "p.kind = 'subdistrict' AND $2 = 0");
    } else {
        snprintf(which, sizeof which, "p.id = $2");
        parent = req->who->scope_id;
    }
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT " PLACE_COLUMNS " FROM places p WHERE %s AND ($3 = 0"
             " OR (p.kind, p.name, p.id) > (SELECT a.kind, a.name, a.id FROM places a"
             " WHERE a.id = $3)) ORDER BY p.kind, p.name, p.id LIMIT $4",
             which);
    struct db_stmt *st;
    if ((rc = db_query(req->db, &st, sql, "siii", today, parent, after, limit)) != HW_OK)
        return rc;
    return respond_row_page(req, st, limit, place_row_json);
}
