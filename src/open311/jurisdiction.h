/* Open311's jurisdiction_id: a sub-district's place code (docs/open311.md).
 * A server holding one sub-district lets it be omitted. */
#ifndef HONGWU_OPEN311_JURISDICTION_H
#define HONGWU_OPEN311_JURISDICTION_H

#include <stdint.h>

#include "store/db.h"

/* The sub-district jurisdiction_id names (NULL or "": absent), into
 * *district_id. HW_EINVAL when absent and the server holds more than one
 * sub-district, or none; HW_ENOTFOUND when no sub-district has that code. */
int open311_jurisdiction(struct db *db, const char *jurisdiction_id, int64_t *district_id);

#endif
