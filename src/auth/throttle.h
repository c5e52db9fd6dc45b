/* Failed-login throttling, kept in the database so every server process
 * sees the same counts: per account and per client address. */
#ifndef HONGWU_AUTH_THROTTLE_H
#define HONGWU_AUTH_THROTTLE_H

#include <stdint.h>

#include "store/db.h"

enum {
    THROTTLE_WINDOW_S = 15 * 60,
    THROTTLE_LOCK_S = 15 * 60,
    THROTTLE_ACCOUNT_MAX = 5, /* failures per account per window */
    THROTTLE_ADDRESS_MAX = 20, /* failures per address per window: a shared office NAT */
};

/* HW_ELIMIT with *retry_after seconds when key is locked. */
int throttle_check(struct db *db, const char *key, int64_t *retry_after);
/* Counts one failure; locks the key once max failures fall in one window. */
int throttle_fail(struct db *db, const char *key, int max);
int throttle_clear(struct db *db, const char *key);

#endif
