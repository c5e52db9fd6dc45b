#include "votes/demo_accounts.h"

#include <sodium.h>

#include "auth/password.h"
#include "auth/users.h"
#include "base/err.h"
#include "base/log.h"
#include "registry/resident_account.h"

/* The linking rule of the API (resident_account_link_check), the demo as actor. */
static int link_account(struct db *db, int64_t user, const char *resident, int64_t now)
{
    int64_t rid = 0;
    int rc = db_scalar_int(db, &rid,
                           "SELECT o.resident_id FROM users u JOIN occupancies o"
                           " ON o.dwelling_id = u.scope_id AND o.moved_out IS NULL"
                           " JOIN residents r ON r.id = o.resident_id"
                           " WHERE u.id = $1 AND r.name = $2 ORDER BY o.id LIMIT 1",
                           "is", user, resident);
    struct resident_account_facts f;
    struct resident_fault fault = {0};
    bool changed;
    if (rc == HW_OK)
        rc = resident_account_facts_read(db, user, rid, &f);
    if (rc == HW_OK && !resident_account_link_check(&f, &fault))
        rc = HW_EINVAL;
    if (rc == HW_OK)
        rc = resident_account_link(db, user, rid, 0, now, &changed);
    if (rc != HW_OK)
        log_error("votes demo: linking %s: %s", resident, fault.en ? fault.en : hw_strerror(rc));
    return rc;
}

int votes_demo_account(struct db *db, const struct demo_env *env, const char *login,
                       const char *name, const char *phone, int64_t dwelling, const char *resident,
                       int64_t *id)
{
    char password[13], hash[PASSWORD_HASH_LEN];
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (size_t i = 0; i < sizeof password - 1; i++)
        password[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
    password[sizeof password - 1] = '\0';
    struct user_new u = {.login = login, .password = password, .name = name, .phone = phone,
                         .role = ROLE_RESIDENT, .scope_id = dwelling};
    const char *bad = NULL;
    int rc = user_prepare(&u, hash, &bad);
    if (rc == HW_OK)
        rc = user_insert(db, &u, hash, id, &bad);
    if (rc == HW_OK)
        rc = demo_account_made(env, u.login, password);
    sodium_memzero(password, sizeof password);
    if (rc != HW_OK) {
        log_error("votes demo: %s: %s", login, bad ? bad : hw_strerror(rc));
        return rc;
    }
    return link_account(db, *id, resident, env->now);
}

static int dwelling_at(struct db *db, const char *building, const char *room, int64_t *id)
{
    int64_t b;
    int rc = demo_place_at(db, building, &b);
    return rc == HW_OK ? db_scalar_int(db, id,
                                       "SELECT id FROM places WHERE building_id = $1"
                                       " AND kind = 'dwelling' AND name = $2 ORDER BY id LIMIT 1",
                                       "is", b, room)
                       : rc;
}

int votes_demo_accounts(struct db *db, const struct demo_env *env)
{
    int64_t user, tenant_home, other_home;
    int rc = demo_user_id(db, "demo-resident", &user);
    if (rc == HW_OK)
        rc = link_account(db, user, "吕文娟", env->now);
    /* 孙晓明 rents 1幢 202, which no owner is registered for: he reaches the
     * roof vote and follows it, but casts no owner's ballot. */
    if (rc == HW_OK)
        rc = dwelling_at(db, "新都街道/聚龙湖社区/紫薇花园/1幢", "202", &tenant_home);
    if (rc == HW_OK)
        rc = votes_demo_account(db, env, "demo-tenant", "孙晓明", "15850000042", tenant_home,
                                "孙晓明", &user);
    /* A linked account in the other sub-district, which nobody here reaches. */
    if (rc == HW_OK)
        rc = dwelling_at(db, "盐渎街道/健康社区/惠民小区/1幢", "101", &other_home);
    if (rc == HW_OK)
        rc = votes_demo_account(db, env, "demo2-resident", "韩梅", "13805120021", other_home,
                                "韩梅", &user);
    if (rc != HW_OK)
        log_error("votes demo: the residents' accounts: %s", hw_strerror(rc));
    return rc;
}
