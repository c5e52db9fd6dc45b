/* Supervision's demo: a third property company in 聚龙湖社区 (聚龙湖花园),
 * a quarter of work orders at each company's compound filed and worked
 * through the work-order functions, each company's third-party score,
 * complaints (one about 东方物业 upheld in that quarter, one about a fund
 * under verification, one filed anonymously about staff), and the last full
 * quarter's red-black list published from those measured figures. Every
 * write is audited as the command line's. */
#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "base/log.h"
#include "kit/place_kinds.h"
#include "kit/write.h"
#include "oversight/complaint.h"
#include "oversight/oversight_capability.h"
#include "oversight/quarter.h"
#include "oversight/rating.h"
#include "oversight/tracking.h"
#include "registry/org.h"
#include "workorder/act.h"
#include "workorder/workorder.h"
#include "wostats/days.h"

#define JULONGHU "新都街道/聚龙湖社区"

static const struct actor actor_demo = {.kind = ACTOR_COMMAND_LINE, .ip = "demo"};

/* One company's quarter: where it serves, and how each of its orders went:
 * minutes from the report to arrival and to the solution, the rating given
 * at the return visit (0: closed not fixed, without one). A simple matter
 * is to be closed within 40 minutes of its report (the 54321 standard,
 * docs/domain.md WO-3), so those resolved within half an hour close on time. */
struct demo_order {
    int arrive_min, resolve_min, rating;
};
enum { ORDERS_PER_COMPANY = 6 };
static const struct {
    const char *company, *building, *evaluator;
    int third_party;
    struct demo_order orders[ORDERS_PER_COMPANY];
} companies[] = {
    {"紫薇物业服务有限公司", JULONGHU "/紫薇花园/2幢", "盐城市物业管理协会测评中心", 93,
     {{3, 20, 5}, {4, 25, 5}, {2, 18, 4}, {4, 30, 5}, {3, 22, 5}, {5, 28, 4}}},
    {"东方物业管理有限公司", JULONGHU "/康欣花园/1幢", "盐城市物业管理协会测评中心", 66,
     {{40, 300, 2}, {3, 600, 0}, {25, 35, 3}, {60, 900, 0}, {4, 25, 4}, {30, 200, 2}}},
    {"聚龙湖物业服务有限公司", JULONGHU "/聚龙湖花园/1幢", "盐城市物业管理协会测评中心", 81,
     {{4, 20, 4}, {10, 90, 4}, {3, 15, 5}, {20, 150, 3}, {3, 20, 5}, {5, 60, 0}}},
};

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

static int third_company(struct db *db)
{
    struct org_new o = {.kind = "property_company", .name = companies[2].company};
    int64_t id, compound, link;
    const char *bad = NULL;
    int rc = demo_place_at(db, JULONGHU, &o.place_id);
    if (rc == HW_OK)
        rc = org_create(db, &o, &id, &bad);
    if (rc == HW_OK)
        rc = demo_place_at(db, JULONGHU "/聚龙湖花园", &compound);
    if (rc == HW_OK)
        rc = org_serve_compound(db, id, compound, "2021-01-01", NULL, &link, &bad);
    if (rc != HW_OK)
        log_error("oversight demo: %s: %s (%s)", o.name, hw_strerror(rc), bad ? bad : "-");
    return rc;
}

static int act(struct db *db, const struct principal *who, int64_t order, enum wo_action a,
               int64_t at, const struct wo_act_in *more)
{
    struct wo_act_in in = more ? *more : (struct wo_act_in){0};
    in.action = a;
    const char *bad = NULL;
    int rc = workorder_act(db, &actor_demo, who, order, &in, at, &bad);
    if (rc != HW_OK)
        log_error("oversight demo: %s on order %lld: %s (%s)", wo_action_name(a),
                  (long long)order, hw_strerror(rc), bad ? bad : "-");
    return rc;
}

/* One order reported at `at`, dispatched to and worked by the community's
 * staff member, visited and closed. */
