/* Places: sub-district → community → compound → building → entrance →
 * dwelling, with grids and micro-grids drawn over buildings and zones
 * grouping compounds without a property company (domain.md, "Places").
 *
 * Each row copies its ancestors' ids (community_id, compound_id, ...), and a
 * row of a kind holds its own id in its kind's column, so "is X inside scope
 * S" is "X.<S's kind column> = S" and every filter is one indexed lookup. */
#ifndef HONGWU_PLACE_PLACE_H
#define HONGWU_PLACE_PLACE_H

#include <jansson.h>
#include <stdint.h>

#include "http/request.h"
#include "store/db.h"

struct place_new {
    const char *kind, *name, *code; /* code may be NULL */
    int64_t parent_id;              /* 0 only for a sub-district */
    int64_t grid_id, micro_grid_id; /* a building's grid (required) and micro-grid */
    int64_t zone_id;                /* a compound's zone, if it has one */
    int64_t floor, area_cm2;        /* a dwelling's floor and exclusive area; area -1: unknown */
    const char *grid_type;          /* a grid's type, or NULL */
};

/* The places column that holds a place of this kind's id in every place
 * inside it ("community" -> "community_id", "dwelling" -> "id"); NULL for an
 * unknown kind. The result is a literal, safe to put into SQL. */
const char *place_kind_column(const char *kind);
bool place_kind_valid(const char *kind);

/* Inserts a place under its parent, checking the kinds fit. HW_EINVAL with
 * the offending field in *bad_field. Call inside a write transaction. */
int place_create(struct db *db, const struct place_new *p, int64_t *id, const char **bad_field);

/* A building with its entrances and dwellings from a pattern: entrances ×
 * floors × dwellings per floor, rooms numbered floor*100 + n (1801, 1802...).
 * area_cm2 < 0 leaves the areas unknown. Inside a write transaction. */
struct building_pattern {
    int64_t entrances, floors, per_floor, area_cm2;
};
enum { PATTERN_MAX_ENTRANCES = 20, PATTERN_MAX_FLOORS = 99, PATTERN_MAX_PER_FLOOR = 20 };
int place_create_building(struct db *db, const struct place_new *building,
                          const struct building_pattern *pattern, int64_t *id,
                          const char **bad_field);

/* Moves a building (with its entrances and dwellings) to another grid and
 * micro-grid, closing the old row of its grid history. */
int place_move_building(struct db *db, int64_t building_id, int64_t grid_id,
                        int64_t micro_grid_id, int64_t changed_by, const char **bad_field);

/* Kind, name and district of a place; kind and name copied into a. */
int place_get(struct db *db, struct arena *a, int64_t id, const char **kind, const char **name,
              int64_t *district_id);

/* The place as JSON (with its area as a "89.57" string for dwellings). */
int place_json(struct db *db, int64_t id, json_t **out);

int place_http_get(struct request *req);
int place_http_list(struct request *req);

#endif
