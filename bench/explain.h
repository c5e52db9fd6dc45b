/* Query plans of what the server runs for each benchmark query.
 *
 * The SQL is built inside the server's functions (resident_search composes
 * it per filter), so rather than copy it, bench_latency is linked with
 * --wrap hooks: SQLite statements are captured as the server's code
 * prepares them and then shown with EXPLAIN QUERY PLAN; on PostgreSQL the
 * session loads auto_explain (EXPLAIN ANALYZE of every statement, sent as
 * notices) and the notices are printed instead of being silenced. */
#ifndef HONGWU_BENCH_EXPLAIN_H
#define HONGWU_BENCH_EXPLAIN_H

#include <stdio.h>

#include "store/db.h"

/* Call before db_open(): makes the hooks record (SQLite) or print (PostgreSQL). */
void explain_enable(FILE *out);

/* After db_open(): on PostgreSQL, turns auto_explain on for the session. */
int explain_session(struct db *db);

/* Forgets the statements captured so far. */
void explain_reset(void);

/* Prints the plan of every statement captured since explain_reset() (SQLite;
 * path is the database file). PostgreSQL plans were printed as they ran. */
int explain_print(struct db *db, const char *path);

#endif
