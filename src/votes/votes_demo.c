/* The demo's owners' votes in 紫薇花园:
 * - 6幢's owners decided to add an elevator (改建, Civil Code art. 278 item
 *   7: three quarters), a building's vote: one buyer owns three units, the
 *   developer still holds two unsold ones, one unit is co-owned, one owner
 *   voted by proxy on a signed authorization, one did not vote. The vote
 *   closed five days ago and its result is final;
 * - 1幢's owners are voting, in secret, on using the maintenance fund for
 *   the roof (item 5: more than half): two paper ballots are in, 吕文娟
 *   (demo-resident) and the other owners can still vote; 孙晓明
 *   (demo-tenant) rents 1幢 202 and cannot;
 * - a draft in 盐渎街道's 惠民小区, which 新都街道 never sees. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "base/err.h"
#include "base/log.h"
#include "place/place.h"
#include "registry/resident.h"
#include "votes/authorization.h"
#include "votes/ballot.h"
#include "votes/demo_accounts.h"
#include "votes/developer.h"
#include "votes/lifecycle.h"
#include "votes/vote.h"
#include "votes/votes_capability.h"
#include "workorder/workorder.h"

#define ZIWEI "新都街道/聚龙湖社区/紫薇花园"
enum { DAY = VOTE_DAY_S, M2 = 10000 };

/* 6幢: one entrance, six floors, two homes a floor; the owners by room. */
static const struct {
    const char *room;
    int64_t area_cm2;
    const char *owners[2]; /* NULL: the developer's unsold unit */
    const char *choice;    /* NULL: did not vote */
    const char *channel;   /* "online", "paper" or "proxy" */
} elevator_homes[] = {
    {"101", 1203500, {"徐海"}, "yes", "online"},
    {"102", 895700, {"徐海"}, NULL, NULL}, /* the same buyer: one head, one ballot */
    {"201", 895700, {"徐海"}, NULL, NULL},
    {"202", 895700, {"周敏", "钱伟"}, "yes", "paper"}, /* co-owned: one ballot by 周敏 */
    {"301", 895700, {"孙丽"}, "yes", "paper"},
    {"302", 895700, {"郑强"}, "yes", "proxy"},
    {"401", 895700, {"冯涛"}, "yes", "paper"},
    {"402", 895700, {"陈静"}, "no", "paper"},
    {"501", 895700, {NULL}, NULL, NULL},
    {"502", 895700, {NULL}, NULL, NULL},
    {"601", 895700, {"何平"}, "yes", "paper"},
    {"602", 1012000, {"吴芳"}, NULL, NULL},
};

/* 1幢's registered homes get the areas of the property register. */
static const struct {
    const char *room;
    int64_t area_cm2;
} roof_areas[] = {
    {"101", 895700}, {"102", 762000}, {"201", 895700},
    {"202", 762000}, {"301", 895700}, {"401", 895700},
};

/* A signed authorization as the committee scanned it: a one-page PDF. */
static const char authorization_pdf[] =
    "%PDF-1.4\n"
    "1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
    " /Resources << /Font << /F1 5 0 R >> >> >> endobj\n"
    "4 0 obj << /Length 118 >> stream\n"
    "BT /F1 14 Tf 72 760 Td (Authorization: Zheng Qiang, owner of 6-302, authorizes) Tj"
    " 0 -20 Td (Zheng Xiaoyu to vote for him.) Tj ET\n"
    "endstream endobj\n"
    "5 0 obj << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> endobj\n"
    "trailer << /Root 1 0 R >>\n"
    "%%EOF\n";

static int dwelling_in(struct db *db, int64_t building, const char *room, int64_t *id)
{
    return db_scalar_int(db, id,
                         "SELECT id FROM places WHERE building_id = $1 AND kind = 'dwelling'"
                         " AND name = $2 ORDER BY id LIMIT 1",
                         "is", building, room);
}

static int owner_of(struct db *db, int64_t district, int64_t dwelling, const char *name,
                    int64_t *resident)
{
    const char *bad = NULL;
    int rc = db_scalar_int(db, resident,
                           "SELECT id FROM residents WHERE district_id = $1 AND name = $2", "is",
                           district, name);
    if (rc == HW_ENOTFOUND) {
        struct resident r = {.district_id = district, .name = name};
        rc = resident_insert(db, &r, resident, &bad);
    }
    bool created;
    int64_t occupancy;
    if (rc == HW_OK)
        rc = occupancy_add(db, *resident, dwelling, "owner", "2019-06-01", &occupancy, &created);
    if (rc != HW_OK)
        log_error("votes demo: owner %s: %s", name, bad ? bad : hw_strerror(rc));
    return rc;
}

