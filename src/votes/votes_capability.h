/* Owners' votes under Civil Code art. 278 (docs/api-votes.md). */
#ifndef HONGWU_VOTES_VOTES_CAPABILITY_H
#define HONGWU_VOTES_VOTES_CAPABILITY_H

#include "kit/capability.h"
#include "kit/demo_env.h"

extern const struct capability votes_capability;

/* votes_demo.c: the elevator vote of 紫薇花园 and a vote still open. */
int votes_demo(struct db *db, const struct demo_env *env);

#endif
