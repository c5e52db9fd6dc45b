/* Where gen_city writes the city: straight into a hongwu database (SQLite
 * through prepared statements in one transaction, PostgreSQL through COPY),
 * or into a residents CSV file in the import format.
 *
 * The database loaders expect a database made by `hongwu migrate` and write
 * exactly the rows hongwu's own code would (places with their ancestors'
 * columns, building_grid_history, residents, occupancies, resident_tags).
 * For speed they drop the secondary indexes of those tables first and build
 * them again at the end, from the definitions the schema gave them. */
#ifndef HONGWU_BENCH_LOADER_H
#define HONGWU_BENCH_LOADER_H

#include <stdbool.h>
#include <stdint.h>

#include "city.h"

struct load_options {
    /* Only sub-districts, communities, grids and micro-grids: what must exist
     * before a CSV of the rest can be imported. */
    bool skeleton_only;
};

struct load_times {
    double index_seconds; /* rebuilding indexes and statistics, keys included */
    double keys_seconds;  /* of which filling the search keys and their indexes */
};

struct loader {
    struct city_sink sink;
    /* Where the new rows' ids start (one past the tables' largest ids). */
    int64_t first_place_id, first_resident_id, first_occupancy_id, first_history_id;
    /* Ends the load: commits (ok) or gives up, fills the derived tables,
     * rebuilds the indexes, and frees the loader. Returns 0 on success. */
    int (*finish)(struct loader *l, bool ok, struct load_times *t);
};

/* Each returns 0 and a loader, or -1 after printing why to stderr. */
int sqlite_loader_open(const char *path, const struct load_options *o, struct loader **out);
int pg_loader_open(const char *url, const struct load_options *o, struct loader **out);
/* The people as rows of a residents import (docs/import-format.md). */
int csv_loader_open(const char *path, struct loader **out);

/* The timestamps the loaders give created_at / updated_at: 2025-01-01 CST. */
#define LOAD_EPOCH 1735660800

/* Tables the schema derives from the loaded rows by triggers (the search
 * keys, src/registry/schema/018_search.sql), each with the view that says
 * what it holds: a bulk load fills them from the view at the end instead. */
struct derived_table {
    const char *table, *source, *key; /* key: the table's key columns, in order */
};
extern const struct derived_table loader_keys[];
extern const size_t loader_keys_count;

/* Whether a place of this kind belongs to the skeleton. */
bool loader_skeleton_kind(const char *kind);

#endif
