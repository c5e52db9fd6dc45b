/* Grid care (网格关怀): household tiers, visit schedules, visits, the 户情图
 * data, and the log books (docs/api-care.md). */
#ifndef HONGWU_CARE_CARE_CAPABILITY_H
#define HONGWU_CARE_CARE_CAPABILITY_H

#include "kit/capability.h"
#include "kit/demo_env.h"

extern const struct capability care_capability;

/* Tiers with and without consent, a week of visits, a mediation
 * (care_demo.c). */
int care_demo(struct db *db, const struct demo_env *env);

#endif
