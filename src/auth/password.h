/* Password hashing with argon2id (libsodium). Each hash takes 64 MiB, so a
 * semaphore bounds how many run at once and many logins cannot exhaust memory. */
#ifndef HONGWU_AUTH_PASSWORD_H
#define HONGWU_AUTH_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

enum { PASSWORD_MIN_LEN = 10, PASSWORD_MAX_LEN = 128, PASSWORD_HASH_LEN = 128 };

/* Once at start-up, before threads: initialises libsodium and the semaphore. */
int password_init(unsigned max_concurrent);

/* HW_ELIMIT when no hashing slot frees up in time. */
int password_hash(const char *password, char out[PASSWORD_HASH_LEN]);
/* HW_OK on a match, HW_EAUTH on a mismatch. stored may be NULL (unknown
 * account): a dummy hash is then checked so timing does not reveal it. */
int password_verify(const char *stored, const char *password);

/* Length and shape rules for a new password. */
bool password_acceptable(const char *password);

#endif
