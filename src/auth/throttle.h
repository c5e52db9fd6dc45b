/* Failed-login throttling, kept in the database so every server process
 * sees the same counts: per account and per client address.
 *
 * An attempt is counted before its password is checked, and the count and
 * the decision are one statement on a row the transaction then holds (a row
 * lock on PostgreSQL, the write lock on SQLite): however many attempts run
 * at once, in however many threads and processes, at most max of them per
 * window get a password checked. A successful sign-in takes its attempt
 * back (throttle_clear, throttle_forgive). */
#ifndef HONGWU_AUTH_THROTTLE_H
#define HONGWU_AUTH_THROTTLE_H

#include <stdint.h>

#include "store/db.h"

enum {
    THROTTLE_WINDOW_S = 15 * 60,
    THROTTLE_LOCK_S = 15 * 60,
    THROTTLE_ACCOUNT_MAX = 5,  /* attempts per account per window */
    THROTTLE_ADDRESS_MAX = 20, /* attempts per address per window: a shared office NAT */
};

/* Counts one attempt on key, inside the caller's write transaction. HW_OK
 * when it may go on; HW_ELIMIT with *retry_after seconds when key is locked,
 * or has now had more than max attempts in one window and is locked by this
 * one (the attempt is then not counted). */
int throttle_attempt(struct db *db, const char *key, int max, int64_t *retry_after);
/* Forgets key's attempts: the account signed in. */
int throttle_clear(struct db *db, const char *key);
/* Takes back one counted attempt on key: it succeeded. */
int throttle_forgive(struct db *db, const char *key);

#endif
