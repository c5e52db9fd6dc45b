/* Dispatch rules (docs/api-workorders.md, "Dispatch rules, teams, units,
 * the calendar"): which person, team or pool gets a new order of a grid and
 * a category. */
#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/response.h"
#include "kit/record_routes.h"
#include "workorder/rules.h"
#include "workorder/workorder_http.h"

int workorder_http_rules(struct request *req)
{
    int64_t limit, after, district;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = workorder_http_district(req, &district);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    rc = district ? db_query(req->db, &st,
                             "SELECT " WO_RULE_COLUMNS " FROM wo_routes WHERE district_id = $1"
                             " AND id > $2 ORDER BY id LIMIT $3",
                             "iii", district, after, limit)
                  : db_query(req->db, &st,
                             "SELECT " WO_RULE_COLUMNS " FROM wo_routes WHERE id > $1"
                             " ORDER BY id LIMIT $2",
                             "ii", after, limit);
    if (rc != HW_OK)
        return rc;
    return respond_row_page(req, st, limit, wo_rule_row);
}

struct rule_body {
    const char *mode;
    struct opt_int grid_id, category_id, assignee_user_id, team_id;
    struct opt_bool enabled;
};

static const struct body_field rule_fields[] = {
    BODY_FIELD(struct rule_body, grid_id, BODY_INT, false, 0),
    BODY_FIELD(struct rule_body, category_id, BODY_INT, false, 0),
    BODY_FIELD(struct rule_body, mode, BODY_STRING, true, 16),
    BODY_FIELD(struct rule_body, assignee_user_id, BODY_INT, false, 0),
    BODY_FIELD(struct rule_body, team_id, BODY_INT, false, 0),
    BODY_FIELD(struct rule_body, enabled, BODY_BOOL, false, 0),
};

/* A rule's grid and category are what it covers: a change of them is a new
 * rule. */
static const struct body_field rule_patch_fields[] = {
    BODY_FIELD(struct rule_body, mode, BODY_STRING, false, 16),
    BODY_FIELD(struct rule_body, assignee_user_id, BODY_INT, false, 0),
    BODY_FIELD(struct rule_body, team_id, BODY_INT, false, 0),
    BODY_FIELD(struct rule_body, enabled, BODY_BOOL, false, 0),
};

struct rule_ctx {
    int64_t district;
    struct wo_rule rule;
    struct rule_body b; /* a change: what was given */
};

static int render_rule(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return wo_rule_json(req->db, id, out);
}

/* The rule's field errors: another enabled rule covering the same grid
 * and category is 409 on category_id. */
static int rule_error(struct request *req, int rc, const char *bad)
{
    if (rc == HW_ECONFLICT && bad)
        return write_field_invalid(req, bad) == HW_EINVAL ? HW_ECONFLICT : HW_ENOMEM;
    return write_model_error(req, rc, bad);
}

static int apply_create_rule(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct rule_ctx *c = ctx;
    const char *bad = NULL;
    *district = c->district;
    int rc = wo_rule_validate(req->db, c->district, &c->rule, 0, &bad);
    if (rc == HW_OK)
        rc = wo_rule_create(req->db, c->district, &c->rule, clock_now(), id);
    return rule_error(req, rc, bad);
}

int workorder_http_create_rule(struct request *req)
{
    struct rule_ctx c = {0};
    struct rule_body *b = &c.b;
    int rc = BODY_PARSE(req, rule_fields, b);
    if (rc == HW_OK)
        rc = record_district(req, &c.district);
    if (rc != HW_OK)
        return rc;
    c.rule = (struct wo_rule){.grid_id = b->grid_id.v, .category_id = b->category_id.v,
                              .assignee_user_id = b->assignee_user_id.v,
                              .team_id = b->team_id.v,
                              .enabled = b->enabled.set ? b->enabled.v : true};
    if (wo_mode_parse(b->mode, &c.rule.mode) != HW_OK)
        return write_field_invalid(req, "mode");
    static const struct audited_write w = {.action = "create", .entity = "wo_dispatch_rule",
                                           .location = "/api/v1/wo-dispatch-rules/",
                                           .apply = apply_create_rule, .render = render_rule};
    return audited_write_run(req, &w, &c, 0);
}

static int apply_patch_rule(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct rule_ctx *c = ctx;
    const char *bad = NULL;
    struct wo_rule r;
    int rc = wo_rule_load(req->db, *id, district, &r);
    if (rc != HW_OK)
        return rc;
    /* A new mode names its person and team anew: what is not given is none. */
    if (c->b.mode) {
        r.mode = c->rule.mode;
        r.assignee_user_id = c->b.assignee_user_id.v;
        r.team_id = c->b.team_id.v;
    } else {
        if (c->b.assignee_user_id.set)
            r.assignee_user_id = c->b.assignee_user_id.v;
        if (c->b.team_id.set)
            r.team_id = c->b.team_id.v;
    }
    if (c->b.enabled.set)
        r.enabled = c->b.enabled.v;
    rc = wo_rule_validate(req->db, *district, &r, *id, &bad);
    if (rc == HW_OK)
        rc = wo_rule_update(req->db, *id, &r);
    return rule_error(req, rc, bad);
}

int workorder_http_patch_rule(struct request *req)
{
    struct rule_ctx c = {0};
    int rc = BODY_PARSE(req, rule_patch_fields, &c.b);
    if (rc != HW_OK)
        return rc;
    if (c.b.mode && wo_mode_parse(c.b.mode, &c.rule.mode) != HW_OK)
        return write_field_invalid(req, "mode");
    static const struct audited_write w = {.action = "update", .entity = "wo_dispatch_rule",
                                           .apply = apply_patch_rule, .render = render_rule};
    return audited_write_run(req, &w, &c, req->params[0]);
}
