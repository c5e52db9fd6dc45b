/* What is done to a meeting: its agenda, invitations, attendance, minutes,
 * decisions and follow-up tasks. Each is an audited update of the meeting,
 * answered with the meeting whole. */
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/response.h"
#include "kit/jobs_core.h"
#include "kit/record_routes.h"
#include "meetings/meeting.h"
#include "meetings/meetings_http.h"

static int render_meeting(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return meeting_json(req->db, id, out);
}

/* One act on the meeting, run inside the audited write. */
struct act {
    int (*run)(struct request *req, struct act *a, int64_t id, const char **bad);
    const char *title, *name, *minutes, *text;
    int64_t topic_id, org_id, party_id, held_at;
    enum meeting_party_kind kind;
    bool attended;
    struct meeting_task_new task;
};

static int apply_act(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct act *a = ctx;
    const char *bad = NULL;
    enum meeting_status status;
    int rc = meeting_state(req->db, *id, &status, district);
    if (rc == HW_OK)
        rc = a->run(req, a, *id, &bad);
    return write_model_error(req, rc, bad);
}

static int run_act(struct request *req, struct act *a, int64_t meeting)
{
    static const struct audited_write w = {.action = "update", .entity = "meeting",
                                           .apply = apply_act, .render = render_meeting};
    return audited_write_run(req, &w, a, meeting);
}

/* ---- agenda and invitations --------------------------------------------- */

static int run_agenda(struct request *req, struct act *a, int64_t id, const char **bad)
{
    return meeting_add_agenda(req->db, id, a->title, a->topic_id, clock_now(), bad);
}

int meetings_http_add_agenda(struct request *req)
{
    struct agenda_body {
        const char *title;
        struct opt_int topic_id;
    } b = {0};
    static const struct body_field fields[] = {
        BODY_FIELD(struct agenda_body, title, BODY_STRING, false, 512),
        BODY_FIELD(struct agenda_body, topic_id, BODY_INT, false, 0),
    };
    int rc = BODY_PARSE(req, fields, &b);
    if (rc != HW_OK)
        return rc;
    struct act a = {.run = run_agenda, .title = b.title, .topic_id = b.topic_id.v};
    return run_act(req, &a, req->params[0]);
}

static int run_party(struct request *req, struct act *a, int64_t id, const char **bad)
{
    return meeting_add_party(req->db, id, a->kind, a->org_id, a->name, bad);
}

int meetings_http_add_party(struct request *req)
{
    struct party_body {
        const char *kind, *name;
        struct opt_int org_id;
    } b = {0};
    static const struct body_field fields[] = {
        BODY_FIELD(struct party_body, kind, BODY_STRING, true, 32),
        BODY_FIELD(struct party_body, name, BODY_STRING, false, 256),
        BODY_FIELD(struct party_body, org_id, BODY_INT, false, 0),
    };
    int rc = BODY_PARSE(req, fields, &b);
    if (rc != HW_OK)
        return rc;
    struct act a = {.run = run_party, .name = b.name, .org_id = b.org_id.v};
    if (meeting_party_kind_parse(b.kind, &a.kind) != HW_OK)
        return write_field_invalid(req, "kind");
    return run_act(req, &a, req->params[0]);
}

/* ---- at the meeting ----------------------------------------------------- */

static int run_attendance(struct request *req, struct act *a, int64_t id, const char **bad)
{
    return meeting_set_attendance(req->db, id, a->party_id, a->attended, clock_now(), bad);
}

int meetings_http_attendance(struct request *req)
{
    struct attendance_body {
        struct opt_int party_id;
        struct opt_bool attended;
    } b = {0};
    static const struct body_field fields[] = {
        BODY_FIELD(struct attendance_body, party_id, BODY_INT, true, 0),
        BODY_FIELD(struct attendance_body, attended, BODY_BOOL, true, 0),
    };
    int rc = BODY_PARSE(req, fields, &b);
    if (rc != HW_OK)
        return rc;
    struct act a = {.run = run_attendance, .party_id = b.party_id.v, .attended = b.attended.v};
    return run_act(req, &a, req->params[0]);
}

static int run_minutes(struct request *req, struct act *a, int64_t id, const char **bad)
{
    return meeting_hold(req->db, id, a->minutes, a->held_at, clock_now(), bad);
}

int meetings_http_minutes(struct request *req)
{
    struct minutes_body {
        const char *minutes, *held_at;
    } b = {0};
    static const struct body_field fields[] = {
        BODY_FIELD(struct minutes_body, minutes, BODY_STRING, true, 4 * MEETING_MINUTES_MAX),
        BODY_FIELD(struct minutes_body, held_at, BODY_STRING, false, 64),
    };
    int rc = BODY_PARSE(req, fields, &b);
    if (rc != HW_OK)
        return rc;
    struct act a = {.run = run_minutes, .minutes = b.minutes, .held_at = clock_now()};
    if (b.held_at && jobs_parse_time(b.held_at, &a.held_at) != HW_OK)
        return write_field_invalid(req, "held_at");
    return run_act(req, &a, req->params[0]);
}

