/* The evaluation for staff: a sub-district's formula, the third-party
 * scores, the preview of a quarter as measured now, and publishing it. A
 * sub-district officer works on their own sub-district; an installation
 * admin names one (district_id). */
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/response.h"
#include "kit/record_routes.h"
#include "oversight/oversight_http.h"
#include "oversight/quarter.h"
#include "oversight/rating.h"
#include "store/db_json.h"
#include "wostats/days.h"

/* The caller's sub-district, or for an installation admin the one given. */
static int district_for(struct request *req, int64_t given, int64_t *district)
{
    if (req->who->district_id) {
        if (given && given != req->who->district_id)
            return write_field_invalid(req, "district_id");
        *district = req->who->district_id;
        return HW_OK;
    }
    int64_t n = 0;
    int rc = given ? db_scalar_int(req->db, &n,
                                   "SELECT count(*) FROM places WHERE id = $1"
                                   " AND kind = 'subdistrict'",
                                   "i", given)
                   : HW_OK;
    if (rc != HW_OK)
        return rc;
    if (!n)
        return write_field_invalid(req, "district_id");
    *district = given;
    return HW_OK;
}

static int query_district(struct request *req, int64_t *district)
{
    int64_t given = 0;
    int rc = req_query_id(req, "district_id", &given);
    return rc == HW_OK ? district_for(req, given, district) : rc;
}

static int query_quarter(struct request *req, const char **quarter)
{
    int32_t first, last;
    *quarter = req_query(req, "quarter");
    if (oversight_quarter_parse(*quarter, &first, &last) != HW_OK)
        return write_field_invalid(req, "quarter");
    return HW_OK;
}

/* GET /api/v1/ratings/formula[?district_id=] */
int oversight_http_formula(struct request *req)
{
    int64_t district;
    int rc = query_district(req, &district);
    struct oversight_formula f;
    bool is_default;
    if (rc == HW_OK)
        rc = oversight_formula_load(req->db, district, &f, &is_default);
    if (rc != HW_OK)
        return rc;
    json_t *o = oversight_formula_json(&f, is_default);
    if (o)
        json_object_set_new(o, "district_id", json_integer(district));
    return o ? respond_json(req, 200, o) : HW_ENOMEM;
}

struct formula_body {
    struct opt_int district_id, w_on_time, w_resolution, w_satisfaction, w_third_party,
        penalty_upheld, penalty_partly, min_orders, list_size;
};
static const struct body_field formula_fields[] = {
    BODY_FIELD(struct formula_body, district_id, BODY_INT, false, 0),
    BODY_FIELD(struct formula_body, w_on_time, BODY_INT, true, 0),
    BODY_FIELD(struct formula_body, w_resolution, BODY_INT, true, 0),
    BODY_FIELD(struct formula_body, w_satisfaction, BODY_INT, true, 0),
    BODY_FIELD(struct formula_body, w_third_party, BODY_INT, true, 0),
    BODY_FIELD(struct formula_body, penalty_upheld, BODY_INT, true, 0),
    BODY_FIELD(struct formula_body, penalty_partly, BODY_INT, true, 0),
    BODY_FIELD(struct formula_body, min_orders, BODY_INT, true, 0),
    BODY_FIELD(struct formula_body, list_size, BODY_INT, true, 0),
};

struct formula_ctx {
    int64_t district;
    struct oversight_formula f;
};

static int formula_id(struct request *req, int64_t district, int64_t *id)
{
    return db_scalar_int(req->db, id, "SELECT id FROM rating_formulas WHERE district_id = $1",
                         "i", district);
}

static int apply_formula(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct formula_ctx *c = ctx;
    const char *bad = NULL;
    *district = c->district;
    int rc = oversight_formula_save(req->db, c->district, &c->f, req->who->user_id, clock_now(),
                                    &bad);
    if (rc == HW_OK)
        rc = formula_id(req, c->district, id);
    return write_model_error(req, rc, bad);
}

