/* Filing a request that an Open311 client POSTs: an ordinary work order,
 * filed through workorder_create() with the channel open311 by the key's
 * device, audited like every write (docs/open311.md, "Filing"). */
#ifndef HONGWU_OPEN311_FILE_H
#define HONGWU_OPEN311_FILE_H

#include <stdbool.h>
#include <stdint.h>

#include "open311/apikey.h"
#include "store/db.h"
#include "workorder/workorder.h"

enum { OPEN311_TOKEN_SIZE = 32 + 1 }; /* 16 random bytes in hex */

/* What the client sent, as the specification names it; NULL: absent. */
struct open311_report {
    int64_t category_id;
    const char *description;
    int64_t address_id;           /* 0: none; else a dwelling, entrance, building or compound */
    const char *address_string;
    bool has_coords;
    int64_t lat_e6, lon_e6;
    const char *name;             /* first and last name, joined */
    const char *phone;            /* a mainland mobile number */
};

/* Files r for client c with source ip (for the log). Sets number (the
 * order's number, its service_request_id) and token. HW_EINVAL with
 * *bad_param naming the specification's parameter at fault. */
int open311_file(struct db *db, const struct open311_client *c, const char *ip,
                 const struct open311_report *r, char number[WO_NUMBER_MAX],
                 char token[OPEN311_TOKEN_SIZE], const char **bad_param);

#endif
