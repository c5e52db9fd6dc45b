/* Calling a vote, its electorate, publishing and cancelling it. */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/response.h"
#include "kit/jobs_core.h"
#include "kit/principal.h"
#include "kit/record_routes.h"
#include "kit/scope.h"
#include "votes/lifecycle.h"
#include "votes/reach.h"
#include "votes/roll.h"
#include "votes/vote.h"
#include "votes/votes_http.h"

int votes_respond_page(struct request *req, json_t *items, int64_t next)
{
    return respond_json(req, 200,
                        json_pack("{s:o, s:o}", "items", items, "next_after",
                                  next ? json_integer(next) : json_null()));
}

static int render_vote(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return vote_json(req->db, id, out);
}

int votes_http_list(struct request *req)
{
    int64_t limit, after, place = 0;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = req_query_id(req, "place_id", &place);
    if (rc != HW_OK)
        return rc;
    const char *status = req_query(req, "status");
    enum vote_status s;
    if (status && vote_status_parse(status, &s) != HW_OK)
        return write_field_invalid(req, "status");
    char reach[400], sql[768];
    int64_t value;
    vote_reach_sql(req->who, 1, reach, sizeof reach, &value);
    snprintf(sql, sizeof sql,
             "SELECT v.id FROM votes v WHERE %s AND ($2 = '' OR v.status = $2)"
             " AND ($3 = 0 OR v.place_id = $3 OR v.compound_id = $3)"
             " AND ($4 = 0 OR v.id < $4) ORDER BY v.id DESC LIMIT $5",
             reach);
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "isiii", value, status ? status : "", place, after, limit);
    return rc == HW_OK ? respond_id_page(req, st, limit, render_vote, NULL) : rc;
}

struct create_body {
    struct opt_int place_id, objection_days;
    const char *title, *description, *matter, *opens_at, *closes_at;
    struct opt_bool secret;
};
static const struct body_field create_fields[] = {
    BODY_FIELD(struct create_body, place_id, BODY_INT, true, 0),
    BODY_FIELD(struct create_body, title, BODY_STRING, true, VOTE_TITLE_MAX),
    BODY_FIELD(struct create_body, description, BODY_STRING, false, VOTE_TEXT_MAX),
    BODY_FIELD(struct create_body, matter, BODY_STRING, true, 32),
    BODY_FIELD(struct create_body, secret, BODY_BOOL, false, 0),
    BODY_FIELD(struct create_body, opens_at, BODY_STRING, true, 64),
    BODY_FIELD(struct create_body, closes_at, BODY_STRING, true, 64),
    BODY_FIELD(struct create_body, objection_days, BODY_INT, false, 0),
};

static int apply_create(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct vote_new *v = ctx;
    const char *bad = NULL;
    int rc = vote_create(req->db, v, req->who->user_id, clock_now(), id, &bad);
    return write_model_created(req, rc, bad, "votes", id, district);
}

int votes_http_create(struct request *req)
{
    struct create_body b = {0};
    int rc = BODY_PARSE(req, create_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct vote_new v = {.place_id = b.place_id.v, .title = b.title,
                         .description = b.description, .matter = b.matter,
                         .secret = b.secret.set && b.secret.v,
                         .objection_days = b.objection_days.set ? b.objection_days.v : 0};
    if (b.objection_days.set && b.objection_days.v < 1)
        return write_field_invalid(req, "objection_days");
    if (jobs_parse_time(b.opens_at, &v.opens_at) != HW_OK)
        return write_field_invalid(req, "opens_at");
    if (jobs_parse_time(b.closes_at, &v.closes_at) != HW_OK)
        return write_field_invalid(req, "closes_at");
    /* The committee calls votes in its compound, staff in their community. */
    if (scope_place_visible(req->db, req->who, v.place_id) != HW_OK)
        return write_field_invalid(req, "place_id");
    static const struct audited_write w = {.action = "create", .entity = "vote",
                                           .location = "/api/v1/votes/", .apply = apply_create,
                                           .render = render_vote};
    return audited_write_run(req, &w, &v, 0);
}

int votes_http_get(struct request *req)
{
    json_t *o;
    int rc = vote_json(req->db, req->params[0], &o);
    return rc == HW_OK ? respond_json(req, 200, o) : rc;
}

int votes_http_electorate(struct request *req)
{
    int64_t limit, after;
    int rc = req_page(req, &limit, &after);
    if (rc != HW_OK)
        return rc;
    json_t *items;
    int64_t next;
    rc = vote_roll_page(req->db, req->who, req->params[0], after, limit, &items, &next);
    if (rc != HW_OK)
        return rc;
    json_t *answer = json_pack("{s:o, s:o}", "items", items, "next_after",
                               next ? json_integer(next) : json_null());
    if (!answer)
        return HW_ENOMEM;
    /* A draft's roll is the register now: its summary says whether it can be frozen. */
    struct db_stmt *st;
    rc = db_query_row(req->db, &st, "SELECT place_id, status FROM votes WHERE id = $1", "i",
                      req->params[0]);
    if (rc == HW_OK) {
        int64_t place = db_col_int(st, 0);
        bool draft = strcmp(db_col_text(st, 1), "draft") == 0;
        db_reset(st);
        struct vote_roll r;
        if (draft && (rc = vote_roll_read(req->db, place, &r)) == HW_OK)
            json_object_set_new(answer, "summary", vote_roll_summary_json(&r));
        if (draft)
            vote_roll_free(&r);
    }
    if (rc != HW_OK) {
        json_decref(answer);
        return rc;
    }
    return respond_json(req, 200, answer);
}

struct step_ctx {
    const char *reason;
    bool publish;
};

static int apply_step(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct step_ctx *c = ctx;
    const char *bad = NULL;
    int rc = db_scalar_int(req->db, district, "SELECT district_id FROM votes WHERE id = $1", "i",
                           *id);
    if (rc == HW_OK)
        rc = c->publish ? vote_publish(req->db, *id, clock_now(), &bad)
                        : vote_cancel(req->db, *id, c->reason, clock_now(), &bad);
    return write_model_error(req, rc, bad);
}

int votes_http_publish(struct request *req)
{
    struct step_ctx c = {.publish = true};
    static const struct audited_write w = {.action = "update", .entity = "vote",
                                           .apply = apply_step, .render = render_vote};
    return audited_write_run(req, &w, &c, req->params[0]);
}

struct cancel_body {
    const char *reason;
};
static const struct body_field cancel_fields[] = {
    BODY_FIELD(struct cancel_body, reason, BODY_STRING, true, VOTE_TEXT_MAX),
};

int votes_http_cancel(struct request *req)
{
    struct cancel_body b = {0};
    int rc = BODY_PARSE(req, cancel_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct step_ctx c = {.reason = b.reason};
    static const struct audited_write w = {.action = "update", .entity = "vote",
                                           .apply = apply_step, .render = render_vote};
    return audited_write_run(req, &w, &c, req->params[0]);
}
