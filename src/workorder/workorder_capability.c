/* Work orders: filing, the lifecycle, clocks and their jobs, dispatch,
 * whistles, "me too", photos, categories and settings, dispatch rules,
 * teams, units and the working calendar. */
#include "workorder/workorder_capability.h"

#include "base/err.h"
#include "kit/jobs_core.h"
#include "kit/scope.h"
#include "workorder/clocks.h"
#include "workorder/photo.h"
#include "workorder/workorder.h"
#include "workorder/workorder_http.h"

extern const struct migration workorder_migrations[];

static const struct field_message messages[] = {
    {"channel", "渠道须为 phone、resident_page、suggestion_box、door_visit、grid_patrol、sensor、rider 或 open311",
     "phone, resident_page, suggestion_box, door_visit, grid_patrol, sensor, rider or open311"},
    {"category_id", "须为本街道启用的工单类别", "must be an enabled category of the sub-district"},
    {"description", "问题描述须为 1–2000 字节，不含不可见字符",
     "1-2000 bytes without invisible characters"},
    {"place_id", "须为本街道的房屋、楼栋或小区；填写了地点描述时也可为网格或社区",
     "a dwelling, building or compound of the sub-district; with place_text also its grid or community"},
    {"place_text", "地点描述须为 1–200 字节的一行文字", "1-200 bytes on one line"},
    {"lat", "纬度须为中国境内的十进制度数，如 33.347812，并与经度同时填写",
     "decimal degrees within China, e.g. 33.347812, given with lon"},
    {"lon", "经度须为中国境内的十进制度数，如 120.163051，并与纬度同时填写",
     "decimal degrees within China, e.g. 120.163051, given with lat"},
    {"reporter_kind", "须为 resident、staff 或 anonymous；居民只能以本人名义上报",
     "resident, staff or anonymous; a resident reports as themselves"},
    {"reporter_resident_id", "须为您管辖范围内的居民", "must be a resident within your scope"},
    {"reporter_name", "姓名须为 1–64 字节的一行文字", "1-64 bytes on one line"},
    {"reporter_phone", "请输入 11 位手机号码", "an 11-digit mainland mobile number"},
    {"difficulty", "难度须为 simple、general、complex 或 difficult，且只由派单人员设定",
     "simple, general, complex or difficult, set by a dispatcher"},
    {"action", "不认识的操作", "not a known action"},
    {"note", "须填写说明（1–2000 字节）", "a note of 1-2000 bytes is required"},
    {"photo_id", "须为本工单的照片", "must be a photo of this order"},
    {"assignee_user_id", "须为本街道可接单的账号；未设派单规则时须指定",
     "an account of the sub-district that works orders; required without a dispatch rule"},
    {"team_id", "须为本街道的队伍，且有可接单的成员", "a team of the sub-district with a member"},
    {"mode", "须为 direct、grab 或 least_loaded", "direct, grab or least_loaded"},
    {"rating", "评分须为 1–5", "1 to 5"},
    {"comment", "评价须为 1–500 字节", "1-500 bytes"},
    {"outcome", "结果须为 fixed（已解决，仅限已办结的工单）、not_fixed 或 not_ours；重复工单请合并",
     "fixed (a resolved order only), not_fixed or not_ours; merge a duplicate"},
    {"responsible", "须写明责任方（1–200 字节）", "name who is responsible (1-200 bytes)"},
    {"into", "须为本街道另一张未关闭的工单", "another open order of the sub-district"},
    {"status", "状态无效", "not a known status"},
    {"sort", "须为 id 或 due", "id or due"},
    {"q", "搜索词过长", "too long"},
    {"after", "游标无效", "not a cursor of this list"},
    {"body", "照片须为 JPEG、PNG 或 WebP 图片", "a JPEG, PNG or WebP image"},
    {"org_id", "须为本街道的单位", "an organization of the sub-district"},
    {"limit_s", "时限须为 1 秒至 366 天", "1 second to 366 days"},
    {"code", "编码须为 1–32 位小写字母、数字或下划线，且本街道未用过",
     "1-32 lower-case letters, digits or _, unused in the sub-district"},
    {"name_zh", "名称须为 1–64 个字符", "1-64 characters"},
    {"name_en", "名称须为 1–64 个字符", "1-64 characters"},
    {"parent_id", "须为本街道的类别", "a category of the sub-district"},
    {"district_id", "请指定街道", "name the sub-district"},
    {"on_site_s", "时限须为 1 秒至 366 天", "1 second to 366 days"},
    {"resolve_simple_s", "时限须为 1 秒至 366 天", "1 second to 366 days"},
    {"resolve_general_s", "时限须为 1 秒至 366 天", "1 second to 366 days"},
    {"resolve_complex_s", "时限须为 1 秒至 366 天", "1 second to 366 days"},
    {"resolve_difficult_s", "时限须为 1 秒至 366 天", "1 second to 366 days"},
    {"work_start_min", "须为 0–1440 分钟，且早于下班时间", "0-1440 minutes, before the end"},
    {"work_end_min", "须为 0–1440 分钟，且晚于上班时间", "0-1440 minutes, after the start"},
    {"warn_s", "须为 0 秒至 366 天", "0 seconds to 366 days"},
    {"reopen_days", "须为 0–366 天", "0 to 366 days"},
    {"whistle_s", "时限须为 1 秒至 366 天", "1 second to 366 days"},
    {"name", "名称须为 1–64 个字符，且本街道未用过", "1-64 characters, unused in the sub-district"},
    {"user_ids", "须为至多 100 个本街道可接单的在用账号", "at most 100 enabled accounts of the sub-district that work orders"},
    {"grid_id", "须为本街道的网格", "a grid of the sub-district"},
    {"enabled", "须为 true 或 false", "true or false"},
    {"year", "年份须为 1970–9998", "a year from 1970 to 9998"},
    {"days", "须为当年的日期，每天至多一次，节假日连续不超过 31 天",
     "dates of that year, each once, no more than 31 days off in a row"},
};

