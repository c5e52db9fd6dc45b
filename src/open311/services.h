/* Open311's services: the enabled categories of a sub-district's
 * work-order tree (docs/api-workorders.md), each named by its code. */
#ifndef HONGWU_OPEN311_SERVICES_H
#define HONGWU_OPEN311_SERVICES_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

/* The service list: [{"service_code","service_name","description",
 * "metadata","type","keywords","group"}], in the tree's id order; names in
 * English when english, else in Chinese. A sub-district without categories
 * gets the seed tree first, as filing its first order would. */
int open311_services(struct db *db, int64_t district_id, bool english, json_t **out);

/* The enabled category whose code is code, and its Chinese name (into
 * name, size bytes), the seed tree given first as above. HW_ENOTFOUND. */
int open311_service_find(struct db *db, int64_t district_id, const char *code,
                         int64_t *category_id, char *name, size_t size);

#endif
