/* Work orders (工单): the 54321 standard, dispatch, escalation, honest
 * closure (docs/api-workorders.md). */
#ifndef HONGWU_WORKORDER_WORKORDER_CAPABILITY_H
#define HONGWU_WORKORDER_WORKORDER_CAPABILITY_H

#include "kit/capability.h"
#include "kit/demo_env.h"

extern const struct capability workorder_capability;

/* The demo's living queue: orders in every state (workorder_demo.c). */
int workorder_demo(struct db *db, const struct demo_env *env);

#endif
