#include "demo/demo.h"
#include "demo/demo_notify.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "kit/audit.h"
#include "auth/password.h"
#include "auth/users.h"
#include "base/err.h"
#include "base/log.h"
#include "place/place.h"
#include "registry/consent.h"
#include "registry/org.h"
#include "registry/party.h"
#include "registry/post.h"
#include "registry/resident.h"
#include "transfer/csv_writer.h"
#include "transfer/transfer.h"

/* Places: 新都街道 and 聚龙湖社区 (docs/domain.md), 紫薇花园 with its property
 * company (001), 康欣花园 (004), a compound without a property company in a
 * zone (002), and a neighbouring sub-district that must stay invisible. */
enum demo_place {
    P_XINDU,
    P_JULONGHU,
    P_GRID1,
    P_GRID2,
    P_GRID3,
    P_GRID1_MG1,
    P_ZIWEI,
    P_ZIWEI_B1,
    P_ZIWEI_B1_E1,
    P_ZIWEI_B1_E1_101,
    P_ZIWEI_B2,
    P_ZIWEI_B3,
    P_JULONGHU_GARDEN,
    P_JLH_B1,
    P_JLH_B2,
    P_KANGXIN,
    P_KANGXIN_B1,
    P_ZONE1,
    P_LAOLIANGZHAN,
    P_LLZ_B1,
    P_YANDU,
    P_JIANKANG,
    P_JIANKANG_GRID1,
    P_HUIMIN,
    P_HUIMIN_B1,
    P_COUNT
};

static const struct {
    enum demo_place self, parent, grid;
    const char *kind, *name, *code;
} places[] = {
    {P_XINDU, P_COUNT, P_COUNT, "subdistrict", "新都街道", "320971001"},
    {P_JULONGHU, P_XINDU, P_COUNT, "community", "聚龙湖社区", "320971001001"},
    {P_GRID1, P_JULONGHU, P_COUNT, "grid", "第一网格", "32097100100101"},
    {P_GRID2, P_JULONGHU, P_COUNT, "grid", "第二网格", "32097100100102"},
    {P_GRID3, P_JULONGHU, P_COUNT, "grid", "第三网格", "32097100100103"},
    {P_GRID1_MG1, P_GRID1, P_COUNT, "micro_grid", "第一微网格", "3209710010010101"},
    {P_ZIWEI, P_JULONGHU, P_COUNT, "compound", "紫薇花园", NULL},
    {P_ZIWEI_B1, P_ZIWEI, P_GRID1, "building", "1幢", NULL},
    {P_ZIWEI_B1_E1, P_ZIWEI_B1, P_COUNT, "entrance", "1单元", NULL},
    {P_ZIWEI_B1_E1_101, P_ZIWEI_B1_E1, P_COUNT, "dwelling", "101", NULL},
    {P_ZIWEI_B2, P_ZIWEI, P_GRID1, "building", "2幢", NULL},
    {P_ZIWEI_B3, P_ZIWEI, P_GRID2, "building", "3幢", NULL},
    {P_JULONGHU_GARDEN, P_JULONGHU, P_COUNT, "compound", "聚龙湖花园", NULL},
    {P_JLH_B1, P_JULONGHU_GARDEN, P_GRID2, "building", "1幢", NULL},
    {P_JLH_B2, P_JULONGHU_GARDEN, P_GRID2, "building", "2幢", NULL},
    {P_KANGXIN, P_JULONGHU, P_COUNT, "compound", "康欣花园", NULL},
    {P_KANGXIN_B1, P_KANGXIN, P_GRID3, "building", "1幢", NULL},
    {P_ZONE1, P_JULONGHU, P_COUNT, "zone", "片区一", NULL},
    {P_LAOLIANGZHAN, P_JULONGHU, P_COUNT, "compound", "老粮站小区", NULL},
    {P_LLZ_B1, P_LAOLIANGZHAN, P_GRID3, "building", "1幢", NULL},
    {P_YANDU, P_COUNT, P_COUNT, "subdistrict", "盐渎街道", "320971002"},
    {P_JIANKANG, P_YANDU, P_COUNT, "community", "健康社区", "320971002001"},
    {P_JIANKANG_GRID1, P_JIANKANG, P_COUNT, "grid", "第一网格", "32097100200101"},
    {P_HUIMIN, P_JIANKANG, P_COUNT, "compound", "惠民小区", NULL},
    {P_HUIMIN_B1, P_HUIMIN, P_JIANKANG_GRID1, "building", "1幢", NULL},
};

