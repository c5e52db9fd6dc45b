#ifndef HONGWU_TRANSFER_TRANSFER_CAPABILITY_H
#define HONGWU_TRANSFER_TRANSFER_CAPABILITY_H

#include "kit/capability.h"

extern const struct capability transfer_capability;

#endif
