/* The requests the latency benchmark times, each two ways: over HTTP as a
 * signed-in user, and "direct": the same server functions and SQL the
 * handler runs, called in-process, without HTTP, the session check, the
 * JSON encoding of the answer and the log of sensitive reads. */
#ifndef HONGWU_BENCH_QUERIES_H
#define HONGWU_BENCH_QUERIES_H

#include <stddef.h>
#include <stdint.h>

#include "people.h"
#include "samples.h"
#include "store/db.h"

struct target {
    struct bench_account *acc;
    int64_t id;    /* the place or resident looked up, or the filter's id */
    char text[32]; /* a name prefix for ?q= */
};

struct query {
    const char *name; /* as in docs/benchmarks.md */
    const char *what; /* the request */
    /* Picks an account and what it asks for. */
    void (*draw)(struct rng *r, struct bench_accounts *a, struct target *t);
    /* The request's path and query string. */
    void (*path)(const struct target *t, char *out, size_t size);
    /* Does the work without HTTP; *items: rows answered. HW_OK or an error. */
    int (*direct)(struct db *db, const struct target *t, size_t *items);
};

extern const struct query queries[];
extern const size_t nqueries;

/* The tag the tag filters use (built in, not sensitive). */
#define BENCH_TAG "aged_80_plus"

#endif
