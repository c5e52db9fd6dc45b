/* Checking every capability's hash chains (kit/chain.h): the route
 * GET /api/v1/chains/verify and `hongwu verify`. */
#ifndef HONGWU_APP_CHAINS_H
#define HONGWU_APP_CHAINS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "kit/capability.h"
#include "store/db.h"

/* The application's own routes: the chains' check. */
extern const struct capability app_chains_capability;

/* Checks every chain of every capability in one sub-district and returns
 * {"district_id", "intact", "chains": [{"name", "rows", "intact",
 * "broken_id", "reason"}]} in *out (the caller's reference). */
int app_chains_verify(struct db *db, int64_t district_id, json_t **out);

/* Every sub-district's chains, as `hongwu verify` prints them; *intact is
 * false when a chain is broken. */
int app_chains_verify_all(struct db *db, void (*print)(const json_t *report, void *ctx),
                          void *ctx, bool *intact);

#endif
