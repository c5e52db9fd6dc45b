/* Open311 GeoReport v2 (docs/open311.md): client applications file work
 * orders and follow them, in XML or JSON. */
#ifndef HONGWU_OPEN311_OPEN311_CAPABILITY_H
#define HONGWU_OPEN311_OPEN311_CAPABILITY_H

#include "kit/capability.h"

extern const struct capability open311_capability;

#endif
