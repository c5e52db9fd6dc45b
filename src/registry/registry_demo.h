/* The demo's organizations, party tree, party cards and posts
 * (kit/demo_env.h). */
#ifndef HONGWU_REGISTRY_REGISTRY_DEMO_H
#define HONGWU_REGISTRY_REGISTRY_DEMO_H

#include "kit/demo_env.h"

/* On the demo's places (place_demo), the posts held by its accounts
 * (auth_demo). */
int registry_demo(struct db *db, const struct demo_env *env);

#endif
