/* The scope rule (kit/scope.h) for the records of jobs and notifications
 * that routes name by {id}: the router checks it before the handler. */
#include <stdio.h>

#include "base/err.h"
#include "kit/jobs_http.h"
#include "kit/notify_http.h"
#include "kit/scope.h"

/* A row of table with a district_id: the caller's sub-district's; an
 * installation admin's are all (NULL district: installation-wide rows). */
static int district_reach(struct db *db, const struct principal *who, const char *table, int64_t id)
{
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM %s WHERE id = $1 AND %s", table,
             scope_sees_everything(who) ? "$2 = 0" : "district_id = $2");
    int64_t n = 0;
    int rc = db_scalar_int(db, &n, sql, "ii", id,
                           scope_sees_everything(who) ? (int64_t)0 : who->district_id);
    if (rc != HW_OK)
        return rc;
    return n ? HW_OK : HW_ENOTFOUND;
}

int jobs_record_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    (void)write;
    if (who->role != ROLE_ADMIN)
        return HW_ENOTFOUND;
    return district_reach(db, who, "jobs", id);
}

int announcement_record_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    (void)write;
    return district_reach(db, who, "announcements", id);
}

int webhook_record_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    (void)write;
    return district_reach(db, who, "webhooks", id);
}

/* An inbox item is its owner's alone, an admin's included. */
int notification_record_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    (void)write;
    int64_t n = 0;
    int rc =
        db_scalar_int(db, &n, "SELECT count(*) FROM notifications WHERE id = $1 AND user_id = $2",
                      "ii", id, who->user_id);
    if (rc != HW_OK)
        return rc;
    return n ? HW_OK : HW_ENOTFOUND;
}
