/* Numbered schema migrations (src/<capability>/schema/NNN_name.sql), compiled
 * into the binary; the numbers run across every capability.
 * The SQL is portable except for the few spellings in migrate.c's dialect table. */
#ifndef HONGWU_STORE_MIGRATE_H
#define HONGWU_STORE_MIGRATE_H

#include <stddef.h>

#include "store/db.h"

struct migration {
    int number;
    const char *name;
    const char *sql;
};

/* All of them, in number order. */
extern const struct migration migrations[];
extern const size_t migrations_count;

/* Applies every migration not yet applied, each in its own transaction, under
 * a lock so two servers starting at once do not race. Safe to run twice.
 * *applied (may be NULL) receives how many ran. */
int migrate_run(struct db *db, int *applied);

/* Rewrites the dialect placeholders of sql for db's backend into a malloc'd string. */
int migrate_translate(enum db_kind kind, const char *sql, char **out);

#endif
