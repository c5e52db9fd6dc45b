/* The keys of Open311 client applications (docs/open311.md, "Keys"): each
 * named, bound to one sub-district, issued and revoked at the command line
 * (`hongwu apikey`). A key is 32 random bytes shown once; only its BLAKE2b
 * hash is stored, so a copy of the database yields no key. */
#ifndef HONGWU_OPEN311_APIKEY_H
#define HONGWU_OPEN311_APIKEY_H

#include <stdbool.h>
#include <stdint.h>

#include "kit/write.h"
#include "store/db.h"

enum {
    OPEN311_KEY_NAME_MAX = 64,
    /* "o311_" and 64 hex digits, and the NUL. */
    OPEN311_KEY_SIZE = 5 + 64 + 1,
};

/* A key's name: 1 to OPEN311_KEY_NAME_MAX letters, digits, '.', '-' or
 * '_', starting with a letter (so it is never taken for an id). */
bool open311_key_name_valid(const char *name);

/* Issues a key named name for sub-district district_id, audited as a's
 * write; the key itself goes to key, never to the database or the log.
 * HW_EINVAL with *bad_field ("name", "district_id"), HW_ECONFLICT when the
 * name is taken. */
int open311_key_issue(struct db *db, const struct actor *a, const char *name,
                      int64_t district_id, char key[OPEN311_KEY_SIZE], int64_t *id,
                      const char **bad_field);

/* The key named name_or_id (a name, or an id in digits). HW_ENOTFOUND. */
int open311_key_find(struct db *db, const char *name_or_id, int64_t *id);

/* Revokes key id, audited; one already revoked stays as it was (*already
 * set). HW_ENOTFOUND when there is none. */
int open311_key_revoke(struct db *db, const struct actor *a, int64_t id, bool *already);

/* A live key as a client presents it. */
struct open311_client {
    int64_t key_id, district_id;
    char name[OPEN311_KEY_NAME_MAX + 1];
};

/* The live (not revoked) key matching key: HW_OK, HW_EAUTH when there is
 * none (absent, malformed, unknown or revoked), or a database error. */
int open311_key_check(struct db *db, const char *key, struct open311_client *out);

#endif
