/* Every capability's hash chains, checked one sub-district at a time. */
#include "app/chains.h"

#include "app/app.h"
#include "base/err.h"
#include "http/request.h"
#include "http/response.h"
#include "kit/chain.h"
#include "kit/record_routes.h"
#include "kit/scope.h"

static int chain_json(struct db *db, const struct chain_def *def, int64_t district_id,
                      json_t *list, bool *intact)
{
    struct chain_report r;
    int rc = chain_verify(db, def, district_id, &r);
    if (rc != HW_OK)
        return rc;
    json_t *one = json_pack("{s:s, s:I, s:b}", "name", def->name, "rows", (json_int_t)r.rows,
                            "intact", r.intact);
    if (!one)
        return HW_ENOMEM;
    if (!r.intact) {
        *intact = false;
        json_object_set_new(one, "broken_id", r.broken_id ? json_integer(r.broken_id) : json_null());
        json_object_set_new(one, "reason", json_string(r.reason));
    }
    return json_array_append_new(list, one) == 0 ? HW_OK : HW_ENOMEM;
}

int app_chains_verify(struct db *db, int64_t district_id, json_t **out)
{
    json_t *list = json_array();
    bool intact = true;
    int rc = list ? HW_OK : HW_ENOMEM;
    for (size_t i = 0; rc == HW_OK && i < app_capabilities_count; i++)
        for (size_t k = 0; rc == HW_OK && k < app_capabilities[i]->nchains; k++)
            rc = chain_json(db, app_capabilities[i]->chains[k], district_id, list, &intact);
    if (rc != HW_OK) {
        json_decref(list);
        return rc;
    }
    *out = json_pack("{s:I, s:b, s:o}", "district_id", (json_int_t)district_id, "intact", intact,
                     "chains", list);
    return *out ? HW_OK : HW_ENOMEM;
}

/* Every sub-district, in id order: a chain's rows always name one. */
int app_chains_verify_all(struct db *db, void (*print)(const json_t *report, void *ctx),
                          void *ctx, bool *intact)
{
    int64_t ids[4096];
    size_t n = 0;
    struct db_stmt *st;
    int rc = db_query(db, &st, "SELECT id FROM places WHERE kind = 'subdistrict' ORDER BY id", "");
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW && n < sizeof ids / sizeof ids[0])
        ids[n++] = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        return rc;
    if (rc == DB_ROW)
        return HW_ELIMIT; /* more sub-districts than one installation serves */
    *intact = true;
    for (size_t i = 0; i < n; i++) {
        json_t *report;
        if ((rc = app_chains_verify(db, ids[i], &report)) != HW_OK)
            return rc;
        if (!json_is_true(json_object_get(report, "intact")))
            *intact = false;
        print(report, ctx);
        json_decref(report);
    }
    return HW_OK;
}

/* GET /api/v1/chains/verify: the caller's sub-district (an installation
 * admin names one with ?district_id=). */
static int http_verify(struct request *req)
{
    int64_t district;
    int rc = record_district(req, &district);
    if (rc != HW_OK)
        return rc;
    json_t *report;
    if ((rc = app_chains_verify(req->db, district, &report)) != HW_OK)
        return rc;
    return respond_json(req, 200, report);
}

static const struct field_message messages[] = {
    {"district_id", "请指定街道", "name the sub-district"},
};

static const struct route routes[] = {
    CAPABILITY_ROUTE(messages, "GET", "/api/v1/chains/verify", http_verify, PERM_CHAIN_VERIFY),
};

const struct capability app_chains_capability = {
    .name = "app",
    .routes = routes,
    .nroutes = CAPABILITY_COUNT_OF(routes),
    .messages = messages,
    .nmessages = CAPABILITY_COUNT_OF(messages),
};
