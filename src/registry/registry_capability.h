#ifndef HONGWU_REGISTRY_REGISTRY_CAPABILITY_H
#define HONGWU_REGISTRY_REGISTRY_CAPABILITY_H

#include "kit/capability.h"

extern const struct capability registry_capability;

#endif