static const struct {
    const char *login, *name, *role, *phone;
    enum demo_place scope; /* P_COUNT: none */
} users[] = {
    {"demo-admin", "系统管理员", "admin", NULL, P_COUNT},
    {"demo-subdistrict-officer", "王志斌", "subdistrict_officer", "13805110001", P_XINDU},
    {"demo-community-staff", "张玉", "community_staff", "13805110002", P_JULONGHU},
    {"demo-property-staff", "余坤荣", "property_staff", "13805110003", P_ZIWEI},
    {"demo-owners-committee", "李芝霞", "owners_committee", "13805110004", P_ZIWEI},
    {"demo-grid-leader", "孙达", "grid_leader", "13805110005", P_GRID1},
    {"demo-grid-worker", "董甜", "grid_worker", "13805110006", P_GRID1},
    {"demo-building-leader", "李宗元", "building_leader", "13805110007", P_ZIWEI_B1},
    {"demo-party-member", "缪蓉", "party_member", "13805110008", P_ZIWEI_B1},
    {"demo-alliance-unit", "盐南医院", "alliance_unit", "13805110009", P_JULONGHU},
    {"demo-volunteer", "林兰", "volunteer", "13805110010", P_JULONGHU},
    {"demo-inspector", "梅永生", "inspector", "13805110011", P_XINDU},
    {"demo-resident", "吕文娟", "resident", "13805110012", P_ZIWEI_B1_E1_101},
    {"demo2-community-staff", "张涛", "community_staff", "13805120001", P_JIANKANG},
};

enum { N_USERS = sizeof users / sizeof users[0], DEMO_PASSWORD_LEN = 12 };

/* Readable on a phone and over the phone: no 0/O, 1/l/I. */
static void random_password(char out[DEMO_PASSWORD_LEN + 1])
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (int i = 0; i < DEMO_PASSWORD_LEN; i++)
        out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[DEMO_PASSWORD_LEN] = '\0';
}

static int insert_places(struct db *db, int64_t ids[P_COUNT])
{
    for (size_t i = 0; i < sizeof places / sizeof places[0]; i++) {
        struct place_new p = {
            .kind = places[i].kind,
            .name = places[i].name,
            .code = places[i].code,
            .parent_id = places[i].parent == P_COUNT ? 0 : ids[places[i].parent],
            .grid_id = places[i].grid == P_COUNT ? 0 : ids[places[i].grid],
            /* 老粮站小区 has no property company: a shared team serves its zone (docs/domain.md PL-5). */
            .zone_id = places[i].self == P_LAOLIANGZHAN ? ids[P_ZONE1] : 0,
            .micro_grid_id = places[i].self == P_ZIWEI_B1 || places[i].self == P_ZIWEI_B2
                                 ? ids[P_GRID1_MG1]
                                 : 0,
            .area_cm2 = -1,
        };
        const char *bad = NULL;
        int rc = place_create(db, &p, &ids[places[i].self], &bad);
        if (rc != HW_OK) {
            log_error("demo: cannot create %s (%s)", places[i].name, bad ? bad : hw_strerror(rc));
            return rc;
        }
    }
    return HW_OK;
}

static int insert_users(struct db *db, const int64_t place_ids[P_COUNT],
                        char hashes[N_USERS][PASSWORD_HASH_LEN])
{
    for (int i = 0; i < N_USERS; i++) {
        struct user_new u = {.login = users[i].login, .name = users[i].name,
                             .phone = users[i].phone,
                             .scope_id = users[i].scope == P_COUNT ? 0 : place_ids[users[i].scope]};
        role_parse(users[i].role, &u.role);
        int64_t id;
        const char *bad = NULL;
        int rc = user_insert(db, &u, hashes[i], &id, &bad);
        if (rc != HW_OK) {
            log_error("demo: cannot create %s (%s)", users[i].login, bad ? bad : hw_strerror(rc));
            return rc;
        }
    }
    return HW_OK;
}

/* Organizations, the party tree, party cards and posts of 聚龙湖社区 (and a
 * company and a post of 健康社区, out of everyone else's sight):
 * 紫薇花园's property company (docs/domain.md), 东方物业 at 康欣花园 since July
 * 2020 (docs/domain.md), alliance units, the five-level tree of docs/domain.md PO-1, and
 * the grid posts held by the demo accounts (董甜 holds two). */
