/* The discipline inspector's console: the complaint queue of the
 * sub-district, a complaint with its steps, a suggestion box's complaint
 * recorded, the steps taken, and the complainant's contact read when they
 * left one. Only inspectors hold the permission, and a complaint naming an
 * inspector is hidden from that inspector too (oversight_complaint_reach). */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/response.h"
#include "kit/privacy.h"
#include "kit/record_routes.h"
#include "kit/scope.h"
#include "oversight/complaint.h"
#include "oversight/oversight_http.h"
#include "store/db_json.h"

int oversight_complaint_visible(struct db *db, const struct principal *who, int64_t id, bool write)
{
    (void)write;
    return oversight_complaint_reach(db, who, id);
}

static int render_complaint(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return oversight_complaint_json(req->db, req->who, id, out);
}

/* GET /api/v1/complaints[?status=]: newest first. */
int oversight_http_complaints(struct request *req)
{
    int64_t limit, after;
    int rc = req_page(req, &limit, &after);
    if (rc != HW_OK)
        return rc;
    const char *status = req_query(req, "status");
    enum oversight_status s;
    if (status && oversight_status_parse(status, &s) != HW_OK)
        return write_field_invalid(req, "status");
    struct db_stmt *st;
    rc = db_query(req->db, &st,
                  "SELECT id FROM complaints WHERE district_id = $1"
                  " AND (subject_user_id IS NULL OR subject_user_id <> $2)"
                  " AND (CAST($3 AS TEXT) IS NULL OR status = $3) AND ($4 = 0 OR id < $4)"
                  " ORDER BY id DESC LIMIT $5",
                  "iisii", req->who->district_id, req->who->user_id, status, after, limit);
    return rc == HW_OK ? respond_id_page(req, st, limit, render_complaint, NULL) : rc;
}

int oversight_http_complaint(struct request *req)
{
    json_t *o;
    int rc = oversight_complaint_json(req->db, req->who, req->params[0], &o);
    return rc == HW_OK ? respond_json(req, 200, o) : rc;
}

struct box_body {
    const char *subject_kind, *subject_text, *matter, *name, *phone, *box_place;
    struct opt_int place_id, subject_org_id, subject_user_id;
};
static const struct body_field box_fields[] = {
    BODY_FIELD(struct box_body, place_id, BODY_INT, true, 0),
    BODY_FIELD(struct box_body, box_place, BODY_STRING, true, OVERSIGHT_BOX_PLACE_MAX),
    BODY_FIELD(struct box_body, subject_kind, BODY_STRING, true, 32),
    BODY_FIELD(struct box_body, subject_org_id, BODY_INT, false, 0),
    BODY_FIELD(struct box_body, subject_user_id, BODY_INT, false, 0),
    BODY_FIELD(struct box_body, subject_text, BODY_STRING, false, OVERSIGHT_SUBJECT_TEXT_MAX),
    BODY_FIELD(struct box_body, matter, BODY_STRING, true, OVERSIGHT_MATTER_MAX),
    BODY_FIELD(struct box_body, name, BODY_STRING, false, OVERSIGHT_NAME_MAX),
    BODY_FIELD(struct box_body, phone, BODY_STRING, false, 32),
};

/* POST /api/v1/complaints: a complaint found in the suggestion box, recorded
 * by the inspector who opened it, in the inspector's sub-district. */
