/* Owners' names in a vote's lists, as each role may see them. */
#ifndef HONGWU_VOTES_NAMES_H
#define HONGWU_VOTES_NAMES_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "kit/principal.h"
#include "store/db.h"

/* Whole names: those who run the vote or keep the register (the
 * owners' committee, community staff, sub-district officers, admins) and
 * the discipline inspector who checks it. Everyone else, an owner
 * included, sees other owners' names masked ("王*"), their own household's
 * and those of the units they own whole (PIPL art. 6: what their part in
 * the vote needs). */
bool votes_sees_owner_names(const struct principal *who);

/* The names of the owners of dwelling_id, as who may see them: its owners
 * frozen in the electorate's head head_id, or with head_id 0 its current
 * owners on the register. */
int votes_owner_names(struct db *db, const struct principal *who, int64_t dwelling_id,
                      int64_t head_id, json_t **out);

#endif
