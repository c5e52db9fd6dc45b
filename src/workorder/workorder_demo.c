/* The demo's living queue (docs/api-workorders.md): orders of 聚龙湖社区
 * in every state, filed and worked by the demo accounts through the
 * capability's own functions, at times before the demo's now, so that
 * some are overdue (their deadline jobs run, and escalate them, as soon as
 * a server starts); a merged duplicate, a reopened order, ratings, whistles,
 * a dispatch team and its rule in each sub-district, and one order in 盐渎街道
 * out of everyone else's sight. */
#include <string.h>

#include "base/err.h"
#include "base/log.h"
#include "kit/place_kinds.h"
#include "kit/write.h"
#include "workorder/act.h"
#include "workorder/categories.h"
#include "workorder/rules.h"
#include "workorder/teams.h"
#include "workorder/workorder_capability.h"
#include "workorder/workorder_internal.h"

#define JULONGHU "新都街道/聚龙湖社区"
#define ZIWEI JULONGHU "/紫薇花园"
#define HUIMIN "盐渎街道/健康社区/惠民小区"

static const struct actor actor_demo = {.kind = ACTOR_COMMAND_LINE, .ip = "demo"};

/* One step of an order's life, minutes before the demo's now. */
struct step {
    const char *action, *by;
    int ago;
    const char *assignee; /* dispatch: a login; NULL with mode "grab" */
    const char *mode, *note, *outcome, *responsible, *difficulty;
    int rating, into; /* into: the index of another demo order */
};

enum { STEPS_MAX = 8 };

struct demo_order {
    const char *by, *channel, *place, *place_text, *category, *description;
    const char *reporter_kind, *reporter_name, *reporter_phone;
    int ago;
    struct step steps[STEPS_MAX];
};

#define DISPATCH(ago_, who_)                                                                     \
    {.action = "dispatch", .by = "demo-community-staff", .ago = ago_, .assignee = who_}
#define GRID_WORKER "demo-grid-worker"

