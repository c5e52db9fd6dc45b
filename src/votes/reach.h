/* Who reaches a vote: everyone whose scope shares a place with the vote's
 * compound or building. Staff of the community or sub-district above it,
 * the owners' committee of its compound, and the owners, building leaders
 * and grid workers of the homes it counts: some place of the vote's compound
 * (or building) lies in the caller's scope. A draft reaches only those who
 * may call votes. */
#ifndef HONGWU_VOTES_REACH_H
#define HONGWU_VOTES_REACH_H

#include <stdbool.h>
#include <stdint.h>

#include "kit/principal.h"
#include "kit/scope.h"
#include "store/db.h"

/* For the vote record kind (struct scope_record.visible): HW_OK or
 * HW_ENOTFOUND, the same for reading and changing. */
int vote_reach(struct db *db, const struct principal *who, int64_t id, bool write);

/* The same as a condition on a votes row `v` for a list, the caller's scope
 * bound at parameter param. */
void vote_reach_sql(const struct principal *who, int param, char *cond, size_t size,
                    int64_t *value);

#endif
