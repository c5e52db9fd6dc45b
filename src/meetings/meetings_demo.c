/* The demo's deliberation in 聚龙湖社区 (docs/domain.md OV-1): a meeting
 * held about adding an elevator to 紫薇花园 1幢 that put it to an owner
 * vote, one that agreed to replace the collapsed sewer main from public
 * revenue and filed the work order, a resident's open topic with comments;
 * and one meeting and topic in 盐渎街道, which nobody here may see. */
#include <string.h>

#include "base/err.h"
#include "base/log.h"
#include "meetings/meeting.h"
#include "meetings/meetings_capability.h"
#include "meetings/topic.h"
#include "workorder/act.h"
#include "workorder/categories.h"

#define JULONGHU "新都街道/聚龙湖社区"
#define ZIWEI JULONGHU "/紫薇花园"
enum { DAY = 86400 };

/* The people the demo acts as. */
struct cast {
    int64_t staff, resident, leader, party_member;
    struct principal staff_who;
};

static int org_id(struct db *db, int64_t district, const char *name, int64_t *id)
{
    return db_scalar_int(db, id, "SELECT id FROM organizations WHERE district_id = $1 AND name = $2",
                         "is", district, name);
}

/* Invites the community, the owners' committee, the property company and
 * the named residents; all of them came but absent (a name, or NULL). */
static int invite(struct db *db, int64_t meeting, int64_t district, const char *const *residents,
                  size_t nresidents, const char *absent, int64_t now)
{
    const char *bad = NULL;
    int64_t committee, company;
    int rc = org_id(db, district, "紫薇花园业主委员会", &committee);
    if (rc == HW_OK)
        rc = org_id(db, district, "紫薇物业服务有限公司", &company);
    if (rc == HW_OK)
        rc = meeting_add_party(db, meeting, PARTY_COMMUNITY, 0, "聚龙湖社区居委会", &bad);
    if (rc == HW_OK)
        rc = meeting_add_party(db, meeting, PARTY_OWNERS_COMMITTEE, committee, NULL, &bad);
    if (rc == HW_OK)
        rc = meeting_add_party(db, meeting, PARTY_PROPERTY_COMPANY, company, NULL, &bad);
    for (size_t i = 0; rc == HW_OK && i < nresidents; i++)
        rc = meeting_add_party(db, meeting, PARTY_RESIDENT, 0, residents[i], &bad);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    if ((rc = db_query(db, &st, "SELECT id, name FROM meeting_parties WHERE meeting_id = $1",
                       "i", meeting)) != HW_OK)
        return rc;
    int64_t ids[16];
    bool came[16];
    size_t n = 0;
    while (n < 16 && (rc = db_step(st)) == DB_ROW) {
        ids[n] = db_col_int(st, 0);
        came[n++] = !absent || strcmp(db_col_text(st, 1), absent) != 0;
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < n; i++)
        if ((rc = meeting_set_attendance(db, meeting, ids[i], came[i], now, &bad)) != HW_OK)
            return rc;
    return HW_OK;
}

