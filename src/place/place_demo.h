/* The demo's places (kit/demo_env.h). */
#ifndef HONGWU_PLACE_PLACE_DEMO_H
#define HONGWU_PLACE_PLACE_DEMO_H

#include "kit/demo_env.h"

/* 新都街道 and 聚龙湖社区 with their grids, compounds and buildings, and a
 * neighbouring sub-district, 盐渎街道, that must stay invisible. */
int place_demo(struct db *db, const struct demo_env *env);

#endif
