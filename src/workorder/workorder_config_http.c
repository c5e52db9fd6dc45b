/* A sub-district's categories and settings, and what the setup routes share. */
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/record_routes.h"
#include "kit/scope.h"
#include "workorder/categories.h"
#include "workorder/settings.h"
#include "workorder/workorder_http.h"

int workorder_http_district(struct request *req, int64_t *district)
{
    *district = req->who->district_id;
    if (!scope_sees_everything(req->who))
        return HW_OK;
    return req_query_id(req, "district_id", district);
}

int workorder_http_body(struct request *req, const char *const *fields, json_t **out)
{
    json_t *root;
    int body_rc = body_object(req, &root);
    if (body_rc != HW_OK)
        return body_rc;
    const char *key;
    json_t *v;
    json_object_foreach(root, key, v) {
        bool known = false;
        for (const char *const *f = fields; *f && !known; f++)
            known = strcmp(*f, key) == 0;
        if (!known)
            problem_field(req, strlen(key) > 64 ? "(long name)" : key, FIELD_UNKNOWN);
    }
    for (const char *const *f = fields; *f; f++)
        if (!json_object_get(root, *f))
            problem_field(req, *f, FIELD_REQUIRED);
    if (req->json_errors && json_array_size(req->json_errors) > 0)
        return HW_EINVAL;
    *out = root;
    return HW_OK;
}

int workorder_http_categories(struct request *req)
{
    int64_t limit, after, district;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = workorder_http_district(req, &district);
    if (rc != HW_OK)
        return rc;
    if (district) { /* a sub-district without categories gets the seed tree */
        if ((rc = db_begin(req->db, DB_TXN_WRITE)) != HW_OK)
            return rc;
        rc = wo_categories_seed(req->db, district, clock_now());
        rc = rc == HW_OK ? db_commit(req->db) : rc;
        if (rc != HW_OK) {
            db_rollback(req->db);
            return rc;
        }
    }
    struct db_stmt *st;
    rc = db_query(req->db, &st,
                  "SELECT " WO_CATEGORY_COLUMNS " FROM wo_categories WHERE ($1 = 0 OR district_id = $1)"
                  " AND id > $2 ORDER BY id LIMIT $3",
                  "iii", district, after, limit);
    if (rc != HW_OK)
        return rc;
    return respond_row_page(req, st, limit, wo_category_row);
}

struct category_body {
    const char *code, *name_zh, *name_en, *difficulty;
    struct opt_int parent_id;
    struct opt_bool enabled;
};

static const struct body_field category_fields[] = {
    BODY_FIELD(struct category_body, code, BODY_STRING, true, WO_CATEGORY_CODE_MAX),
    BODY_FIELD(struct category_body, name_zh, BODY_STRING, true, WO_CATEGORY_NAME_MAX * 4),
    BODY_FIELD(struct category_body, name_en, BODY_STRING, true, WO_CATEGORY_NAME_MAX * 4),
    BODY_FIELD(struct category_body, difficulty, BODY_STRING, true, 16),
    BODY_FIELD(struct category_body, parent_id, BODY_INT, false, 0),
    BODY_FIELD(struct category_body, enabled, BODY_BOOL, false, 0),
};

static const struct body_field category_patch_fields[] = {
    BODY_FIELD(struct category_body, name_zh, BODY_STRING, false, WO_CATEGORY_NAME_MAX * 4),
    BODY_FIELD(struct category_body, name_en, BODY_STRING, false, WO_CATEGORY_NAME_MAX * 4),
    BODY_FIELD(struct category_body, difficulty, BODY_STRING, false, 16),
    BODY_FIELD(struct category_body, enabled, BODY_BOOL, false, 0),
};

struct category_ctx {
    int64_t district;
    struct wo_category_new create;
    struct wo_category_change change;
};

static int render_category(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return wo_category_json(req->db, id, out);
}

static int apply_create(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct category_ctx *c = ctx;
    const char *bad = NULL;
    *district = c->district;
    int rc = wo_categories_seed(req->db, c->district, clock_now());
    if (rc == HW_OK)
        rc = wo_category_create(req->db, c->district, &c->create, clock_now(), id, &bad);
    if (rc == HW_ECONFLICT)
        return write_field_invalid(req, "code") == HW_EINVAL ? HW_ECONFLICT : rc;
    return write_model_error(req, rc, bad);
}

int workorder_http_create_category(struct request *req)
{
    struct category_body b = {0};
    struct category_ctx c = {0};
    int rc = BODY_PARSE(req, category_fields, &b);
    if (rc == HW_OK)
        rc = record_district(req, &c.district);
    if (rc != HW_OK)
        return rc;
    c.create = (struct wo_category_new){.parent_id = b.parent_id.v, .code = b.code,
                                        .name_zh = b.name_zh, .name_en = b.name_en,
                                        .enabled = b.enabled.set ? b.enabled.v : true};
    if (wo_difficulty_parse(b.difficulty, &c.create.difficulty) != HW_OK)
        return write_field_invalid(req, "difficulty");
    static const struct audited_write w = {.action = "create", .entity = "wo_category",
                                           .location = "/api/v1/wo-categories/",
                                           .apply = apply_create, .render = render_category};
    return audited_write_run(req, &w, &c, 0);
}