static int elevator(struct db *db, const struct demo_env *env, int64_t district, int64_t hall,
                    const struct cast *c)
{
    int64_t building, meeting, decision, task;
    const char *bad = NULL;
    int64_t at = env->now - 30 * DAY;
    int rc = demo_place_at(db, ZIWEI "/1幢", &building);
    struct meeting_new m = {.place_id = building, .hall_id = hall,
                            .topic = "1幢加装电梯协商会", .starts_at = at};
    if (rc == HW_OK)
        rc = meeting_create(db, &m, c->staff, at - 7 * DAY, &meeting, &bad);
    static const char *const agenda[] = {"加装电梯方案介绍", "低层住户意见（采光、噪声）",
                                         "费用分摊办法", "下一步程序"};
    for (size_t i = 0; rc == HW_OK && i < sizeof agenda / sizeof agenda[0]; i++)
        rc = meeting_add_agenda(db, meeting, agenda[i], 0, at - 7 * DAY, &bad);
    static const char *const residents[] = {"陈桂英（1楼业主）", "刘洪涛（2楼业主）",
                                            "缪蓉（4楼业主）"};
    if (rc == HW_OK)
        rc = invite(db, meeting, district, residents, 3, NULL, at);
    if (rc == HW_OK)
        rc = meeting_hold(db, meeting,
                          "社区介绍加装电梯政策与补贴；1楼住户担心采光和噪声，物业说明井道位置可避开"
                          "南窗、夜间停运；高层住户愿多分摊费用。各方同意将加装电梯提交全体业主表决。",
                          at + 2 * 3600, at + 3 * 3600, &bad);
    if (rc == HW_OK)
        rc = meeting_decide(db, meeting,
                            "1幢加装电梯事项提交业主表决（民法典第二百七十八条），费用按楼层系数分摊，"
                            "1楼住户不承担费用。",
                            at + 3 * 3600, &decision, &bad);
    struct meeting_task_new t = {.decision_id = decision, .title = "组织1幢业主表决",
                                 .assignee = "紫薇花园业主委员会"};
    if (rc == HW_OK)
        rc = meeting_add_task(db, &actor_command_line, &c->staff_who, meeting, &t, at + 3 * 3600,
                              &task, &bad);
    if (rc != HW_OK)
        log_error("meetings demo: elevator: %s", bad ? bad : hw_strerror(rc));
    return rc;
}

/* The sewer main was replaced within days: its order went from dispatch to
 * a closed, fixed order, and the task is done. */
static int sewer_mended(struct db *db, const struct cast *c, int64_t district, int64_t compound,
                        int64_t task, int64_t filed, const char **bad)
{
    int64_t order, property;
    int rc = db_scalar_int(db, &order, "SELECT work_order_id FROM meeting_tasks WHERE id = $1", "i",
                           task);
    if (rc == HW_OK)
        rc = demo_user_id(db, "demo-property-staff", &property);
    if (rc != HW_OK)
        return rc;
    const struct principal company = {.user_id = property, .login = "demo-property-staff",
                                      .role = ROLE_PROPERTY_STAFF, .scope_id = compound,
                                      .scope_kind = "compound", .district_id = district};
    const struct {
        const struct principal *who;
        enum wo_action action;
        int64_t after_s;
        const char *note;
        int rating;
        const char *outcome;
    } steps[] = {
        {&c->staff_who, WO_ACT_DISPATCH, 600, NULL, 0, NULL},
        {&company, WO_ACT_TAKE, 900, NULL, 0, NULL},
        {&company, WO_ACT_ARRIVE, 1200, NULL, 0, NULL},
        {&company, WO_ACT_RESOLVE, 2 * DAY, "已更换 DN300 污水主管 42 米，恢复通水", 0, NULL},
        {&c->staff_who, WO_ACT_VISIT, 3 * DAY, "回访业主代表，排水正常", 5, NULL},
        {&c->staff_who, WO_ACT_CLOSE, 3 * DAY + 600, NULL, 0, "fixed"},
    };
    for (size_t i = 0; rc == HW_OK && i < sizeof steps / sizeof steps[0]; i++) {
        struct wo_act_in in = {.action = steps[i].action, .note = steps[i].note,
                               .rating = steps[i].rating, .outcome = steps[i].outcome};
        if (steps[i].action == WO_ACT_DISPATCH) {
            in.has_assign = true;
            in.assign.assignee_user_id = property;
        }
        rc = workorder_act(db, &actor_command_line, steps[i].who, order, &in,
                           filed + steps[i].after_s, bad);
    }
    return rc == HW_OK ? meeting_task_done(db, task, filed + 3 * DAY + 600, bad) : rc;
}

