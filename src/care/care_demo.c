/* The demo's grid care in 第一网格 of 聚龙湖社区: tiers for its households,
 * with and without the household head's consent, a week of visits by the
 * grid worker with some missed, the building leader's log, and the leak
 * between the 6th and 7th floors under mediation (seeds 003). */
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "base/log.h"
#include "care/care_capability.h"
#include "care/household.h"
#include "care/logbook.h"
#include "care/plan.h"
#include "care/visit.h"

#define ZIWEI "新都街道/聚龙湖社区/紫薇花园"
enum { DAY = 86400 };

static const struct {
    const char *dwelling; /* a path under 紫薇花园 */
    const char *tier;     /* NULL: the suggestion stands */
    const char *reason;   /* NULL: the suggestion confirmed */
    const char *consent_by, *method; /* NULL: no consent */
} households[] = {
    {"1幢/101", "yellow", NULL, "吕文娟", "written"},
    {"1幢/102", "red", NULL, "陈桂英", "written"},
    {"1幢/201", "green", NULL, "刘洪涛", "verbal"},
    {"1幢/202", "green", NULL, NULL, NULL},
    {"1幢/301", "orange", NULL, NULL, NULL}, /* sensitive: no consent to show it */
    {"1幢/401", "green", NULL, "缪蓉", "phone"},
    {"2幢/101", "yellow", "独自带两个孩子，丈夫长期在外务工", NULL, NULL},
};

/* Visits of the past week, days ago: 102 (red) missed the 3rd day back;
 * 301 (orange) had three, one accompanied, last week; 202 none this month. */
static const struct {
    const char *dwelling;
    int days_ago;
    const char *medical, *police, *seen, *help;
} visits[] = {
    {"1幢/102", 7, NULL, NULL, "精神尚好，冰箱缺菜", "shopping"},
    {"1幢/102", 6, NULL, NULL, "打扫卫生间", "cleaning"},
    {"1幢/102", 5, NULL, NULL, "血压正常", NULL},
    {"1幢/102", 4, NULL, NULL, "代购药品", "shopping"},
    {"1幢/102", 2, NULL, NULL, "情绪低落，陪聊半小时", NULL},
    {"1幢/102", 1, NULL, NULL, "清理厨房", "cleaning"},
    {"1幢/301", 6, "盐南医院 林医生", "社区民警 王警官", "复查伤口，情况稳定", NULL},
    {"1幢/301", 4, NULL, NULL, "轮椅刹车松动，已调紧", NULL},
    {"1幢/301", 1, NULL, NULL, "家属陪护，一切正常", NULL},
    {"1幢/101", 5, NULL, NULL, "孩子已入托，邻里和睦", NULL},
    {"1幢/201", 3, NULL, NULL, "无特殊情况", NULL},
};

/* "1幢" is a building of 紫薇花园; "1幢/102" the dwelling 102 in it,
 * whichever entrance it lies in. */
static int place(struct db *db, const char *under, int64_t *id)
{
    char building[32];
    const char *slash = strchr(under, '/');
    snprintf(building, sizeof building, "%.*s", slash ? (int)(slash - under) : (int)strlen(under),
             under);
    char path[256];
    snprintf(path, sizeof path, ZIWEI "/%s", building);
    int rc = demo_place_at(db, path, id);
    if (rc == HW_OK && slash)
        rc = db_scalar_int(db, id,
                           "SELECT id FROM places WHERE building_id = $1 AND kind = 'dwelling'"
                           " AND name = $2 ORDER BY id LIMIT 1",
                           "is", *id, slash + 1);
    if (rc != HW_OK)
        log_error("care demo: no place %s", under);
    return rc;
}

