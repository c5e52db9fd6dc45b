/* A resident's account and the person it speaks for, over HTTP: staff who
 * may change residents where the account's home lies read, link and unlink
 * it; the router has answered 404 for an account outside their scope. Both
 * changes are audited (entity resident_account, actions link and unlink). */
#include "registry/resident_account_http.h"

#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/principal.h"
#include "kit/record_routes.h"
#include "registry/registry_http.h"
#include "registry/resident_account.h"
#include "registry/resident_search.h"

/* As audited: the link, without the person's data. */
static int render_audit(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return resident_account_json(req->db, id, out);
}

/* As answered: the link and the person as the caller sees them in the
 * registry, with what that discloses logged. */
static int render_account(struct request *req, void *ctx, int64_t id, json_t **out)
{
    int rc = render_audit(req, ctx, id, out);
    json_t *resident = NULL, *rid = rc == HW_OK ? json_object_get(*out, "resident_id") : NULL;
    if (json_is_integer(rid)) {
        rc = resident_http_render(req, NULL, json_integer_value(rid), &resident);
        if (rc == HW_ENOTFOUND) /* moved out of the caller's reach since */
            rc = HW_OK;
    }
    if (rc == HW_OK &&
        json_object_set_new(*out, "resident", resident ? resident : json_null()) != 0)
        rc = HW_ENOMEM;
    if (rc != HW_OK && *out) {
        json_decref(*out);
        *out = NULL;
    }
    return rc;
}

int resident_account_http_get(struct request *req)
{
    json_t *o = NULL;
    int rc = render_account(req, NULL, req->params[0], &o);
    return rc == HW_OK ? respond_json(req, 200, o) : rc;
}

struct link_body {
    struct opt_int resident_id;
};
static const struct body_field link_fields[] = {
    BODY_FIELD(struct link_body, resident_id, BODY_INT, true, 0),
};

struct link_ctx {
    int64_t resident_id;
    bool changed;
};

static int account_district(struct request *req, int64_t id, int64_t *district)
{
    return db_scalar_int(req->db, district, "SELECT district_id FROM users WHERE id = $1", "i", id);
}

static int apply_link(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct link_ctx *c = ctx;
    int rc = account_district(req, *id, district);
    return rc == HW_OK ? resident_account_link(req->db, *id, c->resident_id, req->who->user_id,
                                               clock_now(), &c->changed)
                       : rc;
}

static int apply_unlink(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct link_ctx *c = ctx;
    int rc = account_district(req, *id, district);
    return rc == HW_OK ? resident_account_unlink(req->db, *id, &c->changed) : rc;
}

static bool unchanged(const void *ctx) { return !((const struct link_ctx *)ctx)->changed; }

/* POST /api/v1/resident-accounts/{id}/link {"resident_id"}: someone the
 * caller may change, who lives now in the account's home. */
int resident_account_http_link(struct request *req)
{
    struct link_body b = {0};
    int rc = BODY_PARSE(req, link_fields, &b);
    if (rc != HW_OK)
        return rc;
    int64_t district;
    rc = b.resident_id.v > 0 ? resident_visible(req->db, req->who, b.resident_id.v,
                                                REACH_FOR_WRITE, &district)
                             : HW_ENOTFOUND;
    if (rc == HW_ENOTFOUND)
        return write_field_invalid(req, "resident_id");
    struct resident_account_facts f;
    if (rc == HW_OK)
        rc = resident_account_facts_read(req->db, req->params[0], b.resident_id.v, &f);
    if (rc != HW_OK)
        return rc;
    struct resident_fault fault;
    if (!resident_account_link_check(&f, &fault)) {
        problem_field_msg(req, fault.field, FIELD_INVALID, fault.zh, fault.en);
        return HW_EINVAL;
    }
    struct link_ctx c = {.resident_id = b.resident_id.v};
    static const struct audited_write w = {.action = "link", .entity = "resident_account",
                                           .apply = apply_link, .render = render_account,
                                           .audit_render = render_audit, .unchanged = unchanged};
    return audited_write_run(req, &w, &c, req->params[0]);
}

/* POST /api/v1/resident-accounts/{id}/unlink: the account speaks for no one
 * until linked again. */
int resident_account_http_unlink(struct request *req)
{
    struct link_ctx c = {0};
    static const struct audited_write w = {.action = "unlink", .entity = "resident_account",
                                           .apply = apply_unlink, .render = render_account,
                                           .audit_render = render_audit, .unchanged = unchanged};
    return audited_write_run(req, &w, &c, req->params[0]);
}
