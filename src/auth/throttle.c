#include "auth/throttle.h"

#include "base/clock.h"
#include "base/err.h"

int throttle_check(struct db *db, const char *key, int64_t *retry_after)
{
    int64_t until = 0;
    int rc = db_scalar_int(db, &until, "SELECT locked_until FROM login_throttle WHERE key = $1",
                           "s", key);
    if (rc == HW_ENOTFOUND)
        return HW_OK;
    if (rc != HW_OK)
        return rc;
    int64_t now = clock_now();
    if (until > now) {
        *retry_after = until - now;
        return HW_ELIMIT;
    }
    return HW_OK;
}

int throttle_fail(struct db *db, const char *key, int max)
{
    int64_t now = clock_now();
    /* A failure after the window has passed starts a new window. */
    int64_t failures = 0;
    int rc = db_scalar_int(
        db, &failures,
        "INSERT INTO login_throttle (key, failures, window_start, locked_until)"
        " VALUES ($1, 1, $2, 0) ON CONFLICT (key) DO UPDATE SET"
        " failures = CASE WHEN login_throttle.window_start <= $3 THEN 1"
        "                 ELSE login_throttle.failures + 1 END,"
        " window_start = CASE WHEN login_throttle.window_start <= $3 THEN $2"
        "                     ELSE login_throttle.window_start END"
        " RETURNING failures",
        "sii", key, now, now - THROTTLE_WINDOW_S);
    if (rc != HW_OK)
        return rc;
    if (failures >= max) {
        int64_t n = db_run(db, "UPDATE login_throttle SET locked_until = $1, failures = 0,"
                               " window_start = $2 WHERE key = $3",
                           "iis", now + THROTTLE_LOCK_S, now, key);
        if (n < 0)
            return (int)n;
    }
    return HW_OK;
}

int throttle_clear(struct db *db, const char *key)
{
    int64_t n = db_run(db, "DELETE FROM login_throttle WHERE key = $1", "s", key);
    return n < 0 ? (int)n : HW_OK;
}
