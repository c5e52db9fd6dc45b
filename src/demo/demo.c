#include "demo/demo.h"

#include <sodium.h>
#include <string.h>

#include "audit/audit.h"
#include "auth/password.h"
#include "auth/users.h"
#include "base/err.h"
#include "base/log.h"
#include "place/place.h"

/* Places: 新都街道 and 聚龙湖社区 (seeds/001), 紫薇花园 with its property
 * company (001), 康欣花园 (004), a compound without a property company in a
 * zone (002), and a neighbouring sub-district that must stay invisible. */
enum demo_place {
    P_XINDU,
    P_JULONGHU,
    P_GRID1,
    P_GRID2,
    P_GRID3,
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
            /* 老粮站小区 has no property company: a shared team serves its zone (seeds/002). */
            .zone_id = places[i].self == P_LAOLIANGZHAN ? ids[P_ZONE1] : 0,
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
        (rc = audit_record(db, &e)) == HW_OK)
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
