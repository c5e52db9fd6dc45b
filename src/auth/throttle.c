#include "auth/throttle.h"

#include "base/clock.h"
#include "base/err.h"

int throttle_attempt(struct db *db, const char *key, int max, int64_t *retry_after)
{
    int64_t now = clock_now();
    /* One statement counts and reads: a locked key keeps its count, a lock
     * or a window that has run out starts a new window at 1. The row stays
     * locked by this transaction until it ends, so concurrent attempts on
     * one key count one after another. */
    struct db_stmt *st;
    int rc = db_query_row(
        db, &st,
        "INSERT INTO login_throttle (key, failures, window_start, locked_until)"
        " VALUES ($1, 1, $2, 0) ON CONFLICT (key) DO UPDATE SET"
        " failures = CASE WHEN login_throttle.locked_until > $2 THEN login_throttle.failures"
        "   WHEN login_throttle.locked_until > 0 OR login_throttle.window_start <= $3 THEN 1"
        "   ELSE login_throttle.failures + 1 END,"
        " window_start = CASE WHEN login_throttle.locked_until > $2"
        "   THEN login_throttle.window_start"
        "   WHEN login_throttle.locked_until > 0 OR login_throttle.window_start <= $3 THEN $2"
        "   ELSE login_throttle.window_start END,"
        " locked_until = CASE WHEN login_throttle.locked_until > $2"
        "   THEN login_throttle.locked_until ELSE 0 END"
        " RETURNING failures, locked_until",
        "sii", key, now, now - THROTTLE_WINDOW_S);
    if (rc != HW_OK)
        return rc;
    int64_t attempts = db_col_int(st, 0);
    int64_t locked_until = db_col_int(st, 1);
    db_reset(st);
    if (locked_until > now) {
        *retry_after = locked_until - now;
        return HW_ELIMIT;
    }
    if (attempts <= max)
        return HW_OK;
    /* One attempt too many: lock the key, and this attempt is not one. */
    int64_t n = db_run(db,
                       "UPDATE login_throttle SET locked_until = $1, failures = $2"
                       " WHERE key = $3",
                       "iis", now + THROTTLE_LOCK_S, (int64_t)max, key);
    if (n < 0)
        return (int)n;
    *retry_after = THROTTLE_LOCK_S;
    return HW_ELIMIT;
}

int throttle_clear(struct db *db, const char *key)
{
    int64_t n = db_run(db, "DELETE FROM login_throttle WHERE key = $1", "s", key);
    return n < 0 ? (int)n : HW_OK;
}

int throttle_forgive(struct db *db, const char *key)
{
    int64_t n = db_run(db,
                       "UPDATE login_throttle SET failures = failures - 1"
                       " WHERE key = $1 AND failures > 0 AND locked_until = 0",
                       "s", key);
    return n < 0 ? (int)n : HW_OK;
}