int oversight_http_record_box(struct request *req)
{
    struct box_body b = {0};
    int rc = BODY_PARSE(req, box_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct oversight_filing f = {.subject_org_id = b.subject_org_id.v,
                                 .subject_user_id = b.subject_user_id.v,
                                 .subject_text = oversight_trimmed(req, b.subject_text),
                                 .matter = oversight_trimmed(req, b.matter),
                                 .name = oversight_trimmed(req, b.name),
                                 .phone = oversight_trimmed(req, b.phone),
                                 .from_box = true,
                                 .box_place = oversight_trimmed(req, b.box_place)};
    if (oversight_subject_parse(b.subject_kind, &f.subject) != HW_OK)
        return write_field_invalid(req, "subject_kind");
    if (scope_place_visible(req->db, req->who, b.place_id.v) != HW_OK)
        return write_field_invalid(req, "place_id");
    if (f.subject_user_id == req->who->user_id) /* nobody records a complaint about themselves */
        return write_field_invalid(req, "subject_user_id");
    return oversight_http_file(req, b.place_id.v, &f, req->who->user_id);
}

struct step_body {
    const char *step, *finding, *action, *note;
    struct opt_int subject_user_id;
};
static const struct body_field step_fields[] = {
    BODY_FIELD(struct step_body, step, BODY_STRING, true, 16),
    BODY_FIELD(struct step_body, finding, BODY_STRING, false, 32),
    BODY_FIELD(struct step_body, action, BODY_STRING, false, OVERSIGHT_ACTION_MAX),
    BODY_FIELD(struct step_body, note, BODY_STRING, true, OVERSIGHT_NOTE_MAX),
    BODY_FIELD(struct step_body, subject_user_id, BODY_INT, false, 0),
};

struct step_ctx {
    struct oversight_step_in in;
};

static int apply_step(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct step_ctx *c = ctx;
    const char *bad = NULL;
    int rc = db_scalar_int(req->db, district, "SELECT district_id FROM complaints WHERE id = $1",
                           "i", *id);
    if (rc == HW_OK)
        rc = oversight_complaint_step(req->db, *id, &c->in, req->who->user_id, clock_now(), &bad);
    if (rc == HW_ECONFLICT)
        return write_field_invalid(req, "step");
    return write_model_error(req, rc, bad);
}

/* POST /api/v1/complaints/{id}/steps: verify, find or act, with a note. */
int oversight_http_step(struct request *req)
{
    struct step_body b = {0};
    int rc = BODY_PARSE(req, step_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct step_ctx c = {.in = {.note = oversight_trimmed(req, b.note),
                                .action = oversight_trimmed(req, b.action),
                                .subject_user_id = b.subject_user_id.v}};
    if (oversight_step_parse(b.step, &c.in.step) != HW_OK)
        return write_field_invalid(req, "step");
    if (c.in.step == OVERSIGHT_STEP_FIND && oversight_finding_parse(b.finding, &c.in.finding) != HW_OK)
        return write_field_invalid(req, "finding");
    if (c.in.step != OVERSIGHT_STEP_FIND && b.finding)
        return write_field_invalid(req, "finding");
    if (c.in.step != OVERSIGHT_STEP_ACT && b.action)
        return write_field_invalid(req, "action");
    static const struct audited_write w = {.action = "update", .entity = "complaint",
                                           .apply = apply_step, .render = render_complaint};
    return audited_write_run(req, &w, &c, req->params[0]);
}

/* GET /api/v1/complaints/{id}/contact: the complainant's name and phone
 * whole, to call them back while verifying; each read is logged. */
int oversight_http_contact(struct request *req)
{
    struct db_stmt *st;
    int rc = db_query_row(req->db, &st,
                          "SELECT complainant_name, complainant_phone, district_id"
                          " FROM complaints WHERE id = $1",
                          "i", req->params[0]);
    if (rc != HW_OK)
        return rc;
    json_t *o = json_pack("{s:o, s:o}", "name", db_json_text(st, 0), "phone", db_json_text(st, 1));
    struct privacy_read read = {.subject_id = req->params[0],
                                .district_id = db_col_int(st, 2),
                                .fields = db_col_is_null(st, 1) ? 0 : PRIVACY_PHONE};
    db_reset(st);
    if (!o)
        return HW_ENOMEM;
    if ((rc = privacy_log_reads(req, "complaint", &read, 1)) != HW_OK) {
        json_decref(o);
        return rc;
    }
    return respond_json(req, 200, o);
}
