/* Which person a resident's account is: an account of role resident is bound
 * to a dwelling (its scope), and staff who may change residents there link it
 * to the one resident of the registry it speaks for. Owners' votes read the
 * link: only an account linked to an owner casts an owner's ballot online
 * (Civil Code art. 278; docs/api-votes.md). Every function runs inside the
 * caller's transaction; the routes are in resident_account_http.c. */
#ifndef HONGWU_REGISTRY_RESIDENT_ACCOUNT_H
#define HONGWU_REGISTRY_RESIDENT_ACCOUNT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "registry/resident.h"
#include "store/db.h"

/* What the linking rule looks at. */
struct resident_account_facts {
    bool resident_role;      /* the account is of role resident */
    int64_t account_district; /* the account's sub-district */
    int64_t resident_district; /* the resident's (0: no such resident) */
    bool lives_there; /* the resident lives now (moved_out NULL) in the account's dwelling */
};

/* The linking rule: true, or false with *fault naming the field and what it
 * asks in Chinese and English. An account speaks for someone who lives in
 * its home now, of the same sub-district. */
bool resident_account_link_check(const struct resident_account_facts *f,
                                 struct resident_fault *fault);

/* Reads the facts for linking account user_id to resident_id.
 * HW_ENOTFOUND when there is no such account. */
int resident_account_facts_read(struct db *db, int64_t user_id, int64_t resident_id,
                                struct resident_account_facts *out);

/* Links user_id to resident_id (replacing an earlier link), by user by at
 * now; *changed false when it was linked to that resident already. The
 * caller has checked the rule. */
int resident_account_link(struct db *db, int64_t user_id, int64_t resident_id, int64_t by,
                          int64_t now, bool *changed);

/* Removes the link; *changed false when there was none. */
int resident_account_unlink(struct db *db, int64_t user_id, bool *changed);

/* The resident user_id speaks for: HW_ENOTFOUND when not linked. */
int resident_account_resident(struct db *db, int64_t user_id, int64_t *resident_id);

/* The account and its link: {"user_id","login","name","dwelling_id","label",
 * "linked","resident_id","relation" (the resident's relation to the
 * account's dwelling now, or null),"linked_by","linked_at"}; null members
 * when not linked. No personal data beyond the account's own name. */
int resident_account_json(struct db *db, int64_t user_id, json_t **out);

#endif
