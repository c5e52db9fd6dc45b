/* Work-order statistics: the figures of the orders a caller sees, per unit
 * and period, as JSON, CSV or Excel. */
#ifndef HONGWU_WOSTATS_WOSTATS_CAPABILITY_H
#define HONGWU_WOSTATS_WOSTATS_CAPABILITY_H

#include "kit/capability.h"

extern const struct capability wostats_capability;

#endif