static int order_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    return workorder_visible(db, who, id, write);
}

/* "Me too": an open order of the caller's sub-district may be joined by
 * someone who does not see it yet. */
static int joinable_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    int rc = workorder_visible(db, who, id, write);
    if (rc != HW_ENOTFOUND)
        return rc;
    int64_t n = 0;
    rc = db_scalar_int(db, &n,
                       "SELECT count(*) FROM work_orders WHERE id = $1 AND district_id = $2"
                       " AND status <> 'closed'",
                       "ii", id, who->district_id);
    return rc != HW_OK ? rc : n ? HW_OK : HW_ENOTFOUND;
}

static int photo_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    int64_t order = 0;
    int rc = db_scalar_int(db, &order, "SELECT order_id FROM wo_photos WHERE id = $1", "i", id);
    return rc == HW_OK ? workorder_visible(db, who, order, write) : rc;
}

static int whistle_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    int64_t order = 0;
    int rc = db_scalar_int(db, &order, "SELECT order_id FROM wo_whistles WHERE id = $1", "i", id);
    return rc == HW_OK ? workorder_visible(db, who, order, write) : rc;
}

/* A year of the calendar: 366 days of date, flag and note, with room. */
enum { CALENDAR_BODY_MAX = 128 * 1024 };

#define ORDER_PLACE "SELECT place_id FROM work_orders WHERE id = $1"
static const struct scope_record records[] = {
    {.kind = "work_order", .table = "work_orders", .places_sql = ORDER_PLACE,
     .visible = order_reach},
    {.kind = "work_order_joinable", .table = "work_orders", .places_sql = ORDER_PLACE,
     .visible = joinable_reach},
    /* Visible exactly to those who see its order: a rule of its own. */
    {.kind = "wo_photo", .table = "wo_photos", .visible = photo_reach},
    {.kind = "wo_whistle", .table = "wo_whistles",
     .places_sql = "SELECT w.place_id FROM wo_whistles h JOIN work_orders w ON w.id = h.order_id"
                   " WHERE h.id = $1",
     .visible = whistle_reach},
    {.kind = "wo_category", .table = "wo_categories",
     .places_sql = "SELECT district_id FROM wo_categories WHERE id = $1", .read = REACH_DISTRICT,
     .write = REACH_DISTRICT},
    {.kind = "wo_team", .table = "wo_teams",
     .places_sql = "SELECT district_id FROM wo_teams WHERE id = $1", .read = REACH_DISTRICT,
     .write = REACH_DISTRICT},
    {.kind = "wo_dispatch_rule", .table = "wo_routes",
     .places_sql = "SELECT district_id FROM wo_routes WHERE id = $1", .read = REACH_DISTRICT,
     .write = REACH_DISTRICT},
    /* A place the public 户情图's QR code names, read by its label only. */
    {.kind = "wo_place", .table = "places",
     .places_sql = "SELECT id FROM places WHERE id = $1 AND kind IN ('building', 'compound')",
     .read = REACH_DISTRICT, .write = REACH_DISTRICT},
    /* An organization of the registry as a unit whistles are blown to. */
    {.kind = "wo_unit", .table = "organizations",
     .places_sql = "SELECT district_id FROM organizations WHERE id = $1", .read = REACH_DISTRICT,
     .write = REACH_DISTRICT},
};