static int one_order(struct db *db, const struct principal *staff, int64_t place, int64_t category,
                     const struct demo_order *d, int64_t at)
{
    struct workorder_new n = {.channel = WO_CHANNEL_PHONE, .place_id = place,
                              .category_id = category, .description = "楼道公共设施报修",
                              .reported_at = at,
                              .reporter = {.kind = WO_REPORTER_STAFF}};
    int64_t id;
    const char *bad = NULL;
    int rc = workorder_create(db, &actor_demo, staff, &n, &id, &bad);
    if (rc != HW_OK) {
        log_error("oversight demo: filing: %s (%s)", hw_strerror(rc), bad ? bad : "-");
        return rc;
    }
    struct wo_act_in dispatch = {.has_assign = true,
                                 .assign = {.assignee_user_id = staff->user_id}};
    struct wo_act_in resolve = {.note = "已维修"};
    struct wo_act_in visit = {.note = "电话回访", .rating = d->rating};
    struct wo_act_in fixed = {.outcome = "fixed"};
    struct wo_act_in not_fixed = {.outcome = "not_fixed", .note = "需业主大会表决使用维修资金"};
    int64_t arrive = at + (int64_t)d->arrive_min * 60;
    int64_t resolved = at + (int64_t)d->resolve_min * 60;
    if ((rc = act(db, staff, id, WO_ACT_DISPATCH, at + 30, &dispatch)) == HW_OK &&
        (rc = act(db, staff, id, WO_ACT_TAKE, at + 60, NULL)) == HW_OK)
        rc = act(db, staff, id, WO_ACT_ARRIVE, arrive, NULL);
    if (rc != HW_OK)
        return rc;
    if (!d->rating) /* closed, not fixed: unresolved (WS-2) */
        return act(db, staff, id, WO_ACT_CLOSE, resolved, &not_fixed);
    if ((rc = act(db, staff, id, WO_ACT_RESOLVE, resolved, &resolve)) == HW_OK &&
        (rc = act(db, staff, id, WO_ACT_VISIT, resolved + 300, &visit)) == HW_OK)
        rc = act(db, staff, id, WO_ACT_CLOSE, resolved + 480, &fixed);
    return rc;
}

static int quarter_orders(struct db *db, int32_t first)
{
    struct principal staff;
    int64_t category;
    int rc = principal_of(db, "demo-community-staff", &staff);
    if (rc == HW_OK)
        rc = db_scalar_int(db, &category,
                           "SELECT id FROM wo_categories WHERE district_id = $1 AND code = 'lighting'",
                           "i", staff.district_id);
    for (size_t c = 0; rc == HW_OK && c < sizeof companies / sizeof companies[0]; c++) {
        int64_t place;
        rc = demo_place_at(db, companies[c].building, &place);
        for (int i = 0; rc == HW_OK && i < ORDERS_PER_COMPANY; i++) {
            /* A weekday morning every two weeks: 09:30 local. */
            int64_t at = wostats_day_start(first + 8 + 14 * i + (int32_t)c) + 9 * 3600 + 1800;
            rc = one_order(db, &staff, place, category, &companies[c].orders[i], at);
        }
    }
    return rc;
}

/* ---- complaints and the scores, each an audited write ------------------- */

struct complaint_ctx {
    int64_t place_id;
    struct oversight_filing f;
    int64_t recorded_by, at;
    const struct oversight_step_in *steps;
    size_t nsteps;
    int64_t inspector;
    const int64_t *step_at;
};

static int apply_complaint(struct db *db, void *ctx, int64_t *id, int64_t *district)
{
    struct complaint_ctx *c = ctx;
    char code[OVERSIGHT_CODE_SIZE], hash[OVERSIGHT_CODE_HASH_SIZE];
    const char *bad = NULL;
    int rc = oversight_code_new(code);
    if (rc == HW_OK)
        rc = oversight_code_hash(code, hash);
    if (rc == HW_OK)
        rc = oversight_complaint_create(db, c->place_id, &c->f, c->recorded_by, hash, c->at, id,
                                        district, &bad);
    for (size_t i = 0; rc == HW_OK && i < c->nsteps; i++)
        rc = oversight_complaint_step(db, *id, &c->steps[i], c->inspector, c->step_at[i], &bad);
    if (rc != HW_OK)
        log_error("oversight demo: complaint: %s (%s)", hw_strerror(rc), bad ? bad : "-");
    return rc;
}

static int render_complaint(struct db *db, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    static const struct principal inspector = {.role = ROLE_INSPECTOR};
    return oversight_complaint_json(db, &inspector, id, out);
}