static int sewer(struct db *db, const struct demo_env *env, int64_t district, int64_t hall,
                 const struct cast *c)
{
    int64_t compound, meeting, decision, task, drains;
    const char *bad = NULL;
    int64_t at = env->now - 45 * DAY;
    int rc = demo_place_at(db, ZIWEI, &compound);
    if (rc == HW_OK)
        rc = wo_categories_seed(db, district, env->now);
    if (rc == HW_OK)
        rc = db_scalar_int(db, &drains,
                           "SELECT id FROM wo_categories WHERE district_id = $1 AND code = 'drains'",
                           "i", district);
    struct meeting_new m = {.place_id = compound, .hall_id = hall,
                            .topic = "污水主管塌陷抢修协商会", .starts_at = at};
    if (rc == HW_OK)
        rc = meeting_create(db, &m, c->staff, at - DAY, &meeting, &bad);
    if (rc == HW_OK)
        rc = meeting_add_agenda(db, meeting, "污水主管塌陷情况通报", 0, at - DAY, &bad);
    if (rc == HW_OK)
        rc = meeting_add_agenda(db, meeting, "维修方案与报价", 0, at - DAY, &bad);
    if (rc == HW_OK)
        rc = meeting_add_agenda(db, meeting, "使用公共收益支付维修费用", 0, at - DAY, &bad);
    static const char *const residents[] = {"李宗元（楼栋长）", "吕文娟（业主代表）"};
    if (rc == HW_OK)
        rc = invite(db, meeting, district, residents, 2, "吕文娟（业主代表）", at);
    if (rc == HW_OK)
        rc = meeting_hold(db, meeting,
                          "物业通报：2幢北侧污水主管塌陷，污水外溢。施工单位报价 48,600 元。业委会"
                          "同意从小区公共收益中支出，社区监督施工，完工后公示。",
                          at + 3600, at + 2 * 3600, &bad);
    if (rc == HW_OK)
        rc = meeting_decide(db, meeting,
                            "使用小区公共收益支付污水主管更换费用，金额不超过 48,600 元，完工后"
                            "在公示栏和系统中公开收支。",
                            at + 2 * 3600, &decision, &bad);
    struct meeting_task_new t = {
        .decision_id = decision,
        .title = "更换2幢北侧塌陷的污水主管",
        .assignee = "紫薇物业服务有限公司",
        .work_order = true,
        .category_id = drains,
        .description = "2幢北侧污水主管塌陷，按议事会决定更换，费用由公共收益支付。",
        .reported_at = at + 2 * 3600,
    };
    if (rc == HW_OK)
        rc = meeting_add_task(db, &actor_command_line, &c->staff_who, meeting, &t, at + 2 * 3600,
                              &task, &bad);
    if (rc == HW_OK)
        rc = sewer_mended(db, c, district, compound, task, at + 2 * 3600, &bad);
    if (rc != HW_OK)
        log_error("meetings demo: sewer: %s", bad ? bad : hw_strerror(rc));
    return rc;
}

static int open_topic(struct db *db, const struct demo_env *env, const struct cast *c)
{
    int64_t compound, topic, comment;
    const char *bad = NULL;
    int rc = demo_place_at(db, ZIWEI, &compound);
    struct topic_new t = {.place_id = compound, .title = "东门增设电动自行车充电棚",
                          .body = "楼道里停放电动车充电很危险，建议在东门空地建一个带充电桩的车棚。"};
    if (rc == HW_OK)
        rc = topic_create(db, &t, c->resident, env->now - 5 * DAY, &topic, &bad);
    const struct {
        int64_t author;
        int days_ago;
        const char *body;
    } comments[] = {
        {c->leader, 4, "支持。1幢楼道上个月就发现有人飞线充电。"},
        {c->party_member, 3, "东门空地靠近住户窗户，建议车棚离楼远一点。"},
        {c->resident, 2, "可以放在东门停车场西侧，那里没有住户。"},
    };
    for (size_t i = 0; rc == HW_OK && i < sizeof comments / sizeof comments[0]; i++)
        rc = topic_comment(db, topic, comments[i].author, comments[i].body,
                           env->now - comments[i].days_ago * DAY, &comment, &bad);
    if (rc != HW_OK)
        log_error("meetings demo: topic: %s", bad ? bad : hw_strerror(rc));
    return rc;
}

