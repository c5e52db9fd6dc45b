/* The kinds of place and how they nest: sub-district → community → compound
 * → building → entrance → dwelling, with zones grouping compounds and grids
 * and micro-grids drawn over buildings (docs/domain.md, "Places").
 *
 * Each place row copies its ancestors' ids, and a row of a kind holds its
 * own id in its kind's column, so "is X inside S" is "X.<S's kind column> =
 * S": the one fact the scope rule (access.h) is built on. */
#ifndef HONGWU_KIT_PLACE_KINDS_H
#define HONGWU_KIT_PLACE_KINDS_H

#include <stdbool.h>
#include <stddef.h>

struct place_kind {
    const char *kind;   /* "community" */
    const char *column; /* the places column holding its id in every place inside it */
    const char *parent; /* the kind its parent must be; NULL for a sub-district */
};

extern const struct place_kind place_kinds[];
extern const size_t place_kinds_count;

/* Index into place_kinds, or -1 for an unknown kind. */
int place_kind_index(const char *kind);

/* "community" -> "community_id", "dwelling" -> "id"; NULL for an unknown
 * kind. The result is a literal, safe to put into SQL. */
const char *place_kind_column(const char *kind);
bool place_kind_valid(const char *kind);

#endif