static int render_formula(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)id;
    struct formula_ctx *c = ctx;
    struct oversight_formula f;
    bool is_default;
    int rc = oversight_formula_load(req->db, c->district, &f, &is_default);
    if (rc != HW_OK)
        return rc;
    *out = oversight_formula_json(&f, is_default);
    if (*out)
        json_object_set_new(*out, "district_id", json_integer(c->district));
    return *out ? HW_OK : HW_ENOMEM;
}

/* PUT /api/v1/ratings/formula: audited, before and after. */
int oversight_http_put_formula(struct request *req)
{
    struct formula_body b = {0};
    int rc = BODY_PARSE(req, formula_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct formula_ctx c = {
        .f = {.w_on_time = (int)b.w_on_time.v, .w_resolution = (int)b.w_resolution.v,
              .w_satisfaction = (int)b.w_satisfaction.v, .w_third_party = (int)b.w_third_party.v,
              .penalty_upheld = (int)b.penalty_upheld.v, .penalty_partly = (int)b.penalty_partly.v,
              .min_orders = (int)b.min_orders.v, .list_size = (int)b.list_size.v}};
    /* Each value within int before it is narrowed. */
    const struct opt_int *vals[] = {&b.w_on_time, &b.w_resolution, &b.w_satisfaction,
                                    &b.w_third_party, &b.penalty_upheld, &b.penalty_partly,
                                    &b.min_orders, &b.list_size};
    for (size_t i = 0; i < sizeof vals / sizeof vals[0]; i++)
        if (vals[i]->v < 0 || vals[i]->v > 100000)
            return write_field_invalid(req, formula_fields[i + 1].name);
    if ((rc = district_for(req, b.district_id.v, &c.district)) != HW_OK)
        return rc;
    const char *bad = oversight_formula_check(&c.f);
    if (bad)
        return write_field_invalid(req, bad);
    int64_t id = 0;
    rc = formula_id(req, c.district, &id);
    if (rc != HW_OK && rc != HW_ENOTFOUND)
        return rc;
    static const struct audited_write create = {.action = "create", .entity = "rating_formula",
                                                .apply = apply_formula, .render = render_formula};
    static const struct audited_write update = {.action = "update", .entity = "rating_formula",
                                                .apply = apply_formula, .render = render_formula};
    return audited_write_run(req, id ? &update : &create, &c, id);
}

static int render_third_party(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return oversight_third_party_json(req->db, id, out);
}

/* GET /api/v1/ratings/third-party?quarter=[&district_id=] */
int oversight_http_third_party(struct request *req)
{
    int64_t district, limit, after;
    const char *quarter;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = query_district(req, &district);
    if (rc == HW_OK)
        rc = query_quarter(req, &quarter);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    rc = db_query(req->db, &st,
                  "SELECT id FROM rating_third_party WHERE district_id = $1 AND quarter = $2"
                  " AND ($3 = 0 OR id < $3) ORDER BY id DESC LIMIT $4",
                  "isii", district, quarter, after, limit);
    if (rc != HW_OK)
        return rc;
    return respond_id_page(req, st, limit, render_third_party, NULL);
}

struct third_party_body {
    const char *quarter, *evaluator, *note;
    struct opt_int district_id, org_id, score;
};
static const struct body_field third_party_fields[] = {
    BODY_FIELD(struct third_party_body, district_id, BODY_INT, false, 0),
    BODY_FIELD(struct third_party_body, org_id, BODY_INT, true, 0),
    BODY_FIELD(struct third_party_body, quarter, BODY_STRING, true, 8),
    BODY_FIELD(struct third_party_body, evaluator, BODY_STRING, true, OVERSIGHT_EVALUATOR_MAX),
    BODY_FIELD(struct third_party_body, score, BODY_INT, true, 0),
    BODY_FIELD(struct third_party_body, note, BODY_STRING, false, 2000),
};

struct third_party_ctx {
    int64_t district;
    struct oversight_third_party t;
};

static int apply_third_party(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct third_party_ctx *c = ctx;
    const char *bad = NULL;
    *district = c->district;
    int rc = oversight_third_party_add(req->db, c->district, &c->t, req->who->user_id,
                                       clock_now(), id, &bad);
    return write_model_error(req, rc, bad);
}

/* POST /api/v1/ratings/third-party: one evaluator's score; 409 when that
 * evaluator scored the company for the quarter already, or it is published. */
int oversight_http_add_third_party(struct request *req)
{
    struct third_party_body b = {0};
    int rc = BODY_PARSE(req, third_party_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct third_party_ctx c = {.t = {.org_id = b.org_id.v, .quarter = b.quarter,
                                      .evaluator = oversight_trimmed(req, b.evaluator),
                                      .note = oversight_trimmed(req, b.note),
                                      .score = b.score.v}};
    if ((rc = district_for(req, b.district_id.v, &c.district)) != HW_OK)
        return rc;
    static const struct audited_write w = {.action = "create", .entity = "rating_third_party",
                                           .apply = apply_third_party,
                                           .render = render_third_party};
    return audited_write_run(req, &w, &c, 0);
}

/* GET /api/v1/ratings/preview?quarter=[&district_id=]: the quarter as
 * measured now, or as published when it is. */
int oversight_http_preview(struct request *req)
{
    int64_t district;
    const char *quarter;
    int rc = query_district(req, &district);
    if (rc == HW_OK)
        rc = query_quarter(req, &quarter);
    if (rc != HW_OK)
        return rc;
    json_t *published = NULL, *figures = NULL;
    rc = oversight_published_json(req->db, district, quarter, &published);
    if (rc == HW_OK)
        return respond_json(req, 200, json_pack("{s:b, s:o}", "published", true, "publication",
                                                published));
    if (rc != HW_ENOTFOUND)
        return rc;
    /* One read transaction: the work orders and complaints as of one moment. */
    if ((rc = db_begin(req->db, DB_TXN_READ)) != HW_OK)
        return rc;
    rc = oversight_quarter_figures(req->db, district, quarter, clock_now(), &figures);
    if (rc == HW_OK)
        rc = db_commit(req->db);
    else
        db_rollback(req->db);
    if (rc != HW_OK) {
        json_decref(figures);
        return rc;
    }
    return respond_json(req, 200, json_pack("{s:b, s:o}", "published", false, "figures",
                                            figures));
}

struct publish_body {
    const char *quarter;
    struct opt_int district_id;
};
static const struct body_field publish_fields[] = {
    BODY_FIELD(struct publish_body, district_id, BODY_INT, false, 0),
    BODY_FIELD(struct publish_body, quarter, BODY_STRING, true, 8),
};

struct publish_ctx {
    int64_t district;
    const char *quarter;
};

static int apply_publish(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct publish_ctx *c = ctx;
    *district = c->district;
    return oversight_publish(req->db, c->district, c->quarter, req->who->user_id, clock_now(),
                             id);
}

static int render_publication(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)id;
    struct publish_ctx *c = ctx;
    return oversight_published_json(req->db, c->district, c->quarter, out);
}

/* POST /api/v1/ratings/publish: freezes a quarter that has ended; 409 when
 * it was published already. */
int oversight_http_publish(struct request *req)
{
    struct publish_body b = {0};
    int rc = BODY_PARSE(req, publish_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct publish_ctx c = {.quarter = b.quarter};
    int32_t first, last;
    if (oversight_quarter_parse(b.quarter, &first, &last) != HW_OK ||
        last >= wostats_day_of(clock_now()))
        return write_field_invalid(req, "quarter");
    if ((rc = district_for(req, b.district_id.v, &c.district)) != HW_OK)
        return rc;
    static const struct audited_write w = {.action = "create", .entity = "rating_publication",
                                           .apply = apply_publish, .render = render_publication};
    return audited_write_run(req, &w, &c, 0);
}
