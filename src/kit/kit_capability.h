#ifndef HONGWU_KIT_KIT_CAPABILITY_H
#define HONGWU_KIT_KIT_CAPABILITY_H

#include "kit/capability.h"

extern const struct capability kit_capability;

#endif
