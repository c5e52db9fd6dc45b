/* `hongwu demo`: every capability's demo data (struct capability.demo), in
 * the order of the list it is given, in one transaction. */
#ifndef HONGWU_DEMO_DEMO_H
#define HONGWU_DEMO_DEMO_H

#include <stddef.h>
#include <stdio.h>

#include "kit/capability.h"
#include "store/db.h"

/* Loads the demo of each of caps and prints the accounts it made as
 * "login<TAB>password" lines to out. HW_ECONFLICT when a demo is already
 * there: then nothing is changed. */
int demo_load(struct db *db, const struct capability *const caps[], size_t ncaps, FILE *out);

#endif
