/* The log books: the building leader's work log and dispute mediation. */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "care/care_http.h"
#include "care/household.h"
#include "care/logbook.h"
#include "care/visit.h"
#include "http/body.h"
#include "http/response.h"
#include "kit/jobs_core.h"
#include "kit/record_routes.h"
#include "kit/scope.h"

static int district_of(struct request *req, const char *sql, int64_t id, int64_t *district)
{
    return db_scalar_int(req->db, district, sql, "i", id);
}

/* ---- the building leader's work log ------------------------------------ */

static int render_log(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return care_log_json(req->db, id, out);
}

struct log_body {
    const char *date, *seen, *done;
};
static const struct body_field log_fields[] = {
    BODY_FIELD(struct log_body, date, BODY_STRING, true, 10),
    BODY_FIELD(struct log_body, seen, BODY_STRING, true, CARE_TEXT_MAX),
    BODY_FIELD(struct log_body, done, BODY_STRING, false, CARE_TEXT_MAX),
};
static const struct body_field log_patch_fields[] = {
    BODY_FIELD(struct log_body, seen, BODY_STRING, false, CARE_TEXT_MAX),
    BODY_FIELD(struct log_body, done, BODY_STRING, false, CARE_TEXT_MAX),
};

struct log_ctx {
    int64_t building;
    struct log_body b;
};

static int apply_log(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct log_ctx *c = ctx;
    const char *bad = NULL;
    int rc = district_of(req, "SELECT district_id FROM places WHERE id = $1", c->building, district);
    if (rc == HW_OK)
        rc = care_log_create(req->db, c->building, c->b.date, c->b.seen, c->b.done,
                             req->who->user_id, clock_now(), id, &bad);
    return write_model_error(req, rc, bad);
}

int care_http_create_log(struct request *req)
{
    struct log_ctx c = {.building = req->params[0]};
    int rc = BODY_PARSE(req, log_fields, &c.b);
    if (rc != HW_OK)
        return rc;
    static const struct audited_write w = {.action = "create", .entity = "care_building_log",
                                           .location = "/api/v1/care/building-logs/",
                                           .apply = apply_log, .render = render_log};
    return audited_write_run(req, &w, &c, 0);
}

int care_http_logs(struct request *req)
{
    int64_t limit, after, building = 0, from_day, to_day;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = req_query_id(req, "building_id", &building);
    if (rc != HW_OK)
        return rc;
    const char *from = req_query(req, "from"), *to = req_query(req, "to");
    if (from && care_day_parse(from, &from_day) != HW_OK)
        return write_field_invalid(req, "from");
    if (to && care_day_parse(to, &to_day) != HW_OK)
        return write_field_invalid(req, "to");
    struct scope_sql scope;
    scope_places(req->who, "b", 1, &scope);
    char sql[768];
    snprintf(sql, sizeof sql,
             "SELECT l.id FROM care_building_logs l JOIN places b ON b.id = l.building_id"
             " WHERE %s AND ($2 = 0 OR l.building_id = $2) AND ($3 = '' OR l.log_date >= $3)"
             " AND ($4 = '' OR l.log_date <= $4) AND ($5 = 0 OR l.id < $5)"
             " ORDER BY l.id DESC LIMIT $6",
             scope.cond);
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "iissii", scope.value, building, from ? from : "",
                  to ? to : "", after, limit);
    return rc == HW_OK ? respond_id_page(req, st, limit, render_log, NULL) : rc;
}

int care_http_log(struct request *req)
{
    json_t *o;
    int rc = care_log_json(req->db, req->params[0], &o);
    return rc == HW_OK ? respond_json(req, 200, o) : rc;
}

static int apply_log_patch(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct log_ctx *c = ctx;
    const char *bad = NULL;
    int rc = district_of(req, "SELECT district_id FROM care_building_logs WHERE id = $1", *id,
                         district);
    if (rc == HW_OK)
        rc = care_log_update(req->db, *id, c->b.seen, c->b.done, clock_now(), &bad);
    return write_model_error(req, rc, bad);
}