static const struct demo_order orders[] = {
    /* 0: in the grab pool of 紫薇花园 1幢: party members and volunteers may take it. */
    {"demo-resident", "resident_page", ZIWEI "/1幢/1单元/101", NULL, "lighting",
     "楼道 3 层声控灯不亮，晚上上下楼看不清", NULL, NULL, NULL, 3,
     {{.action = "dispatch", .by = "demo-community-staff", .ago = 2, .mode = "grab"}}},
    /* 1: just reported by phone, waiting for the dispatcher. */
    {"demo-community-staff", "phone", JULONGHU "/聚龙湖花园/1幢/1单元/101", NULL, "water",
     "厨房水管接头漏水，地面有积水", "resident", "徐志强", "13585000081", 2, {{.action = NULL}}},
    /* 2: dispatched to the grid worker, not yet taken. */
    {"demo-grid-leader", "grid_patrol", ZIWEI "/2幢", NULL, "lifts", "2幢电梯运行时有异响",
     "staff", NULL, NULL, 4, {DISPATCH(3, GRID_WORKER)}},
    /* 3: taken but nobody on site 20 minutes later: overdue, escalates. */
    {"demo-resident", "resident_page", ZIWEI "/1幢", NULL, "drains", "1幢门口雨水井堵塞，积水漫到路面",
     NULL, NULL, NULL, 20, {DISPATCH(19, GRID_WORKER), {.action = "take", .by = GRID_WORKER, .ago = 18}}},
    /* 4: on site. */
    {"demo-property-staff", "door_visit", ZIWEI "/3幢", NULL, "cleaning", "3幢楼道堆放杂物，影响通行",
     "staff", NULL, NULL, 30,
     {DISPATCH(29, "demo-property-staff"), {.action = "take", .by = "demo-property-staff", .ago = 28},
      {.action = "arrive", .by = "demo-property-staff", .ago = 26}}},
    /* 5: resolved, waiting for the resident's rating. */
    {"demo-resident", "resident_page", ZIWEI "/1幢/1单元/101", NULL, "doors", "单元门禁刷卡没反应",
     NULL, NULL, NULL, 90,
     {DISPATCH(88, GRID_WORKER), {.action = "take", .by = GRID_WORKER, .ago = 87}, {.action = "arrive", .by = GRID_WORKER, .ago = 85},
      {.action = "resolve", .by = GRID_WORKER, .ago = 60, .note = "更换门禁读卡器，已恢复"}}},
    /* 6: rated 5 by the resident. */
    {"demo-resident", "phone", ZIWEI "/1幢/1单元/101", NULL, "water", "家中水压很低",
     NULL, NULL, NULL, 300,
     {DISPATCH(298, GRID_WORKER), {.action = "take", .by = GRID_WORKER, .ago = 297}, {.action = "arrive", .by = GRID_WORKER, .ago = 296},
      {.action = "resolve", .by = GRID_WORKER, .ago = 200, .note = "更换减压阀"},
      {.action = "rate", .by = "demo-resident", .ago = 150, .rating = 5, .note = "处理很及时"}}},
    /* 7: closed, fixed, after a return visit. */
    {"demo-community-staff", "suggestion_box", JULONGHU "/康欣花园/1幢", NULL, "greening",
     "小区绿化带杂草丛生", "anonymous", NULL, NULL, 3000,
     {DISPATCH(2990, GRID_WORKER), {.action = "take", .by = GRID_WORKER, .ago = 2980}, {.action = "arrive", .by = GRID_WORKER, .ago = 2970},
      {.action = "resolve", .by = GRID_WORKER, .ago = 2900, .note = "已除草修剪"},
      {.action = "visit", .by = "demo-community-staff", .ago = 2800, .note = "电话回访，居民满意", .rating = 4},
      {.action = "close", .by = "demo-community-staff", .ago = 2790, .outcome = "fixed"}}},
    /* 8: closed, not fixed, with why. */
    {"demo-grid-worker", "grid_patrol", JULONGHU "/老粮站小区/1幢", NULL, "parking",
     "老粮站小区消防通道长期被占用停车", "staff", NULL, NULL, 2000,
     {DISPATCH(1990, GRID_WORKER), {.action = "take", .by = GRID_WORKER, .ago = 1980}, {.action = "arrive", .by = GRID_WORKER, .ago = 1970},
      {.action = "close", .by = "demo-community-staff", .ago = 1900, .outcome = "not_fixed",
       .note = "车主联系不上，已张贴告知，待交警协助"}}},
    /* 9: closed, not ours. */
    {"demo-community-staff", "rider", JULONGHU, "聚龙湖路与新都路路口", "city_appearance",
     "路口窨井盖破损", "staff", NULL, NULL, 1500,
     {{.action = "close", .by = "demo-community-staff", .ago = 1490, .outcome = "not_ours",
       .responsible = "市政设施管理处"}}},
    /* 10: suspended, waiting for a part. */
    {"demo-resident", "resident_page", ZIWEI "/1幢", NULL, "lifts", "1幢电梯按钮失灵",
     NULL, NULL, NULL, 120,
     {DISPATCH(118, GRID_WORKER), {.action = "take", .by = GRID_WORKER, .ago = 117}, {.action = "arrive", .by = GRID_WORKER, .ago = 116},
      {.action = "suspend", .by = GRID_WORKER, .ago = 100, .note = "等待厂家配件"}}},
    /* 11: the same leak as order 1, called in by a neighbour: merged into it. */
    {"demo-community-staff", "phone", JULONGHU "/聚龙湖花园/1幢/1单元/101", NULL, "water",
     "楼下反映楼上漏水", "resident", "马玉珍", "13585000082", 1,
     {{.action = "merge", .by = "demo-community-staff", .ago = 1, .into = 1}}},
    /* 12: resolved, then reopened by the resident: back to the worker. */
    {"demo-resident", "resident_page", ZIWEI "/1幢/1单元/101", NULL, "electricity",
     "家中插座跳闸", NULL, NULL, NULL, 600,
     {DISPATCH(598, GRID_WORKER), {.action = "take", .by = GRID_WORKER, .ago = 597}, {.action = "arrive", .by = GRID_WORKER, .ago = 596},
      {.action = "resolve", .by = GRID_WORKER, .ago = 560, .note = "更换漏电保护器"},
      {.action = "reopen", .by = "demo-resident", .ago = 30, .note = "又跳闸了"}}},
    /* 13: a difficult matter: a plan within a day, with a whistle. */
    {"demo-community-staff", "door_visit", ZIWEI, NULL, "construction",
     "小区外墙脱落，需要联合处置", "staff", NULL, NULL, 240,
     {{.action = "dispatch", .by = "demo-community-staff", .ago = 238, .assignee = GRID_WORKER,
       .difficulty = "difficult"},
      {.action = "take", .by = GRID_WORKER, .ago = 236}, {.action = "arrive", .by = GRID_WORKER, .ago = 230},
      {.action = "plan", .by = GRID_WORKER, .ago = 200, .note = "联系维修基金，请街道协调施工单位"}}},
    /* 14: dispatched six hours ago and never taken: overdue on both clocks. */
    {"demo-resident", "resident_page", ZIWEI "/2幢", NULL, "charging", "电动车充电桩无法充电",
     NULL, NULL, NULL, 360, {DISPATCH(355, GRID_WORKER)}},
    /* 15: 盐渎街道's own order. */
    {"demo2-community-staff", "phone", HUIMIN "/1幢", NULL, "lighting", "楼道灯不亮",
     "staff", NULL, NULL, 10, {{.action = NULL}}},
};

