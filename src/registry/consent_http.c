/* Consents over HTTP: give and withdraw, with who and when, audited. A
 * consent of a sensitive purpose is, for a caller who may not see sensitive
 * tags, as absent as the tag (consent.h, consent_visible): giving one is
 * refused like setting such a tag (422), withdrawing one answers 404, and
 * no answer carries one. The audit log keeps its purpose out. */
#include "kit/audit.h"
#include "base/err.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"
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

/* Audits the consent as it now is, and answers with it, as the caller may
 * see it, after the commit. */
static int finish(struct request *req, int rc, const char *action, int64_t id, int64_t district,
                  json_t *before, unsigned status)
{
    json_t *audited = NULL, *answer = NULL;
    if (rc == HW_OK && (rc = consent_audit_json(req->db, id, &audited)) == HW_OK)
        rc = audit_change(req, action, "consent", id, district, before, audited);
    json_decref(audited);
    if (rc == HW_OK)
        rc = consent_json(req->db, req->who, id, &answer);
    if (rc == HW_OK)
        rc = db_commit(req->db);
    if (rc != HW_OK) {
        db_rollback(req->db);
        json_decref(answer);
        return rc;
    }
    return respond_json(req, status, answer);
}

/* POST /api/v1/residents/{id}/consents */
int consent_http_create(struct request *req)
{
    int64_t resident = req->params[0], district, id = 0;
    int rc = resident_visible(req->db, req->who, resident, REACH_FOR_WRITE, &district);
    if (rc != HW_OK)
        return rc;
    struct consent_body b = {0};
    if ((rc = BODY_PARSE(req, consent_fields, &b)) != HW_OK)
        return rc;
    /* A sensitive purpose one may not see is, to them, no purpose at all. */
    if (!consent_purpose_valid(b.purpose) || !consent_visible(req->who, b.purpose))
        return registry_field_invalid(req, "purpose");
    if ((rc = db_begin(req->db, DB_TXN_WRITE)) != HW_OK)
        return rc;
    rc = consent_add(req->db, resident, b.purpose, b.given_by, req->who->user_id, &id);
    if (rc == HW_EINVAL) {
        db_rollback(req->db);
        return registry_field_invalid(req, "given_by");
    }
    return finish(req, rc, "create", id, district, NULL, 201);
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
    json_t *before;
    if ((rc = db_begin(req->db, DB_TXN_WRITE)) != HW_OK)
        return rc;
    if ((rc = consent_audit_json(req->db, id, &before)) != HW_OK) {
        db_rollback(req->db);
        return rc;
    }
    rc = consent_withdraw(req->db, id, req->who->user_id);
    if (rc == HW_ECONFLICT) {
        db_rollback(req->db);
        json_decref(before);
        rc = problem_send(req, PROBLEM_CONFLICT, "already withdrawn");
        return rc == HW_OK ? HW_ECONFLICT : rc;
    }
    rc = finish(req, rc, "update", id, district, before, 200);
    json_decref(before);
    return rc;
}
