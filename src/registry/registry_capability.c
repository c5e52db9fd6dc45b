/* The registry (以房管人): residents, occupancies, tags, consents, list
 * matching, organizations, the party tree and cards, posts and the coverage
 * report. */
#include "registry/registry_capability.h"

#include "registry/registry_http.h"

extern const struct migration registry_migrations[];

/* The fields of organizations, the party tree, cards and posts; residents,
 * tags and consents have their own words (registry_field_invalid). */
static const struct field_message messages[] = {
    {"kind", "类型无效", "not a known kind"},
    {"name", "名称须为 1–64 字节的一行文字，不含不可见字符，且同一上级下不能重名",
     "1-64 bytes on one line without invisible characters, unique under the same parent"},
    {"parent_id", "上级不存在，或这一类型不能建在它下面",
     "no such parent, or this kind cannot be placed under it"},
    {"code", "编码须为 20 位社区服务网格编码（CJ/T 349）或 1–32 位字母数字符号",
     "a 20-digit grid code (CJ/T 349) or 1-32 printable characters"},
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

#define R(...) CAPABILITY_ROUTE(messages, __VA_ARGS__)
static const struct route routes[] = {
    R("GET", "/api/v1/residents", resident_http_list, PERM_RESIDENT_READ),
    R("POST", "/api/v1/residents", resident_http_create, PERM_RESIDENT_WRITE),
    R("POST", "/api/v1/residents/match", match_http_residents, PERM_EXPORT),
    R("GET", "/api/v1/residents/{id}", resident_http_get, PERM_RESIDENT_READ),
    R("PATCH", "/api/v1/residents/{id}", resident_http_patch, PERM_RESIDENT_WRITE),
    R("POST", "/api/v1/residents/{id}/occupancies", resident_http_add_occupancy,
      PERM_RESIDENT_WRITE),
    R("PUT", "/api/v1/residents/{id}/tags", resident_http_set_tags, PERM_RESIDENT_WRITE),
    R("POST", "/api/v1/residents/{id}/consents", consent_http_create, PERM_RESIDENT_WRITE),
    R("POST", "/api/v1/occupancies/{id}/move-out", resident_http_move_out, PERM_RESIDENT_WRITE),
    R("POST", "/api/v1/consents/{id}/withdraw", consent_http_withdraw, PERM_RESIDENT_WRITE),
    R("GET", "/api/v1/tags", tag_http_list, PERM_RESIDENT_READ),
    R("POST", "/api/v1/tags", tag_http_create, PERM_ORG_WRITE),
    R("GET", "/api/v1/organizations", org_http_list, PERM_ORG_READ),
    R("POST", "/api/v1/organizations", org_http_create, PERM_ORG_WRITE),
    R("PATCH", "/api/v1/organizations/{id}", org_http_patch, PERM_ORG_WRITE),
    R("POST", "/api/v1/organizations/{id}/compounds", org_http_add_compound, PERM_ORG_WRITE),
    R("PATCH", "/api/v1/org-compounds/{id}", org_http_patch_compound, PERM_ORG_WRITE),
    R("GET", "/api/v1/party-orgs", party_http_tree, PERM_ORG_READ),
    R("POST", "/api/v1/party-orgs", party_http_create, PERM_ORG_WRITE),
    R("GET", "/api/v1/party-cards", party_card_http_list, PERM_ORG_READ),
    R("POST", "/api/v1/party-cards", party_card_http_create, PERM_ORG_WRITE),
    R("GET", "/api/v1/posts", post_http_list, PERM_ORG_READ),
    R("POST", "/api/v1/posts", post_http_create, PERM_ORG_WRITE),
    R("PATCH", "/api/v1/posts/{id}", post_http_patch, PERM_ORG_WRITE),
    R("GET", "/api/v1/reports/coverage", coverage_http_report, PERM_REPORT_READ),
};

const struct capability registry_capability = {
    .name = "registry",
    .routes = routes,
    .nroutes = CAPABILITY_COUNT_OF(routes),
    .migrations = registry_migrations,
    .messages = messages,
    .nmessages = CAPABILITY_COUNT_OF(messages),
};
