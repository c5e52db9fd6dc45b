/* Halls, meetings and their decisions: created, listed and read. */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/response.h"
#include "kit/jobs_core.h"
#include "kit/record_routes.h"
#include "meetings/meeting.h"
#include "meetings/meetings_http.h"
#include "meetings/reach.h"
#include "meetings/reach_http.h"

/* ---- halls -------------------------------------------------------------- */

static int render_hall(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return meeting_hall_json(req->db, id, out);
}

struct hall_body {
    struct opt_int place_id;
    const char *name, *address;
};
static const struct body_field hall_fields[] = {
    BODY_FIELD(struct hall_body, place_id, BODY_INT, true, 0),
    BODY_FIELD(struct hall_body, name, BODY_STRING, true, 256),
    BODY_FIELD(struct hall_body, address, BODY_STRING, false, 512),
};

static int apply_hall(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct hall_body *b = ctx;
    const char *bad = NULL;
    struct meeting_hall_new h = {.place_id = b->place_id.v, .name = b->name, .address = b->address};
    int rc = meeting_hall_create(req->db, &h, clock_now(), id, &bad);
    return write_model_created(req, rc, bad, "meeting_halls", id, district);
}

int meetings_http_create_hall(struct request *req)
{
    struct hall_body b = {0};
    int rc = BODY_PARSE(req, hall_fields, &b);
    if (rc != HW_OK)
        return rc;
    if ((rc = reach_place_named(req, b.place_id.v, true, "place_id")) != HW_OK)
        return rc;
    static const struct audited_write w = {.action = "create", .entity = "meeting_hall",
                                           .apply = apply_hall, .render = render_hall};
    return audited_write_run(req, &w, &b, 0);
}

/* A list's optional place filter: a place the caller reaches. */
static int place_filter(struct request *req, int64_t *place)
{
    *place = 0;
    int rc = req_query_id(req, "place_id", place);
    if (rc != HW_OK || !*place)
        return rc;
    return reach_place_named(req, *place, false, "place_id");
}

int meetings_http_halls(struct request *req)
{
    int64_t limit, after, place;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = place_filter(req, &place);
    struct reach_up up;
    struct reach_sql within;
    if (rc == HW_OK)
        rc = reach_list_load(req->db, req->who, "h.place_id", &up, &within);
    if (rc != HW_OK)
        return rc;
    char sql[768];
    snprintf(sql, sizeof sql,
             "SELECT h.id FROM meeting_halls h JOIN places p ON p.id = h.place_id WHERE %s"
             " AND ($5 = 0 OR h.place_id = $5) AND ($6 = 0 OR h.id > $6) ORDER BY h.id LIMIT $7",
             within.cond);
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "iiiiiii", within.value, up.ids[0], up.ids[1], up.ids[2],
                  place, after, limit);
    return rc == HW_OK ? respond_id_page(req, st, limit, render_hall, NULL) : rc;
}

/* ---- meetings ----------------------------------------------------------- */

static int render_meeting(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return meeting_json(req->db, id, out);
}

static int render_summary(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return meeting_summary_json(req->db, id, out);
}

struct meeting_body {
    struct opt_int place_id, hall_id;
    const char *topic, *starts_at;
};
static const struct body_field meeting_fields[] = {
    BODY_FIELD(struct meeting_body, place_id, BODY_INT, true, 0),
    BODY_FIELD(struct meeting_body, hall_id, BODY_INT, true, 0),
    BODY_FIELD(struct meeting_body, topic, BODY_STRING, true, 512),
    BODY_FIELD(struct meeting_body, starts_at, BODY_STRING, true, 64),
};

static int apply_meeting(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct meeting_new *m = ctx;
    const char *bad = NULL;
    int rc = meeting_create(req->db, m, req->who->user_id, clock_now(), id, &bad);
    return write_model_created(req, rc, bad, "meetings", id, district);
}

int meetings_http_create(struct request *req)
{
    struct meeting_body b = {0};
    int rc = BODY_PARSE(req, meeting_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct meeting_new m = {.place_id = b.place_id.v, .hall_id = b.hall_id.v, .topic = b.topic};
    if (jobs_parse_time(b.starts_at, &m.starts_at) != HW_OK)
        return write_field_invalid(req, "starts_at");
    if ((rc = reach_place_named(req, m.place_id, true, "place_id")) != HW_OK)
        return rc;
    static const struct audited_write w = {.action = "create", .entity = "meeting",
                                           .location = "/api/v1/meetings/",
                                           .apply = apply_meeting, .render = render_meeting};
    return audited_write_run(req, &w, &m, 0);
}

int meetings_http_list(struct request *req)
{
    int64_t limit, after, place;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = place_filter(req, &place);
    const char *status = req_query(req, "status");
    enum meeting_status s;
    if (rc == HW_OK && status && meeting_status_parse(status, &s) != HW_OK)
        return write_field_invalid(req, "status");
    if (rc != HW_OK)
        return rc;
    return reach_status_page(req, "meetings", place, status, after, limit, render_summary);
}

int meetings_http_get(struct request *req)
{
    json_t *o;
    int rc = meeting_json(req->db, req->params[0], &o);
    return rc == HW_OK ? respond_json(req, 200, o) : rc;
}

/* ---- decisions ---------------------------------------------------------- */

static int render_decision(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return meeting_decision_json(req->db, id, out);
}

/* The decisions of held meetings the caller reaches; with compound_id, those
 * of meetings about that compound or a building of it: what a ledger's
 * spending may cite. */
int meetings_http_decisions(struct request *req)
{
    int64_t limit, after, place, compound = 0;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = place_filter(req, &place);
    if (rc == HW_OK)
        rc = req_query_id(req, "compound_id", &compound);
    struct reach_up up;
    struct reach_sql within;
    if (rc == HW_OK)
        rc = reach_list_load(req->db, req->who, "d.place_id", &up, &within);
    if (rc != HW_OK)
        return rc;
    char sql[900];
    snprintf(sql, sizeof sql,
             "SELECT d.id FROM meeting_decisions d JOIN places p ON p.id = d.place_id WHERE %s"
             " AND ($5 = 0 OR d.place_id = $5) AND ($6 = 0 OR p.compound_id = $6)"
             " AND ($7 = 0 OR d.id < $7) ORDER BY d.id DESC LIMIT $8",
             within.cond);
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "iiiiiiii", within.value, up.ids[0], up.ids[1], up.ids[2],
                  place, compound, after, limit);
    return rc == HW_OK ? respond_id_page(req, st, limit, render_decision, NULL) : rc;
}
