/* The tracking code a complainant gets at filing: 16 symbols of Crockford's
 * base 32 (80 random bits from libsodium), shown as XXXX-XXXX-XXXX-XXXX.
 * Only its BLAKE2b hash is stored, as with session tokens: the code is too
 * random to guess, so a hash without salt keeps it as safe. */
#ifndef HONGWU_OVERSIGHT_TRACKING_H
#define HONGWU_OVERSIGHT_TRACKING_H

#include <stddef.h>

enum {
    OVERSIGHT_CODE_SYMBOLS = 16,
    OVERSIGHT_CODE_SIZE = 20, /* four groups of four, three dashes, NUL */
    OVERSIGHT_CODE_HASH_SIZE = 65,
};

/* A new code, dashed. HW_OK, or an error when libsodium is not ready. */
int oversight_code_new(char out[OVERSIGHT_CODE_SIZE]);

/* The code as typed (any case, dashes and spaces anywhere, O for 0, I or L
 * for 1) to its 16 symbols; HW_EINVAL when it cannot be one. */
int oversight_code_normalize(const char *typed, char out[OVERSIGHT_CODE_SYMBOLS + 1]);

/* The stored hash of a typed code: lower-case hex; HW_EINVAL as above. */
int oversight_code_hash(const char *typed, char out[OVERSIGHT_CODE_HASH_SIZE]);

#endif
