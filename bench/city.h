/* A synthetic city for the benchmarks: sub-districts → communities →
 * compounds → buildings → entrances → dwellings, grids and micro-grids drawn
 * over the buildings, and residents living in the dwellings.
 *
 * The city is a function of its size and seed only: the same arguments give
 * the same rows, whichever sink receives them (a database, a CSV file), so
 * the import run and the latency datasets describe the same kind of city.
 * Rows are handed to a sink in an order that keeps parents before children. */
#ifndef HONGWU_BENCH_CITY_H
#define HONGWU_BENCH_CITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One row of hongwu's places table (schema/001_foundation.sql): every place
 * copies its ancestors' ids and holds its own id in its kind's column
 * (src/place/place.h). Zero means NULL for the id columns. */
struct place_row {
    int64_t id, parent_id, district_id, community_id, zone_id, compound_id, building_id,
        entrance_id, grid_id, micro_grid_id;
    const char *kind, *name, *code, *grid_type; /* code, grid_type may be NULL */
    int floor;                                  /* dwellings; 0 otherwise */
    int64_t area_cm2;                           /* dwellings; -1 otherwise */
};

/* A building's first row of building_grid_history, as place_create writes it. */
struct grid_history_row {
    int64_t id, district_id, building_id, grid_id, micro_grid_id;
};

enum { PERSON_TAGS_MAX = 4, HOUSEHOLD_MAX = 8, NAME_BYTES = 16 };

/* A resident with their occupancy of the household's dwelling. */
struct person {
    int64_t resident_id, occupancy_id;
    char name[NAME_BYTES];
    const char *sex;      /* "male" / "female", matching the ID number */
    char birth_date[11];  /* YYYY-MM-DD */
    char id_number[19];   /* GB 11643 with a valid check digit */
    char phone[12];       /* mainland mobile */
    const char *relation; /* "owner", "family", "tenant" */
    char moved_in[11];
    const char *tags[PERSON_TAGS_MAX]; /* built-in tag codes (schema/002_registry.sql) */
    size_t ntags;
};

/* A dwelling with the names a spreadsheet row would carry, and the people
 * living there (none when it stands empty). */
struct household {
    const struct place_row *dwelling;
    const char *compound, *building, *entrance, *grid, *micro_grid; /* names */
    size_t npeople;
    struct person people[HOUSEHOLD_MAX];
};

/* Where rows go. Each callback returns 0, or non-zero to stop the walk. */
struct city_sink {
    void *ctx;
    int (*place)(void *ctx, const struct place_row *p);
    int (*grid_history)(void *ctx, const struct grid_history_row *h);
    int (*household)(void *ctx, const struct household *h);
};

struct city_options {
    int64_t dwellings; /* how many to make (the last building may overshoot) */
    uint64_t seed;
    double residents_per_dwelling; /* mean over all dwellings, empty ones included */
    bool one_community;            /* everything in one community (the import run) */
    int64_t first_place_id, first_resident_id, first_occupancy_id, first_history_id;
};

struct city_totals {
    int64_t subdistricts, communities, grids, micro_grids, compounds, buildings, entrances,
        dwellings, residents, occupancies, resident_tags, places;
};

/* Walks the whole city into sink. Returns 0, the sink's non-zero code, or -1
 * when out of memory. */
int city_generate(const struct city_options *o, const struct city_sink *sink,
                  struct city_totals *totals);

#endif