static int elevator_building(struct db *db, int64_t *building)
{
    int64_t compound, grid;
    int rc = demo_place_at(db, ZIWEI, &compound);
    if (rc == HW_OK)
        rc = demo_place_at(db, "新都街道/聚龙湖社区/第一网格", &grid);
    if (rc != HW_OK)
        return rc;
    struct place_new b = {.kind = "building", .name = "6幢", .parent_id = compound,
                          .grid_id = grid};
    struct building_pattern p = {.entrances = 1, .floors = 6, .per_floor = 2, .area_cm2 = 895700};
    const char *bad = NULL;
    rc = place_create_building(db, &b, &p, building, &bad);
    for (size_t i = 0; rc == HW_OK && i < sizeof elevator_homes / sizeof elevator_homes[0]; i++) {
        int64_t d;
        struct place_patch patch = {.area_set = true, .area_cm2 = elevator_homes[i].area_cm2};
        if ((rc = dwelling_in(db, *building, elevator_homes[i].room, &d)) == HW_OK &&
            elevator_homes[i].area_cm2 != p.area_cm2)
            rc = place_update(db, d, &patch, &bad);
    }
    if (rc != HW_OK)
        log_error("votes demo: 6幢: %s", bad ? bad : hw_strerror(rc));
    return rc;
}

static int elevator_register(struct db *db, int64_t district, int64_t building, int64_t staff,
                             int64_t now)
{
    int rc = HW_OK;
    for (size_t i = 0; rc == HW_OK && i < sizeof elevator_homes / sizeof elevator_homes[0]; i++) {
        int64_t d, resident;
        const char *bad = NULL;
        bool changed;
        rc = dwelling_in(db, building, elevator_homes[i].room, &d);
        if (rc == HW_OK && !elevator_homes[i].owners[0])
            rc = vote_developer_mark(db, d, true, "开发商未售", staff, now, &changed, &bad);
        for (int k = 0; rc == HW_OK && k < 2 && elevator_homes[i].owners[k]; k++)
            rc = owner_of(db, district, d, elevator_homes[i].owners[k], &resident);
    }
    return rc;
}

static int proxy_authorization(struct db *db, int64_t vote, int64_t dwelling, int64_t by,
                               int64_t at, int64_t *id)
{
    struct photo file;
    char name[PHOTO_NAME_MAX];
    const char *bad = NULL;
    int rc = vote_authorization_clean((const unsigned char *)authorization_pdf,
                                      sizeof authorization_pdf - 1, &file);
    if (rc != HW_OK)
        return rc;
    rc = photo_save(workorder_files_dir(), &file, name, sizeof name);
    struct vote_authorization_new a = {.vote_id = vote, .dwelling_id = dwelling,
                                       .proxy_name = "郑小雨", .file = &file, .file_name = name,
                                       .by = by};
    if (rc == HW_OK)
        rc = vote_authorization_add(db, &a, at, id, &bad);
    photo_free(&file);
    return rc;
}

static int elevator_ballots(struct db *db, int64_t vote, int64_t building, int64_t owner_user,
                            int64_t committee, int64_t opened)
{
    int rc = HW_OK;
    for (size_t i = 0; rc == HW_OK && i < sizeof elevator_homes / sizeof elevator_homes[0]; i++) {
        if (!elevator_homes[i].choice)
            continue;
        int64_t d, id, at = opened + (int64_t)(i + 1) * 3 * 3600;
        char paper[16], receipt[VOTE_RECEIPT_CODE_SIZE];
        const char *bad = NULL;
        snprintf(paper, sizeof paper, "6-%03zu", i + 1);
        struct vote_ballot_new b = {.vote_id = vote, .choice = elevator_homes[i].choice,
                                    .channel = elevator_homes[i].channel, .user_id = committee};
        rc = dwelling_in(db, building, elevator_homes[i].room, &d);
        b.dwelling_id = d;
        if (strcmp(b.channel, "online") == 0)
            b.user_id = owner_user;
        else
            b.paper_number = paper;
        if (rc == HW_OK && strcmp(b.channel, "proxy") == 0)
            rc = proxy_authorization(db, vote, d, committee, at - 3600, &b.authorization_id);
        if (rc == HW_OK)
            rc = vote_ballot_cast(db, &b, at, &id, receipt, &bad);
        sodium_memzero(receipt, sizeof receipt);
        if (rc != HW_OK)
            log_error("votes demo: ballot of 6幢 %s: %s", elevator_homes[i].room,
                      bad ? bad : hw_strerror(rc));
    }
    return rc;
}