#define R(...) CAPABILITY_ROUTE(messages, __VA_ARGS__)
#define ON(...) CAPABILITY_ROUTE_ON(messages, __VA_ARGS__)
static const struct route routes[] = {
    R("POST", "/api/v1/work-orders", workorder_http_create, PERM_WO_REPORT),
    R("GET", "/api/v1/work-orders", workorder_http_list, PERM_WO_READ),
    R("GET", "/api/v1/work-orders/similar", workorder_http_similar, PERM_WO_READ),
    ON("wo_place", "GET", "/api/v1/wo-places/{id}", workorder_http_place, PERM_WO_REPORT),
    ON("work_order", "GET", "/api/v1/work-orders/{id}", workorder_http_get, PERM_WO_READ),
    ON("work_order", "GET", "/api/v1/work-orders/{id}/events", workorder_http_events,
       PERM_WO_READ),
    ON("work_order", "POST", "/api/v1/work-orders/{id}/actions", workorder_http_act,
       PERM_WO_READ),
    ON("work_order_joinable", "POST", "/api/v1/work-orders/{id}/support",
       workorder_http_support, PERM_WO_REPORT),
    {.method = "POST", .pattern = "/api/v1/work-orders/{id}/photos",
     .handler = workorder_http_add_photo, .perm = PERM_WO_REPORT, .record = "work_order",
     .max_body = PHOTO_MAX_BYTES, .messages = messages,
     .nmessages = sizeof messages / sizeof messages[0]},
    ON("wo_photo", "GET", "/api/v1/work-order-photos/{id}", workorder_http_get_photo,
       PERM_WO_READ),
    ON("work_order", "POST", "/api/v1/work-orders/{id}/whistles", workorder_http_whistle,
       PERM_WO_DISPATCH),
    ON("wo_whistle", "POST", "/api/v1/wo-whistles/{id}/respond", workorder_http_respond_whistle,
       PERM_WO_WORK),
    R("GET", "/api/v1/wo-categories", workorder_http_categories, PERM_WO_READ),
    R("POST", "/api/v1/wo-categories", workorder_http_create_category, PERM_WO_CONFIG),
    ON("wo_category", "PATCH", "/api/v1/wo-categories/{id}", workorder_http_patch_category,
       PERM_WO_CONFIG),
    R("GET", "/api/v1/wo-settings", workorder_http_get_settings, PERM_WO_READ),
    R("PUT", "/api/v1/wo-settings", workorder_http_put_settings, PERM_WO_CONFIG),
    R("GET", "/api/v1/wo-teams", workorder_http_teams, PERM_WO_DISPATCH),
    R("POST", "/api/v1/wo-teams", workorder_http_create_team, PERM_WO_CONFIG),
    ON("wo_team", "PATCH", "/api/v1/wo-teams/{id}", workorder_http_patch_team, PERM_WO_CONFIG),
    ON("wo_team", "PUT", "/api/v1/wo-teams/{id}/members", workorder_http_put_team_members,
       PERM_WO_CONFIG),
    R("GET", "/api/v1/wo-units", workorder_http_units, PERM_WO_DISPATCH),
    ON("wo_unit", "PUT", "/api/v1/wo-units/{id}/users", workorder_http_put_unit_users,
       PERM_WO_CONFIG),
    R("GET", "/api/v1/wo-dispatch-rules", workorder_http_rules, PERM_WO_DISPATCH),
    R("POST", "/api/v1/wo-dispatch-rules", workorder_http_create_rule, PERM_WO_CONFIG),
    ON("wo_dispatch_rule", "PATCH", "/api/v1/wo-dispatch-rules/{id}", workorder_http_patch_rule,
       PERM_WO_CONFIG),
    R("GET", "/api/v1/wo-calendar", workorder_http_calendar, PERM_WO_READ),
    CAPABILITY_ROUTE_BODY(messages, "PUT", "/api/v1/wo-calendar", workorder_http_put_calendar,
                          PERM_WO_CONFIG, CALENDAR_BODY_MAX),
};

static const struct job_kind jobs[] = {
    {.name = WO_CLOCK_JOB, .run = wo_clock_job_run},
    {.name = WO_WHISTLE_JOB, .run = wo_whistle_job_run},
};

const struct capability workorder_capability = {
    .name = "workorder",
    .routes = routes,
    .nroutes = CAPABILITY_COUNT_OF(routes),
    .migrations = workorder_migrations,
    .records = records,
    .nrecords = CAPABILITY_COUNT_OF(records),
    .messages = messages,
    .nmessages = CAPABILITY_COUNT_OF(messages),
    .jobs = jobs,
    .njobs = CAPABILITY_COUNT_OF(jobs),
    .demo = workorder_demo,
};
