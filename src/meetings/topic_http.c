/* Topics and their comments: residents open them for their community or
 * compound, everyone who reaches a topic comments on it. */
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/response.h"
#include "kit/record_routes.h"
#include "meetings/meetings_http.h"
#include "meetings/reach.h"
#include "meetings/reach_http.h"
#include "meetings/topic.h"

static int render_topic(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return topic_json(req->db, req->who, id, out);
}

static int audit_topic(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return topic_json(req->db, NULL, id, out);
}

struct topic_body {
    struct opt_int place_id;
    const char *title, *body;
};
static const struct body_field topic_fields[] = {
    BODY_FIELD(struct topic_body, place_id, BODY_INT, false, 0),
    BODY_FIELD(struct topic_body, title, BODY_STRING, true, 512),
    BODY_FIELD(struct topic_body, body, BODY_STRING, true, 4 * 2000),
};

static int apply_topic(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct topic_new *t = ctx;
    const char *bad = NULL;
    int rc = topic_create(req->db, t, req->who->user_id, clock_now(), id, &bad);
    return write_model_created(req, rc, bad, "meeting_topics", id, district);
}

int meetings_http_open_topic(struct request *req)
{
    struct topic_body b = {0};
    int rc = BODY_PARSE(req, topic_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct topic_new t = {.place_id = b.place_id.v, .title = b.title, .body = b.body};
    if (!t.place_id) { /* one's own compound, else one's community */
        struct reach_up up;
        if ((rc = reach_up_load(req->db, req->who, &up)) != HW_OK)
            return rc;
        t.place_id = up.ids[1] ? up.ids[1] : up.ids[0];
        if (!t.place_id)
            return write_field_invalid(req, "place_id");
    }
    if ((rc = reach_place_named(req, t.place_id, false, "place_id")) != HW_OK)
        return rc;
    static const struct audited_write w = {.action = "create", .entity = "meeting_topic",
                                           .location = "/api/v1/topics/", .apply = apply_topic,
                                           .render = render_topic, .audit_render = audit_topic};
    return audited_write_run(req, &w, &t, 0);
}

int meetings_http_topics(struct request *req)
{
    int64_t limit, after, place = 0;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = req_query_id(req, "place_id", &place);
    const char *status = req_query(req, "status");
    if (rc == HW_OK && status && strcmp(status, "open") != 0 && strcmp(status, "on_agenda") != 0)
        return write_field_invalid(req, "status");
    if (rc != HW_OK)
        return rc;
    return reach_status_page(req, "meeting_topics", place, status, after, limit, render_topic);
}

int meetings_http_topic(struct request *req)
{
    json_t *o;
    int rc = topic_json(req->db, req->who, req->params[0], &o);
    return rc == HW_OK ? respond_json(req, 200, o) : rc;
}

/* ---- comments ----------------------------------------------------------- */

static int render_comment(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return topic_comment_json(req->db, req->who, id, out);
}

static int audit_comment(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return topic_comment_json(req->db, NULL, id, out);
}

/* Oldest first: a conversation is read from its start. */
int meetings_http_comments(struct request *req)
{
    int64_t limit, after;
    int rc = req_page(req, &limit, &after);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    rc = db_query(req->db, &st,
                  "SELECT id FROM meeting_comments WHERE topic_id = $1 AND id > $2"
                  " ORDER BY id LIMIT $3",
                  "iii", req->params[0], after, limit);
    return rc == HW_OK ? respond_id_page(req, st, limit, render_comment, NULL) : rc;
}

struct comment_ctx {
    int64_t topic;
    const char *body;
};

static int apply_comment(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct comment_ctx *c = ctx;
    const char *bad = NULL;
    int rc = db_scalar_int(req->db, district, "SELECT district_id FROM meeting_topics WHERE id = $1",
                           "i", c->topic);
    if (rc == HW_OK)
        rc = topic_comment(req->db, c->topic, req->who->user_id, c->body, clock_now(), id, &bad);
    return write_model_error(req, rc, bad);
}

int meetings_http_comment(struct request *req)
{
    struct comment_body {
        const char *body;
    } b = {0};
    static const struct body_field fields[] = {
        BODY_FIELD(struct comment_body, body, BODY_STRING, true, 4 * 1000),
    };
    int rc = BODY_PARSE(req, fields, &b);
    if (rc != HW_OK)
        return rc;
    struct comment_ctx c = {.topic = req->params[0], .body = b.body};
    static const struct audited_write w = {.action = "create", .entity = "meeting_comment",
                                           .apply = apply_comment, .render = render_comment,
                                           .audit_render = audit_comment};
    return audited_write_run(req, &w, &c, 0);
}