/* Called 20 days ago, open from 15 to 5 days ago, three days of objections. */
static int elevator_vote(struct db *db, const struct demo_env *env, int64_t committee,
                         int64_t staff)
{
    int64_t building, district, owner_user, vote, d101;
    int rc = elevator_building(db, &building);
    if (rc == HW_OK)
        rc = db_scalar_int(db, &district, "SELECT district_id FROM places WHERE id = $1", "i",
                           building);
    if (rc == HW_OK)
        rc = elevator_register(db, district, building, staff, env->now - 30 * DAY);
    if (rc == HW_OK)
        rc = dwelling_in(db, building, "101", &d101);
    /* 徐海's account, bound to 6幢 101, from which he voted. */
    if (rc == HW_OK)
        rc = votes_demo_account(db, env, "demo-owner", "徐海", "13805110013", d101, "徐海",
                                &owner_user);
    int64_t called = env->now - 20 * DAY, opens = env->now - 15 * DAY,
            closes = env->now - 5 * DAY;
    struct vote_new v = {.place_id = building, .title = "6幢加装电梯",
                         .description = "在6幢1单元北侧加装电梯一部，费用按楼层分摊，"
                                        "一楼业主不承担费用。",
                         .matter = "rebuild", .opens_at = opens, .closes_at = closes,
                         .objection_days = 3};
    const char *bad = NULL;
    if (rc == HW_OK)
        rc = vote_create(db, &v, committee, called, &vote, &bad);
    if (rc == HW_OK)
        rc = vote_publish(db, vote, called + DAY, &bad);
    if (rc == HW_OK)
        rc = vote_open_if_ready(db, vote, opens);
    if (rc == HW_OK)
        rc = elevator_ballots(db, vote, building, owner_user, committee, opens);
    if (rc == HW_OK)
        rc = vote_count(db, vote, closes);
    if (rc == HW_OK)
        rc = vote_finalize_if_ready(db, vote, closes + 3 * DAY);
    if (rc != HW_OK)
        log_error("votes demo: the elevator vote: %s", bad ? bad : hw_strerror(rc));
    return rc;
}

/* Published three days ago, open since yesterday, closing in six days. */
static int roof_vote(struct db *db, const struct demo_env *env, int64_t committee)
{
    int64_t building, vote;
    const char *bad = NULL;
    int rc = demo_place_at(db, ZIWEI "/1幢", &building);
    for (size_t i = 0; rc == HW_OK && i < sizeof roof_areas / sizeof roof_areas[0]; i++) {
        int64_t d;
        struct place_patch patch = {.area_set = true, .area_cm2 = roof_areas[i].area_cm2};
        if ((rc = dwelling_in(db, building, roof_areas[i].room, &d)) == HW_OK)
            rc = place_update(db, d, &patch, &bad);
    }
    struct vote_new v = {.place_id = building, .title = "使用专项维修资金维修1幢屋面防水",
                         .description = "1幢顶楼渗漏，拟使用本幢专项维修资金约4.8万元更换屋面防水层。",
                         .matter = "use_maintenance_fund", .secret = true,
                         .opens_at = env->now - DAY, .closes_at = env->now + 6 * DAY};
    if (rc == HW_OK)
        rc = vote_create(db, &v, committee, env->now - 4 * DAY, &vote, &bad);
    if (rc == HW_OK)
        rc = vote_publish(db, vote, env->now - 3 * DAY, &bad);
    if (rc == HW_OK)
        rc = vote_open_if_ready(db, vote, env->now - DAY);
    static const struct {
        const char *room, *choice, *paper;
    } cast[] = {{"102", "yes", "1-001"}, {"201", "no", "1-002"}};
    for (size_t i = 0; rc == HW_OK && i < sizeof cast / sizeof cast[0]; i++) {
        int64_t d, id;
        char receipt[VOTE_RECEIPT_CODE_SIZE];
        struct vote_ballot_new b = {.vote_id = vote, .choice = cast[i].choice, .channel = "paper",
                                    .paper_number = cast[i].paper, .user_id = committee};
        if ((rc = dwelling_in(db, building, cast[i].room, &d)) == HW_OK) {
            b.dwelling_id = d;
            rc = vote_ballot_cast(db, &b, env->now - DAY + (int64_t)(i + 1) * 3600, &id, receipt,
                                  &bad);
        }
        sodium_memzero(receipt, sizeof receipt);
    }
    if (rc != HW_OK)
        log_error("votes demo: the roof vote: %s", bad ? bad : hw_strerror(rc));
    return rc;
}

static int other_district_draft(struct db *db, const struct demo_env *env)
{
    int64_t compound, staff, vote;
    const char *bad = NULL;
    int rc = demo_place_at(db, "盐渎街道/健康社区/惠民小区", &compound);
    if (rc == HW_OK)
        rc = demo_user_id(db, "demo2-community-staff", &staff);
    struct vote_new v = {.place_id = compound, .title = "续聘物业服务企业",
                         .matter = "property_manager", .opens_at = env->now + 10 * DAY,
                         .closes_at = env->now + 20 * DAY};
    if (rc == HW_OK)
        rc = vote_create(db, &v, staff, env->now, &vote, &bad);
    if (rc != HW_OK)
        log_error("votes demo: 惠民小区: %s", bad ? bad : hw_strerror(rc));
    return rc;
}

int votes_demo(struct db *db, const struct demo_env *env)
{
    int64_t committee, staff;
    int rc = demo_user_id(db, "demo-owners-committee", &committee);
    if (rc == HW_OK)
        rc = demo_user_id(db, "demo-community-staff", &staff);
    if (rc == HW_OK)
        rc = votes_demo_accounts(db, env);
    if (rc == HW_OK)
        rc = elevator_vote(db, env, committee, staff);
    if (rc == HW_OK)
        rc = roof_vote(db, env, committee);
    if (rc == HW_OK)
        rc = other_district_draft(db, env);
    return rc;
}