int care_http_patch_log(struct request *req)
{
    struct log_ctx c = {0};
    int rc = BODY_PARSE(req, log_patch_fields, &c.b);
    if (rc != HW_OK)
        return rc;
    int64_t author = 0;
    rc = db_scalar_int(req->db, &author, "SELECT author_id FROM care_building_logs WHERE id = $1",
                       "i", req->params[0]);
    if (rc != HW_OK)
        return rc;
    if (author != req->who->user_id) /* a log entry is its author's word (CT-13) */
        return write_field_invalid(req, "author");
    static const struct audited_write w = {.action = "update", .entity = "care_building_log",
                                           .apply = apply_log_patch, .render = render_log};
    return audited_write_run(req, &w, &c, req->params[0]);
}

/* ---- dispute mediation ------------------------------------------------- */

static int render_mediation(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return care_mediation_json(req->db, id, out);
}

struct mediation_ctx {
    struct care_mediation_new m;
    const char *kind, *attendees, *note, *status, *outcome;
    int64_t at;
};

static int apply_mediation(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct mediation_ctx *c = ctx;
    const char *bad = NULL;
    int rc = district_of(req, "SELECT district_id FROM places WHERE id = $1", c->m.place_id, district);
    if (rc == HW_ENOTFOUND)
        return write_field_invalid(req, "place_id");
    if (rc == HW_OK)
        rc = care_mediation_create(req->db, &c->m, req->who->user_id, clock_now(), id, &bad);
    return write_model_error(req, rc, bad);
}

int care_http_create_mediation(struct request *req)
{
    static const char *const allowed[] = {"place_id", "matter", "parties", "mediator", NULL};
    json_t *root;
    int rc = care_body_load(req, allowed, &root);
    if (rc != HW_OK)
        return rc;
    bool bad = false;
    struct mediation_ctx c = {0};
    c.m.place_id = care_body_int(req, root, "place_id", true, &bad);
    c.m.matter = care_body_text(req, root, "matter", true, CARE_TEXT_MAX, &bad);
    c.m.mediator = care_body_text(req, root, "mediator", true, CARE_NAME_MAX, &bad);
    if (bad)
        return HW_EINVAL;
    if (scope_place_visible(req->db, req->who, c.m.place_id) != HW_OK)
        return write_field_invalid(req, "place_id");
    json_t *parties = json_object_get(root, "parties");
    if (!json_is_array(parties) || json_array_size(parties) < CARE_PARTIES_MIN ||
        json_array_size(parties) > CARE_PARTIES_MAX)
        return write_field_invalid(req, "parties");
    size_t i;
    json_t *p;
    json_array_foreach(parties, i, p) {
        json_t *name = json_object_get(p, "name"), *side = json_object_get(p, "side");
        json_t *resident = json_object_get(p, "resident_id");
        if (!json_is_object(p) || !json_is_string(name) || (side && !json_is_null(side) && !json_is_string(side)) ||
            (resident && !json_is_null(resident) && !json_is_integer(resident)))
            return write_field_invalid(req, "parties");
        struct care_party *party = &c.m.parties[c.m.nparties++];
        party->name = json_string_value(name);
        party->side = json_is_string(side) ? json_string_value(side) : NULL;
        party->resident_id = json_is_integer(resident) ? json_integer_value(resident) : 0;
        if (party->resident_id) { /* a party named from the registry lives in the caller's scope */
            struct scope_sql scope;
            scope_places(req->who, "d", 2, &scope);
            char sql[400];
            snprintf(sql, sizeof sql,
                     "SELECT count(*) FROM occupancies o JOIN places d ON d.id = o.dwelling_id"
                     " WHERE o.resident_id = $1 AND o.moved_out IS NULL AND %s", scope.cond);
            int64_t n = 0;
            if ((rc = db_scalar_int(req->db, &n, sql, "ii", party->resident_id, scope.value)) != HW_OK)
                return rc;
            if (!n)
                return write_field_invalid(req, "parties");
        }
    }
    static const struct audited_write w = {.action = "create", .entity = "care_mediation",
                                           .location = "/api/v1/care/mediations/",
                                           .apply = apply_mediation, .render = render_mediation};
    return audited_write_run(req, &w, &c, 0);
}

