/* Which orders a caller sees (docs/api-workorders.md, "Which orders a caller
 * sees"): one condition, for a list's WHERE and for one order. */
#ifndef HONGWU_WORKORDER_VISIBLE_H
#define HONGWU_WORKORDER_VISIBLE_H

#include <stdbool.h>
#include <stdint.h>

#include "kit/principal.h"

/* The condition on the order row `w` joined to its place row `p`
 * (p.id = w.place_id), with two parameters: $first the caller's user id,
 * $first+1 the value of their scope (kit/scope.h). */
struct wo_visible_sql {
    char cond[900];
    int64_t user_id, scope_value;
};
void wo_visible_sql(const struct principal *who, int first, struct wo_visible_sql *out);

/* The roles that see orders by where they are: staff; not residents and
 * the outside roles (party members, volunteers, alliance units). */
bool wo_role_sees_by_place(enum role r);

#endif