static int demo_orgs(struct db *db, const int64_t ids[P_COUNT])
{
    static const struct {
        const char *kind, *name, *contact, *phone, *offers;
        enum demo_place place, serves;
        const char *since;
    } orgs[] = {
        {"property_company", "紫薇物业服务有限公司", "余坤荣", "13805110003", NULL, P_JULONGHU,
         P_ZIWEI, "2020-07-01"},
        {"property_company", "东方物业管理有限公司", NULL, NULL, NULL, P_JULONGHU, P_KANGXIN,
         "2020-07-01"},
        {"owners_committee", "紫薇花园业主委员会", "李芝霞", "13805110004", NULL, P_ZIWEI,
         P_ZIWEI, "2021-03-01"},
        {"alliance_unit", "盐南医院", "林医生", NULL, "义诊、健康讲座、慢病随访", P_JULONGHU,
         P_COUNT, NULL},
        {"alliance_unit", "新都派出所", "王警官", NULL, "安全宣传、矛盾调解、反诈讲座",
         P_JULONGHU, P_COUNT, NULL},
        {"alliance_unit", "新都农商银行", "赵经理", NULL, "金融知识进社区、助老取款上门",
         P_JULONGHU, P_COUNT, NULL},
        /* The neighbouring sub-district has its own, which nobody here may see. */
        {"property_company", "惠民物业服务有限公司", "周经理", NULL, NULL, P_JIANKANG, P_HUIMIN,
         "2022-01-01"},
    };
    static const struct {
        const char *level, *name;
        enum demo_place place;
    } tree[] = {
        {"community_committee", "聚龙湖社区党委", P_JULONGHU},
        {"command_room", "红色物业指挥室", P_ZIWEI},
        {"grid_branch", "第一网格党支部", P_GRID1},
        {"building_group", "1幢党小组", P_ZIWEI_B1},
        {"central_household", "缪蓉党员中心户", P_ZIWEI_B1},
    };
    static const struct {
        const char *kind, *login, *name, *phone;
        enum demo_place place;
    } posts[] = {
        {"grid_leader", "demo-grid-leader", "孙达", "13805110005", P_GRID1},
        {"grid_worker", "demo-grid-worker", "董甜", "13805110006", P_GRID1},
        {"micro_grid_worker", "demo-grid-worker", "董甜", "13805110006", P_GRID1_MG1},
        {"building_leader", "demo-building-leader", "李宗元", "13805110007", P_ZIWEI_B1},
        {"stairwell_steward", "demo-party-member", "缪蓉", "13805110008", P_ZIWEI_B1_E1},
        {"grid_leader", "demo2-community-staff", "张涛", "13805120001", P_JIANKANG_GRID1},
    };
    const char *bad = NULL;
    int rc = HW_OK;
    for (size_t i = 0; rc == HW_OK && i < sizeof orgs / sizeof orgs[0]; i++) {
        struct org_new o = {.kind = orgs[i].kind, .name = orgs[i].name,
                            .place_id = ids[orgs[i].place], .contact_name = orgs[i].contact,
                            .contact_phone = orgs[i].phone, .offers = orgs[i].offers};
        int64_t id, link;
        rc = org_create(db, &o, &id, &bad);
        if (rc == HW_OK && orgs[i].serves != P_COUNT)
            rc = org_serve_compound(db, id, ids[orgs[i].serves], orgs[i].since, NULL, &link,
                                    &bad);
    }
    int64_t parent = 0;
    for (size_t i = 0; rc == HW_OK && i < sizeof tree / sizeof tree[0]; i++) {
        struct party_org_new o = {.level = tree[i].level, .name = tree[i].name,
                                  .parent_id = parent, .place_id = ids[tree[i].place]};
        rc = party_org_create(db, &o, &parent, &bad);
    }
    /* 亮身份 on the wall of 紫薇花园 1幢 (docs/domain.md). */
    struct party_card_new cards[] = {
        {.building_id = ids[P_ZIWEI_B1], .name = "缪蓉", .phone = "13805110008",
         .responsibility = "1幢党小组组长：收集居民诉求，带头志愿服务"},
        {.building_id = ids[P_ZIWEI_B1], .name = "李宗元", .phone = "13805110007",
         .responsibility = "楼栋长：邻里矛盾调解，楼道安全巡查"},
    };
    for (size_t i = 0; rc == HW_OK && i < sizeof cards / sizeof cards[0]; i++) {
        int64_t id;
        rc = party_card_create(db, &cards[i], &id, &bad);
    }
    for (size_t i = 0; rc == HW_OK && i < sizeof posts / sizeof posts[0]; i++) {
        int64_t user = 0, id;
        rc = db_scalar_int(db, &user, "SELECT id FROM users WHERE login = $1", "s",
                           posts[i].login);
        struct post_new p = {.kind = posts[i].kind, .place_id = ids[posts[i].place],
                             .person_name = posts[i].name, .phone = posts[i].phone,
                             .user_id = user, .started = "2023-01-01"};
        if (rc == HW_OK)
            rc = post_create(db, &p, &id, &bad);
    }
    if (rc != HW_OK)
        log_error("demo: cannot create organizations and posts (%s)",
                  bad ? bad : hw_strerror(rc));
    return rc;
}