/* One of each record in 盐渎街道, so what one sub-district may reach is
 * tested against the other's. */
static int other_district(struct db *db, const struct demo_env *env)
{
    int64_t staff, community, compound, hall, meeting, decision, task, topic, comment;
    const char *bad = NULL;
    int64_t at = env->now - 10 * DAY;
    int rc = demo_user_id(db, "demo2-community-staff", &staff);
    if (rc == HW_OK)
        rc = demo_place_at(db, "盐渎街道/健康社区", &community);
    if (rc == HW_OK)
        rc = demo_place_at(db, "盐渎街道/健康社区/惠民小区", &compound);
    struct meeting_hall_new h = {.place_id = community, .name = "健康社区议事厅"};
    if (rc == HW_OK)
        rc = meeting_hall_create(db, &h, at, &hall, &bad);
    struct meeting_new m = {.place_id = compound, .hall_id = hall, .topic = "惠民小区停车秩序协商会",
                            .starts_at = at};
    if (rc == HW_OK)
        rc = meeting_create(db, &m, staff, at - DAY, &meeting, &bad);
    if (rc == HW_OK)
        rc = meeting_hold(db, meeting, "议定划线停车、夜间巡查。", at + 3600, at + 3600, &bad);
    if (rc == HW_OK)
        rc = meeting_decide(db, meeting, "小区主干道两侧划线停车。", at + 3600, &decision, &bad);
    struct meeting_task_new t = {.decision_id = decision, .title = "施划停车位", .assignee = "惠民物业"};
    if (rc == HW_OK)
        rc = meeting_add_task(db, &actor_command_line, NULL, meeting, &t, at + 3600, &task, &bad);
    struct topic_new tp = {.place_id = compound, .title = "小区门口增设快递柜",
                           .body = "快递常被放在门卫室，丢件多。"};
    if (rc == HW_OK)
        rc = topic_create(db, &tp, staff, at, &topic, &bad);
    if (rc == HW_OK)
        rc = topic_comment(db, topic, staff, "已联系快递公司。", at, &comment, &bad);
    if (rc != HW_OK)
        log_error("meetings demo: 盐渎街道: %s", bad ? bad : hw_strerror(rc));
    return rc;
}

int meetings_demo(struct db *db, const struct demo_env *env)
{
    struct cast c = {0};
    int64_t district, community, hall;
    int rc = demo_user_id(db, "demo-community-staff", &c.staff);
    if (rc == HW_OK)
        rc = demo_user_id(db, "demo-resident", &c.resident);
    if (rc == HW_OK)
        rc = demo_user_id(db, "demo-building-leader", &c.leader);
    if (rc == HW_OK)
        rc = demo_user_id(db, "demo-party-member", &c.party_member);
    if (rc == HW_OK)
        rc = demo_place_id(db, "subdistrict", "新都街道", &district);
    if (rc == HW_OK)
        rc = demo_place_at(db, JULONGHU, &community);
    if (rc != HW_OK)
        return rc;
    c.staff_who = (struct principal){.user_id = c.staff, .login = "demo-community-staff",
                                     .role = ROLE_COMMUNITY_STAFF, .scope_id = community,
                                     .scope_kind = "community", .district_id = district};
    const char *bad = NULL;
    struct meeting_hall_new h = {.place_id = community, .name = "聚龙湖社区红色议事厅",
                                 .address = "聚龙湖社区党群服务中心二楼"};
    rc = meeting_hall_create(db, &h, env->now - 60 * DAY, &hall, &bad);
    if (rc == HW_OK)
        rc = sewer(db, env, district, hall, &c);
    if (rc == HW_OK)
        rc = elevator(db, env, district, hall, &c);
    if (rc == HW_OK)
        rc = open_topic(db, env, &c);
    if (rc == HW_OK)
        rc = other_district(db, env);
    return rc;
}
