/* Households, their tiers and consents, and the visit rules. */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "care/care_http.h"
#include "care/household.h"
#include "care/plan.h"
#include "care/visit.h"
#include "http/body.h"
#include "http/response.h"
#include "kit/jobs_core.h"
#include "kit/privacy.h"
#include "kit/record_routes.h"
#include "kit/scope.h"

static int64_t today(void) { return care_day_of_epoch(clock_now()); }

int care_http_log_read(struct request *req, int64_t dwelling_id, bool disclosed)
{
    if (!disclosed)
        return HW_OK;
    int64_t district = 0;
    int rc = db_scalar_int(req->db, &district, "SELECT district_id FROM places WHERE id = $1", "i",
                           dwelling_id);
    if (rc != HW_OK)
        return rc;
    struct privacy_read r = {.subject_id = dwelling_id, .district_id = district,
                             .fields = PRIVACY_SENSITIVE_TAGS};
    return privacy_log_reads(req, "care_household", &r, 1);
}

static int render_household(struct request *req, void *ctx, int64_t id, json_t **out)
{
    bool detail = ctx != NULL, disclosed = false;
    int rc = care_household_json(req->db, req->who, id, today(), detail, out, &disclosed);
    if (rc == HW_OK && (rc = care_http_log_read(req, id, disclosed)) != HW_OK)
        json_decref(*out);
    return rc;
}

int care_http_households(struct request *req)
{
    int64_t limit, after, grid = 0, building = 0, compound = 0;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = req_query_id(req, "grid_id", &grid);
    if (rc == HW_OK)
        rc = req_query_id(req, "building_id", &building);
    if (rc == HW_OK)
        rc = req_query_id(req, "compound_id", &compound);
    if (rc != HW_OK)
        return rc;
    const char *tier = req_query(req, "tier");
    enum care_tier t = CARE_GREEN;
    if (tier && strcmp(tier, "none") != 0 && care_tier_parse(tier, &t) != HW_OK)
        return write_field_invalid(req, "tier");
    struct scope_sql scope;
    scope_places(req->who, "d", 1, &scope);
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT d.id FROM places d WHERE d.kind = 'dwelling' AND %s"
             " AND ($2 = 0 OR d.grid_id = $2) AND ($3 = 0 OR d.building_id = $3)"
             " AND ($4 = 0 OR d.compound_id = $4) AND d.id > $5"
             " AND EXISTS (SELECT 1 FROM occupancies o WHERE o.dwelling_id = d.id"
             " AND o.moved_out IS NULL)"
             " AND ($6 = '' OR ($6 = 'none' AND NOT EXISTS (SELECT 1 FROM care_tiers c"
             " WHERE c.dwelling_id = d.id AND c.until IS NULL)) OR EXISTS (SELECT 1 FROM"
             " care_tiers c WHERE c.dwelling_id = d.id AND c.until IS NULL AND c.tier = $6))"
             " ORDER BY d.id LIMIT $7",
             scope.cond);
    /* A tier filter tells who is orange: only for those who see it. */
    if (tier && care_tier_sensitive(t) && strcmp(tier, "none") != 0 &&
        !care_sees_sensitive(req->who))
        return write_field_invalid(req, "tier");
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "iiiiisi", scope.value, grid, building, compound, after,
                  tier ? tier : "", limit);
    if (rc != HW_OK)
        return rc;
    return respond_id_page(req, st, limit, render_household, NULL);
}

int care_http_household(struct request *req)
{
    json_t *o;
    int rc = render_household(req, req, req->params[0], &o);
    return rc == HW_OK ? respond_json(req, 200, o) : rc;
}

/* ---- tier ------------------------------------------------------------- */

struct tier_body {
    const char *tier, *reason;
};
static const struct body_field tier_fields[] = {
    BODY_FIELD(struct tier_body, tier, BODY_STRING, true, 16),
    BODY_FIELD(struct tier_body, reason, BODY_STRING, false, CARE_REASON_MAX),
};

