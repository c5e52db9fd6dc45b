/* Which orders a caller sees (docs/api-workorders.md, "Which orders a caller
 * sees"), as the ways they see them: each a plain condition on the order row
 * `w`, served by an index. A list runs one query a way and merges them
 * (workorder_list_http.c); one order is seen when any way holds. */
#ifndef HONGWU_WORKORDER_VISIBLE_H
#define HONGWU_WORKORDER_VISIBLE_H

#include <stdbool.h>
#include <stdint.h>

#include "kit/principal.h"
#include "workorder/params.h"

enum { WO_WAYS_MAX = 6, WO_WAY_MAX = 256, WO_SCOPE_WAY_MAX = 120 };

struct wo_ways {
    int n;
    char cond[WO_WAYS_MAX][WO_WAY_MAX];
};

/* The ways who sees orders, their values added to p:
 * - an installation admin: every order ("TRUE");
 * - staff: the order's copy of their scope's column ("w.grid_id = $k"),
 *   then the personal ways;
 * - everyone: what they reported, what is assigned to them, what they
 *   support (the personal ways);
 * - outside roles also: the grab pool of their scope, and orders whistled
 *   to a unit they answer for. */
void wo_ways_of(const struct principal *who, struct wo_params *p, struct wo_ways *out);

/* "w.<column> = $k" for who's scope on the order row, the value added to p
 * (out holds WO_SCOPE_WAY_MAX); "TRUE" for an installation admin. */
void wo_scope_way(const struct principal *who, struct wo_params *p, char *out, size_t size);

/* The roles that see orders by where they are: staff; not residents and
 * the outside roles (party members, volunteers, alliance units). */
bool wo_role_sees_by_place(enum role r);

#endif
