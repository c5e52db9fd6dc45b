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
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "kit/place_kinds.h"
#include "kit/principal.h"
#include "store/db.h"

struct place_new {
    const char *kind, *name, *code; /* code may be NULL */
    int64_t parent_id;              /* 0 only for a sub-district */
    int64_t grid_id, micro_grid_id; /* a building's grid (required) and micro-grid */
    int64_t zone_id;                /* a compound's zone, if it has one */
    int64_t floor, area_cm2;        /* a dwelling's floor and exclusive area; area -1: unknown */
    const char *grid_type;          /* a grid's type, or NULL */
};

enum { PLACE_NAME_MAX_BYTES = 64 }; /* bytes of UTF-8 */
/* 1-64 bytes of UTF-8 on one line, without blanks at the ends (the API
 * trims them with text_trim(), as the import trims its cells) and without
 * invisible characters: an exported name must find the same place again. */
bool place_name_valid(const char *name);

/* The floor of a room numbered floor*100 + n ("1802" is on 18, "101" on 1),
 * as place_create_building() numbers them; false for other names. A new
 * dwelling without a floor takes it from here, on every path. */
bool place_floor_from_room(const char *room, int64_t *floor);

/* A grid's or micro-grid's code: the 20-digit community service grid code
 * of CJ/T 349, or a local code of 1-32 printable ASCII characters without
 * spaces. A digits-only code longer than 20 is refused as a mistyped
 * standard code. */
bool grid_code_valid(const char *code);
/* The code of a place of this kind: grid_code_valid for grids and
 * micro-grids, a local code for the others. */
bool place_code_valid(const char *kind, const char *code);

/* Inserts a place under its parent, checking the kinds fit. A dwelling
 * needs its floor (p->floor, else place_floor_from_room()) and an area, when
 * known, above 0 (area_cm2_valid()). HW_EINVAL with the offending field in
 * *bad_field. Call inside a write transaction. */
int place_create(struct db *db, const struct place_new *p, int64_t *id, const char **bad_field);

/* A building with its entrances and dwellings from a pattern: entrances ×
 * floors × dwellings per floor, rooms numbered floor*100 + n (1801, 1802...).
 * area_cm2 < 0 leaves the areas unknown. Inside a write transaction. */
struct building_pattern {
    int64_t entrances, floors, per_floor, area_cm2;
};
enum {
    PATTERN_MAX_ENTRANCES = 20,
    PATTERN_MAX_FLOORS = 99,
    PATTERN_MAX_PER_FLOOR = 20,
    /* One request, one transaction: a tower of 3 entrances x 33 floors x 4
     * is 396 dwellings, so this leaves room without holding the lock long. */
    PATTERN_MAX_DWELLINGS = 2000,
};
int place_create_building(struct db *db, const struct place_new *building,
                          const struct building_pattern *pattern, int64_t *id,
                          const char **bad_field);

/* Moves a building (with its entrances and dwellings) to another grid and
 * micro-grid, closing the old row of its grid history. */
int place_move_building(struct db *db, int64_t building_id, int64_t grid_id, int64_t micro_grid_id,
                        int64_t changed_by, const char **bad_field);

/* Edits a place in place: name, code ("" clears it), a grid's type, a
 * dwelling's area (area_set; area_cm2 < 0 makes it unknown). Moving a
 * building is place_move_building. HW_EINVAL with *bad_field, HW_ECONFLICT
 * when the name is taken under the same parent. */
struct place_patch {
    const char *name, *code, *grid_type; /* NULL: unchanged */
    bool area_set;
    int64_t area_cm2;
};
int place_update(struct db *db, int64_t id, const struct place_patch *p, const char **bad_field);

/* "紫薇花园 3幢 2单元 1801": the compound, building, entrance and room a
 * dwelling lies in, read with one query (a building gives "紫薇花园 3幢", a
 * place outside a compound just its name). HW_ELIMIT when out is too small;
 * PLACE_LABEL_MAX always fits. */
enum { PLACE_LABEL_MAX = 4 * (PLACE_NAME_MAX_BYTES + 1) };
int place_label(struct db *db, int64_t place_id, char *out, size_t size);

/* The same label from names already read: the place's kind and name and
 * the names of its compound, building and entrance (NULL: none), for a
 * query that reads many places' labels at once with the columns of
 * PLACE_LABEL_COLUMNS(p, c, b, e) and the joins of PLACE_LABEL_JOINS. */
int place_label_of(const char *kind, const char *name, const char *compound,
                   const char *building, const char *entrance, char *out, size_t size);
#define PLACE_LABEL_COLUMNS(p, c, b, e) p ".kind, " p ".name, " c ".name, " b ".name, " e ".name"
#define PLACE_LABEL_JOINS(p, c, b, e)                                                              \
    " LEFT JOIN places " c " ON " c ".id = " p ".compound_id"                                     \
    " LEFT JOIN places " b " ON " b ".id = " p ".building_id"                                     \
    " LEFT JOIN places " e " ON " e ".id = " p ".entrance_id"

/* Kind, name and district of a place; kind and name copied into a. */
int place_get(struct db *db, struct arena *a, int64_t id, const char **kind, const char **name,
              int64_t *district_id);

/* Kind (copied into kind) and sub-district of a place, without an arena. */
enum { PLACE_KIND_SIZE = 16 };
int place_kind_district(struct db *db, int64_t id, char kind[PLACE_KIND_SIZE],
                        int64_t *district_id);

/* The place as JSON (with its area as a "89.57" string for dwellings). */
int place_json(struct db *db, int64_t id, json_t **out);


#endif
