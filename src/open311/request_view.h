/* A work order as an Open311 service request (docs/open311.md, "Fields"
 * and "Privacy"). Everyone may read the public fields: the number, status,
 * service, times, and where at the level of a compound, never a room. A
 * client holding a key of the order's sub-district also reads the
 * description and the whole address. Nobody reads the reporter's name,
 * phone or e-mail through Open311. */
#ifndef HONGWU_OPEN311_REQUEST_VIEW_H
#define HONGWU_OPEN311_REQUEST_VIEW_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

enum {
    OPEN311_REQUESTS_MAX = 1000, /* the specification's default volume */
    OPEN311_CODES_MAX = 1000,    /* bytes of a list of service codes */
};

/* The filters of GET requests, already checked. Lists are comma-separated
 * words as given; NULL: no filter. */
struct open311_filter {
    int64_t district_id;
    int64_t from, to;     /* requested_datetime within [from, to] */
    const char *codes;    /* service codes */
    const char *status;   /* NULL, "open" or "closed" */
};

/* The requests matching f, newest first, at most OPEN311_REQUESTS_MAX, as
 * an array of requests; full: with the fields a key reads. HW_EINVAL when
 * f->codes is longer than OPEN311_CODES_MAX bytes. */
int open311_requests_list(struct db *db, const struct open311_filter *f, bool full,
                          json_t **out);

/* The request numbered number in the sub-district, appended to list.
 * HW_ENOTFOUND when there is none. */
int open311_request_append(struct db *db, int64_t district_id, const char *number, bool full,
                           json_t *list);

#endif
