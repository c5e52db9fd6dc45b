/* What every capability's demo data is given (struct capability.demo).
 *
 * `hongwu demo` runs each capability's demo in the order of the application's
 * list, all in one transaction: a capability finds the records an earlier
 * one made by name, with the lookups below, never by a shared table of ids.
 * A demo writes through its capability's own functions, as the command line
 * would, and returns HW_OK or the error that rolls the whole demo back. */
#ifndef HONGWU_KIT_DEMO_ENV_H
#define HONGWU_KIT_DEMO_ENV_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

enum { DEMO_ACCOUNTS_MAX = 32, DEMO_LOGIN_MAX = 64, DEMO_PASSWORD_MAX = 64 };

/* The accounts a demo made and their passwords, printed once after the
 * demo commits ("login<TAB>password"). */
struct demo_accounts {
    struct {
        char login[DEMO_LOGIN_MAX];
        char password[DEMO_PASSWORD_MAX];
    } rows[DEMO_ACCOUNTS_MAX];
    size_t n;
};

struct demo_env {
    int64_t now;                    /* clock_now() when the demo is loaded */
    struct demo_accounts *accounts; /* where demo_account_made writes */
};

/* Keeps an account's password to show once the demo has committed.
 * HW_ELIMIT when the list is full or a value too long. */
int demo_account_made(const struct demo_env *env, const char *login, const char *password);

/* The id of the one place of that kind and name (kinds: kit/place_kinds.h).
 * HW_ENOTFOUND when there is none, HW_ECONFLICT when several share the name
 * (use demo_child_id with the parent). */
int demo_place_id(struct db *db, const char *kind, const char *name, int64_t *id);

/* The id of the place of that kind and name directly under parent_id. */
int demo_child_id(struct db *db, int64_t parent_id, const char *kind, const char *name,
                  int64_t *id);

/* The id of the place at path: names from a sub-district down, joined by
 * '/', as "新都街道/聚龙湖社区/紫薇花园/1幢". HW_ENOTFOUND when a step is
 * missing, HW_ECONFLICT when a step names two places. */
int demo_place_at(struct db *db, const char *path, int64_t *id);

/* The id of the account with that login. HW_ENOTFOUND when there is none. */
int demo_user_id(struct db *db, const char *login, int64_t *id);

#endif
