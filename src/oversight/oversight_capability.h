/* Supervision (纪检监察前哨 and the 红黑榜): complaints to the discipline
 * inspector, and the quarterly evaluation of property companies with its
 * published red-black list (docs/api-oversight.md). */
#ifndef HONGWU_OVERSIGHT_OVERSIGHT_CAPABILITY_H
#define HONGWU_OVERSIGHT_OVERSIGHT_CAPABILITY_H

#include "kit/capability.h"
#include "kit/demo_env.h"

extern const struct capability oversight_capability;

/* A third property company, a quarter of work orders for each, third-party
 * scores, complaints (one upheld) and the last full quarter published
 * (oversight_demo.c). */
int oversight_demo(struct db *db, const struct demo_env *env);

#endif
