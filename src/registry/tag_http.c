/* Tags over HTTP: the catalogue (built in + the sub-district's own) and a
 * resident's set. Sensitive tags exist only for those who may see them. */
#include <string.h>

#include "kit/access.h"
#include "kit/scope.h"
#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"
#include "place/place.h"
#include "kit/privacy.h"
#include "kit/record_routes.h"
#include "registry/resident.h"
#include "registry/registry_http.h"
#include "registry/resident_search.h"
#include "registry/tag.h"
#include "store/db_json.h"

enum { TAG_NAME_ZH_MAX = 32, TAG_NAME_EN_MAX = 64 };

static json_t *tag_row_json(struct db_stmt *st)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:b, s:b}", "id", (json_int_t)db_col_int(st, 0), "code",
                     db_col_text(st, 1), "name_zh", db_col_text(st, 2), "name_en",
                     db_col_text(st, 3), "sensitive", db_col_bool(st, 4), "built_in",
                     db_col_is_null(st, 5));
}

#define TAG_COLUMNS "t.id, t.code, t.name_zh, t.name_en, t.sensitive, t.district_id"

/* GET /api/v1/tags[?limit=&after=] */
int tag_http_list(struct request *req)
{
    int64_t limit, after;
    int rc = req_page(req, &limit, &after);
    if (rc != HW_OK)
        return rc;
    /* Built-in tags and the caller's sub-district's own. */
    struct scope_sql district;
    scope_district(req->who, "t", 1, &district);
    char sql[384];
    snprintf(sql, sizeof sql,
             "SELECT " TAG_COLUMNS " FROM tags t WHERE (t.district_id IS NULL OR %s)"
             " AND ($2 = 1 OR t.sensitive = FALSE) AND t.id > $3 ORDER BY t.id LIMIT $4",
             district.cond);
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "iiii", district.value,
                  (int64_t)privacy_sees_sensitive_tags(req->who), after, limit);
    if (rc != HW_OK)
        return rc;
    return respond_row_page(req, st, limit, tag_row_json);
}

struct tag_body {
    const char *code, *name_zh, *name_en;
    struct opt_bool sensitive;
    struct opt_int district_id;
};

static const struct body_field tag_fields[] = {
    BODY_FIELD(struct tag_body, code, BODY_STRING, true, TAG_CODE_MAX),
    BODY_FIELD(struct tag_body, name_zh, BODY_STRING, true, 4 * TAG_NAME_ZH_MAX),
    BODY_FIELD(struct tag_body, name_en, BODY_STRING, true, 4 * TAG_NAME_EN_MAX),
    BODY_FIELD(struct tag_body, sensitive, BODY_BOOL, false, 0),
    BODY_FIELD(struct tag_body, district_id, BODY_INT, false, 0),
};

/* The sub-district the tag is for: the caller's own; an installation admin,
 * who has none, names one. */
static int tag_district(struct request *req, const struct tag_body *b, int64_t *district)
{
    *district = req->who->district_id;
    if (!scope_sees_everything(req->who))
        return b->district_id.set && b->district_id.v != *district
                   ? write_field_invalid(req, "district_id")
                   : HW_OK;
    const char *kind, *name;
    int64_t d;
    int rc = b->district_id.set && b->district_id.v > 0
                 ? place_get(req->db, req->arena, b->district_id.v, &kind, &name, &d)
                 : HW_ENOTFOUND;
    if (rc == HW_OK && strcmp(kind, "subdistrict") != 0)
        rc = HW_ENOTFOUND;
    if (rc == HW_ENOTFOUND)
        return write_field_invalid(req, "district_id");
    *district = b->district_id.v;
    return rc;
}

struct tag_create {
    struct tag_body b;
    int64_t district;
};

static int apply_create(struct request *req, void *ctx, int64_t *id, int64_t *district_out)
{
    const struct tag_create *c = ctx;
    const struct tag_body *b = &c->b;
    int64_t district = c->district, taken = 0;
    *district_out = district;
    bool sensitive;
    int rc = tag_find(req->db, district, b->code, &taken, &sensitive);
    if (rc == HW_OK) {
        problem_field_msg(req, "code", FIELD_INVALID, "已有这个代码的标签",
                          "a tag with this code exists");
        return problem_send(req, PROBLEM_CONFLICT, NULL) == HW_OK ? HW_ECONFLICT : HW_ENOMEM;
    }
    if (rc != HW_ENOTFOUND)
        return rc;
    /* A sheet names tags by code or name (import and export): each must
     * name one tag only. */
    const char *fields[] = {"code", "name_zh", "name_en"};
    const char *values[] = {b->code, b->name_zh, b->name_en};
    for (int i = 0; i < 3; i++) {
        bool clash = false;
        if ((rc = tag_name_taken(req->db, district, values[i], &clash)) != HW_OK)
            return rc;
        if (clash) {
            problem_field_msg(req, fields[i], FIELD_INVALID,
                              "已有标签用了这个代码或名称，导入时会分不清",
                              "another tag has this code or name; a sheet could not tell them "
                              "apart");
            return problem_send(req, PROBLEM_CONFLICT, NULL) == HW_OK ? HW_ECONFLICT : HW_ENOMEM;
        }
    }
    return db_scalar_int(req->db, id,
                         "INSERT INTO tags (district_id, code, name_zh, name_en, sensitive,"
                         " created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                         "isssbi", district, b->code, b->name_zh, b->name_en,
                         (int)(b->sensitive.set && b->sensitive.v), clock_now());
}

