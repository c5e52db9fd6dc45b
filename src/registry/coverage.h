/* Grid coverage (domain.md, "Grid coverage"): one micro-grid worker per
 * 400-450 households (docs/domain.md GR-3: "确保每400—450户就有一个微网格员服务").
 * A household is a dwelling with at least one current occupancy. The
 * arithmetic is here, plain and exact; the report is coverage_http.c. */
#ifndef HONGWU_REGISTRY_COVERAGE_H
#define HONGWU_REGISTRY_COVERAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Households per micro-grid worker (docs/domain.md GR-3). */
enum { COVERAGE_MIN_HOUSEHOLDS = 400, COVERAGE_MAX_HOUSEHOLDS = 450 };

enum coverage_status {
    COVERAGE_EMPTY,     /* no households and no workers: nothing to cover */
    COVERAGE_UNSTAFFED, /* households but no worker */
    COVERAGE_UNDER,     /* fewer than 400 households per worker */
    COVERAGE_OK,        /* 400 to 450 households per worker */
    COVERAGE_OVER,      /* more than 450 households per worker */
};

/* Compares households / workers with the band without dividing, so 900
 * households and 2 workers are exactly at 450 (ok) and 901 are over. */
enum coverage_status coverage_status(int64_t households, int64_t workers);
const char *coverage_status_name(enum coverage_status s);

/* Whether a grid of that status (coverage_status_name) is listed among the
 * grids outside the 400-450 band: under, over, or households and no worker.
 * An empty grid has nothing to cover and is not. */
bool coverage_listed_outside(const char *status_name);

/* Households per worker with one decimal, rounded half up ("450.5"); "" with
 * no workers. out_size >= 24. */
void coverage_per_worker_text(int64_t households, int64_t workers, char *out, size_t out_size);

#endif
