/* Accounts: signing in and out, who am I, and the administration of
 * accounts. Their tables are the foundation's (kit/schema/001). */
#include "auth/auth_capability.h"

#include "auth/auth_demo.h"
#include "auth/auth_http.h"
#include "auth/users.h"
#include "base/err.h"

static const struct field_message messages[] = {
    {"login", "登录名须为 3–64 位小写字母、数字或 _.-", "3-64 lowercase letters, digits or _.-"},
    {"password", "密码至少 10 位", "at least 10 characters"},
    {"phone", "请输入 11 位手机号码", "an 11-digit mainland mobile number"},
    {"scope_id", "该角色不能绑定到这个范围", "this role cannot be bound to that place"},
    {"role", "没有这个角色", "no such role"},
    {"name", "姓名须为 1–64 个字符", "1-64 characters"},
};

/* An account is its owner's to read; an admin reads and changes those of
 * its sub-district (every one for an installation admin). */
static int account_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    if (id == who->user_id && !write)
        return HW_OK;
    if (who->role != ROLE_ADMIN)
        return HW_ENOTFOUND;
    int64_t district = 0;
    int rc = user_district(db, id, &district);
    if (rc != HW_OK)
        return rc;
    return scope_sees_everything(who) || district == who->district_id ? HW_OK : HW_ENOTFOUND;
}

static const struct scope_record records[] = {
    {.kind = "user", .table = "users", .places_sql = "SELECT scope_id FROM users WHERE id = $1",
     .visible = account_reach},
};

#define R(...) CAPABILITY_ROUTE(messages, __VA_ARGS__)
#define ON(...) CAPABILITY_ROUTE_ON(messages, "user", __VA_ARGS__)
static const struct route routes[] = {
    R("POST", "/api/v1/auth/login", auth_http_login, PERM_PUBLIC),
    R("POST", "/api/v1/auth/logout", auth_http_logout, PERM_SIGNED_IN),
    R("GET", "/api/v1/auth/me", auth_http_me, PERM_SIGNED_IN),
    R("GET", "/api/v1/users", users_http_list, PERM_USER_ADMIN),
    R("POST", "/api/v1/users", users_http_create, PERM_USER_ADMIN),
    ON("GET", "/api/v1/users/{id}", users_http_get, PERM_USER_READ),
    ON("PATCH", "/api/v1/users/{id}", users_http_patch, PERM_USER_ADMIN),
};

const struct capability auth_capability = {
    .name = "auth",
    .routes = routes,
    .nroutes = CAPABILITY_COUNT_OF(routes),
    .records = records,
    .nrecords = CAPABILITY_COUNT_OF(records),
    .messages = messages,
    .nmessages = CAPABILITY_COUNT_OF(messages),
    .demo = auth_demo,
};