/* Residents: households in 紫薇花园, 聚龙湖花园 and 老粮站小区 with the
 * special groups of the care tiers (docs/domain.md CT-1: elderly, pre-school children,
 * the disabled and seriously ill, living alone), a tenant who moved out, a
 * party member, and one household in 盐渎街道 that 新都街道 must never see.
 * ID numbers are made up (regions 320902, 320903) with valid GB 11643 check
 * digits. Loaded through the same functions as the CSV import. */
static const struct {
    enum demo_place building;
    const char *room, *name, *id_number, *phone, *relation, *moved_in, *moved_out;
    const char *tags[3];
    const char *consent, *consent_by; /* purpose and who agreed, or NULL */
    const char *party_org;            /* name of the member's party organization */
} demo_people[] = {
    {P_ZIWEI_B1, "101", "吕文娟", "320902198604120103", "13805110012", .relation = "owner",
     .moved_in = "2015-05-01"},
    {P_ZIWEI_B1, "101", "周建国", "320902198409030073", "13912340001", .relation = "family",
     .moved_in = "2015-05-01"},
    {P_ZIWEI_B1, "101", "周子涵", "320902202106180049", NULL, .relation = "family",
     .tags = {"preschool_child"}},
    {P_ZIWEI_B1, "102", "陈桂英", "320902194002290166", "13605150023", .relation = "owner",
     .tags = {"aged_80_plus", "living_alone"}, .consent = "care_tier", .consent_by = "陈桂英"},
    {P_ZIWEI_B1, "201", "刘洪涛", "320902197511300039", "13851000031", .relation = "owner"},
    {P_ZIWEI_B1, "201", "王丽", "320902197803150108", "13851000032", .relation = "family"},
    {P_ZIWEI_B1, "202", "赵磊", "320902199507070073", "13770000041", .relation = "tenant",
     .moved_in = "2022-03-01", .moved_out = "2024-06-30"},
    {P_ZIWEI_B1, "202", "孙晓明", "320902199812010093", "15850000042", .relation = "tenant",
     .moved_in = "2024-07-15"},
    {P_ZIWEI_B1, "301", "杨秀兰", "32090219480520046X", "13305150051", .relation = "owner",
     .tags = {"disabled"}, .consent = "health_data", .consent_by = "杨军"},
    {P_ZIWEI_B1, "301", "杨军", "320902197208080037", "13905150052", .relation = "family"},
    {P_ZIWEI_B1, "401", "缪蓉", "320902197910020683", "13805110008", .relation = "owner",
     .consent = "public_card", .consent_by = "缪蓉", .party_org = "1幢党小组"},
    {P_ZIWEI_B2, "101", "郭美玲", "320902199001250106", "18651000061", .relation = "owner"},
    {P_ZIWEI_B3, "101", "黄建华", "320902196810100075", "13951000071", .relation = "owner"},
    {P_ZIWEI_B3, "101", "黄思雨", "320902201904040046", NULL, .relation = "family",
     .tags = {"preschool_child"}},
    {P_JLH_B1, "101", "徐志强", "320902195506160116", "13585000081", .relation = "owner",
     .tags = {"empty_nest"}},
    {P_JLH_B1, "101", "马玉珍", "320902195709090082", "13585000082", .relation = "family",
     .tags = {"empty_nest"}},
    {P_JLH_B1, "102", "吴国平", "320902196212120156", "13805150091", .relation = "owner",
     .tags = {"low_income"}},
    {P_LLZ_B1, "101", "钱德福", "320902193701080075", "13705150101", .relation = "owner",
     .tags = {"aged_80_plus", "living_alone", "seriously_ill"}, .consent = "care_tier",
     .consent_by = "钱德福"},
    {P_LLZ_B1, "201", "朱小红", "320902198307210049", "15905150111", .relation = "owner",
     .tags = {"low_income"}},
    {P_LLZ_B1, "201", "朱浩", "320902201005050013", NULL, .relation = "family"},
    {P_LLZ_B1, "102", "陶志明", "320902199102140037", "18905150121", .relation = "tenant",
     .moved_in = "2023-09-01"},
    {P_HUIMIN_B1, "101", "韩梅", "320903198808180104", "13805120021", .relation = "owner",
     .consent = "registry", .consent_by = "韩梅"},
};

