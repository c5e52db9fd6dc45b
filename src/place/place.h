/* Places: sub-district, community, compound, zone, grid, building, entrance,
 * dwelling. The registry issue fills them out; the foundation needs them as
 * the scopes that roles are bound to. */
#ifndef HONGWU_PLACE_PLACE_H
#define HONGWU_PLACE_PLACE_H

#include <jansson.h>
#include <stdint.h>

#include "http/request.h"
#include "store/db.h"

struct place_new {
    const char *kind, *name, *code; /* code may be NULL */
    int64_t parent_id;              /* 0 only for a sub-district */
    int64_t grid_id;                /* a building's grid, else 0 */
};

/* Inserts a place; its district is its parent's (a sub-district is its own). */
int place_create(struct db *db, const struct place_new *p, int64_t *id);

/* Kind, name and district of a place; kind and name copied into a. */
int place_get(struct db *db, struct arena *a, int64_t id, const char **kind, const char **name,
              int64_t *district_id);

int place_http_get(struct request *req);
int place_http_list(struct request *req);

#endif
