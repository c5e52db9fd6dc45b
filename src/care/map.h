/* The 户情图 data (docs/domain.md CT-2, CT-4; docs/api-care.md): the
 * dwellings of a building, or of each building of a compound, as floors by
 * entrances, coloured by tier. The public version shows a colour only where
 * the household head's consent stands, and no names, reasons or counts. */
#ifndef HONGWU_CARE_MAP_H
#define HONGWU_CARE_MAP_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "kit/principal.h"
#include "store/db.h"

enum { CARE_MAP_DWELLINGS_MAX = 2000 }; /* dwellings drawn on one map */

/* place_id: a building or compound. who: the staff map's viewer (sensitive
 * tiers masked); ignored for the public one. *disclosed (may be NULL) is set
 * when the staff map showed a sensitive tier whole. */
int care_map_json(struct db *db, const struct principal *who, int64_t place_id, bool public_map,
                  int64_t today, json_t **out, bool *disclosed);

#endif
