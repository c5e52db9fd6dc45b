/* POST /api/v1/work-orders/{id}/actions: one transition, guarded by
 * If-Match, in one audited write. */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/record_routes.h"
#include "workorder/act.h"
#include "workorder/workorder_http.h"
#include "workorder/workorder_internal.h"

struct act_body {
    const char *action, *note, *mode, *difficulty, *comment, *outcome, *responsible;
    struct opt_int photo_id, assignee_user_id, team_id, rating, into;
};

static const struct body_field act_fields[] = {
    BODY_FIELD(struct act_body, action, BODY_STRING, true, 16),
    BODY_FIELD(struct act_body, note, BODY_STRING, false, WO_NOTE_MAX * 2),
    BODY_FIELD(struct act_body, photo_id, BODY_INT, false, 0),
    BODY_FIELD(struct act_body, assignee_user_id, BODY_INT, false, 0),
    BODY_FIELD(struct act_body, team_id, BODY_INT, false, 0),
    BODY_FIELD(struct act_body, mode, BODY_STRING, false, 16),
    BODY_FIELD(struct act_body, difficulty, BODY_STRING, false, 16),
    BODY_FIELD(struct act_body, rating, BODY_INT, false, 0),
    BODY_FIELD(struct act_body, comment, BODY_STRING, false, WO_COMMENT_MAX * 2),
    BODY_FIELD(struct act_body, outcome, BODY_STRING, false, 16),
    BODY_FIELD(struct act_body, responsible, BODY_STRING, false, WO_RESPONSIBLE_MAX * 2),
    BODY_FIELD(struct act_body, into, BODY_INT, false, 0),
};

struct act_ctx {
    struct wo_act_in in;
    int64_t if_match;
};

/* 409 with the actions the caller may take now. */
static int refuse(struct request *req, int64_t id)
{
    json_t *allowed;
    int rc = wo_allowed_json(req->db, req->who, id, clock_now(), &allowed);
    if (rc != HW_OK)
        return rc;
    problem_send_members(req, PROBLEM_CONFLICT, NULL,
                         json_pack("{s:o}", "allowed_actions", allowed));
    return HW_ECONFLICT;
}

static int apply_act(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct act_ctx *c = ctx;
    int64_t version;
    /* Locked first: a concurrent action waits, then sees the new version. */
    int rc = wo_order_lock(req->db, *id);
    if (rc == HW_OK)
        rc = workorder_version(req->db, *id, &version, district);
    if (rc != HW_OK)
        return rc;
    if (version != c->if_match) {
        problem_send(req, PROBLEM_PRECONDITION, NULL);
        return HW_ECONFLICT;
    }
    const char *bad = NULL;
    rc = wo_act(req->db, req->who, *id, &c->in, clock_now(), &bad);
    if (rc == HW_ECONFLICT)
        return refuse(req, *id);
    return write_model_error(req, rc, bad);
}

static int render_answer(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    int rc = workorder_http_render(req, id, out);
    if (rc == HW_OK) {
        char tag[32];
        snprintf(tag, sizeof tag, "\"%lld\"",
                 (long long)json_integer_value(json_object_get(*out, "version")));
        rc = respond_header(req, "ETag", tag);
    }
    return rc;
}

static int render_audit(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return workorder_render_audit(req->db, id, out);
}

/* If-Match: "<version>" (a weak W/ prefix is taken too). */
static int parse_if_match(struct request *req, int64_t *version)
{
    const char *h = req_header(req, "If-Match");
    if (!h)
        return problem_send(req, PROBLEM_PRECONDITION_REQUIRED, NULL) == HW_OK ? HW_ECONFLICT
                                                                             : HW_ENOMEM;
    if (strncmp(h, "W/", 2) == 0)
        h += 2;
    long long v = 0;
    char end = 0;
    if (sscanf(h, "\"%lld%c", &v, &end) != 2 || end != '"' || v <= 0) {
        problem_send(req, PROBLEM_PRECONDITION, NULL);
        return HW_ECONFLICT;
    }
    *version = v;
    return HW_OK;
}

int workorder_http_act(struct request *req)
{
    struct act_ctx c = {0};
    int rc = parse_if_match(req, &c.if_match);
    if (rc != HW_OK)
        return rc;
    struct act_body b = {0};
    if ((rc = BODY_PARSE(req, act_fields, &b)) != HW_OK)
        return rc;
    if (wo_action_parse(b.action, &c.in.action) != HW_OK)
        return write_field_invalid(req, "action");
    c.in.note = b.note;
    c.in.photo_id = b.photo_id.v;
    c.in.comment = b.comment;
    c.in.outcome = b.outcome;
    c.in.responsible = b.responsible;
    c.in.into = b.into.v;
    c.in.rating = b.rating.set ? (b.rating.v >= 1 && b.rating.v <= 5 ? (int)b.rating.v : -1) : 0;
    if (c.in.rating < 0)
        return write_field_invalid(req, "rating");
    c.in.has_assign = b.assignee_user_id.set || b.team_id.set || b.mode;
    c.in.assign = (struct wo_assign){.assignee_user_id = b.assignee_user_id.v,
                                     .team_id = b.team_id.v};
    if (b.mode && wo_mode_parse(b.mode, &c.in.assign.mode) != HW_OK)
        return write_field_invalid(req, "mode");
    if (b.difficulty) {
        c.in.has_difficulty = true;
        if (wo_difficulty_parse(b.difficulty, &c.in.difficulty) != HW_OK)
            return write_field_invalid(req, "difficulty");
    }
    static const struct audited_write w = {
        .action = "update",
        .entity = "work_order",
        .apply = apply_act,
        .render = render_answer,
        .audit_render = render_audit,
    };
    return audited_write_run(req, &w, &c, req->params[0]);
}
