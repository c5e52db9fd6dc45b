/* Posts held by people (domain.md, "Who uses it"): grid leader (网格长) and
 * grid worker (网格员) of a grid, micro-grid worker (微网格员) of a
 * micro-grid, building leader (楼栋长) of a building, stairwell steward
 * (楼道红管家) of an entrance. One person may hold several posts; ending a
 * post sets `ended` and keeps the row (dates as in org_period.h). Functions
 * run inside the caller's transaction; HW_EINVAL comes with *bad_field. */
#ifndef HONGWU_REGISTRY_POST_H
#define HONGWU_REGISTRY_POST_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

bool post_kind_valid(const char *kind);
/* Whether a post of this kind is held on a place of that kind. */
bool post_kind_place_fits(const char *kind, const char *place_kind);

struct post_new {
    const char *kind;
    int64_t place_id;
    const char *person_name, *phone; /* phone NULL or "": none */
    int64_t user_id, resident_id;    /* 0: not linked */
    const char *started, *ended;     /* YYYY-MM-DD or NULL */
};
int post_create(struct db *db, const struct post_new *p, int64_t *id, const char **bad_field);

/* NULL leaves a field as it is; "" clears phone, started or ended. */
struct post_patch {
    const char *person_name, *phone, *started, *ended;
};
int post_update(struct db *db, int64_t id, const struct post_patch *p, const char **bad_field);

/* The place the post is held on, and its sub-district. */
int post_place(struct db *db, int64_t id, int64_t *place_id, int64_t *district_id);

/* The post, marked current or not on day today; the phone unmasked only
 * when show_phone. */
int post_json(struct db *db, int64_t id, const char *today, bool show_phone, json_t **out);

#endif
