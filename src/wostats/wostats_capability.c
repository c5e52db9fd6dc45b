/* Work-order statistics (docs/api-workorders.md, "Statistics"): one route,
 * no tables of its own; it reads the work orders' and the registry's. */
#include "wostats/wostats_capability.h"

#include "wostats/wostats_http.h"

static const struct field_message messages[] = {
    {"from", "开始日期须为 YYYY-MM-DD", "a date, YYYY-MM-DD"},
    {"to", "结束日期须为 YYYY-MM-DD，不早于开始日期，时段至多 366 天",
     "a date, YYYY-MM-DD, not before from, at most 366 days after it"},
    {"by", "须为 grid、community、district、team 或 property_company",
     "grid, community, district, team or property_company"},
    {"bucket", "须为 day、week 或 month", "day, week or month"},
    {"community_id", "请选择您管辖范围内的社区", "a community within your scope"},
    {"grid_id", "请选择您管辖范围内的网格", "a grid within your scope"},
    {"min_orders", "须为 1–1000 的整数", "a whole number from 1 to 1000"},
    {"rank",
     "须为 response、resolve_on_time、resolution、satisfaction、closed_on_time、reopen 或 sendback",
     "response, resolve_on_time, resolution, satisfaction, closed_on_time, reopen or sendback"},
    {"format", "须为 json、csv 或 xlsx", "json, csv or xlsx"},
};

#define R(...) CAPABILITY_ROUTE(messages, __VA_ARGS__)
static const struct route routes[] = {
    R("GET", "/api/v1/work-order-stats", wostats_http_get, PERM_WO_STATS),
};

const struct capability wostats_capability = {
    .name = "wostats",
    .routes = routes,
    .nroutes = CAPABILITY_COUNT_OF(routes),
    .messages = messages,
    .nmessages = CAPABILITY_COUNT_OF(messages),
};
