/* The demo's accounts (kit/demo_env.h). */
#ifndef HONGWU_AUTH_AUTH_DEMO_H
#define HONGWU_AUTH_AUTH_DEMO_H

#include "kit/demo_env.h"

/* One account per role, each on a place of the demo (place_demo), with a
 * random password kept in env to be shown once. */
int auth_demo(struct db *db, const struct demo_env *env);

#endif
