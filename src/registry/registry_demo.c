/* Organizations, the party tree, party cards and posts of 聚龙湖社区 (and a
 * company and a post of 健康社区, out of everyone else's sight):
 * 紫薇花园's property company (docs/domain.md), 东方物业 at 康欣花园 since July
 * 2020 (docs/domain.md), alliance units, the five-level tree of docs/domain.md
 * PO-1, and the grid posts held by the demo accounts (董甜 holds two). */
#include "registry/registry_demo.h"

#include "base/err.h"
#include "base/log.h"
#include "registry/org.h"
#include "registry/party.h"
#include "registry/post.h"

#define JULONGHU "新都街道/聚龙湖社区"
#define ZIWEI JULONGHU "/紫薇花园"
#define JIANKANG "盐渎街道/健康社区"

static const struct {
    const char *kind, *name, *contact, *phone, *offers;
    const char *place, *serves; /* paths (demo_place_at); serves may be NULL */
    const char *since;
} orgs[] = {
    {"property_company", "紫薇物业服务有限公司", "余坤荣", "13805110003", NULL, JULONGHU, ZIWEI,
     "2020-07-01"},
    {"property_company", "东方物业管理有限公司", NULL, NULL, NULL, JULONGHU, JULONGHU "/康欣花园",
     "2020-07-01"},
    {"owners_committee", "紫薇花园业主委员会", "李芝霞", "13805110004", NULL, ZIWEI, ZIWEI,
     "2021-03-01"},
    {"alliance_unit", "盐南医院", "林医生", NULL, "义诊、健康讲座、慢病随访", JULONGHU, NULL, NULL},
    {"alliance_unit", "新都派出所", "王警官", NULL, "安全宣传、矛盾调解、反诈讲座", JULONGHU, NULL,
     NULL},
    {"alliance_unit", "新都农商银行", "赵经理", NULL, "金融知识进社区、助老取款上门", JULONGHU,
     NULL, NULL},
    /* The neighbouring sub-district has its own, which nobody here may see. */
    {"property_company", "惠民物业服务有限公司", "周经理", NULL, NULL, JIANKANG,
     JIANKANG "/惠民小区", "2022-01-01"},
};

/* Each level under the one before it. */
static const struct {
    const char *level, *name, *place;
} tree[] = {
    {"community_committee", "聚龙湖社区党委", JULONGHU},
    {"command_room", "红色物业指挥室", ZIWEI},
    {"grid_branch", "第一网格党支部", JULONGHU "/第一网格"},
    {"building_group", "1幢党小组", ZIWEI "/1幢"},
    {"central_household", "缪蓉党员中心户", ZIWEI "/1幢"},
};

/* 亮身份 on the wall of 紫薇花园 1幢 (docs/domain.md). */
static const struct {
    const char *building, *name, *phone, *responsibility;
} cards[] = {
    {ZIWEI "/1幢", "缪蓉", "13805110008", "1幢党小组组长：收集居民诉求，带头志愿服务"},
    {ZIWEI "/1幢", "李宗元", "13805110007", "楼栋长：邻里矛盾调解，楼道安全巡查"},
};

static const struct {
    const char *kind, *login, *name, *phone, *place;
} posts[] = {
    {"grid_leader", "demo-grid-leader", "孙达", "13805110005", JULONGHU "/第一网格"},
    {"grid_worker", "demo-grid-worker", "董甜", "13805110006", JULONGHU "/第一网格"},
    {"micro_grid_worker", "demo-grid-worker", "董甜", "13805110006",
     JULONGHU "/第一网格/第一微网格"},
    {"building_leader", "demo-building-leader", "李宗元", "13805110007", ZIWEI "/1幢"},
    {"stairwell_steward", "demo-party-member", "缪蓉", "13805110008", ZIWEI "/1幢/1单元"},
    {"grid_leader", "demo2-community-staff", "张涛", "13805120001", JIANKANG "/第一网格"},
};

static int add_org(struct db *db, size_t i, const char **bad)
{
    struct org_new o = {.kind = orgs[i].kind,
                        .name = orgs[i].name,
                        .contact_name = orgs[i].contact,
                        .contact_phone = orgs[i].phone,
                        .offers = orgs[i].offers};
    int64_t id, compound, link;
    int rc = demo_place_at(db, orgs[i].place, &o.place_id);
    if (rc == HW_OK)
        rc = org_create(db, &o, &id, bad);
    if (rc == HW_OK && orgs[i].serves &&
        (rc = demo_place_at(db, orgs[i].serves, &compound)) == HW_OK)
        rc = org_serve_compound(db, id, compound, orgs[i].since, NULL, &link, bad);
    return rc;
}

static int add_party_org(struct db *db, size_t i, int64_t *parent, const char **bad)
{
    struct party_org_new o = {.level = tree[i].level, .name = tree[i].name, .parent_id = *parent};
    int rc = demo_place_at(db, tree[i].place, &o.place_id);
    return rc == HW_OK ? party_org_create(db, &o, parent, bad) : rc;
}

static int add_card(struct db *db, size_t i, const char **bad)
{
    struct party_card_new c = {
        .name = cards[i].name, .phone = cards[i].phone, .responsibility = cards[i].responsibility};
    int64_t id;
    int rc = demo_place_at(db, cards[i].building, &c.building_id);
    return rc == HW_OK ? party_card_create(db, &c, &id, bad) : rc;
}

static int add_post(struct db *db, size_t i, const char **bad)
{
    struct post_new p = {.kind = posts[i].kind,
                         .person_name = posts[i].name,
                         .phone = posts[i].phone,
                         .started = "2023-01-01"};
    int64_t id;
    int rc = demo_user_id(db, posts[i].login, &p.user_id);
    if (rc == HW_OK)
        rc = demo_place_at(db, posts[i].place, &p.place_id);
    return rc == HW_OK ? post_create(db, &p, &id, bad) : rc;
}

int registry_demo(struct db *db, const struct demo_env *env)
{
    (void)env;
    const char *bad = NULL;
    int rc = HW_OK;
    for (size_t i = 0; rc == HW_OK && i < sizeof orgs / sizeof orgs[0]; i++)
        rc = add_org(db, i, &bad);
    int64_t parent = 0;
    for (size_t i = 0; rc == HW_OK && i < sizeof tree / sizeof tree[0]; i++)
        rc = add_party_org(db, i, &parent, &bad);
    for (size_t i = 0; rc == HW_OK && i < sizeof cards / sizeof cards[0]; i++)
        rc = add_card(db, i, &bad);
    for (size_t i = 0; rc == HW_OK && i < sizeof posts / sizeof posts[0]; i++)
        rc = add_post(db, i, &bad);
    if (rc != HW_OK)
        log_error("demo: cannot create organizations and posts (%s)", bad ? bad : hw_strerror(rc));
    return rc;
}
