#include "auth/auth_demo.h"

#include <sodium.h>

#include "auth/password.h"
#include "auth/users.h"
#include "base/err.h"
#include "base/log.h"

static const struct {
    const char *login, *name, *role, *phone;
    const char *scope; /* a place's path (demo_place_at), or NULL */
} users[] = {
    {"demo-admin", "系统管理员", "admin", NULL, NULL},
    {"demo-subdistrict-officer", "王志斌", "subdistrict_officer", "13805110001", "新都街道"},
    {"demo-community-staff", "张玉", "community_staff", "13805110002", "新都街道/聚龙湖社区"},
    {"demo-property-staff", "余坤荣", "property_staff", "13805110003",
     "新都街道/聚龙湖社区/紫薇花园"},
    {"demo-owners-committee", "李芝霞", "owners_committee", "13805110004",
     "新都街道/聚龙湖社区/紫薇花园"},
    {"demo-grid-leader", "孙达", "grid_leader", "13805110005", "新都街道/聚龙湖社区/第一网格"},
    {"demo-grid-worker", "董甜", "grid_worker", "13805110006", "新都街道/聚龙湖社区/第一网格"},
    {"demo-building-leader", "李宗元", "building_leader", "13805110007",
     "新都街道/聚龙湖社区/紫薇花园/1幢"},
    {"demo-party-member", "缪蓉", "party_member", "13805110008",
     "新都街道/聚龙湖社区/紫薇花园/1幢"},
    {"demo-alliance-unit", "盐南医院", "alliance_unit", "13805110009", "新都街道/聚龙湖社区"},
    {"demo-volunteer", "林兰", "volunteer", "13805110010", "新都街道/聚龙湖社区"},
    {"demo-inspector", "梅永生", "inspector", "13805110011", "新都街道"},
    {"demo-resident", "吕文娟", "resident", "13805110012",
     "新都街道/聚龙湖社区/紫薇花园/1幢/1单元/101"},
    {"demo2-community-staff", "张涛", "community_staff", "13805120001", "盐渎街道/健康社区"},
};

enum { DEMO_PASSWORD_LEN = 12 };

/* Readable on a phone and over the phone: no 0/O, 1/l/I. */
static void random_password(char out[DEMO_PASSWORD_LEN + 1])
{
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (int i = 0; i < DEMO_PASSWORD_LEN; i++)
        out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    out[DEMO_PASSWORD_LEN] = '\0';
}

static int add_user(struct db *db, const struct demo_env *env, size_t i)
{
    char password[DEMO_PASSWORD_LEN + 1];
    char hash[PASSWORD_HASH_LEN];
    random_password(password);
    struct user_new u = {.login = users[i].login,
                         .password = password,
                         .name = users[i].name,
                         .phone = users[i].phone};
    const char *bad = NULL;
    int rc = role_parse(users[i].role, &u.role);
    if (rc == HW_OK && users[i].scope)
        rc = demo_place_at(db, users[i].scope, &u.scope_id);
    if (rc == HW_OK)
        rc = user_prepare(&u, hash, &bad);
    int64_t id;
    if (rc == HW_OK)
        rc = user_insert(db, &u, hash, &id, &bad);
    if (rc == HW_OK)
        rc = demo_account_made(env, users[i].login, password);
    if (rc != HW_OK)
        log_error("demo: cannot create %s (%s)", users[i].login, bad ? bad : hw_strerror(rc));
    sodium_memzero(password, sizeof password);
    return rc;
}

int auth_demo(struct db *db, const struct demo_env *env)
{
    int rc = HW_OK;
    for (size_t i = 0; rc == HW_OK && i < sizeof users / sizeof users[0]; i++)
        rc = add_user(db, env, i);
    return rc;
}
