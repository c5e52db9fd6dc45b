/* Consents over HTTP: give and withdraw, with who and when, audited. A
 * consent of a sensitive purpose is, for a caller who may not see sensitive
 * tags, as absent as the tag (consent.h, consent_visible): giving one is
 * refused like setting such a tag (422), withdrawing one answers 404, and
 * no answer carries one. The audit log keeps its purpose out. */
#include "base/err.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/record_routes.h"
#include "registry/consent.h"
#include "registry/registry_http.h"
#include "registry/resident_search.h"

struct consent_body {
    const char *purpose, *given_by;
};

static const struct body_field consent_fields[] = {
    BODY_FIELD(struct consent_body, purpose, BODY_STRING, true, 32),
    BODY_FIELD(struct consent_body, given_by, BODY_STRING, true, 256),
};

static int render_consent(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return consent_json(req->db, req->who, id, out);
}

/* The audit log keeps a sensitive consent's purpose out (consent.h). */
static int render_consent_audit(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return consent_audit_json(req->db, id, out);
}

struct consent_create {
    int64_t resident, district;
    struct consent_body b;
};

static int apply_create(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct consent_create *c = ctx;
    *district = c->district;
    int rc = consent_add(req->db, c->resident, c->b.purpose, c->b.given_by, req->who->user_id, id);
    return rc == HW_EINVAL ? write_field_invalid(req, "given_by") : rc;
}

/* POST /api/v1/residents/{id}/consents */
int consent_http_create(struct request *req)
{
    struct consent_create c = {.resident = req->params[0]};
    int rc = resident_visible(req->db, req->who, c.resident, REACH_FOR_WRITE, &c.district);
    if (rc != HW_OK)
        return rc;
    if ((rc = BODY_PARSE(req, consent_fields, &c.b)) != HW_OK)
        return rc;
    /* A sensitive purpose one may not see is, to them, no purpose at all. */
    if (!consent_purpose_valid(c.b.purpose) || !consent_visible(req->who, c.b.purpose))
        return write_field_invalid(req, "purpose");
    static const struct audited_write w = {
        .action = "create",
        .entity = "consent",
        .apply = apply_create,
        .render = render_consent,
        .audit_render = render_consent_audit,
    };
    return audited_write_run(req, &w, &c, 0);
}

static int apply_withdraw(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    *district = *(const int64_t *)ctx;
    int rc = consent_withdraw(req->db, *id, req->who->user_id);
    if (rc == HW_ECONFLICT)
        rc = problem_send(req, PROBLEM_CONFLICT, "already withdrawn") == HW_OK ? HW_ECONFLICT
                                                                              : HW_ENOMEM;
    return rc;
}

/* POST /api/v1/consents/{id}/withdraw */
int consent_http_withdraw(struct request *req)
{
    int64_t id = req->params[0], resident, district;
    int rc = consent_resident(req->db, req->who, id, &resident);
    if (rc == HW_OK)
        rc = resident_visible(req->db, req->who, resident, REACH_FOR_WRITE, &district);
    if (rc != HW_OK)
        return rc;
    static const struct audited_write w = {
        .action = "update",
        .entity = "consent",
        .apply = apply_withdraw,
        .render = render_consent,
        .audit_render = render_consent_audit,
    };
    return audited_write_run(req, &w, &district, id);
}
