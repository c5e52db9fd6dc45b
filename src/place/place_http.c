#include "auth/access.h"
#include "base/err.h"
#include "http/problem.h"
#include "http/response.h"
#include "place/place.h"

#define PLACE_COLUMNS "id, kind, name, parent_id, grid_id, code, district_id"

static json_t *int_or_null(struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? json_null() : json_integer(db_col_int(st, col));
}

static json_t *place_row_json(struct db_stmt *st)
{
    return json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)db_col_int(st, 0),
                     "kind", db_col_text(st, 1), "name", db_col_text(st, 2), "parent_id",
                     int_or_null(st, 3), "grid_id", int_or_null(st, 4), "code",
                     db_col_is_null(st, 5) ? json_null() : json_string(db_col_text(st, 5)),
                     "district_id", int_or_null(st, 6));
}

/* Collects every row of st into a JSON array; resets st. */
static int rows_to_array(struct db_stmt *st, json_t **out)
{
    json_t *items = json_array();
    int rc = items ? HW_OK : HW_ENOMEM;
    while (rc == HW_OK && (rc = db_step(st)) == DB_ROW) {
        json_t *row = place_row_json(st);
        rc = row && json_array_append_new(items, row) == 0 ? HW_OK : HW_ENOMEM;
    }
    db_reset(st);
    if (rc < 0) {
        json_decref(items);
        return rc;
    }
    *out = items;
    return HW_OK;
}

/* GET /api/v1/places/{id} */
int place_http_get(struct request *req)
{
    int64_t id = req->params[0];
    int rc = access_place_visible(req->db, req->who, id);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    rc = db_query(req->db, &st, "SELECT " PLACE_COLUMNS " FROM places WHERE id = $1", "i", id);
    if (rc != HW_OK)
        return rc;
    json_t *items;
    if ((rc = rows_to_array(st, &items)) != HW_OK)
        return rc;
    json_t *place = json_incref(json_array_get(items, 0));
    json_decref(items);
    return place ? respond_json(req, 200, place) : HW_ENOTFOUND;
}

/* GET /api/v1/places[?parent_id=N]: the children of a visible place (a grid's
 * children are its micro-grids and the buildings drawn into it), or, without
 * parent_id, the caller's own scope. */
int place_http_list(struct request *req)
{
    int64_t parent = 0;
    int rc = req_query_id(req, "parent_id", &parent);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    if (parent) {
        if ((rc = access_place_visible(req->db, req->who, parent)) != HW_OK)
            return rc;
        rc = db_query(req->db, &st,
                      "SELECT " PLACE_COLUMNS " FROM places WHERE parent_id = $1 OR grid_id = $1"
                      " ORDER BY kind, name, id LIMIT 1000",
                      "i", parent);
    } else if (access_sees_everything(req->who)) {
        rc = db_query(req->db, &st,
                      "SELECT " PLACE_COLUMNS " FROM places WHERE kind = 'subdistrict'"
                      " ORDER BY name, id",
                      "");
    } else {
        rc = db_query(req->db, &st, "SELECT " PLACE_COLUMNS " FROM places WHERE id = $1", "i",
                      req->who->scope_id);
    }
    if (rc != HW_OK)
        return rc;
    json_t *items;
    if ((rc = rows_to_array(st, &items)) != HW_OK)
        return rc;
    return respond_json(req, 200, json_pack("{s:o}", "items", items));
}