static int render_tag(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    struct db_stmt *st;
    int rc = db_query_row(req->db, &st, "SELECT " TAG_COLUMNS " FROM tags t WHERE t.id = $1", "i",
                          id);
    if (rc != HW_OK)
        return rc;
    *out = tag_row_json(st);
    db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}

/* POST /api/v1/tags */
int tag_http_create(struct request *req)
{
    struct tag_body b = {0};
    int rc = BODY_PARSE(req, tag_fields, &b);
    if (rc != HW_OK)
        return rc;
    if (!tag_code_valid(b.code))
        return write_field_invalid(req, "code");
    if (!tag_name_valid(b.name_zh, TAG_NAME_ZH_MAX))
        return write_field_invalid(req, "name_zh");
    if (!tag_name_valid(b.name_en, TAG_NAME_EN_MAX))
        return write_field_invalid(req, "name_en");
    struct tag_create c = {.b = b};
    if ((rc = tag_district(req, &b, &c.district)) != HW_OK)
        return rc;
    static const struct audited_write w = {
        .action = "create",
        .entity = "tag",
        .apply = apply_create,
        .render = render_tag,
    };
    return audited_write_run(req, &w, &c, 0);
}

/* {"tags": [codes]}: parsed here, the body tables know no arrays. Field
 * errors are recorded; the codes are resolved into ids. */
static int parse_tags(struct request *req, int64_t district, int64_t ids[RESIDENT_TAGS_MAX],
                      size_t *n)
{
    json_t *root;
    int body_rc = body_object(req, &root);
    if (body_rc != HW_OK)
        return body_rc;
    const char *key;
    json_t *v, *tags = json_object_get(root, "tags");
    json_object_foreach(root, key, v)
    {
        if (strcmp(key, "tags") != 0)
            problem_field(req, strlen(key) > 64 ? "(long name)" : key, FIELD_UNKNOWN);
    }
    if (!tags)
        problem_field(req, "tags", FIELD_REQUIRED);
    else if (!json_is_array(tags))
        problem_field(req, "tags", FIELD_WRONG_TYPE);
    else if (json_array_size(tags) > RESIDENT_TAGS_MAX)
        problem_field(req, "tags", FIELD_TOO_LONG);
    if (req->json_errors && json_array_size(req->json_errors) > 0)
        return HW_EINVAL;
    bool sees_sensitive = privacy_sees_sensitive_tags(req->who);
    *n = 0;
    size_t i;
    json_array_foreach(tags, i, v)
    {
        bool sensitive = false;
        int64_t id = 0;
        int rc = json_is_string(v)
                     ? tag_find(req->db, district, json_string_value(v), &id, &sensitive)
                     : HW_ENOTFOUND;
        if (rc == HW_ENOTFOUND || (sensitive && !sees_sensitive))
            return write_field_invalid(req, "tags");
        if (rc != HW_OK)
            return rc;
        bool seen = false;
        for (size_t k = 0; k < *n; k++)
            seen = seen || ids[k] == id;
        if (!seen)
            ids[(*n)++] = id;
    }
    return HW_OK;
}

/* The tags as the audit log keeps them: sensitive ones only counted, as
 * the audit log's readers may not see them. */
static int audit_tags(struct db *db, int64_t resident_id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT t.code, t.sensitive FROM resident_tags rt"
                      " JOIN tags t ON t.id = rt.tag_id WHERE rt.resident_id = $1 ORDER BY t.code",
                      "i", resident_id);
    if (rc != HW_OK)
        return rc;
    json_t *codes = json_array();
    json_int_t sensitive = 0;
    while (codes && (rc = db_step(st)) == DB_ROW) {
        if (db_col_bool(st, 1))
            sensitive++;
        else if (json_array_append_new(codes, json_string(db_col_text(st, 0))) != 0)
            rc = HW_ENOMEM;
    }
    db_reset(st);
    *out = codes ? json_pack("{s:o, s:I}", "tags", codes, "sensitive_tags", sensitive) : NULL;
    if (rc < 0) {
        json_decref(*out);
        return rc;
    }
    return *out ? HW_OK : HW_ENOMEM;
}

static int render_tags_audit(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return audit_tags(req->db, id, out);
}

struct tags_set {
    int64_t district;
    int64_t ids[RESIDENT_TAGS_MAX];
    size_t n;
};

static int apply_tags(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct tags_set *t = ctx;
    *district = t->district;
    /* Tags the caller may not see stay as they are. */
    return resident_tags_set(req->db, *id, t->district, t->ids, t->n,
                             !privacy_sees_sensitive_tags(req->who));
}

/* PUT /api/v1/residents/{id}/tags: the resident's tags become exactly these. */
int resident_http_set_tags(struct request *req)
{
    int64_t id = req->params[0];
    struct tags_set t = {.n = 0};
    int rc = resident_visible(req->db, req->who, id, REACH_FOR_WRITE, &t.district);
    if (rc != HW_OK)
        return rc;
    if ((rc = parse_tags(req, t.district, t.ids, &t.n)) != HW_OK)
        return rc;
    static const struct audited_write w = {
        .action = "update",
        .entity = "resident_tags",
        .apply = apply_tags,
        .render = resident_http_render,
        .audit_render = render_tags_audit,
    };
    return audited_write_run(req, &w, &t, id);
}
