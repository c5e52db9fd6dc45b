/* Deliberation (议事协商): halls, meetings, decisions, follow-up tasks and
 * the topics residents open (docs/api-meetings.md). */
#ifndef HONGWU_MEETINGS_MEETINGS_CAPABILITY_H
#define HONGWU_MEETINGS_MEETINGS_CAPABILITY_H

#include "kit/capability.h"
#include "kit/demo_env.h"

extern const struct capability meetings_capability;

/* Two held meetings, an open topic, and the other sub-district's
 * (meetings_demo.c). */
int meetings_demo(struct db *db, const struct demo_env *env);

#endif