static int complaints(struct db *db, int32_t first, int64_t now)
{
    int64_t inspector, dongfang, ziwei, kangxin, community;
    int rc = demo_user_id(db, "demo-inspector", &inspector);
    if (rc == HW_OK)
        rc = db_scalar_int(db, &dongfang, "SELECT id FROM organizations WHERE name = $1", "s",
                           companies[1].company);
    if (rc == HW_OK)
        rc = demo_place_at(db, JULONGHU "/紫薇花园", &ziwei);
    if (rc == HW_OK)
        rc = demo_place_at(db, JULONGHU "/康欣花园", &kangxin);
    if (rc == HW_OK)
        rc = demo_place_at(db, JULONGHU, &community);
    if (rc != HW_OK)
        return rc;
    int64_t filed = wostats_day_start(first + 20) + 10 * 3600;
    const struct oversight_step_in upheld[] = {
        {.step = OVERSIGHT_STEP_VERIFY, .note = "现场查看：1幢楼道垃圾三天未清运，与物业台账不符"},
        {.step = OVERSIGHT_STEP_FIND, .finding = OVERSIGHT_UPHELD,
         .note = "保洁排班缺人，台账补记，情况属实"},
        {.step = OVERSIGHT_STEP_ACT, .action = "约谈物业项目经理，责令一周内整改并复查，已整改到位",
         .note = "复查照片已存档"},
    };
    const int64_t upheld_at[] = {filed + 86400, filed + 3 * 86400, filed + 10 * 86400};
    const struct oversight_step_in verifying[] = {
        {.step = OVERSIGHT_STEP_VERIFY, .note = "已调取维修资金使用台账，待业委会说明"},
    };
    const int64_t verifying_at[] = {now - 86400};
    struct complaint_ctx list[] = {
        {.place_id = kangxin,
         .f = {.subject = OVERSIGHT_SUBJECT_COMPANY, .subject_org_id = dongfang,
               .matter = "康欣花园1幢楼道垃圾多日无人清运，物业台账却记为每日保洁",
               .from_box = true, .box_place = "康欣花园南门红色意见箱"},
         .recorded_by = inspector, .at = filed, .steps = upheld, .nsteps = 3,
         .inspector = inspector, .step_at = upheld_at},
        {.place_id = ziwei,
         .f = {.subject = OVERSIGHT_SUBJECT_FUND, .subject_text = "紫薇花园公共收益（停车费）",
               .matter = "停车费收入去年至今未公示，用途不明", .name = "王建国",
               .phone = "13905110021"},
         .at = now - 3 * 86400, .steps = verifying, .nsteps = 1, .inspector = inspector,
         .step_at = verifying_at},
        {.place_id = community,
         .f = {.subject = OVERSIGHT_SUBJECT_STAFF, .subject_text = "物业前台工作人员",
               .matter = "办理门禁卡时态度恶劣，多收工本费"},
         .at = now - 7200},
    };
    static const struct write_op op = {.action = "create", .entity = "complaint",
                                       .apply = apply_complaint, .render = render_complaint};
    for (size_t i = 0; rc == HW_OK && i < sizeof list / sizeof list[0]; i++) {
        int64_t id = 0;
        rc = write_run_in(db, &actor_demo, &op, &list[i], &id);
    }
    return rc;
}

struct score_ctx {
    int64_t district;
    struct oversight_third_party t;
    int64_t at;
};

static int apply_score(struct db *db, void *ctx, int64_t *id, int64_t *district)
{
    struct score_ctx *c = ctx;
    const char *bad = NULL;
    *district = c->district;
    return oversight_third_party_add(db, c->district, &c->t, 0, c->at, id, &bad);
}

static int render_score(struct db *db, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return oversight_third_party_json(db, id, out);
}

struct publish_ctx {
    int64_t district, at;
    const char *quarter;
};

static int apply_publish(struct db *db, void *ctx, int64_t *id, int64_t *district)
{
    struct publish_ctx *c = ctx;
    *district = c->district;
    return oversight_publish(db, c->district, c->quarter, 0, c->at, id);
}

static int render_publication(struct db *db, void *ctx, int64_t id, json_t **out)
{
    (void)id;
    struct publish_ctx *c = ctx;
    return oversight_published_json(db, c->district, c->quarter, out);
}

int oversight_demo(struct db *db, const struct demo_env *env)
{
    char quarter[OVERSIGHT_QUARTER_SIZE];
    int32_t first, last;
    oversight_quarter_before(wostats_day_of(env->now), quarter);
    int64_t district;
    int rc = oversight_quarter_parse(quarter, &first, &last);
    if (rc == HW_OK)
        rc = demo_place_at(db, "新都街道", &district);
    if (rc == HW_OK)
        rc = third_company(db);
    if (rc == HW_OK)
        rc = quarter_orders(db, first);
    if (rc == HW_OK)
        rc = complaints(db, first, env->now);
    static const struct write_op score_op = {.action = "create", .entity = "rating_third_party",
                                             .apply = apply_score, .render = render_score};
    for (size_t c = 0; rc == HW_OK && c < sizeof companies / sizeof companies[0]; c++) {
        struct score_ctx s = {.district = district,
                              .t = {.quarter = quarter, .evaluator = companies[c].evaluator,
                                    .score = companies[c].third_party},
                              .at = wostats_day_start(last) + 10 * 3600};
        rc = db_scalar_int(db, &s.t.org_id, "SELECT id FROM organizations WHERE name = $1", "s",
                           companies[c].company);
        int64_t id = 0;
        if (rc == HW_OK)
            rc = write_run_in(db, &actor_demo, &score_op, &s, &id);
    }
    static const struct write_op publish_op = {.action = "create",
                                               .entity = "rating_publication",
                                               .apply = apply_publish,
                                               .render = render_publication};
    struct publish_ctx p = {.district = district, .at = env->now, .quarter = quarter};
    int64_t id = 0;
    if (rc == HW_OK)
        rc = write_run_in(db, &actor_demo, &publish_op, &p, &id);
    if (rc != HW_OK)
        log_error("oversight demo: %s", hw_strerror(rc));
    return rc;
}
