/* The registry (以房管人): residents, occupancies, tags, consents, list
 * matching, organizations, the party tree and cards, posts and the coverage
 * report. */
#include "registry/registry_capability.h"

#include "base/err.h"
#include "registry/registry_demo.h"
#include "registry/registry_http.h"
#include "registry/resident_account_http.h"
#include "registry/resident_search.h"

extern const struct migration registry_migrations[];

/* The words for the fields of every registry record, in its routes' field
 * errors: organizations, the party tree, cards and posts; then residents,
 * their homes, tags and consents (a resident's own rules answer in
 * resident_check's words, registry/resident.h). */
static const struct field_message messages[] = {
    {"kind", "类型无效", "not a known kind"},
    {"name", "名称须为 1–64 字节的一行文字，不含不可见字符，且同一上级下不能重名",
     "1-64 bytes on one line without invisible characters, unique under the same parent"},
    {"parent_id", "上级不存在，或这一类型不能建在它下面",
     "no such parent, or this kind cannot be placed under it"},
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
    {"sex", "性别须为 male（男）或 female（女）", "male or female"},
    {"birth_date", "出生日期须为 YYYY-MM-DD 格式的真实日期，且不晚于今天",
     "a real date written YYYY-MM-DD, not in the future"},
    {"id_number", "身份证号无效：须为 18 位，含真实的出生日期，末位校验码正确",
     "not a valid 18-character ID number (birth date or check digit wrong)"},
    {"party_org_id", "本街道没有这个党组织", "no such party organization in this sub-district"},
    {"note", "备注最多 500 个字符；可以换行，不能含其他控制字符",
     "at most 500 characters; line breaks are kept, other control characters are not allowed"},
    {"dwelling_id", "请选择您管辖范围内的一户房屋", "not a dwelling within your scope"},
    {"relation", "关系须为 owner（产权人）、family（家庭成员）或 tenant（租户）",
     "owner, family or tenant"},
    {"moved_in", "入住日期须为 YYYY-MM-DD 格式的真实日期，最晚为一年后，且不早于出生日期",
     "a real date written YYYY-MM-DD, at most a year ahead and not before the birth date"},
    {"moved_out", "迁出日期须为 YYYY-MM-DD 格式的真实日期，且不早于入住日期",
     "a real date written YYYY-MM-DD, not before moving in"},
    {"tags", "没有这个标签", "no such tag"},
    {"tag", "没有这个标签", "no such tag"},
    {"q", "查询内容最多 64 个字符", "at most 64 characters"},
    {"purpose", "用途须为 registry、care_tier、household_map、public_card 或 health_data",
     "registry, care_tier, household_map, public_card or health_data"},
    {"given_by", "请填写同意人姓名（1–64 个字符）", "the name of who agreed, 1-64 characters"},
    {"code", "代码须为 1–32 位小写字母、数字或下划线，以字母开头",
     "1-32 lowercase letters, digits or _, starting with a letter"},
    {"name_zh", "中文名称须为 1–32 个字符，不含、；，;,| 等分隔符",
     "1-32 characters without list separators (、；，;,|)"},
    {"name_en", "英文名称须为 1–64 个字符，不含、；，;,| 等分隔符",
     "1-64 characters without list separators (、；，;,|)"},
    {"district_id", "请选择一个街道", "not a sub-district you manage"},
};

/* A resident hangs on the dwellings they live in; reading reaches their
 * former homes too (the handler narrows it without include_moved_out), and
 * changing them only their home now, or the one they left last. */
static int resident_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    int64_t district;
    return resident_visible(db, who, id, write ? REACH_FOR_WRITE : REACH_PAST, &district);
}

/* A consent is changed by whoever may change its resident. */
static int consent_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    int64_t resident = 0;
    int rc = db_scalar_int(db, &resident, "SELECT resident_id FROM consents WHERE id = $1", "i", id);
    return rc == HW_OK ? resident_reach(db, who, resident, write) : rc;
}

/* Organizations, their compounds and posts are public inside the
 * sub-district and changed within the caller's scope. */