/* The principal of a demo account, as a session would have it. */
static int principal_of(struct db *db, const char *login, struct principal *p)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT u.id, u.role, COALESCE(u.scope_id, 0), COALESCE(u.district_id, 0),"
                          " pl.kind FROM users u LEFT JOIN places pl ON pl.id = u.scope_id"
                          " WHERE u.login = $1",
                          "s", login);
    if (rc != HW_OK)
        return rc;
    *p = (struct principal){.user_id = db_col_int(st, 0), .login = login,
                            .scope_id = db_col_int(st, 2), .district_id = db_col_int(st, 3)};
    rc = role_parse(db_col_text(st, 1), &p->role);
    int kind = db_col_text(st, 4) ? place_kind_index(db_col_text(st, 4)) : -1;
    p->scope_kind = kind >= 0 ? place_kinds[kind].kind : NULL;
    db_reset(st);
    return rc == HW_OK ? HW_OK : HW_EDB;
}

static int category_id(struct db *db, int64_t district, const char *code, int64_t *id)
{
    return db_scalar_int(db, id, "SELECT id FROM wo_categories WHERE district_id = $1 AND code = $2",
                         "is", district, code);
}

static int run_step(struct db *db, const struct demo_env *env, int64_t id, const struct step *s,
                    const int64_t *ids)
{
    struct principal who;
    int rc = principal_of(db, s->by, &who);
    if (rc != HW_OK)
        return rc;
    struct wo_act_in in = {.note = s->note, .rating = s->rating, .outcome = s->outcome,
                           .responsible = s->responsible};
    if (wo_action_parse(s->action, &in.action) != HW_OK)
        return HW_EINVAL;
    if (s->assignee || s->mode) {
        in.has_assign = true;
        if (s->mode && wo_mode_parse(s->mode, &in.assign.mode) != HW_OK)
            return HW_EINVAL;
        if (s->assignee && (rc = demo_user_id(db, s->assignee, &in.assign.assignee_user_id)) != HW_OK)
            return rc;
    }
    if (s->difficulty) {
        in.has_difficulty = true;
        if (wo_difficulty_parse(s->difficulty, &in.difficulty) != HW_OK)
            return HW_EINVAL;
    }
    if (in.action == WO_ACT_MERGE)
        in.into = ids[s->into];
    const char *bad = NULL;
    rc = workorder_act(db, &actor_demo, &who, id, &in, env->now - (int64_t)s->ago * 60, &bad);
    if (rc != HW_OK)
        log_error("workorder demo: %s on order %lld: %s (%s)", s->action, (long long)id,
                  hw_strerror(rc), bad ? bad : "-");
    return rc;
}

static int file_order(struct db *db, const struct demo_env *env, const struct demo_order *d,
                      int64_t *id)
{
    struct principal who;
    int64_t place;
    int rc = principal_of(db, d->by, &who);
    if (rc == HW_OK)
        rc = demo_place_at(db, d->place, &place);
    if (rc == HW_OK)
        rc = wo_categories_seed(db, who.district_id, env->now);
    struct workorder_new n = {.place_id = place, .place_text = d->place_text,
                              .description = d->description,
                              .reporter = {.name = d->reporter_name, .phone = d->reporter_phone},
                              .reported_at = env->now - (int64_t)d->ago * 60};
    if (rc == HW_OK)
        rc = category_id(db, who.district_id, d->category, &n.category_id);
    if (rc == HW_OK && wo_channel_parse(d->channel, &n.channel) != HW_OK)
        rc = HW_EINVAL;
    n.reporter.kind = who.role == ROLE_RESIDENT ? WO_REPORTER_RESIDENT : WO_REPORTER_STAFF;
    if (rc == HW_OK && d->reporter_kind &&
        wo_reporter_kind_parse(d->reporter_kind, &n.reporter.kind) != HW_OK)
        rc = HW_EINVAL;
    const char *bad = NULL;
    if (rc == HW_OK)
        rc = workorder_create(db, &actor_demo, &who, &n, id, &bad);
    if (rc != HW_OK)
        log_error("workorder demo: filing \"%s\": %s (%s)", d->description, hw_strerror(rc),
                  bad ? bad : "-");
    return rc;
}

/* Who answers whistles for 盐南医院 and 惠民物业: their demo accounts. */
static int link_units(struct db *db)
{
    static const struct {
        const char *org, *login;
    } links[] = {{"盐南医院", "demo-alliance-unit"},
                 {"惠民物业服务有限公司", "demo2-community-staff"}};
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        int64_t user;
        int rc = demo_user_id(db, links[i].login, &user);
        if (rc != HW_OK)
            return rc;
        int64_t n = db_run(db,
                           "INSERT INTO wo_unit_users (org_id, user_id) SELECT id, $2"
                           " FROM organizations WHERE name = $1",
                           "si", links[i].org, user);
        if (n < 0)
            return (int)n;
    }
    return HW_OK;
}

