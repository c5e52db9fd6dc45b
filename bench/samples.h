/* The benchmark's accounts and what they look up: community staff, grid
 * workers and building leaders bound to places in communities spread over
 * the city, and for each community the ids of its dwellings, entrances,
 * buildings and residents to draw from. Staff and grid workers see ID and
 * phone numbers unmasked (so each answer is written to the log of sensitive
 * reads); building leaders see them masked (nothing is logged). */
#ifndef HONGWU_BENCH_SAMPLES_H
#define HONGWU_BENCH_SAMPLES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "kit/principal.h"
#include "base/arena.h"
#include "store/db.h"

enum { BENCH_ACCOUNTS_MAX = 64 };

/* Every account the benchmark makes has this password. */
#define BENCH_PASSWORD "bench-password-2025"

struct id_pool {
    int64_t *ids;
    size_t n;
};

enum { PREFIX_BYTES = 16 };

/* Pieces of the names of residents, as someone looking for a person types
 * them: the first two characters (surname and the first character of the
 * given name), or the given name alone, typed from the middle ("建国" of
 * "王建国"; one character of a two-character name). */
struct prefix_pool {
    char (*prefixes)[PREFIX_BYTES];
    size_t n;
};

struct bench_account {
    struct principal *who;
    char token[128];
    /* Inside the account's scope (the places pools for staff only). */
    struct id_pool dwellings, entrances, buildings, residents;
    struct prefix_pool prefixes, given;
};

struct bench_accounts {
    struct arena *arena;
    struct bench_account staff[BENCH_ACCOUNTS_MAX], grid[BENCH_ACCOUNTS_MAX],
        leader[BENCH_ACCOUNTS_MAX], officer[BENCH_ACCOUNTS_MAX];
    size_t nstaff, ngrid, nleader, nofficer;
};

/* Prints "LOGIN ROLE KIND:ID" for k community staff (bench-staff-N), k grid
 * workers (bench-grid-N), k building leaders (bench-leader-N) and k
 * sub-district officers (bench-officer-N, the staff's sub-districts), over
 * communities spread evenly by id. */
int accounts_plan(struct db *db, int k, uint64_t seed, FILE *out);

/* Loads the bench-* accounts and their id pools. */
int accounts_load(struct db *db, struct bench_accounts *a);
void accounts_free(struct bench_accounts *a);

#endif