struct tier_ctx {
    enum care_tier tier;
    const char *reason;
    struct care_consent_new consent;
};

static int render_detail(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return render_household(req, req, id, out);
}

/* The audit log keeps a household without its sensitive tiers masked away:
 * inspectors read the log (docs/privacy.md). */
static int render_audit(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    static const struct principal auditor = {.role = ROLE_INSPECTOR};
    return care_household_json(req->db, &auditor, id, today(), false, out, NULL);
}

static int district_of(struct request *req, int64_t id, int64_t *district)
{
    return db_scalar_int(req->db, district, "SELECT district_id FROM places WHERE id = $1", "i", id);
}

static int apply_tier(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct tier_ctx *c = ctx;
    const char *bad = NULL;
    int rc = district_of(req, *id, district);
    if (rc == HW_OK)
        rc = care_tier_set(req->db, *id, c->tier, c->reason, req->who->user_id, clock_now(), &bad);
    if (rc == HW_OK)
        rc = care_overdue_ensure(req->db, *district, clock_now());
    return write_model_error(req, rc, bad);
}

int care_http_set_tier(struct request *req)
{
    struct tier_body b = {0};
    int rc = BODY_PARSE(req, tier_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct tier_ctx c = {.reason = b.reason};
    if (care_tier_parse(b.tier, &c.tier) != HW_OK)
        return write_field_invalid(req, "tier");
    static const struct audited_write w = {.action = "update", .entity = "care_household",
                                           .apply = apply_tier, .render = render_detail,
                                           .audit_render = render_audit};
    return audited_write_run(req, &w, &c, req->params[0]);
}

/* ---- consent ---------------------------------------------------------- */

struct consent_body {
    const char *given_by, *method, *given_at;
    struct opt_int given_by_resident_id;
};
static const struct body_field consent_fields[] = {
    BODY_FIELD(struct consent_body, given_by, BODY_STRING, true, CARE_NAME_MAX),
    BODY_FIELD(struct consent_body, method, BODY_STRING, true, 16),
    BODY_FIELD(struct consent_body, given_at, BODY_STRING, false, 64),
    BODY_FIELD(struct consent_body, given_by_resident_id, BODY_INT, false, 0),
};

static int apply_consent(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct tier_ctx *c = ctx;
    const char *bad = NULL;
    int rc = district_of(req, *id, district);
    if (rc == HW_OK)
        rc = care_consent_give(req->db, *id, &c->consent, req->who->user_id, clock_now(), &bad);
    return write_model_error(req, rc, bad);
}

int care_http_give_consent(struct request *req)
{
    struct consent_body b = {0};
    int rc = BODY_PARSE(req, consent_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct tier_ctx c = {.consent = {.given_by = b.given_by,
                                     .given_by_resident_id = b.given_by_resident_id.v,
                                     .given_at = clock_now()}};
    if (care_consent_method_parse(b.method, &c.consent.method) != HW_OK)
        return write_field_invalid(req, "method");
    if (b.given_at && jobs_parse_time(b.given_at, &c.consent.given_at) != HW_OK)
        return write_field_invalid(req, "given_at");
    /* A consent is a new record of the household: 201, as a create. */
    static const struct audited_write w = {.action = "update", .entity = "care_household",
                                           .apply = apply_consent, .render = render_detail,
                                           .audit_render = render_audit};
    rc = audited_write_run(req, &w, &c, req->params[0]);
    return rc;
}

static int apply_withdraw(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    (void)ctx;
    int rc = district_of(req, *id, district);
    if (rc == HW_OK)
        rc = care_consent_withdraw(req->db, *id, req->who->user_id, clock_now());
    return rc;
}

int care_http_withdraw_consent(struct request *req)
{
    static const struct audited_write w = {.action = "update", .entity = "care_household",
                                           .apply = apply_withdraw, .render = render_detail,
                                           .audit_render = render_audit};
    return audited_write_run(req, &w, NULL, req->params[0]);
}

/* ---- rules ------------------------------------------------------------ */

/* The caller's sub-district; an installation admin names one. */
static int rules_district(struct request *req, int64_t given, int64_t *district)
{
    *district = req->who->district_id;
    if (scope_sees_everything(req->who))
        *district = given;
    if (!*district)
        return write_field_invalid(req, "district_id");
    if (scope_sees_everything(req->who)) {
        int64_t n = 0;
        int rc = db_scalar_int(req->db, &n,
                               "SELECT count(*) FROM places WHERE id = $1 AND kind = 'subdistrict'",
                               "i", *district);
        if (rc != HW_OK)
            return rc;
        if (!n)
            return write_field_invalid(req, "district_id");
    }
    return HW_OK;
}

int care_http_rules(struct request *req)
{
    int64_t given = 0, district;
    int rc = req_query_id(req, "district_id", &given);
    if (rc == HW_OK)
        rc = rules_district(req, given, &district);
    json_t *o;
    if (rc == HW_OK)
        rc = care_rules_json(req->db, district, &o);
    return rc == HW_OK ? respond_json(req, 200, o) : rc;
}

struct rule_ctx {
    struct care_rule rule;
    int64_t district;
};

static int render_rules(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)id;
    return care_rules_json(req->db, ((struct rule_ctx *)ctx)->district, out);
}

static int apply_rule(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct rule_ctx *c = ctx;
    const char *bad = NULL;
    *id = c->district;
    *district = c->district;
    int rc = care_rule_save(req->db, c->district, &c->rule, req->who->user_id, clock_now(), &bad);
    return write_model_error(req, rc, bad);
}

int care_http_put_rule(struct request *req)
{
    static const char *const allowed[] = {"tier", "period", "visits", "accompanied",
                                          "help_tasks", "district_id", NULL};
    json_t *root;
    int rc = care_body_load(req, allowed, &root);
    if (rc != HW_OK)
        return rc;
    bool bad = false;
    const char *tier = care_body_text(req, root, "tier", true, 16, &bad);
    const char *period = care_body_text(req, root, "period", true, 16, &bad);
    int64_t visits = care_body_int(req, root, "visits", true, &bad);
    int64_t accompanied = care_body_int(req, root, "accompanied", false, &bad);
    int64_t given = care_body_int(req, root, "district_id", false, &bad);
    json_t *help = json_object_get(root, "help_tasks");
    if (bad)
        return HW_EINVAL;
    struct rule_ctx c = {.rule = {.visits = (int)visits, .accompanied = (int)accompanied}};
    if (visits < 0 || visits > 1000)
        return write_field_invalid(req, "visits");
    if (accompanied < 0 || accompanied > 1000)
        return write_field_invalid(req, "accompanied");
    if (care_tier_parse(tier, &c.rule.tier) != HW_OK)
        return write_field_invalid(req, "tier");
    if (care_period_parse(period, &c.rule.period) != HW_OK)
        return write_field_invalid(req, "period");
    if (help && !json_is_null(help)) {
        size_t i, used = 0;
        json_t *v;
        if (!json_is_array(help) || json_array_size(help) > CARE_HELP_CODES_MAX)
            return write_field_invalid(req, "help_tasks");
        json_array_foreach(help, i, v) {
            if (!json_is_string(v) || !care_code_valid(json_string_value(v)))
                return write_field_invalid(req, "help_tasks");
            used += (size_t)snprintf(c.rule.help + used, sizeof c.rule.help - used, "%s%s",
                                     i ? "," : "", json_string_value(v));
        }
    }
    if ((rc = rules_district(req, given, &c.district)) != HW_OK)
        return rc;
    static const struct audited_write w = {.action = "update", .entity = "care_rules",
                                           .apply = apply_rule, .render = render_rules};
    return audited_write_run(req, &w, &c, c.district);
}
