/* The demo's residents, loaded through the CSV import (kit/demo_env.h). */
#ifndef HONGWU_TRANSFER_TRANSFER_DEMO_H
#define HONGWU_TRANSFER_TRANSFER_DEMO_H

#include "kit/demo_env.h"

/* One residents sheet per demo community, imported as the community's own
 * sheet would be, into the demo's places (place_demo); then what a sheet
 * does not carry (moving out, consents, party membership, registry_demo's
 * party tree) with the registry's own functions. */
int transfer_demo(struct db *db, const struct demo_env *env);

#endif
