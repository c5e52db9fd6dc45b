/* Owners' objections to their entry in the electorate or to the
 * preliminary result, and their resolution by staff. */
#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/response.h"
#include "kit/principal.h"
#include "kit/record_routes.h"
#include "votes/objection.h"
#include "votes/vote.h"
#include "votes/votes_http.h"

struct objection_ctx {
    int64_t vote_id, objection_id;
    const char *text, *decision, *note;
};

static int apply_objection(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct objection_ctx *c = ctx;
    const char *bad = NULL;
    int rc = db_scalar_int(req->db, district, "SELECT district_id FROM votes WHERE id = $1", "i",
                           c->vote_id);
    if (rc == HW_OK)
        rc = vote_objection_lodge(req->db, c->vote_id, req->who->scope_id, req->who->user_id,
                                  c->text, clock_now(), id, &bad);
    return write_model_error(req, rc, bad);
}

static int render_objection(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return vote_objection_json(req->db, req->who, id, out);
}

struct object_body {
    const char *text;
};
static const struct body_field object_fields[] = {
    BODY_FIELD(struct object_body, text, BODY_STRING, true, VOTE_TEXT_MAX),
};

/* An owner objects from the account of their home. */
int votes_http_object(struct request *req)
{
    struct object_body b = {0};
    int rc = BODY_PARSE(req, object_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct objection_ctx c = {.vote_id = req->params[0], .text = b.text};
    static const struct audited_write w = {.action = "create", .entity = "vote_objection",
                                           .apply = apply_objection, .render = render_objection};
    return audited_write_run(req, &w, &c, 0);
}

int votes_http_objections(struct request *req)
{
    int64_t limit, after;
    int rc = req_page(req, &limit, &after);
    if (rc != HW_OK)
        return rc;
    json_t *items;
    int64_t next;
    rc = vote_objections_page(req->db, req->who, req->params[0], after, limit, &items, &next);
    return rc == HW_OK ? votes_respond_page(req, items, next) : rc;
}

static int apply_resolve(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct objection_ctx *c = ctx;
    const char *bad = NULL;
    int rc = db_scalar_int(req->db, district, "SELECT district_id FROM votes WHERE id = $1", "i",
                           c->vote_id);
    if (rc == HW_OK)
        rc = vote_objection_resolve(req->db, c->vote_id, c->objection_id, c->decision, c->note,
                                    req->who->user_id, clock_now(), &bad);
    *id = c->objection_id;
    return write_model_error(req, rc, bad);
}

struct resolve_body {
    struct opt_int objection_id;
    const char *decision, *note;
};
static const struct body_field resolve_fields[] = {
    BODY_FIELD(struct resolve_body, objection_id, BODY_INT, true, 0),
    BODY_FIELD(struct resolve_body, decision, BODY_STRING, true, 16),
    BODY_FIELD(struct resolve_body, note, BODY_STRING, true, VOTE_TEXT_MAX),
};

int votes_http_resolve(struct request *req)
{
    struct resolve_body b = {0};
    int rc = BODY_PARSE(req, resolve_fields, &b);
    if (rc != HW_OK)
        return rc;
    int64_t n = 0;
    rc = db_scalar_int(req->db, &n,
                       "SELECT count(*) FROM vote_objections WHERE id = $1 AND vote_id = $2", "ii",
                       b.objection_id.v, req->params[0]);
    if (rc != HW_OK)
        return rc;
    if (!n)
        return write_field_invalid(req, "objection_id");
    struct objection_ctx c = {.vote_id = req->params[0], .objection_id = b.objection_id.v,
                              .decision = b.decision, .note = b.note};
    static const struct audited_write w = {.action = "update", .entity = "vote_objection",
                                           .apply = apply_resolve, .render = render_objection};
    return audited_write_run(req, &w, &c, b.objection_id.v);
}
