/* The scope rule (kit/scope.h) for the records of jobs and notifications
 * that routes name by {id}: the router checks it before the handler. */
#include "base/err.h"
#include "kit/jobs_http.h"
#include "kit/notify_http.h"
#include "kit/scope.h"

int jobs_record_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    (void)write;
    if (who->role != ROLE_ADMIN)
        return HW_ENOTFOUND;
    return scope_row_in_district(db, who, "jobs", id);
}

int announcement_record_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    (void)write;
    return scope_row_in_district(db, who, "announcements", id);
}

int webhook_record_reach(struct db *db, const struct principal *who, int64_t id, bool write)
{
    (void)write;
    return scope_row_in_district(db, who, "webhooks", id);
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
