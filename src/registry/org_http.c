/* Organizations over HTTP. Reading is open to the whole sub-district (these
 * are public records: who the property company is, what an alliance unit
 * offers); writing needs the organization's place inside the caller's scope. */
#include <string.h>

#include "kit/access.h"
#include "kit/scope.h"
#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/record_routes.h"
#include "place/place.h"
#include "registry/org.h"
#include "base/period.h"

static int render_org(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    char today[CLOCK_DATE_SIZE];
    clock_today(today);
    return org_json(req->db, id, today, out);
}

static int name_taken(struct request *req, const char *field)
{
    problem_field_msg(req, field, FIELD_INVALID, "同一街道同类组织中已有这个名称",
                      "an organization of that kind and name exists in the sub-district");
    return HW_ECONFLICT;
}

/* An organization the caller may change: its place lies in their scope. */
static int org_writable(struct request *req, int64_t id)
{
    int64_t place, district;
    int rc = org_place(req->db, id, &place, &district);
    if (rc == HW_OK)
        rc = scope_place_visible(req->db, req->who, place);
    return rc;
}

/* GET /api/v1/organizations?kind=&place_id= */
int org_http_list(struct request *req)
{
    int64_t limit, after, place = 0;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = req_query_id(req, "place_id", &place);
    const char *kind = req_query(req, "kind");
    if (rc == HW_OK && kind && !org_kind_valid(kind))
        rc = write_field_invalid(req, "kind");
    if (rc != HW_OK)
        return rc;
    struct scope_sql district;
    scope_district(req->who, "o", 2, &district);
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT o.id FROM organizations o WHERE o.id > $1 AND %s"
             " AND o.kind = COALESCE($3, o.kind) AND ($4 = 0 OR o.place_id = $4)"
             " ORDER BY o.id LIMIT $5",
             district.cond);
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "iisii", after, district.value, kind, place, limit);
    if (rc != HW_OK)
        return rc;
    return respond_id_page(req, st, limit, render_org, NULL);
}

/* ---- POST /api/v1/organizations ------------------------------------------- */

struct org_body {
    const char *kind, *name, *contact_name, *contact_phone, *offers;
    struct opt_int place_id;
};

static const struct body_field org_create_fields[] = {
    BODY_FIELD(struct org_body, kind, BODY_STRING, true, 24),
    BODY_FIELD(struct org_body, name, BODY_STRING, true, ORG_NAME_MAX),
    BODY_FIELD(struct org_body, contact_name, BODY_STRING, false, 64),
    BODY_FIELD(struct org_body, contact_phone, BODY_STRING, false, 11),
    BODY_FIELD(struct org_body, offers, BODY_STRING, false, ORG_OFFERS_MAX),
    BODY_FIELD(struct org_body, place_id, BODY_INT, false, 0),
};

static int apply_create(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct org_new *o = ctx;
    const char *bad = NULL;
    int rc = org_create(req->db, o, id, &bad);
    if (rc == HW_ECONFLICT)
        return name_taken(req, "name");
    if (rc != HW_OK)
        return write_model_error(req, rc, bad);
    int64_t place;
    return org_place(req->db, *id, &place, district);
}

int org_http_create(struct request *req)
{
    struct org_body b = {0};
    int rc = BODY_PARSE(req, org_create_fields, &b);
    if (rc != HW_OK)
        return rc;
    /* Registered where the caller works unless said otherwise. */
    int64_t place = b.place_id.set ? b.place_id.v : req->who->scope_id;
    if (!place) {
        problem_field(req, "place_id", FIELD_REQUIRED);
        return HW_EINVAL;
    }
    if ((rc = scope_place_visible(req->db, req->who, place)) != HW_OK)
        return rc;
    struct org_new o = {.kind = b.kind,
                        .name = b.name,
                        .place_id = place,
                        .contact_name = b.contact_name,
                        .contact_phone = b.contact_phone,
                        .offers = b.offers};
    static const struct audited_write w = {
        .action = "create",
        .entity = "organization",
        .apply = apply_create,
        .render = render_org,
    };
    return audited_write_run(req, &w, &o, 0);
}

/* ---- PATCH /api/v1/organizations/{id} ------------------------------------- */

static const struct body_field org_patch_fields[] = {
    BODY_FIELD(struct org_patch, name, BODY_STRING, false, ORG_NAME_MAX),
    BODY_FIELD(struct org_patch, contact_name, BODY_STRING, false, 64),
    BODY_FIELD(struct org_patch, contact_phone, BODY_STRING, false, 11),
    BODY_FIELD(struct org_patch, offers, BODY_STRING, false, ORG_OFFERS_MAX),
};

