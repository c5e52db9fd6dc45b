/* A sub-district's choice for spending without authorisation: refused by
 * default, or accepted and flagged for the discipline inspector. Read by
 * everyone who reads the ledger; set by those bound to the whole
 * sub-district (its officers) and admins. */
#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/response.h"
#include "kit/record_routes.h"
#include "kit/scope.h"
#include "ledger/entry.h"
#include "ledger/ledger_http.h"

/* The sub-district asked about: the caller's own, or for an installation
 * admin the one named by district_id. */
static int district_of(struct request *req, int64_t named, int64_t *district)
{
    if (!scope_sees_everything(req->who)) {
        if (named && named != req->who->district_id)
            return write_field_invalid(req, "district_id");
        *district = req->who->district_id;
        return HW_OK;
    }
    int64_t n = 0;
    int rc = named ? db_scalar_int(req->db, &n,
                                   "SELECT count(*) FROM places WHERE id = $1 AND kind = 'subdistrict'",
                                   "i", named)
                   : HW_OK;
    if (rc != HW_OK)
        return rc;
    if (!n)
        return write_field_invalid(req, "district_id");
    *district = named;
    return HW_OK;
}

static int render_settings(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    enum ledger_policy p;
    int rc = ledger_policy_get(req->db, id, &p);
    if (rc != HW_OK)
        return rc;
    *out = json_pack("{s:I, s:s}", "district_id", (json_int_t)id, "unauthorised",
                     ledger_policy_name(p));
    return *out ? HW_OK : HW_ENOMEM;
}

int ledger_http_settings(struct request *req)
{
    int64_t named = 0, district = 0;
    int rc = req_query_id(req, "district_id", &named);
    if (rc == HW_OK)
        rc = district_of(req, named, &district);
    json_t *o;
    if (rc == HW_OK)
        rc = render_settings(req, NULL, district, &o);
    return rc == HW_OK ? respond_json(req, 200, o) : rc;
}

struct settings_body {
    struct opt_int district_id;
    const char *unauthorised;
    enum ledger_policy policy;
};

static int apply_settings(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct settings_body *b = ctx;
    *district = *id;
    return ledger_policy_set(req->db, *id, b->policy, req->who->user_id, clock_now());
}

int ledger_http_put_settings(struct request *req)
{
    struct settings_body b = {0};
    static const struct body_field fields[] = {
        BODY_FIELD(struct settings_body, district_id, BODY_INT, false, 0),
        BODY_FIELD(struct settings_body, unauthorised, BODY_STRING, true, 16),
    };
    int rc = BODY_PARSE(req, fields, &b);
    if (rc != HW_OK)
        return rc;
    if (ledger_policy_parse(b.unauthorised, &b.policy) != HW_OK)
        return write_field_invalid(req, "unauthorised");
    /* The sub-district's own setting: for those bound to all of it. */
    if (!scope_sees_everything(req->who) && req->who->scope_id != req->who->district_id)
        return write_field_invalid(req, "district_id");
    int64_t district = 0;
    if ((rc = district_of(req, b.district_id.v, &district)) != HW_OK)
        return rc;
    static const struct audited_write w = {.action = "update", .entity = "ledger_settings",
                                           .apply = apply_settings, .render = render_settings};
    return audited_write_run(req, &w, &b, district);
}
