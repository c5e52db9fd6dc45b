#include "kit/kit_demo.h"

#include <jansson.h>

#include "base/err.h"
#include "base/log.h"
#include "kit/notify_core.h"
#include "kit/webhook_core.h"

int kit_demo(struct db *db, const struct demo_env *env)
{
    int64_t officer;
    int rc = demo_user_id(db, "demo-subdistrict-officer", &officer);
    struct db_stmt *st;
    if (rc == HW_OK)
        rc = db_query_row(db, &st, "SELECT scope_id, district_id FROM users WHERE id = $1", "i",
                          officer);
    if (rc != HW_OK)
        return rc;
    int64_t scope = db_col_int(st, 0), district = db_col_int(st, 1);
    db_reset(st);

    json_t *events = json_pack("[s]", "announcement");
    if (!events)
        return HW_ENOMEM;
    struct webhook_new w = {.district_id = district,
                            .url = "http://127.0.0.1:9/",
                            .events = events,
                            .enabled = true,
                            .created_by = officer};
    char secret[WEBHOOK_SECRET_SIZE];
    int64_t id;
    rc = webhook_create(db, &w, &id, secret);
    json_decref(events);
    if (rc != HW_OK)
        return rc;
    struct announcement_new a = {
        .district_id = district,
        .scope_id = scope,
        .author_id = officer,
        .title = "欢迎使用红物网格治理平台",
        .body = "这是新都街道的一条示例公告：街道、社区发布的通知按时送达辖区内每位用户的收件箱。\n"
                "示例 webhook 指向 "
                "http://127.0.0.1:9/（无人接收），在它的投递记录里可以看到失败与重试。",
        .deliver_at = env->now,
        .deliver_now = true,
    };
    if ((rc = announcement_create(db, &a, &id)) != HW_OK)
        log_error("demo: cannot add the announcement (%s)", hw_strerror(rc));
    return rc;
}
