#ifndef HONGWU_AUTH_AUTH_CAPABILITY_H
#define HONGWU_AUTH_AUTH_CAPABILITY_H

#include "kit/capability.h"

extern const struct capability auth_capability;

#endif
