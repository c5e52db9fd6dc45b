/* The one scope rule: which records a caller may see and change.
 *
 * A caller is bound to a place (kit/principal.h): a sub-district, community,
 * compound, grid, building or dwelling; an installation admin to none. Every
 * place row copies its ancestors' ids (kit/place_kinds.h), so "place X lies
 * in the caller's scope" is "X.<scope kind's column> = scope": one indexed
 * comparison at any size. Records hang on places (a resident on the
 * dwellings they live in, a post on its place...): a record kind says how
 * (struct scope_record), and the router checks every {id} against it before
 * the handler runs, answering 404 outside, as if the record did not exist.
 *
 * Lists put the conditions below into their SQL: plain column comparisons
 * with one bound value, never an OR on a flag, so an index serves them. */
#ifndef HONGWU_KIT_SCOPE_H
#define HONGWU_KIT_SCOPE_H

#include <stdbool.h>
#include <stdint.h>

#include "kit/principal.h"
#include "store/db.h"

/* A condition for a list's WHERE, and the value to bind at its parameter. */
struct scope_sql {
    char cond[160];
    int64_t value;
};

/* The places row `alias` lies in who's scope: "p.grid_id = $7" bound to the
 * caller's grid; for an installation admin "$7 = 0" bound to 0. */
void scope_places(const struct principal *who, const char *alias, int param, struct scope_sql *out);

/* The row `alias` (with a district_id) belongs to who's sub-district:
 * "r.district_id = $3"; for an installation admin "$3 = 0". For records that
 * are public inside a sub-district (organizations, posts, tags, the logs). */
void scope_district(const struct principal *who, const char *alias, int param,
                    struct scope_sql *out);

/* The same for a lookup by an indexed (district_id, ...) column: an
 * installation admin's condition names every sub-district, so the index
 * still serves it one sub-district after another. */
void scope_district_indexed(const struct principal *who, const char *alias, int param,
                            struct scope_sql *out);

/* True for an installation admin, bound to no place: sees every sub-district. */
bool scope_sees_everything(const struct principal *who);

/* The places column that holds who's scope (e.g. "grid_id"), NULL for an
 * installation admin. A literal, safe in SQL. */
const char *scope_column(const struct principal *who);

/* HW_OK when place id lies in who's scope, HW_ENOTFOUND when not (or when
 * there is no such place); with kind, it must also be of that kind. */
int scope_place_visible(struct db *db, const struct principal *who, int64_t place_id);
int scope_place_visible_kind(struct db *db, const struct principal *who, int64_t place_id,
                             const char *kind);
/* HW_OK when place id lies in who's sub-district (public records). */
int scope_place_in_district(struct db *db, const struct principal *who, int64_t place_id);

/* HW_OK when row id of table (which has a district_id) belongs to who's
 * sub-district, every row for an installation admin; HW_ENOTFOUND if not.
 * table is a literal. For records kept per sub-district, not per place
 * (webhooks, announcements, jobs). */
int scope_row_in_district(struct db *db, const struct principal *who, const char *table,
                          int64_t id);

/* How far a record kind's places must lie for a caller to see or change it. */
enum scope_reach {
    REACH_SCOPE,    /* one of its places lies in the caller's scope */
    REACH_DISTRICT, /* one of its places lies in the caller's sub-district */
};

/* The query behind every record check: how many of the places places_sql
 * names (given the record's id as $1) lie within who's reach ($2, bound to
 * *value). HW_ELIMIT if it does not fit in out. */
int scope_within_sql(const struct principal *who, const char *places_sql,
                     enum scope_reach reach, char *out, size_t size, int64_t *value);

/* A kind of record that routes name by {id}. */
struct scope_record {
    const char *kind;  /* "occupancy": as routes and `hongwu routes` name it */
    const char *table; /* where records of the kind are kept, by id */
    /* The places the record hangs on: SQL answering place ids for the
     * record id $1 (the dwellings a resident lives in now, a post's place). */
    const char *places_sql;
    enum scope_reach read, write;
    /* A rule of its own instead (residents reach through their homes over
     * time; an account is its owner's): HW_OK, HW_ENOTFOUND or an error. */
    int (*visible)(struct db *db, const struct principal *who, int64_t id, bool write);
};

/* Whether who may see (write false) or change (write true) record id of
 * kind r: HW_OK, HW_ENOTFOUND, or an error. */
int scope_record_visible(struct db *db, const struct principal *who, const struct scope_record *r,
                         int64_t id, bool write);

#endif