static int demo_tiers(struct db *db, const struct demo_env *env, int64_t staff)
{
    for (size_t i = 0; i < sizeof households / sizeof households[0]; i++) {
        int64_t id;
        enum care_tier tier;
        const char *bad = NULL;
        int rc = place(db, households[i].dwelling, &id);
        if (rc == HW_OK)
            rc = care_tier_parse(households[i].tier, &tier);
        if (rc == HW_OK) /* set ten days ago, so the week before counts whole */
            rc = care_tier_set(db, id, tier, households[i].reason, staff, env->now - 10 * DAY, &bad);
        if (rc == HW_OK && households[i].consent_by) {
            struct care_consent_new c = {.given_by = households[i].consent_by,
                                         .given_at = env->now - 10 * DAY};
            rc = care_consent_method_parse(households[i].method, &c.method);
            if (rc == HW_OK)
                rc = care_consent_give(db, id, &c, staff, env->now - 10 * DAY, &bad);
        }
        if (rc != HW_OK) {
            log_error("care demo: %s: %s", households[i].dwelling, bad ? bad : hw_strerror(rc));
            return rc;
        }
    }
    return HW_OK;
}

static int demo_visits(struct db *db, const struct demo_env *env, const struct principal *worker)
{
    for (size_t i = 0; i < sizeof visits / sizeof visits[0]; i++) {
        int64_t id, visit;
        const char *bad = NULL;
        int rc = place(db, visits[i].dwelling, &id);
        if (rc != HW_OK)
            return rc;
        char key[32];
        snprintf(key, sizeof key, "demo-visit-%02zu", i + 1);
        int64_t at = env->now - visits[i].days_ago * DAY;
        struct care_visit_new v = {.dwelling_id = id, .client_key = key, .visited_at = at,
                                   .medical_staff = visits[i].medical, .police = visits[i].police,
                                   .seen = visits[i].seen};
        if (visits[i].help)
            v.help[v.nhelp++] = visits[i].help;
        rc = care_visit_create(db, &actor_command_line, worker, &v, at, &visit, &bad);
        if (rc != HW_OK) {
            log_error("care demo: visit %zu: %s", i + 1, bad ? bad : hw_strerror(rc));
            return rc;
        }
    }
    return HW_OK;
}

static int demo_logbooks(struct db *db, const struct demo_env *env, int64_t leader, int64_t grid_leader)
{
    int64_t building, id;
    const char *bad = NULL;
    int rc = place(db, "1幢", &building);
    char d3[CARE_DATE_SIZE], d1[CARE_DATE_SIZE];
    care_day_format(care_day_of_epoch(env->now) - 3, d3);
    care_day_format(care_day_of_epoch(env->now) - 1, d1);
    if (rc == HW_OK)
        rc = care_log_create(db, building, d3, "3楼楼道灯不亮", "已报物业，当天修好", leader,
                             env->now - 3 * DAY, &id, &bad);
    if (rc == HW_OK)
        rc = care_log_create(db, building, d1, "6楼顶棚渗水，7楼住户不在家",
                             "联系网格长，约定次日调解", leader, env->now - DAY, &id, &bad);
    /* seeds 003: the leak between the 6th and 7th floors, in mediation. */
    struct care_mediation_new m = {
        .place_id = building,
        .matter = "7楼卫生间渗水至6楼顶棚，双方对维修费用分担有争议",
        .mediator = "孙达（网格长）",
        .parties = {{.name = "7楼住户", .side = "楼上"}, {.name = "6楼住户", .side = "楼下"}},
        .nparties = 2,
    };
    if (rc == HW_OK)
        rc = care_mediation_create(db, &m, grid_leader, env->now - 5 * DAY, &id, &bad);
    if (rc == HW_OK)
        rc = care_mediation_add(db, id, "meeting", env->now - 4 * DAY, "双方、物业、网格长",
                                "约定请第三方检测渗水点", grid_leader, env->now - 4 * DAY, &bad);
    if (rc == HW_OK)
        rc = care_mediation_add(db, id, "follow_up", env->now - 2 * DAY, NULL,
                                "检测确认7楼防水层破损，待双方商定费用", grid_leader,
                                env->now - 2 * DAY, &bad);
    if (rc != HW_OK)
        log_error("care demo: log books: %s", bad ? bad : hw_strerror(rc));
    return rc;
}

