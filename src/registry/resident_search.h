/* Finding residents within the caller's scope: the list with its search and
 * filters, how many it holds, one resident's detail, and the scope check
 * before a write.
 *
 * A resident is visible when one of their dwellings is: a current one, or
 * with include_moved_out a past one too (a resident-role caller always sees
 * only the current household of their own dwelling). Every page is one SQL
 * query on indexed columns (the scope through places' ancestor columns, see
 * place.h), because the registry must stay fast at 32 million dwellings
 * (docs/domain.md GR-3). Identifiers are masked and sensitive tags left out
 * per src/privacy, and what was disclosed is returned for the log. */
#ifndef HONGWU_REGISTRY_RESIDENT_SEARCH_H
#define HONGWU_REGISTRY_RESIDENT_SEARCH_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "kit/principal.h"
#include "kit/privacy.h"
#include "store/db.h"

enum {
    RESIDENT_PAGE_MAX = 200,
    RESIDENT_QUERY_MAX_CHARS = 64,
    RESIDENT_COUNT_CAP = 1000, /* counts stop here: "1000+" */
};

struct resident_filter {
    const char *q;  /* what the search box says (resident_query_parse); NULL: any */
    int64_t tag_id; /* 0: any; the caller checks the tag may be seen */
    int64_t grid_id, building_id, compound_id, dwelling_id; /* 0: any */
    int64_t entrance_id; /* 0: any; narrows, never drives: give its building_id too */
    bool include_moved_out;
    int64_t resident_id;  /* set: this one resident, with detail fields */
    int64_t after, limit; /* cursor (resident id) and page size <= RESIDENT_PAGE_MAX */
};

struct resident_page {
    json_t *items;      /* resident summaries, owned by the caller */
    int64_t next_after; /* 0 on the last page */
    struct privacy_read reads[RESIDENT_PAGE_MAX];
    size_t nreads;
};

/* Summary: {"id","name","sex","birth_date","age","id_number","phone",
 * "tags":[codes],"dwellings":[{"id","label","relation","moved_out"}],
 * "party_member"}; with resident_id also "district_id","party_org_id",
 * "note" and "occupancies":[{"id","dwelling_id","building_id","label",
 * "relation","moved_in","moved_out"}] (building_id: the dwelling's building,
 * for a link to its elevation). HW_EINVAL for a q longer than
 * RESIDENT_QUERY_MAX_CHARS or a limit out of range. */
int resident_search(struct db *db, const struct principal *who, const struct resident_filter *f,
                    struct resident_page *out);

/* How many residents the list of f holds (f's cursor and limit aside), up to
 * RESIDENT_COUNT_CAP + 1: one query like a page's, stopping there. */
int resident_count(struct db *db, const struct principal *who, const struct resident_filter *f,
                   int64_t *count);

/* How far a resident's homes reach for a scope check. */
enum resident_reach {
    REACH_CURRENT, /* a dwelling they live in now */
    REACH_PAST,    /* also one they moved out of (include_moved_out) */
    /* To change a record: where they live now, or, for someone who lives
     * nowhere now, the home they left last; no older home. */
    REACH_FOR_WRITE,
};

/* HW_OK (and the resident's sub-district) when who may see resident id
 * through a dwelling in the given reach, HW_ENOTFOUND otherwise. */
int resident_visible(struct db *db, const struct principal *who, int64_t id,
                     enum resident_reach reach, int64_t *district_id);

/* The residents of district_id registered with this (normalised) ID number
 * whom who may change (REACH_FOR_WRITE), lowest id first: *first (0: none)
 * and *count (0, 1, or 2 meaning "more than one"); the command line acts as
 * principal_operator. Matching by ID number never
 * looks further: a person outside the caller's reach is neither changed nor
 * linked nor revealed (docs/privacy.md). */
/* Registering an ID number is checked, then written: callers of
 * resident_find_for_write take this lock first, in the same transaction, so
 * two clients cannot both find a number free (db_lock_key). */
int resident_lock_id_numbers(struct db *db, int64_t district_id);
int resident_find_for_write(struct db *db, const struct principal *who, int64_t district_id,
                            const char *id_number, int64_t *first, int64_t *count);

/* How the search box's q is read, first rule first:
 *   QUERY_PHONE       a whole mobile number (exact, indexed)
 *   QUERY_ID_NUMBER   a whole, valid ID number (exact, indexed; x as X)
 *   QUERY_NUMBER_PART 4-10 digits: anywhere in a phone; and 4-6 characters
 *                     (digits, the last may be X): the end of an ID number.
 *                     Spaces are dropped: "1380 013" is "1380013".
 *   QUERY_ADDRESS     a building and room: "1幢 301", "1栋1单元301",
 *                     "1号楼301室", "1-301", "1-2-301" (building, entrance,
 *                     room), "1幢" (the whole building), "301室" (a room)
 *   QUERY_NAME        anything else: a name substring
 * out gets the normalised number, the digits, or the LIKE pattern of a name
 * (%, _ and \ escaped); for an address, resident_address_parse has the parts. */
enum resident_query_kind {
    QUERY_NONE,
    QUERY_NAME,
    QUERY_PHONE,
    QUERY_ID_NUMBER,
    QUERY_NUMBER_PART,
    QUERY_ADDRESS,
};
enum resident_query_kind resident_query_parse(const char *q, char *out, size_t out_size);

/* The parts of an address query, each "" when not given: the building's,
 * entrance's and dwelling's names without their 幢/栋/号楼/#, 单元, 室/号.
 * False when q is no address. */
enum { RESIDENT_ADDRESS_PART_MAX = 16 };
struct resident_address {
    char building[RESIDENT_ADDRESS_PART_MAX + 1];
    char entrance[RESIDENT_ADDRESS_PART_MAX + 1];
    char room[RESIDENT_ADDRESS_PART_MAX + 1];
};
bool resident_address_parse(const char *q, struct resident_address *out);

/* True for the kinds that search by an identifier, whole or in part: only
 * callers who see identifiers unmasked may use them (docs/privacy.md). */
bool resident_query_is_identifier(enum resident_query_kind kind);

#endif