static int apply_patch(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct category_ctx *c = ctx;
    const char *bad = NULL;
    int rc = db_scalar_int(req->db, district, "SELECT district_id FROM wo_categories WHERE id = $1",
                           "i", *id);
    if (rc == HW_OK)
        rc = wo_category_update(req->db, *id, &c->change, clock_now(), &bad);
    return write_model_error(req, rc, bad);
}

int workorder_http_patch_category(struct request *req)
{
    struct category_body b = {0};
    int rc = BODY_PARSE(req, category_patch_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct category_ctx c = {.change = {.name_zh = b.name_zh, .name_en = b.name_en,
                                        .has_enabled = b.enabled.set, .enabled = b.enabled.v}};
    if (b.difficulty) {
        c.change.has_difficulty = true;
        if (wo_difficulty_parse(b.difficulty, &c.change.difficulty) != HW_OK)
            return write_field_invalid(req, "difficulty");
    }
    static const struct audited_write w = {.action = "update", .entity = "wo_category",
                                           .apply = apply_patch, .render = render_category};
    return audited_write_run(req, &w, &c, req->params[0]);
}

/* ---- settings ------------------------------------------------------------- */

int workorder_http_get_settings(struct request *req)
{
    int64_t district;
    int rc = record_district(req, &district);
    if (rc != HW_OK)
        return rc;
    struct wo_settings s;
    if ((rc = wo_settings_load(req->db, district, &s)) != HW_OK)
        return rc;
    return respond_json(req, 200, wo_settings_json(district, &s));
}

struct settings_body {
    struct opt_int on_site_s, resolve_simple_s, resolve_general_s, resolve_complex_s,
        resolve_difficult_s, work_start_min, work_end_min, warn_s, reopen_days, whistle_s;
    struct opt_bool working_time;
};

#define SETTING(name) BODY_FIELD(struct settings_body, name, BODY_INT, false, 0)
static const struct body_field settings_fields[] = {
    SETTING(on_site_s),     SETTING(resolve_simple_s), SETTING(resolve_general_s),
    SETTING(resolve_complex_s), SETTING(resolve_difficult_s), SETTING(work_start_min),
    SETTING(work_end_min),  SETTING(warn_s),           SETTING(reopen_days),
    SETTING(whistle_s),
    BODY_FIELD(struct settings_body, working_time, BODY_BOOL, false, 0),
};

struct settings_ctx {
    int64_t district;
    struct wo_settings s;
};

static int apply_settings(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct settings_ctx *c = ctx;
    const char *bad = NULL;
    *id = c->district;
    *district = c->district;
    static const struct {
        const char *from, *to;
    } names[] = {{"resolve_s.simple", "resolve_simple_s"},
                 {"resolve_s.general", "resolve_general_s"},
                 {"resolve_s.complex", "resolve_complex_s"},
                 {"resolve_s.difficult", "resolve_difficult_s"}};
    int rc = wo_settings_save(req->db, c->district, &c->s, clock_now(), &bad);
    for (size_t i = 0; bad && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(bad, names[i].from) == 0)
            bad = names[i].to;
    return write_model_error(req, rc, bad);
}

static int render_settings(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    struct wo_settings s;
    int rc = wo_settings_load(req->db, id, &s);
    if (rc == HW_OK && !(*out = wo_settings_json(id, &s)))
        rc = HW_ENOMEM;
    return rc;
}

int workorder_http_put_settings(struct request *req)
{
    struct settings_body b = {0};
    struct settings_ctx c = {0};
    int rc = BODY_PARSE(req, settings_fields, &b);
    if (rc == HW_OK)
        rc = record_district(req, &c.district);
    if (rc != HW_OK)
        return rc;
    if ((rc = wo_settings_load(req->db, c.district, &c.s)) != HW_OK)
        return rc;
    struct wo_standard *t = &c.s.standard;
    const struct {
        struct opt_int *v;
        int64_t *to;
    } ints[] = {{&b.on_site_s, &t->on_site_s},
                {&b.resolve_simple_s, &t->resolve_s[WO_SIMPLE]},
                {&b.resolve_general_s, &t->resolve_s[WO_GENERAL]},
                {&b.resolve_complex_s, &t->resolve_s[WO_COMPLEX]},
                {&b.resolve_difficult_s, &t->resolve_s[WO_DIFFICULT]},
                {&b.warn_s, &c.s.warn_s},
                {&b.whistle_s, &c.s.whistle_s}};
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
        if (ints[i].v->set)
            *ints[i].to = ints[i].v->v;
    /* Out of int's range is out of the day's too: -1 is refused by the check. */
    if (b.work_start_min.set)
        t->work_start_min = b.work_start_min.v < 0 || b.work_start_min.v > WO_MINUTES_PER_DAY
                                ? -1 : (int)b.work_start_min.v;
    if (b.work_end_min.set)
        t->work_end_min = b.work_end_min.v < 0 || b.work_end_min.v > WO_MINUTES_PER_DAY
                              ? -1 : (int)b.work_end_min.v;
    if (b.reopen_days.set)
        c.s.reopen_days = b.reopen_days.v < 0 || b.reopen_days.v > WO_REOPEN_DAYS_MAX
                              ? -1 : (int)b.reopen_days.v;
    if (b.working_time.set)
        t->working_time = b.working_time.v;
    static const struct audited_write w = {.action = "update", .entity = "wo_settings",
                                           .apply = apply_settings, .render = render_settings};
    return audited_write_run(req, &w, &c, c.district);
}