/* A dispatch team and the rule that sends it a category's new orders (to
 * its least loaded member), in each sub-district. */
static int team_and_rule(struct db *db, const struct demo_env *env, const char *district_path,
                         const char *name, const char *const *logins, size_t nlogins,
                         const char *category)
{
    int64_t district, team, rule, users[4];
    const char *bad = NULL;
    int rc = demo_place_at(db, district_path, &district);
    for (size_t i = 0; rc == HW_OK && i < nlogins && i < 4; i++)
        rc = demo_user_id(db, logins[i], &users[i]);
    if (rc == HW_OK)
        rc = wo_team_create(db, district, name, env->now, &team, &bad);
    if (rc == HW_OK)
        rc = wo_team_set_members(db, team, district, users, nlogins < 4 ? nlogins : 4, &bad);
    struct wo_rule r = {.mode = WO_MODE_LEAST_LOADED, .team_id = team, .enabled = true};
    if (rc == HW_OK)
        rc = category_id(db, district, category, &r.category_id);
    if (rc == HW_OK)
        rc = wo_rule_validate(db, district, &r, 0, &bad);
    if (rc == HW_OK)
        rc = wo_rule_create(db, district, &r, env->now, &rule);
    if (rc != HW_OK)
        log_error("workorder demo: team %s: %s (%s)", name, hw_strerror(rc), bad ? bad : "-");
    return rc;
}

/* A whistle, as the API files one, at `ago` minutes before now. */
static int whistle(struct db *db, const struct demo_env *env, int64_t order, const char *org,
                   int ago, int limit_min, const char *response)
{
    int64_t org_id, district, id;
    int rc = db_scalar_int(db, &org_id, "SELECT id FROM organizations WHERE name = $1", "s", org);
    if (rc == HW_OK)
        rc = db_scalar_int(db, &district, "SELECT district_id FROM work_orders WHERE id = $1", "i",
                           order);
    if (rc != HW_OK)
        return rc;
    int64_t at = env->now - (int64_t)ago * 60, due = at + (int64_t)limit_min * 60;
    rc = db_scalar_int(db, &id,
                       "INSERT INTO wo_whistles (order_id, district_id, org_id, note, due_at,"
                       " responded_at, response, created_at) VALUES ($1, $2, $3, '请协助处置', $4,"
                       " CASE WHEN CAST($5 AS TEXT) IS NULL THEN NULL ELSE CAST($6 AS BIGINT) END,"
                       " $5, $6) RETURNING id",
                       "iiiisi", order, district, org_id, due, response, at);
    if (rc != HW_OK)
        return rc;
    json_t *payload = json_pack("{s:I}", "whistle_id", (json_int_t)id);
    char key[64];
    snprintf(key, sizeof key, "wo-whistle:%lld", (long long)id);
    rc = payload ? jobs_schedule(db, "workorder.whistle", payload, due, key, district, NULL)
                 : HW_ENOMEM;
    json_decref(payload);
    return rc;
}

int workorder_demo(struct db *db, const struct demo_env *env)
{
    enum { N = sizeof orders / sizeof orders[0] };
    int64_t ids[N] = {0};
    int rc = link_units(db);
    for (size_t i = 0; rc == HW_OK && i < N; i++)
        rc = file_order(db, env, &orders[i], &ids[i]);
    /* The steps in the order they happened, across orders. */
    for (int ago = 4000; rc == HW_OK && ago >= 0; ago--)
        for (size_t i = 0; rc == HW_OK && i < N; i++)
            for (int s = 0; rc == HW_OK && s < STEPS_MAX && orders[i].steps[s].action; s++)
                if (orders[i].steps[s].ago == ago)
                    rc = run_step(db, env, ids[i], &orders[i].steps[s], ids);
    if (rc == HW_OK)
        rc = whistle(db, env, ids[0], "盐南医院", 2, 60, NULL);
    if (rc == HW_OK)
        rc = whistle(db, env, ids[13], "盐南医院", 220, 120, "已派工程人员现场查看");
    if (rc == HW_OK)
        rc = whistle(db, env, ids[15], "惠民物业服务有限公司", 8, 60, NULL);
    static const char *const julonghu[] = {GRID_WORKER, "demo-property-staff"};
    static const char *const huimin[] = {"demo2-community-staff"};
    if (rc == HW_OK)
        rc = team_and_rule(db, env, "新都街道", "聚龙湖维修队", julonghu, 2, "advertising");
    if (rc == HW_OK)
        rc = team_and_rule(db, env, "盐渎街道", "惠民维修队", huimin, 1, "street_order");
    return rc;
}