static int apply_patch(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const char *bad = NULL;
    int rc = org_update(req->db, *id, ctx, &bad);
    if (rc == HW_ECONFLICT)
        return name_taken(req, "name");
    if (rc != HW_OK)
        return write_model_error(req, rc, bad);
    int64_t place;
    return org_place(req->db, *id, &place, district);
}

int org_http_patch(struct request *req)
{
    int64_t id = req->params[0];
    int rc = org_writable(req, id);
    if (rc != HW_OK)
        return rc;
    struct org_patch p = {0};
    if ((rc = BODY_PARSE(req, org_patch_fields, &p)) != HW_OK)
        return rc;
    static const struct audited_write w = {
        .action = "update",
        .entity = "organization",
        .apply = apply_patch,
        .render = render_org,
    };
    return audited_write_run(req, &w, &p, id);
}

/* ---- POST /api/v1/organizations/{id}/compounds ---------------------------- */

struct serve_body {
    int64_t org_id; /* first, for render_link_org; not in the body: the path's */
    const char *started, *ended;
    struct opt_int compound_id;
};

static const struct body_field serve_fields[] = {
    BODY_FIELD(struct serve_body, started, BODY_STRING, false, 10),
    BODY_FIELD(struct serve_body, ended, BODY_STRING, false, 10),
    BODY_FIELD(struct serve_body, compound_id, BODY_INT, true, 0),
};

/* After a model call on a compound link: the overlap message, other
 * errors, or the organization's district for the audit. */
static int serve_result(struct request *req, int rc, const char *bad, int64_t org_id,
                        int64_t *district)
{
    if (rc == HW_ECONFLICT && bad) {
        problem_field_msg(req, "started", FIELD_INVALID, "该小区在这段时间已有同类组织服务",
                          "another organization of this kind serves the compound then");
        return HW_ECONFLICT;
    }
    if (rc != HW_OK)
        return write_model_error(req, rc, bad);
    int64_t place;
    return org_place(req->db, org_id, &place, district);
}

/* A link's change answers with its organization and every compound it
 * serves; ctx points at the organization's id. */
static int render_link_org(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)id;
    return render_org(req, NULL, *(const int64_t *)ctx, out);
}

static int apply_serve(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct serve_body *b = ctx;
    const char *bad = NULL;
    int rc =
        org_serve_compound(req->db, b->org_id, b->compound_id.v, b->started, b->ended, id, &bad);
    return serve_result(req, rc, bad, b->org_id, district);
}

int org_http_add_compound(struct request *req)
{
    struct serve_body b = {.org_id = req->params[0]};
    int rc = org_writable(req, b.org_id);
    if (rc != HW_OK || (rc = BODY_PARSE(req, serve_fields, &b)) != HW_OK)
        return rc;
    if ((rc = scope_place_visible(req->db, req->who, b.compound_id.v)) != HW_OK)
        return rc;
    static const struct audited_write w = {
        .action = "create",
        .entity = "org_compound",
        .apply = apply_serve,
        .render = render_link_org,
    };
    return audited_write_run(req, &w, &b, 0);
}

/* ---- PATCH /api/v1/org-compounds/{id} ------------------------------------- */

struct serve_patch {
    int64_t org_id; /* first, for render_link_org: the link's organization */
    const char *started, *ended;
};

static const struct body_field serve_patch_fields[] = {
    BODY_FIELD(struct serve_patch, started, BODY_STRING, false, 10),
    BODY_FIELD(struct serve_patch, ended, BODY_STRING, false, 10),
};

static int apply_serve_patch(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct serve_patch *b = ctx;
    const char *bad = NULL;
    int rc = org_compound_update(req->db, b->org_id, *id, b->started, b->ended, &bad);
    return serve_result(req, rc, bad, b->org_id, district);
}

/* Changing the dates of a link (ending a company's service) answers with
 * the organization and all its compounds. */
int org_http_patch_compound(struct request *req)
{
    int64_t link = req->params[0];
    struct serve_patch b = {0};
    int rc = db_scalar_int(req->db, &b.org_id, "SELECT org_id FROM org_compounds WHERE id = $1",
                           "i", link);
    if (rc == HW_OK)
        rc = org_writable(req, b.org_id);
    if (rc != HW_OK || (rc = BODY_PARSE(req, serve_patch_fields, &b)) != HW_OK)
        return rc;
    static const struct audited_write w = {
        .action = "update",
        .entity = "org_compound",
        .apply = apply_serve_patch,
        .render = render_link_org,
    };
    return audited_write_run(req, &w, &b, link);
}
