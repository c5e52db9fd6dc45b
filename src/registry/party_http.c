/* The party tree and party members' public cards over HTTP. Both are public
 * inside the sub-district (the tree hangs in every community office, the
 * cards on every building wall); writing needs the place in the caller's
 * scope. */
#include "kit/access.h"
#include "kit/scope.h"
#include "base/err.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/record_routes.h"
#include "place/place.h"
#include "registry/party.h"
#include "registry/registry_http.h"

/* GET /api/v1/party-orgs */
int party_http_tree(struct request *req)
{
    json_t *roots;
    int64_t district = scope_sees_everything(req->who) ? 0 : req->who->district_id;
    int rc = party_tree_json(req->db, district, &roots);
    if (rc != HW_OK)
        return rc;
    return respond_json(req, 200, json_pack("{s:o}", "items", roots));
}

struct party_org_body {
    const char *level, *name;
    struct opt_int parent_id, place_id;
};

static const struct body_field party_org_fields[] = {
    BODY_FIELD(struct party_org_body, level, BODY_STRING, true, 24),
    BODY_FIELD(struct party_org_body, name, BODY_STRING, true, 100),
    BODY_FIELD(struct party_org_body, parent_id, BODY_INT, false, 0),
    BODY_FIELD(struct party_org_body, place_id, BODY_INT, false, 0),
};

static int apply_org(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const char *bad = NULL;
    int rc = party_org_create(req->db, ctx, id, &bad);
    if (rc == HW_ECONFLICT) {
        problem_field_msg(req, "name", FIELD_INVALID, "同一上级组织下已有这个名称",
                          "the parent already has an organization of that name");
        return rc;
    }
    if (rc != HW_OK)
        return write_model_error(req, rc, bad);
    int64_t place;
    rc = party_org_scope_place(req->db, *id, &place, district);
    return rc == HW_ENOTFOUND ? HW_OK : rc;
}

static int render_org(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return party_org_json(req->db, id, out);
}

/* POST /api/v1/party-orgs: the parent (through its place) and the place
 * must both lie in the caller's scope. */
int party_http_create(struct request *req)
{
    struct party_org_body b = {0};
    int rc = BODY_PARSE(req, party_org_fields, &b);
    if (rc != HW_OK)
        return rc;
    if (b.parent_id.set) {
        int64_t place, district;
        rc = party_org_scope_place(req->db, b.parent_id.v, &place, &district);
        if (rc == HW_OK)
            rc = scope_place_visible(req->db, req->who, place);
        if (rc != HW_OK)
            return rc;
    }
    if (b.place_id.set && (rc = scope_place_visible(req->db, req->who, b.place_id.v)) != HW_OK)
        return rc;
    struct party_org_new o = {
        .level = b.level, .name = b.name, .parent_id = b.parent_id.v, .place_id = b.place_id.v};
    static const struct audited_write w = {
        .action = "create",
        .entity = "party_org",
        .apply = apply_org,
        .render = render_org,
    };
    return audited_write_run(req, &w, &o, 0);
}

static int render_card(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return party_card_json(req->db, id, out);
}

/* GET /api/v1/party-cards?building_id= */
int party_card_http_list(struct request *req)
{
    int64_t limit, after, building = 0;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = req_query_id(req, "building_id", &building);
    if (rc == HW_OK && building)
        rc = scope_place_in_district(req->db, req->who, building);
    if (rc != HW_OK)
        return rc;
    struct scope_sql district;
    scope_district(req->who, "c", 2, &district);
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT c.id FROM party_cards c WHERE c.id > $1 AND %s"
             " AND ($3 = 0 OR c.building_id = $3) ORDER BY c.id LIMIT $4",
             district.cond);
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "iiii", after, district.value, building, limit);
    if (rc != HW_OK)
        return rc;
    return respond_id_page(req, st, limit, render_card, NULL);
}

struct party_card_body {
    const char *name, *phone, *responsibility, *photo;
    struct opt_int building_id, resident_id;
};

static const struct body_field party_card_fields[] = {
    BODY_FIELD(struct party_card_body, name, BODY_STRING, true, 64),
    BODY_FIELD(struct party_card_body, phone, BODY_STRING, false, 11),
    BODY_FIELD(struct party_card_body, responsibility, BODY_STRING, false,
               PARTY_RESPONSIBILITY_MAX),
    BODY_FIELD(struct party_card_body, photo, BODY_STRING, false, PARTY_PHOTO_MAX),
    BODY_FIELD(struct party_card_body, building_id, BODY_INT, true, 0),
    BODY_FIELD(struct party_card_body, resident_id, BODY_INT, false, 0),
};

static int apply_card(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct party_card_new *c = ctx;
    const char *bad = NULL;
    int rc = party_card_create(req->db, c, id, &bad);
    if (rc != HW_OK)
        return write_model_error(req, rc, bad);
    const char *kind, *name;
    return place_get(req->db, req->arena, c->building_id, &kind, &name, district);
}

/* POST /api/v1/party-cards */
int party_card_http_create(struct request *req)
{
    struct party_card_body b = {0};
    int rc = BODY_PARSE(req, party_card_fields, &b);
    if (rc != HW_OK)
        return rc;
    if ((rc = scope_place_visible(req->db, req->who, b.building_id.v)) != HW_OK)
        return rc;
    if ((rc = resident_http_check_link(req, b.resident_id.v)) != HW_OK)
        return rc;
    struct party_card_new c = {.building_id = b.building_id.v,
                               .resident_id = b.resident_id.v,
                               .name = b.name,
                               .phone = b.phone,
                               .responsibility = b.responsibility,
                               .photo = b.photo};
    static const struct audited_write w = {
        .action = "create",
        .entity = "party_card",
        .apply = apply_card,
        .render = render_card,
    };
    return audited_write_run(req, &w, &c, 0);
}