static int run_cancel(struct request *req, struct act *a, int64_t id, const char **bad)
{
    (void)a;
    return meeting_cancel(req->db, id, clock_now(), bad);
}

int meetings_http_cancel(struct request *req)
{
    struct act a = {.run = run_cancel};
    return run_act(req, &a, req->params[0]);
}

/* ---- after the meeting -------------------------------------------------- */

static int run_decide(struct request *req, struct act *a, int64_t id, const char **bad)
{
    int64_t decision;
    return meeting_decide(req->db, id, a->text, clock_now(), &decision, bad);
}

int meetings_http_decide(struct request *req)
{
    struct decision_body {
        const char *text;
    } b = {0};
    static const struct body_field fields[] = {
        BODY_FIELD(struct decision_body, text, BODY_STRING, true, 4 * MEETING_TEXT_MAX),
    };
    int rc = BODY_PARSE(req, fields, &b);
    if (rc != HW_OK)
        return rc;
    struct act a = {.run = run_decide, .text = b.text};
    return run_act(req, &a, req->params[0]);
}

static int run_task(struct request *req, struct act *a, int64_t id, const char **bad)
{
    struct actor who = {.kind = ACTOR_USER, .user_id = req->who->user_id, .ip = req->client_ip};
    int64_t task;
    return meeting_add_task(req->db, &who, req->who, id, &a->task, clock_now(), &task, bad);
}

/* An optional integer member of obj: 0 when absent or null. */
static bool member_int(json_t *obj, const char *name, int64_t *out)
{
    json_t *v = json_object_get(obj, name);
    *out = json_is_integer(v) ? json_integer_value(v) : 0;
    return !v || json_is_null(v) || (json_is_integer(v) && *out > 0);
}

/* An optional string member of obj: NULL when absent or null. */
static bool member_text(json_t *obj, const char *name, const char **out)
{
    json_t *v = json_object_get(obj, name);
    *out = json_is_string(v) ? json_string_value(v) : NULL;
    return !v || json_is_null(v) || json_is_string(v);
}

int meetings_http_add_task(struct request *req)
{
    json_t *root;
    int rc = body_object(req, &root);
    if (rc != HW_OK)
        return rc;
    static const char *const allowed[] = {"title", "assignee", "due_date", "decision_id",
                                          "work_order", NULL};
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v) {
        size_t i = 0;
        while (allowed[i] && strcmp(allowed[i], key) != 0)
            i++;
        if (!allowed[i])
            return write_field_invalid(req, key);
    }
    struct act a = {.run = run_task};
    struct meeting_task_new *t = &a.task;
    if (!member_text(root, "title", &t->title) || !t->title)
        return write_field_invalid(req, "title");
    if (!member_text(root, "assignee", &t->assignee))
        return write_field_invalid(req, "assignee");
    if (!member_text(root, "due_date", &t->due_date))
        return write_field_invalid(req, "due_date");
    if (!member_int(root, "decision_id", &t->decision_id))
        return write_field_invalid(req, "decision_id");
    json_t *order = json_object_get(root, "work_order");
    if (order && !json_is_null(order)) {
        if (!json_is_object(order))
            return write_field_invalid(req, "work_order");
        json_object_foreach(order, key, v) {
            if (strcmp(key, "category_id") != 0 && strcmp(key, "description") != 0 &&
                strcmp(key, "place_id") != 0)
                return write_field_invalid(req, "work_order");
        }
        t->work_order = true;
        if (!member_int(order, "category_id", &t->category_id) || !t->category_id)
            return write_field_invalid(req, "work_order.category_id");
        if (!member_text(order, "description", &t->description))
            return write_field_invalid(req, "work_order.description");
        if (!member_int(order, "place_id", &t->place_id))
            return write_field_invalid(req, "work_order.place_id");
    }
    return run_act(req, &a, req->params[0]);
}

struct task_ctx {
    int64_t task;
};

static int apply_task_done(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct task_ctx *c = ctx;
    const char *bad = NULL;
    int64_t meeting;
    int rc = meeting_task_meeting(req->db, c->task, &meeting, district);
    if (rc == HW_OK && meeting != *id)
        rc = HW_ENOTFOUND;
    if (rc == HW_OK)
        rc = meeting_task_done(req->db, c->task, clock_now(), &bad);
    return write_model_error(req, rc, bad);
}

int meetings_http_task_done(struct request *req)
{
    struct task_ctx c = {.task = req->params[0]};
    int64_t meeting, district;
    int rc = meeting_task_meeting(req->db, c.task, &meeting, &district);
    if (rc != HW_OK)
        return rc;
    static const struct audited_write w = {.action = "update", .entity = "meeting",
                                           .apply = apply_task_done, .render = render_meeting};
    return audited_write_run(req, &w, &c, meeting);
}
