/* Visits: recorded from a phone, once per client key; read by household,
 * by grid, by visitor. */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "care/care_http.h"
#include "care/household.h"
#include "care/schedule.h"
#include "care/visit.h"
#include "http/response.h"
#include "kit/record_routes.h"
#include "kit/scope.h"

/* A visit as who sees it: an orange tier masked for those who do not see
 * sensitive tags, and logged when shown whole. */
static int render_visit(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    int rc = care_visit_json(req->db, id, out);
    if (rc != HW_OK)
        return rc;
    enum care_tier t;
    const char *tier = json_string_value(json_object_get(*out, "tier"));
    if (tier && care_tier_parse(tier, &t) == HW_OK && care_tier_sensitive(t)) {
        int64_t household = json_integer_value(json_object_get(json_object_get(*out, "household"), "id"));
        if (!care_sees_sensitive(req->who))
            json_object_set_new(*out, "tier", json_null());
        else if ((rc = care_http_log_read(req, household, true)) != HW_OK)
            json_decref(*out);
    }
    return rc;
}

static int render_audit(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    int rc = care_visit_json(req->db, id, out);
    if (rc == HW_OK)
        json_object_set_new(*out, "tier", json_null()); /* inspectors read the log */
    return rc;
}

struct visit_ctx {
    struct care_visit_new v;
};

static int apply_visit(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct visit_ctx *c = ctx;
    const char *bad = NULL;
    int rc = db_scalar_int(req->db, district, "SELECT district_id FROM places WHERE id = $1", "i",
                           c->v.dwelling_id);
    struct actor a = {.kind = ACTOR_USER, .user_id = req->who->user_id, .ip = req->client_ip};
    if (rc == HW_OK)
        rc = care_visit_create(req->db, &a, req->who, &c->v, clock_now(), id, &bad);
    if (rc == HW_ECONFLICT) /* the same key, sent twice at once: the phone retries */
        return rc;
    return write_model_error(req, rc, bad);
}

static int parse_visit(struct request *req, struct care_visit_new *v)
{
    static const char *const allowed[] = {"client_key", "visited_at", "medical_staff", "police",
                                          "seen", "help", "help_note", "follow_up", NULL};
    json_t *root;
    int rc = care_body_load(req, allowed, &root);
    if (rc != HW_OK)
        return rc;
    bool bad = false;
    v->client_key = care_body_text(req, root, "client_key", true, CARE_KEY_MAX, &bad);
    v->visited_at = care_body_time(req, root, "visited_at", clock_now(), &bad);
    v->medical_staff = care_body_text(req, root, "medical_staff", false, CARE_NAME_MAX, &bad);
    v->police = care_body_text(req, root, "police", false, CARE_NAME_MAX, &bad);
    v->seen = care_body_text(req, root, "seen", true, CARE_TEXT_MAX, &bad);
    v->help_note = care_body_text(req, root, "help_note", false, CARE_TEXT_MAX, &bad);
    if (bad)
        return HW_EINVAL;
    json_t *help = json_object_get(root, "help");
    if (help && !json_is_null(help)) {
        if (!json_is_array(help) || json_array_size(help) > CARE_HELP_CODES_MAX)
            return write_field_invalid(req, "help");
        size_t i;
        json_t *h;
        json_array_foreach(help, i, h) {
            if (!json_is_string(h))
                return write_field_invalid(req, "help");
            v->help[v->nhelp++] = json_string_value(h);
        }
    }
    json_t *f = json_object_get(root, "follow_up");
    if (f && !json_is_null(f)) {
        if (!json_is_object(f))
            return write_field_invalid(req, "follow_up");
        json_t *cat = json_object_get(f, "category_id");
        json_t *desc = json_object_get(f, "description");
        if (!json_is_integer(cat) || json_object_size(f) != 2)
            return write_field_invalid(req, "follow_up.category_id");
        if (!json_is_string(desc))
            return write_field_invalid(req, "follow_up.description");
        v->follow_up = true;
        v->follow_up_category_id = json_integer_value(cat);
        v->follow_up_description = json_string_value(desc);
    }
    return HW_OK;
}

int care_http_create_visit(struct request *req)
{
    struct visit_ctx c = {.v = {.dwelling_id = req->params[0]}};
    int rc = parse_visit(req, &c.v);
    if (rc != HW_OK)
        return rc;
    /* A retry of a visit already recorded answers it, whenever it comes. */
    int64_t id = 0;
    if (care_client_key_valid(c.v.client_key)) {
        rc = care_visit_find_key(req->db, req->who->user_id, c.v.client_key, &id);
        if (rc == HW_OK) {
            json_t *o;
            if ((rc = render_visit(req, NULL, id, &o)) != HW_OK)
                return rc;
            return respond_json(req, 200, o);
        }
        if (rc != HW_ENOTFOUND)
            return rc;
    }
    static const struct audited_write w = {.action = "create", .entity = "care_visit",
                                           .location = "/api/v1/care/visits/",
                                           .apply = apply_visit, .render = render_visit,
                                           .audit_render = render_audit};
    return audited_write_run(req, &w, &c, 0);
}

static int visits_page(struct request *req, int64_t household)
{
    int64_t limit, after, grid = 0, visitor = 0, from_day = 0, to_day = 0;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = req_query_id(req, "grid_id", &grid);
    if (rc == HW_OK)
        rc = req_query_id(req, "visitor_id", &visitor);
    if (rc == HW_OK && !household)
        rc = req_query_id(req, "household_id", &household);
    if (rc != HW_OK)
        return rc;
    const char *from = req_query(req, "from"), *to = req_query(req, "to");
    if (from && care_day_parse(from, &from_day) != HW_OK)
        return write_field_invalid(req, "from");
    if (to && care_day_parse(to, &to_day) != HW_OK)
        return write_field_invalid(req, "to");
    struct scope_sql scope;
    scope_places(req->who, "d", 1, &scope);
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT v.id FROM care_visits v JOIN places d ON d.id = v.dwelling_id WHERE %s"
             " AND ($2 = 0 OR v.grid_id = $2) AND ($3 = 0 OR v.visitor_id = $3)"
             " AND ($4 = 0 OR v.dwelling_id = $4) AND ($5 = '' OR v.visit_date >= $5)"
             " AND ($6 = '' OR v.visit_date <= $6) AND ($7 = 0 OR v.id < $7)"
             " ORDER BY v.id DESC LIMIT $8",
             scope.cond);
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "iiiissii", scope.value, grid, visitor, household,
                  from ? from : "", to ? to : "", after, limit);
    if (rc != HW_OK)
        return rc;
    return respond_id_page(req, st, limit, render_visit, NULL);
}

int care_http_visits(struct request *req) { return visits_page(req, 0); }

int care_http_household_visits(struct request *req) { return visits_page(req, req->params[0]); }

int care_http_visit(struct request *req)
{
    json_t *o;
    int rc = render_visit(req, NULL, req->params[0], &o);
    return rc == HW_OK ? respond_json(req, 200, o) : rc;
}
