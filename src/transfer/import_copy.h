/* PostgreSQL: an import step's new rows (import_plan.h) copied into a
 * staging table of the step's transaction (COPY, db_copy_begin), then moved
 * into the registry's tables with one INSERT ... SELECT each, so that the
 * step's triggers and foreign-key checks run once per statement and the
 * rows cross the network once. The staging tables are temporary and dropped
 * at the step's commit or rollback. Every function runs in the caller's
 * write transaction, with ids already given (import_apply.c). */
#ifndef HONGWU_TRANSFER_IMPORT_COPY_H
#define HONGWU_TRANSFER_IMPORT_COPY_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

struct import_job;

/* n struct cached_place, with their ids and ancestors' ids: into places,
 * and each building's first grid into building_grid_history. */
int import_copy_places(struct db *db, const struct import_job *job, void *const *items, size_t n,
                       int64_t now);

/* n struct plan_resident, with their ids, into the staging table only;
 * import_copy_residents_insert then inserts them, so the copy is done
 * before the step takes the sub-district's ID-number lock. */
int import_copy_residents_stage(struct db *db, void *const *items, size_t n);
int import_copy_residents_insert(struct db *db, int64_t now);

/* n struct plan_link: their occupancies, then their tags. */
int import_copy_links(struct db *db, int64_t district_id, void *const *items, size_t n,
                      int64_t now);

#endif