/* The residents go in through the CSV import (src/transfer), as a
 * community's own sheet would: one sheet per community, built from
 * demo_people. What a sheet does not carry (moving out, consents, party
 * membership) is added afterwards with the registry's own functions. */
enum { DEMO_SHEET_MAX = 16 * 1024 };

struct demo_sheet {
    char text[DEMO_SHEET_MAX];
    size_t used;
};

static int sheet_append(const char *data, size_t len, void *ctx)
{
    struct demo_sheet *sh = ctx;
    if (len >= sizeof sh->text - sh->used)
        return HW_ELIMIT;
    memcpy(sh->text + sh->used, data, len);
    sh->used += len;
    return HW_OK;
}

static size_t place_row(enum demo_place p)
{
    size_t i = 0;
    while (places[i].self != p)
        i++;
    return i;
}

/* A building's compound, community and grid. */
static enum demo_place up(enum demo_place p) { return places[place_row(p)].parent; }

static const char *place_name(enum demo_place p) { return places[place_row(p)].name; }

static int demo_sheet(enum demo_place community, struct demo_sheet *sh)
{
    static const char *const header[] = {"小区", "楼栋", "房号", "网格", "姓名", "身份证号",
                                         "手机", "关系", "入住日期", "标签"};
    struct csv_writer w;
    csv_writer_init(&w, sheet_append, sh);
    sh->used = 0;
    for (size_t c = 0; c < sizeof header / sizeof header[0]; c++)
        csv_writer_cell(&w, header[c]);
    csv_writer_end_row(&w);
    for (size_t i = 0; i < sizeof demo_people / sizeof demo_people[0]; i++) {
        enum demo_place b = demo_people[i].building;
        if (up(up(b)) != community)
            continue;
        char tags[128] = "";
        for (int t = 0; t < 3 && demo_people[i].tags[t]; t++)
            snprintf(tags + strlen(tags), sizeof tags - strlen(tags), "%s%s", t ? ";" : "",
                     demo_people[i].tags[t]);
        const char *row[] = {place_name(up(b)),           place_name(b),
                             demo_people[i].room,          place_name(places[place_row(b)].grid),
                             demo_people[i].name,          demo_people[i].id_number,
                             demo_people[i].phone,         demo_people[i].relation,
                             demo_people[i].moved_in,      tags};
        for (size_t c = 0; c < sizeof row / sizeof row[0]; c++)
            csv_writer_cell(&w, row[c]);
        csv_writer_end_row(&w);
    }
    return csv_writer_flush(&w);
}

static int demo_import(struct db *db, int64_t community_id, const struct demo_sheet *sh)
{
    struct import_options o = {.kind = TRANSFER_RESIDENTS, .community_id = community_id,
                               .who = &principal_operator,
                               .ip = "cli", .in_caller_txn = true};
    struct import_job *job;
    const struct import_report *r;
    int rc = import_begin(db, &o, &job);
    if (rc != HW_OK)
        return rc;
    if ((rc = import_feed(job, sh->text, sh->used)) == HW_OK &&
        (rc = import_finish(job, &r)) == HW_OK && r->rejected_rows) {
        const struct import_rejection *x = &r->rejections[0];
        log_error("demo: residents line %lld: %s: %s", (long long)x->line, x->field, x->en);
        rc = HW_EINVAL;
    }
    import_free(job);
    return rc;
}