static const struct scope_record records[] = {
    {.kind = "resident",
     .table = "residents",
     .places_sql = "SELECT dwelling_id FROM occupancies WHERE resident_id = $1"
                   " AND moved_out IS NULL",
     .visible = resident_reach},
    {.kind = "occupancy", .table = "occupancies", .places_sql = "SELECT dwelling_id FROM occupancies WHERE id = $1",
     .read = REACH_SCOPE, .write = REACH_SCOPE},
    {.kind = "consent",
     .table = "consents",
     .places_sql = "SELECT o.dwelling_id FROM consents c JOIN occupancies o"
                   " ON o.resident_id = c.resident_id AND o.moved_out IS NULL WHERE c.id = $1",
     .visible = consent_reach},
    {.kind = "organization", .table = "organizations", .places_sql = "SELECT place_id FROM organizations WHERE id = $1",
     .read = REACH_DISTRICT, .write = REACH_SCOPE},
    {.kind = "org_compound",
     .table = "org_compounds",
     .places_sql = "SELECT o.place_id FROM org_compounds l JOIN organizations o"
                   " ON o.id = l.org_id WHERE l.id = $1",
     .read = REACH_DISTRICT, .write = REACH_SCOPE},
    {.kind = "post", .table = "posts", .places_sql = "SELECT place_id FROM posts WHERE id = $1",
     .read = REACH_DISTRICT, .write = REACH_SCOPE},
    /* An account of role resident hangs on the dwelling it is bound to. */
    {.kind = "resident_account", .table = "users",
     .places_sql = "SELECT scope_id FROM users WHERE id = $1 AND role = 'resident'",
     .read = REACH_SCOPE, .write = REACH_SCOPE},
};

#define R(...) CAPABILITY_ROUTE(messages, __VA_ARGS__)
#define ON(...) CAPABILITY_ROUTE_ON(messages, __VA_ARGS__)
static const struct route routes[] = {
    R("GET", "/api/v1/residents", resident_http_list, PERM_RESIDENT_READ),
    R("POST", "/api/v1/residents", resident_http_create, PERM_RESIDENT_WRITE),
    R("POST", "/api/v1/residents/match", match_http_residents, PERM_EXPORT),
    ON("resident", "GET", "/api/v1/residents/{id}", resident_http_get, PERM_RESIDENT_READ),
    ON("resident", "PATCH", "/api/v1/residents/{id}", resident_http_patch, PERM_RESIDENT_WRITE),
    ON("resident", "POST", "/api/v1/residents/{id}/occupancies", resident_http_add_occupancy,
       PERM_RESIDENT_WRITE),
    ON("resident", "PUT", "/api/v1/residents/{id}/tags", resident_http_set_tags,
       PERM_RESIDENT_WRITE),
    ON("resident", "POST", "/api/v1/residents/{id}/consents", consent_http_create,
       PERM_RESIDENT_WRITE),
    ON("occupancy", "POST", "/api/v1/occupancies/{id}/move-out", resident_http_move_out,
       PERM_RESIDENT_WRITE),
    ON("consent", "POST", "/api/v1/consents/{id}/withdraw", consent_http_withdraw,
       PERM_RESIDENT_WRITE),
    ON("resident_account", "GET", "/api/v1/resident-accounts/{id}", resident_account_http_get,
       PERM_RESIDENT_WRITE),
    ON("resident_account", "POST", "/api/v1/resident-accounts/{id}/link",
       resident_account_http_link, PERM_RESIDENT_WRITE),
    ON("resident_account", "POST", "/api/v1/resident-accounts/{id}/unlink",
       resident_account_http_unlink, PERM_RESIDENT_WRITE),
    R("GET", "/api/v1/tags", tag_http_list, PERM_RESIDENT_READ),
    R("POST", "/api/v1/tags", tag_http_create, PERM_ORG_WRITE),
    R("GET", "/api/v1/organizations", org_http_list, PERM_ORG_READ),
    R("POST", "/api/v1/organizations", org_http_create, PERM_ORG_WRITE),
    ON("organization", "PATCH", "/api/v1/organizations/{id}", org_http_patch, PERM_ORG_WRITE),
    ON("organization", "POST", "/api/v1/organizations/{id}/compounds", org_http_add_compound,
       PERM_ORG_WRITE),
    ON("org_compound", "PATCH", "/api/v1/org-compounds/{id}", org_http_patch_compound,
       PERM_ORG_WRITE),
    R("GET", "/api/v1/party-orgs", party_http_tree, PERM_ORG_READ),
    R("POST", "/api/v1/party-orgs", party_http_create, PERM_ORG_WRITE),
    R("GET", "/api/v1/party-cards", party_card_http_list, PERM_ORG_READ),
    R("POST", "/api/v1/party-cards", party_card_http_create, PERM_ORG_WRITE),
    R("GET", "/api/v1/posts", post_http_list, PERM_ORG_READ),
    R("POST", "/api/v1/posts", post_http_create, PERM_ORG_WRITE),
    ON("post", "PATCH", "/api/v1/posts/{id}", post_http_patch, PERM_ORG_WRITE),
    R("GET", "/api/v1/reports/coverage", coverage_http_report, PERM_REPORT_READ),
};

const struct capability registry_capability = {
    .name = "registry",
    .routes = routes,
    .nroutes = CAPABILITY_COUNT_OF(routes),
    .records = records,
    .nrecords = CAPABILITY_COUNT_OF(records),
    .migrations = registry_migrations,
    .messages = messages,
    .nmessages = CAPABILITY_COUNT_OF(messages),
    .demo = registry_demo,
};
