/* The demo's notifications (kit/demo_env.h): an announcement of 新都街道
 * already in the demo accounts' inboxes, and a webhook whose deliveries fail
 * (nobody listens on port 9), so its delivery log shows failures and
 * retries. */
#ifndef HONGWU_KIT_KIT_DEMO_H
#define HONGWU_KIT_KIT_DEMO_H

#include "kit/demo_env.h"

/* By the demo's sub-district officer (auth_demo), to everyone in scope. */
int kit_demo(struct db *db, const struct demo_env *env);

#endif
