#ifndef HONGWU_PLACE_PLACE_CAPABILITY_H
#define HONGWU_PLACE_PLACE_CAPABILITY_H

#include "kit/capability.h"

extern const struct capability place_capability;

#endif
