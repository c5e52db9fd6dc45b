/* A place as deliberation records show it: {id, kind, label}. */
#ifndef HONGWU_MEETINGS_PLACE_REF_H
#define HONGWU_MEETINGS_PLACE_REF_H

#include <jansson.h>
#include <stdint.h>

#include "store/db.h"

int meetings_place_ref(struct db *db, int64_t id, json_t **out);

#endif
