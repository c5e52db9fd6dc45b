/* Schedules and the 户情图 data: the due list, compliance, the maps. */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "care/care_http.h"
#include "care/map.h"
#include "care/plan.h"
#include "care/schedule.h"
#include "http/response.h"
#include "kit/privacy.h"
#include "kit/record_routes.h"
#include "kit/scope.h"

/* Today, or ?date= under the test clock (a test looks at a boundary). */
static int day_of(struct request *req, int64_t *day)
{
    *day = care_day_of_epoch(clock_now());
    const char *date = req_query(req, "date");
    if (!date)
        return HW_OK;
    if (!clock_is_test_mode() || care_day_parse(date, day) != HW_OK)
        return write_field_invalid(req, "date");
    return HW_OK;
}

/* A grid in the caller's scope: ?grid_id=, else the caller's own. */
static int grid_of(struct request *req, int64_t *grid)
{
    *grid = 0;
    int rc = req_query_id(req, "grid_id", grid);
    if (rc != HW_OK)
        return rc;
    if (!*grid && req->who->scope_kind && strcmp(req->who->scope_kind, "grid") == 0)
        *grid = req->who->scope_id;
    if (!*grid)
        return write_field_invalid(req, "grid_id");
    if (scope_place_visible_kind(req->db, req->who, *grid, "grid") != HW_OK)
        return write_field_invalid(req, "grid_id");
    return HW_OK;
}

/* One sensitive read per sub-district's answer would say too little: the
 * due list names its households, so each shown orange one is logged. */
static int log_items(struct request *req, json_t *list)
{
    size_t i;
    json_t *item;
    json_array_foreach(list, i, item) {
        const char *tier = json_string_value(json_object_get(item, "tier"));
        if (!tier || strcmp(tier, "orange") != 0)
            continue;
        int64_t id = json_integer_value(json_object_get(json_object_get(item, "household"), "id"));
        int rc = care_http_log_read(req, id, true);
        if (rc != HW_OK)
            return rc;
    }
    return HW_OK;
}

int care_http_due(struct request *req)
{
    int64_t day, grid;
    int rc = day_of(req, &day);
    if (rc == HW_OK)
        rc = grid_of(req, &grid);
    json_t *o = NULL;
    bool disclosed = false;
    if (rc == HW_OK)
        rc = care_due_json(req->db, req->who, grid, day, &o, &disclosed);
    if (rc == HW_OK && disclosed)
        rc = log_items(req, json_object_get(o, "this_week"));
    if (rc == HW_OK && disclosed)
        rc = log_items(req, json_object_get(o, "today"));
    if (rc != HW_OK) {
        json_decref(o);
        return rc;
    }
    return respond_json(req, 200, o);
}

enum { COMPLIANCE_GRIDS_MAX = 200 };

int care_http_compliance(struct request *req)
{
    int64_t day, grid = 0, community = 0;
    int rc = day_of(req, &day);
    if (rc == HW_OK)
        rc = req_query_id(req, "grid_id", &grid);
    if (rc == HW_OK)
        rc = req_query_id(req, "community_id", &community);
    if (rc != HW_OK)
        return rc;
    int64_t month_first, unused;
    care_period_of(CARE_MONTH, day, &month_first, &unused);
    const char *month = req_query(req, "month");
    if (month) {
        char date[CARE_DATE_SIZE];
        snprintf(date, sizeof date, "%.7s-01", month);
        if (strlen(month) != 7 || care_day_parse(date, &month_first) != HW_OK)
            return write_field_invalid(req, "month");
    }
    if (grid && scope_place_visible_kind(req->db, req->who, grid, "grid") != HW_OK)
        return write_field_invalid(req, "grid_id");
    if (community && scope_place_visible_kind(req->db, req->who, community, "community") != HW_OK)
        return write_field_invalid(req, "community_id");
    struct scope_sql scope;
    scope_places(req->who, "g", 1, &scope);
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT g.id FROM places g WHERE g.kind = 'grid' AND %s AND ($2 = 0 OR g.id = $2)"
             " AND ($3 = 0 OR g.community_id = $3) ORDER BY g.id LIMIT $4",
             scope.cond);
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "iiii", scope.value, grid, community,
                  (int64_t)COMPLIANCE_GRIDS_MAX);
    if (rc != HW_OK)
        return rc;
    int64_t grids[COMPLIANCE_GRIDS_MAX];
    size_t n = 0;
    while ((rc = db_step(st)) == DB_ROW && n < COMPLIANCE_GRIDS_MAX)
        grids[n++] = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        return rc;
    json_t *o;
    rc = care_compliance_json(req->db, grids, n, month_first, day, &o);
    return rc == HW_OK ? respond_json(req, 200, o) : rc;
}

static int map(struct request *req, bool public_map)
{
    int64_t day;
    int rc = day_of(req, &day);
    json_t *o = NULL;
    bool disclosed = false;
    if (rc == HW_OK)
        rc = care_map_json(req->db, req->who, req->params[0], public_map, day, &o, &disclosed);
    if (rc == HW_ENOTFOUND) /* a place of another kind: no map */
        return write_field_invalid(req, "id");
    if (rc == HW_OK && disclosed) {
        size_t b, f, c, d;
        json_t *bv, *fv, *cv, *dv;
        json_array_foreach(json_object_get(o, "buildings"), b, bv)
            json_array_foreach(json_object_get(bv, "floors"), f, fv)
                json_array_foreach(json_object_get(fv, "cells"), c, cv)
                    json_array_foreach(json_object_get(cv, "dwellings"), d, dv)
                        if (rc == HW_OK && json_is_string(json_object_get(dv, "tier")) &&
                            strcmp(json_string_value(json_object_get(dv, "tier")), "orange") == 0)
                            rc = care_http_log_read(req, json_integer_value(json_object_get(dv, "id")), true);
    }
    if (rc != HW_OK) {
        json_decref(o);
        return rc;
    }
    return respond_json(req, 200, o);
}

int care_http_map(struct request *req) { return map(req, false); }

int care_http_public_map(struct request *req) { return map(req, true); }