/* The second sub-district keeps its own records (one of each kind), so what
 * one sub-district's staff may reach is always tested against the other's. */
static int demo_other_district(struct db *db, const struct demo_env *env)
{
    int64_t staff, community, district, compound, building, dwelling, id;
    const char *bad = NULL;
    int rc = demo_user_id(db, "demo2-community-staff", &staff);
    if (rc == HW_OK)
        rc = demo_place_at(db, "盐渎街道/健康社区", &community);
    if (rc == HW_OK)
        rc = demo_place_id(db, "subdistrict", "盐渎街道", &district);
    if (rc == HW_OK)
        rc = demo_place_at(db, "盐渎街道/健康社区/惠民小区", &compound);
    if (rc == HW_OK)
        rc = db_scalar_int(db, &dwelling,
                           "SELECT id FROM places WHERE compound_id = $1 AND kind = 'dwelling'"
                           " ORDER BY id LIMIT 1",
                           "i", compound);
    if (rc == HW_OK)
        rc = db_scalar_int(db, &building, "SELECT building_id FROM places WHERE id = $1", "i",
                           dwelling);
    if (rc != HW_OK) {
        log_error("care demo: no dwelling in 惠民小区");
        return rc;
    }
    const struct principal who = {.user_id = staff, .login = "demo2-community-staff",
                                  .role = ROLE_COMMUNITY_STAFF, .scope_id = community,
                                  .scope_kind = "community", .district_id = district};
    int64_t at = env->now - 2 * DAY;
    struct care_visit_new v = {.dwelling_id = dwelling, .client_key = "demo2-visit-01",
                               .visited_at = at, .seen = "老人在家，身体尚好"};
    rc = care_visit_create(db, &actor_command_line, &who, &v, at, &id, &bad);
    char d2[CARE_DATE_SIZE];
    care_day_format(care_day_of_epoch(at), d2);
    if (rc == HW_OK)
        rc = care_log_create(db, building, d2, "单元门禁损坏", "已报物业", staff, at, &id, &bad);
    struct care_mediation_new m = {
        .place_id = building,
        .matter = "楼道堆放杂物，邻里有争议",
        .mediator = "张涛（社区）",
        .parties = {{.name = "3楼住户", .side = "堆放方"}, {.name = "4楼住户", .side = "投诉方"}},
        .nparties = 2,
    };
    if (rc == HW_OK)
        rc = care_mediation_create(db, &m, staff, at, &id, &bad);
    if (rc != HW_OK)
        log_error("care demo: 盐渎街道: %s", bad ? bad : hw_strerror(rc));
    return rc;
}

int care_demo(struct db *db, const struct demo_env *env)
{
    int64_t staff, worker_id, leader, grid_leader, grid, district;
    int rc = demo_user_id(db, "demo-community-staff", &staff);
    if (rc == HW_OK)
        rc = demo_user_id(db, "demo-grid-worker", &worker_id);
    if (rc == HW_OK)
        rc = demo_user_id(db, "demo-building-leader", &leader);
    if (rc == HW_OK)
        rc = demo_user_id(db, "demo-grid-leader", &grid_leader);
    if (rc == HW_OK)
        rc = demo_place_at(db, "新都街道/聚龙湖社区/第一网格", &grid);
    if (rc == HW_OK)
        rc = demo_place_id(db, "subdistrict", "新都街道", &district);
    if (rc != HW_OK)
        return rc;
    const struct principal worker = {.user_id = worker_id, .login = "demo-grid-worker",
                                     .role = ROLE_GRID_WORKER, .scope_id = grid,
                                     .scope_kind = "grid", .district_id = district};
    if ((rc = demo_tiers(db, env, staff)) != HW_OK || (rc = demo_visits(db, env, &worker)) != HW_OK ||
        (rc = demo_logbooks(db, env, leader, grid_leader)) != HW_OK ||
        (rc = demo_other_district(db, env)) != HW_OK)
        return rc;
    return care_overdue_ensure(db, district, env->now);
}