int care_http_mediations(struct request *req)
{
    int64_t limit, after;
    int rc = req_page(req, &limit, &after);
    if (rc != HW_OK)
        return rc;
    const char *status = req_query(req, "status");
    if (status && strcmp(status, "in_progress") != 0 && strcmp(status, "settled") != 0 &&
        strcmp(status, "failed") != 0)
        return write_field_invalid(req, "status");
    struct scope_sql scope;
    scope_places(req->who, "p", 1, &scope);
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT m.id FROM care_mediations m JOIN places p ON p.id = m.place_id WHERE %s"
             " AND ($2 = '' OR m.status = $2) AND ($3 = 0 OR m.id < $3) ORDER BY m.id DESC LIMIT $4",
             scope.cond);
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "isii", scope.value, status ? status : "", after, limit);
    return rc == HW_OK ? respond_id_page(req, st, limit, render_mediation, NULL) : rc;
}

int care_http_mediation(struct request *req)
{
    json_t *o;
    int rc = care_mediation_json(req->db, req->params[0], &o);
    return rc == HW_OK ? respond_json(req, 200, o) : rc;
}

static int apply_entry(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct mediation_ctx *c = ctx;
    const char *bad = NULL;
    int rc = district_of(req, "SELECT district_id FROM care_mediations WHERE id = $1", *id, district);
    if (rc == HW_OK && c->status)
        rc = care_mediation_close(req->db, *id, c->status, c->outcome, clock_now(), &bad);
    else if (rc == HW_OK)
        rc = care_mediation_add(req->db, *id, c->kind, c->at, c->attendees, c->note,
                                req->who->user_id, clock_now(), &bad);
    return write_model_error(req, rc, bad);
}

static int add_entry(struct request *req, bool meeting)
{
    struct mediation_body {
        const char *held_at, *at, *attendees, *notes, *note;
    } b = {0};
    static const struct body_field meeting_fields[] = {
        BODY_FIELD(struct mediation_body, held_at, BODY_STRING, true, 64),
        BODY_FIELD(struct mediation_body, attendees, BODY_STRING, true, CARE_TEXT_MAX),
        BODY_FIELD(struct mediation_body, notes, BODY_STRING, true, CARE_TEXT_MAX),
    };
    static const struct body_field follow_fields[] = {
        BODY_FIELD(struct mediation_body, at, BODY_STRING, false, 64),
        BODY_FIELD(struct mediation_body, note, BODY_STRING, true, CARE_TEXT_MAX),
    };
    int rc = meeting ? BODY_PARSE(req, meeting_fields, &b) : BODY_PARSE(req, follow_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct mediation_ctx c = {.kind = meeting ? "meeting" : "follow_up", .attendees = b.attendees,
                              .note = meeting ? b.notes : b.note, .at = clock_now()};
    const char *when = meeting ? b.held_at : b.at;
    if (when && jobs_parse_time(when, &c.at) != HW_OK)
        return write_field_invalid(req, meeting ? "held_at" : "at");
    static const struct audited_write w = {.action = "update", .entity = "care_mediation",
                                           .apply = apply_entry, .render = render_mediation};
    return audited_write_run(req, &w, &c, req->params[0]);
}

int care_http_add_meeting(struct request *req) { return add_entry(req, true); }

int care_http_add_follow_up(struct request *req) { return add_entry(req, false); }

struct outcome_body {
    const char *status, *outcome;
};
static const struct body_field outcome_fields[] = {
    BODY_FIELD(struct outcome_body, status, BODY_STRING, true, 16),
    BODY_FIELD(struct outcome_body, outcome, BODY_STRING, true, CARE_TEXT_MAX),
};

int care_http_mediation_outcome(struct request *req)
{
    struct outcome_body b = {0};
    int rc = BODY_PARSE(req, outcome_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct mediation_ctx c = {.status = b.status, .outcome = b.outcome};
    static const struct audited_write w = {.action = "update", .entity = "care_mediation",
                                           .apply = apply_entry, .render = render_mediation};
    return audited_write_run(req, &w, &c, req->params[0]);
}
