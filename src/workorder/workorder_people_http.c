/* Dispatch teams and the people who answer a unit's whistles
 * (docs/api-workorders.md, "Dispatch rules, teams, units, the calendar"). */
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/record_routes.h"
#include "kit/scope.h"
#include "workorder/teams.h"
#include "workorder/workorder_http.h"

/* {"user_ids": [ids]}: at most WO_PEOPLE_MAX positive ids. */
static int parse_user_ids(struct request *req, int64_t ids[WO_PEOPLE_MAX], size_t *n)
{
    static const char *const fields[] = {"user_ids", NULL};
    json_t *root;
    int rc = workorder_http_body(req, fields, &root);
    if (rc != HW_OK)
        return rc;
    json_t *list = json_object_get(root, "user_ids"), *v;
    if (!json_is_array(list)) {
        problem_field(req, "user_ids", FIELD_WRONG_TYPE);
        return HW_EINVAL;
    }
    if (json_array_size(list) > WO_PEOPLE_MAX)
        return write_field_invalid(req, "user_ids");
    size_t i;
    *n = 0;
    json_array_foreach(list, i, v) {
        if (!json_is_integer(v) || json_integer_value(v) <= 0)
            return write_field_invalid(req, "user_ids");
        ids[(*n)++] = json_integer_value(v);
    }
    return HW_OK;
}

/* ---- teams ---------------------------------------------------------------- */

static int render_team(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return wo_team_json(req->db, id, out);
}

int workorder_http_teams(struct request *req)
{
    int64_t limit, after, district;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = workorder_http_district(req, &district);
    if (rc != HW_OK)
        return rc;
    /* Every sub-district's for an installation admin who names none. */
    struct db_stmt *st;
    rc = district ? db_query(req->db, &st,
                             "SELECT id FROM wo_teams WHERE district_id = $1 AND id > $2"
                             " ORDER BY id LIMIT $3",
                             "iii", district, after, limit)
                  : db_query(req->db, &st,
                             "SELECT id FROM wo_teams WHERE id > $1 ORDER BY id LIMIT $2", "ii",
                             after, limit);
    if (rc != HW_OK)
        return rc;
    return respond_id_page(req, st, limit, render_team, NULL);
}

struct team_body {
    const char *name;
};
static const struct body_field team_fields[] = {
    BODY_FIELD(struct team_body, name, BODY_STRING, true, WO_TEAM_NAME_MAX * 4),
};

struct team_ctx {
    int64_t district;
    const char *name;
    int64_t ids[WO_PEOPLE_MAX];
    size_t n;
};

/* A name the sub-district has already: 409 on the field. */
static int team_error(struct request *req, int rc, const char *bad)
{
    if (rc == HW_ECONFLICT)
        return write_field_invalid(req, "name") == HW_EINVAL ? HW_ECONFLICT : HW_ENOMEM;
    return write_model_error(req, rc, bad);
}

static int apply_create_team(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct team_ctx *c = ctx;
    const char *bad = NULL;
    *district = c->district;
    return team_error(req, wo_team_create(req->db, c->district, c->name, clock_now(), id, &bad),
                      bad);
}

int workorder_http_create_team(struct request *req)
{
    struct team_body b = {0};
    struct team_ctx c = {0};
    int rc = BODY_PARSE(req, team_fields, &b);
    if (rc == HW_OK)
        rc = record_district(req, &c.district);
    if (rc != HW_OK)
        return rc;
    c.name = b.name;
    static const struct audited_write w = {.action = "create", .entity = "wo_team",
                                           .location = "/api/v1/wo-teams/",
                                           .apply = apply_create_team, .render = render_team};
    return audited_write_run(req, &w, &c, 0);
}

static int team_district(struct request *req, int64_t id, int64_t *district)
{
    return db_scalar_int(req->db, district, "SELECT district_id FROM wo_teams WHERE id = $1", "i",
                         id);
}

static int apply_rename_team(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct team_ctx *c = ctx;
    const char *bad = NULL;
    int rc = team_district(req, *id, district);
    if (rc == HW_OK)
        rc = wo_team_rename(req->db, *id, c->name, &bad);
    return team_error(req, rc, bad);
}

int workorder_http_patch_team(struct request *req)
{
    struct team_body b = {0};
    int rc = BODY_PARSE(req, team_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct team_ctx c = {.name = b.name};
    static const struct audited_write w = {.action = "update", .entity = "wo_team",
                                           .apply = apply_rename_team, .render = render_team};
    return audited_write_run(req, &w, &c, req->params[0]);
}

static int apply_members(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct team_ctx *c = ctx;
    const char *bad = NULL;
    int rc = team_district(req, *id, district);
    if (rc == HW_OK)
        rc = wo_team_set_members(req->db, *id, *district, c->ids, c->n, &bad);
    return write_model_error(req, rc, bad);
}

int workorder_http_put_team_members(struct request *req)
{
    struct team_ctx c = {0};
    int rc = parse_user_ids(req, c.ids, &c.n);
    if (rc != HW_OK)
        return rc;
    static const struct audited_write w = {.action = "update", .entity = "wo_team",
                                           .apply = apply_members, .render = render_team};
    return audited_write_run(req, &w, &c, req->params[0]);
}

/* ---- units ---------------------------------------------------------------- */

static int render_unit(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return wo_unit_json(req->db, id, out);
}

int workorder_http_units(struct request *req)
{
    int64_t limit, after, district;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = workorder_http_district(req, &district);
    if (rc != HW_OK)
        return rc;
    /* The organizations someone answers for, by id. */
    struct db_stmt *st;
    rc = district ? db_query(req->db, &st,
                             "SELECT o.id FROM organizations o WHERE o.district_id = $1"
                             " AND o.id > $2 AND EXISTS (SELECT 1 FROM wo_unit_users l"
                             " WHERE l.org_id = o.id) ORDER BY o.id LIMIT $3",
                             "iii", district, after, limit)
                  : db_query(req->db, &st,
                             "SELECT o.id FROM organizations o WHERE o.id > $1 AND EXISTS"
                             " (SELECT 1 FROM wo_unit_users l WHERE l.org_id = o.id)"
                             " ORDER BY o.id LIMIT $2",
                             "ii", after, limit);
    if (rc != HW_OK)
        return rc;
    return respond_id_page(req, st, limit, render_unit, NULL);
}

static int apply_unit_users(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct team_ctx *c = ctx;
    const char *bad = NULL;
    int rc = db_scalar_int(req->db, district, "SELECT district_id FROM organizations WHERE id = $1",
                           "i", *id);
    if (rc == HW_OK)
        rc = wo_unit_set_users(req->db, *id, *district, c->ids, c->n, &bad);
    return write_model_error(req, rc, bad);
}

int workorder_http_put_unit_users(struct request *req)
{
    struct team_ctx c = {0};
    int rc = parse_user_ids(req, c.ids, &c.n);
    if (rc != HW_OK)
        return rc;
    static const struct audited_write w = {.action = "update", .entity = "wo_unit",
                                           .apply = apply_unit_users, .render = render_unit};
    return audited_write_run(req, &w, &c, req->params[0]);
}