/* Moving out, consent and party membership of person i, imported before. */
static int demo_person_extras(struct db *db, const int64_t ids[P_COUNT], size_t i)
{
    if (!demo_people[i].moved_out && !demo_people[i].consent && !demo_people[i].party_org)
        return HW_OK;
    int64_t district = 0, resident = 0, occupancy = 0, consent;
    int rc = db_scalar_int(db, &district, "SELECT district_id FROM places WHERE id = $1", "i",
                           ids[demo_people[i].building]);
    if (rc == HW_OK)
        rc = db_scalar_int(db, &resident,
                           "SELECT id FROM residents WHERE district_id = $1 AND id_number = $2",
                           "is", district, demo_people[i].id_number);
    if (rc == HW_OK && demo_people[i].party_org) {
        struct arena *a = arena_create();
        struct resident r;
        const char *bad = NULL;
        rc = a ? resident_load(db, a, resident, &r) : HW_ENOMEM;
        if (rc == HW_OK)
            rc = db_scalar_int(db, &r.party_org_id,
                               "SELECT id FROM party_orgs WHERE district_id = $1 AND name = $2",
                               "is", district, demo_people[i].party_org);
        if (rc == HW_OK)
            rc = resident_update(db, resident, &r, &bad);
        arena_destroy(a);
    }
    if (rc == HW_OK && demo_people[i].moved_out &&
        (rc = db_scalar_int(db, &occupancy,
                            "SELECT id FROM occupancies WHERE resident_id = $1"
                            " AND moved_out IS NULL ORDER BY id LIMIT 1",
                            "i", resident)) == HW_OK)
        rc = occupancy_end(db, occupancy, demo_people[i].moved_out);
    if (rc == HW_OK && demo_people[i].consent)
        rc = consent_add(db, resident, demo_people[i].consent, demo_people[i].consent_by, 0,
                         &consent);
    return rc;
}

static int demo_residents(struct db *db, const int64_t ids[P_COUNT])
{
    static const enum demo_place communities[] = {P_JULONGHU, P_JIANKANG};
    static struct demo_sheet sheet;
    int rc = HW_OK;
    for (size_t c = 0; rc == HW_OK && c < sizeof communities / sizeof communities[0]; c++)
        if ((rc = demo_sheet(communities[c], &sheet)) == HW_OK)
            rc = demo_import(db, ids[communities[c]], &sheet);
    for (size_t i = 0; rc == HW_OK && i < sizeof demo_people / sizeof demo_people[0]; i++)
        if ((rc = demo_person_extras(db, ids, i)) != HW_OK)
            log_error("demo: cannot complete resident %s (%s)", demo_people[i].name,
                      hw_strerror(rc));
    return rc;
}

int demo_load(struct db *db, FILE *out)
{
    int64_t existing = 0;
    int rc = db_scalar_int(db, &existing, "SELECT count(*) FROM places WHERE name = $1", "s",
                           places[0].name);
    if (rc != HW_OK)
        return rc;
    if (existing)
        return HW_ECONFLICT;

    /* Hash first: argon2id is slow, and no write lock should wait on it. */
    char passwords[N_USERS][DEMO_PASSWORD_LEN + 1];
    static char hashes[N_USERS][PASSWORD_HASH_LEN];
    for (int i = 0; i < N_USERS; i++) {
        random_password(passwords[i]);
        struct user_new u = {.login = users[i].login, .password = passwords[i],
                             .name = users[i].name, .phone = users[i].phone};
        const char *bad = NULL;
        if ((rc = user_prepare(&u, hashes[i], &bad)) != HW_OK)
            return rc;
    }

    int64_t ids[P_COUNT] = {0};
    if ((rc = db_begin(db, DB_TXN_WRITE)) != HW_OK)
        return rc;
    struct audit_entry e = {.action = "demo_loaded", .ip = "cli"};
    if ((rc = insert_places(db, ids)) == HW_OK && (rc = insert_users(db, ids, hashes)) == HW_OK &&
        (rc = demo_orgs(db, ids)) == HW_OK && (rc = demo_residents(db, ids)) == HW_OK &&
        (rc = demo_notify(db)) == HW_OK && (rc = audit_record(db, &e)) == HW_OK)
        rc = db_commit(db);
    if (rc != HW_OK) {
        db_rollback(db);
        return rc;
    }
    fprintf(out, "# demo accounts (shown once; change them with: hongwu user passwd LOGIN)\n");
    for (int i = 0; i < N_USERS; i++)
        fprintf(out, "%s\t%s\n", users[i].login, passwords[i]);
    sodium_memzero(passwords, sizeof passwords);
    return HW_OK;
}
