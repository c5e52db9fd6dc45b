/* Marking dwellings as the developer's unsold units. */
#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/response.h"
#include "kit/principal.h"
#include "kit/record_routes.h"
#include "votes/developer.h"
#include "votes/votes_http.h"

int votes_http_developer(struct request *req)
{
    json_t *o;
    int rc = vote_developer_json(req->db, req->params[0], &o);
    return rc == HW_OK ? respond_json(req, 200, o) : rc;
}

struct mark_body {
    struct opt_bool developer_unsold;
    const char *note;
};
static const struct body_field mark_fields[] = {
    BODY_FIELD(struct mark_body, developer_unsold, BODY_BOOL, true, 0),
    BODY_FIELD(struct mark_body, note, BODY_STRING, false, 500),
};

struct mark_ctx {
    struct mark_body b;
    bool changed;
};

static int apply_mark(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct mark_ctx *c = ctx;
    const char *bad = NULL;
    int rc = db_scalar_int(req->db, district, "SELECT district_id FROM places WHERE id = $1", "i",
                           *id);
    if (rc == HW_OK)
        rc = vote_developer_mark(req->db, *id, c->b.developer_unsold.v, c->b.note,
                                 req->who->user_id, clock_now(), &c->changed, &bad);
    return write_model_error(req, rc, bad);
}

static int render_mark(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return vote_developer_json(req->db, id, out);
}

static bool mark_unchanged(const void *ctx)
{
    return !((const struct mark_ctx *)ctx)->changed;
}

int votes_http_mark_developer(struct request *req)
{
    struct mark_ctx c = {0};
    int rc = BODY_PARSE(req, mark_fields, &c.b);
    if (rc != HW_OK)
        return rc;
    static const struct audited_write w = {.action = "update", .entity = "vote_developer_unit",
                                           .apply = apply_mark, .render = render_mark,
                                           .unchanged = mark_unchanged};
    return audited_write_run(req, &w, &c, req->params[0]);
}
