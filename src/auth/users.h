/* Accounts: creation (CLI, demo and API share user_create), JSON views with
 * masked phones, and the /api/v1/users routes. */
#ifndef HONGWU_AUTH_USERS_H
#define HONGWU_AUTH_USERS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "kit/principal.h"
#include "store/db.h"

struct user_new {
    const char *login, *password, *name, *phone; /* phone may be NULL */
    enum role role;
    int64_t scope_id; /* 0: no scope (only an installation admin) */
};

enum { USER_FIELDS = 4 };
/* The fields of u that break the rules (login, name, phone, password), all
 * of them, so a form can mark each; returns how many. */
int user_bad_fields(const struct user_new *u, const char *bad[USER_FIELDS]);

/* Validates u and hashes its password (slow: call outside a transaction).
 * HW_EINVAL with the offending field in *bad_field. */
int user_prepare(const struct user_new *u, char hash[128], const char **bad_field);
/* Inserts a prepared account after checking its scope. HW_EINVAL for a bad
 * scope, HW_ECONFLICT for a login already taken (*bad_field says which). */
int user_insert(struct db *db, const struct user_new *u, const char *hash, int64_t *id,
                const char **bad_field);

/* The account as JSON; the phone is masked unless unmask. */
int user_json(struct db *db, int64_t id, bool unmask, json_t **out);

/* The account's sub-district (0 for an installation admin); HW_ENOTFOUND if none. */
int user_district(struct db *db, int64_t id, int64_t *district_id);

#endif
