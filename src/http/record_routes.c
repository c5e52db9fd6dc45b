#include "http/record_routes.h"

#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "base/err.h"
#include "http/problem.h"
#include "http/response.h"
#include "store/db_json.h"

static const struct field_message messages[] = {
    {"kind", "类型无效", "not a known kind"},
    {"name", "名称须为 1–64 字节的一行文字，不含不可见字符，且同一上级下不能重名",
     "1-64 bytes on one line without invisible characters, unique under the same parent"},
    {"parent_id", "上级不存在，或这一类型不能建在它下面",
     "no such parent, or this kind cannot be placed under it"},
    {"code", "编码须为 20 位社区服务网格编码（CJ/T 349）或 1–32 位字母数字符号",
     "a 20-digit grid code (CJ/T 349) or 1-32 printable characters"},
    {"grid_id", "须为本社区的网格", "must be a grid of the same community"},
    {"micro_grid_id", "须为所选网格下的微网格", "must be a micro-grid of the chosen grid"},
    {"zone_id", "须为本社区的片区", "must be a zone of the same community"},
    {"grid_type", "须为 comprehensive（综合）或 dedicated（专属），且只用于网格",
     "comprehensive or dedicated, for grids only"},
    {"floor", "楼层须为 -5 至 -1 或 1 至 99，且只用于房屋；房号不是“楼层+两位序号”时须填写",
     "-5 to -1 or 1 to 99, for dwellings only; required when the room number does not give it"},
    {"area_m2", "面积须为大于 0 的平方米数，至多 4 位小数，如 89.57，且只用于房屋",
     "square metres above 0 with at most 4 decimals, e.g. 89.57, for dwellings only"},
    {"entrances", "单元数须为 1–20", "1 to 20 entrances"},
    {"floors", "层数须为 1–99，且总户数不超过 2000",
     "1 to 99 floors, and at most 2000 dwellings in all"},
    {"per_floor", "每层户数须为 1–20", "1 to 20 dwellings per floor"},
    {"level", "层级无效，或上级组织的层级不在它之前",
     "unknown level, or the parent's level does not come before it"},
    {"place_id", "地点不存在、不在本辖区或类型不符",
     "no such place in this sub-district, or the wrong kind of place"},
    {"compound_id", "须为本街道的小区", "must be a compound of the same sub-district"},
    {"building_id", "须为本街道的楼栋", "must be a building of the same sub-district"},
    {"started", "日期格式须为 YYYY-MM-DD", "a date written YYYY-MM-DD"},
    {"ended", "日期格式须为 YYYY-MM-DD，且晚于开始日期",
     "a date written YYYY-MM-DD, after the start"},
    {"organization", "只有物业服务企业和业主委员会服务小区",
     "only property companies and owners' committees serve compounds"},
    {"contact_name", "联系人须为 1–64 字节", "1-64 bytes"},
    {"offers", "可提供资源最多 2000 字节", "at most 2000 bytes"},
    {"responsibility", "责任最多 200 字节", "at most 200 bytes"},
    {"phone", "请输入 11 位手机号码", "an 11-digit mainland mobile number"},
    {"contact_phone", "请输入 11 位手机号码", "an 11-digit mainland mobile number"},
    {"photo", "照片须为上传目录下的相对路径", "a relative path under the upload folder"},
    {"user_id", "须为本街道的账号", "must be an account of the same sub-district"},
    {"resident_id", "须为您管辖范围内的居民", "must be a resident within your scope"},
    {"person_name", "姓名须为 1–64 字节", "1-64 bytes"},
};

int write_field_invalid(struct request *req, const char *field)
{
    return PROBLEM_FIELD_INVALID(req, field, messages);
}

int write_model_error(struct request *req, int rc, const char *bad_field)
{
    if (rc == HW_EINVAL && bad_field)
        return write_field_invalid(req, bad_field);
    return rc;
}

static int run_in_txn(struct request *req, const struct audited_write *w, void *ctx, int64_t *id,
                      json_t **after)
{
    json_t *before = NULL;
    int64_t district = 0;
    int rc = HW_OK;
    if (strcmp(w->action, "create") != 0)
        rc = w->render(req, ctx, *id, &before);
    if (rc == HW_OK)
        rc = w->apply(req, ctx, id, &district);
    if (rc == HW_OK)
        rc = w->render(req, ctx, *id, after);
    if (rc == HW_OK) {
        rc = audit_change(req, w->action, w->entity, *id, district, before, *after);
        if (rc != HW_OK) {
            json_decref(*after);
            *after = NULL;
        }
    }
    json_decref(before);
    return rc;
}

int audited_write_run(struct request *req, const struct audited_write *w, void *ctx, int64_t id)
{
    int rc = db_begin(req->db, DB_TXN_WRITE);
    if (rc != HW_OK)
        return rc;
    json_t *after = NULL;
    rc = run_in_txn(req, w, ctx, &id, &after);
    if (rc == HW_OK)
        rc = db_commit(req->db);
    if (rc != HW_OK) {
        db_rollback(req->db);
        json_decref(after);
        return rc;
    }
    bool created = strcmp(w->action, "create") == 0;
    if (created && w->location) {
        char location[128];
        snprintf(location, sizeof location, "%s%lld", w->location, (long long)id);
        respond_header(req, "Location", location);
    }
    return respond_json(req, created ? 201 : 200, after);
}

enum { PAGE_IDS_MAX = 200 }; /* req_page's largest limit */

int respond_id_page(struct request *req, struct db_stmt *st, int64_t limit, record_render render,
                    void *ctx)
{
    /* Ids first: render runs statements of its own on this connection. */
    int64_t ids[PAGE_IDS_MAX];
    int n = 0, rc = DB_DONE;
    while (n < limit && n < PAGE_IDS_MAX && (rc = db_step(st)) == DB_ROW)
        ids[n++] = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        return rc;
    json_t *items = req_keep(req, json_array());
    if (!items)
        return HW_ENOMEM;
    for (int i = 0; i < n; i++) {
        json_t *record;
        if ((rc = render(req, ctx, ids[i], &record)) != HW_OK)
            return rc;
        if (json_array_append_new(items, record) != 0)
            return HW_ENOMEM;
    }
    return respond_json(req, 200,
                        json_pack("{s:O, s:o}", "items", items, "next_after",
                                  n == limit ? json_integer(ids[n - 1]) : json_null()));
}

int respond_row_page(struct request *req, struct db_stmt *st, int64_t limit,
                     json_t *(*row)(struct db_stmt *st))
{
    json_t *items;
    int rc = db_json_rows(st, row, &items);
    if (rc != HW_OK)
        return rc;
    size_t n = json_array_size(items);
    json_t *last = n ? json_object_get(json_array_get(items, n - 1), "id") : NULL;
    return respond_json(req, 200,
                        json_pack("{s:o, s:O}", "items", items, "next_after",
                                  n == (size_t)limit && last ? last : json_null()));
}
