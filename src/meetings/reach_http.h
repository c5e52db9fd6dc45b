/* Who reaches a deliberation record (meetings/reach.h), as a request meets
 * it: a place the body names, and a page of records. */
#ifndef HONGWU_MEETINGS_REACH_HTTP_H
#define HONGWU_MEETINGS_REACH_HTTP_H

#include <stdbool.h>
#include <stdint.h>

#include "http/request.h"
#include "kit/record_routes.h"

/* reach_place for a place the request names in field: one the caller does
 * not reach is a field error on it (HW_EINVAL), not a 404. */
int reach_place_named(struct request *req, int64_t place, bool down_only, const char *field);

/* Answers one page, newest first, of the records of table (with place_id
 * and status columns) that hang on a place the caller reaches: of place
 * (0: any), in status (NULL: any), with ids below after (0: from the
 * newest), at most limit of them, each rendered by render. */
int reach_status_page(struct request *req, const char *table, int64_t place, const char *status,
                      int64_t after, int64_t limit, record_render render);

#endif
