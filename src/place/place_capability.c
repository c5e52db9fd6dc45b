/* Places: the tree from sub-district to dwelling, grids and zones, a
 * building's elevation and grid history. Their table is the registry's
 * (registry/schema/002). */
#include "place/place_capability.h"
#include "place/place_demo.h"

#include "place/place_http.h"

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
};

/* A place, or one of a given kind: a route meant for a building answers 404
 * for any other place, as for one out of scope. */
static const struct scope_record records[] = {
    {.kind = "place", .table = "places", .places_sql = "SELECT CAST($1 AS BIGINT)",
     .read = REACH_SCOPE, .write = REACH_SCOPE},
    {.kind = "compound", .table = "places",
     .places_sql = "SELECT id FROM places WHERE id = $1 AND kind = 'compound'",
     .read = REACH_SCOPE, .write = REACH_SCOPE},
    {.kind = "building", .table = "places",
     .places_sql = "SELECT id FROM places WHERE id = $1 AND kind = 'building'",
     .read = REACH_SCOPE, .write = REACH_SCOPE},
};

#define R(...) CAPABILITY_ROUTE(messages, __VA_ARGS__)
#define ON(...) CAPABILITY_ROUTE_ON(messages, __VA_ARGS__)
static const struct route routes[] = {
    R("GET", "/api/v1/places", place_http_list, PERM_PLACE_READ),
    ON("place", "GET", "/api/v1/places/{id}", place_http_get, PERM_PLACE_READ),
    R("POST", "/api/v1/places", place_http_create, PERM_PLACE_WRITE),
    ON("place", "PATCH", "/api/v1/places/{id}", place_http_patch, PERM_PLACE_WRITE),
    ON("compound", "POST", "/api/v1/places/{id}/buildings", place_http_create_building,
       PERM_PLACE_WRITE),
    ON("building", "GET", "/api/v1/places/{id}/grid-history", place_http_grid_history,
       PERM_PLACE_READ),
    ON("building", "GET", "/api/v1/places/{id}/elevation", place_http_elevation,
       PERM_PLACE_READ),
};

const struct capability place_capability = {
    .name = "place",
    .routes = routes,
    .nroutes = CAPABILITY_COUNT_OF(routes),
    .records = records,
    .nrecords = CAPABILITY_COUNT_OF(records),
    .messages = messages,
    .nmessages = CAPABILITY_COUNT_OF(messages),
    .demo = place_demo,
};
