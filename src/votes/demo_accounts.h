/* The demo's resident accounts, each linked to the person it speaks for
 * (registry/resident_account.h), so that the owners among them vote online
 * and the others are refused as the API refuses them. */
#ifndef HONGWU_VOTES_DEMO_ACCOUNTS_H
#define HONGWU_VOTES_DEMO_ACCOUNTS_H

#include <stdint.h>

#include "kit/demo_env.h"
#include "store/db.h"

/* A new resident account bound to dwelling, its password printed with the
 * others, linked to the resident named resident living there. */
int votes_demo_account(struct db *db, const struct demo_env *env, const char *login,
                       const char *name, const char *phone, int64_t dwelling, const char *resident,
                       int64_t *id);

/* Links the demo's accounts of role resident that the registry's residents
 * were imported after (demo-resident), and adds demo-tenant (a tenant of
 * 紫薇花园 1幢, whose roof vote is open) and demo2-resident (盐渎街道). */
int votes_demo_accounts(struct db *db, const struct demo_env *env);

#endif
