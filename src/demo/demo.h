/* The demo sub-district: places modelled on the seed articles and one account
 * per role. Later capabilities add their own demo data here. */
#ifndef HONGWU_DEMO_DEMO_H
#define HONGWU_DEMO_DEMO_H

#include <stdio.h>

#include "store/db.h"

/* Loads the demo into an empty database and prints "login<TAB>password"
 * lines to out. HW_ECONFLICT when a demo is already there. */
int demo_load(struct db *db, FILE *out);

#endif
