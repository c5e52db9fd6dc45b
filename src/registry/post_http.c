/* Posts over HTTP. Who holds which post is public inside the sub-district
 * (residents need to know their building leader); the phone is shown only
 * to those who keep the registry, masked for everyone else (domain.md,
 * "Privacy"). Writing needs the post's place in the caller's scope. */
#include <string.h>

#include "kit/access.h"
#include "kit/scope.h"
#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/record_routes.h"
#include "place/place.h"
#include "base/period.h"
#include "registry/post.h"
#include "registry/registry_http.h"

static int render_post(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    char today[CLOCK_DATE_SIZE];
    clock_today(today);
    return post_json(req->db, id, today, access_allows(req->who, PERM_ORG_WRITE), out);
}

static int post_district(struct request *req, int64_t id, int64_t *district)
{
    int64_t place;
    return post_place(req->db, id, &place, district);
}

/* GET /api/v1/posts?place_id=&kind=&current=1 */
int post_http_list(struct request *req)
{
    int64_t limit, after, place = 0;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = req_query_id(req, "place_id", &place);
    const char *kind = req_query(req, "kind"), *current = req_query(req, "current");
    if (rc == HW_OK && kind && !post_kind_valid(kind))
        rc = write_field_invalid(req, "kind");
    if (rc == HW_OK && current && strcmp(current, "1") != 0 && strcmp(current, "0") != 0) {
        problem_field(req, "current", FIELD_INVALID);
        rc = HW_EINVAL;
    }
    if (rc == HW_OK && place)
        rc = scope_place_in_district(req->db, req->who, place);
    if (rc != HW_OK)
        return rc;
    char today[CLOCK_DATE_SIZE];
    clock_today(today);
    struct scope_sql district;
    scope_district(req->who, "p", 2, &district);
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT p.id FROM posts p WHERE p.id > $1 AND %s"
             " AND p.kind = COALESCE($3, p.kind) AND ($4 = 0 OR p.place_id = $4)"
             " AND ($5 = 0 OR " ORG_PERIOD_CURRENT_SQL("p.started", "p.ended", "$6") ")"
             " ORDER BY p.id LIMIT $7",
             district.cond);
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "iisiisi", after, district.value, kind, place,
                  (int64_t)(current && strcmp(current, "1") == 0), today, limit);
    if (rc != HW_OK)
        return rc;
    return respond_id_page(req, st, limit, render_post, NULL);
}

/* ---- POST /api/v1/posts --------------------------------------------------- */

struct post_body {
    const char *kind, *person_name, *phone, *started, *ended;
    struct opt_int place_id, user_id, resident_id;
};

static const struct body_field post_create_fields[] = {
    BODY_FIELD(struct post_body, kind, BODY_STRING, true, 24),
    BODY_FIELD(struct post_body, person_name, BODY_STRING, true, 64),
    BODY_FIELD(struct post_body, phone, BODY_STRING, false, 11),
    BODY_FIELD(struct post_body, started, BODY_STRING, false, 10),
    BODY_FIELD(struct post_body, ended, BODY_STRING, false, 10),
    BODY_FIELD(struct post_body, place_id, BODY_INT, true, 0),
    BODY_FIELD(struct post_body, user_id, BODY_INT, false, 0),
    BODY_FIELD(struct post_body, resident_id, BODY_INT, false, 0),
};

static int apply_create(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const char *bad = NULL;
    int rc = post_create(req->db, ctx, id, &bad);
    if (rc != HW_OK)
        return write_model_error(req, rc, bad);
    return post_district(req, *id, district);
}

int post_http_create(struct request *req)
{
    struct post_body b = {0};
    int rc = BODY_PARSE(req, post_create_fields, &b);
    if (rc != HW_OK)
        return rc;
    if ((rc = scope_place_visible(req->db, req->who, b.place_id.v)) != HW_OK)
        return rc;
    if ((rc = resident_http_check_link(req, b.resident_id.v)) != HW_OK)
        return rc;
    struct post_new p = {.kind = b.kind,
                         .place_id = b.place_id.v,
                         .person_name = b.person_name,
                         .phone = b.phone,
                         .user_id = b.user_id.v,
                         .resident_id = b.resident_id.v,
                         .started = b.started,
                         .ended = b.ended};
    static const struct audited_write w = {
        .action = "create",
        .entity = "post",
        .apply = apply_create,
        .render = render_post,
    };
    return audited_write_run(req, &w, &p, 0);
}

/* ---- PATCH /api/v1/posts/{id} --------------------------------------------- */

static const struct body_field post_patch_fields[] = {
    BODY_FIELD(struct post_patch, person_name, BODY_STRING, false, 64),
    BODY_FIELD(struct post_patch, phone, BODY_STRING, false, 11),
    BODY_FIELD(struct post_patch, started, BODY_STRING, false, 10),
    BODY_FIELD(struct post_patch, ended, BODY_STRING, false, 10),
};

static int apply_patch(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const char *bad = NULL;
    int rc = post_update(req->db, *id, ctx, &bad);
    if (rc != HW_OK)
        return write_model_error(req, rc, bad);
    return post_district(req, *id, district);
}

int post_http_patch(struct request *req)
{
    int64_t id = req->params[0], place, district;
    int rc = post_place(req->db, id, &place, &district);
    if (rc == HW_OK)
        rc = scope_place_visible(req->db, req->who, place);
    if (rc != HW_OK)
        return rc;
    struct post_patch p = {0};
    if ((rc = BODY_PARSE(req, post_patch_fields, &p)) != HW_OK)
        return rc;
    static const struct audited_write w = {
        .action = "update",
        .entity = "post",
        .apply = apply_patch,
        .render = render_post,
    };
    return audited_write_run(req, &w, &p, id);
}
