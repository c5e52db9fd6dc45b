/* The electoral roll of a vote: the units of its compound or building read
 * from the register and counted into heads (votes/electorate.h), shown to
 * staff while the vote is a draft, then frozen at publication. */
#ifndef HONGWU_VOTES_ROLL_H
#define HONGWU_VOTES_ROLL_H

#include <jansson.h>
#include <stdint.h>

#include "kit/principal.h"
#include "store/db.h"
#include "votes/electorate.h"

struct vote_roll {
    struct vote_unit *units; /* by dwelling id */
    size_t nunits;
    int64_t *owners; /* the units' owners point into this */
    struct vote_electorate e;
};

/* Reads the dwellings under place (a compound or building), their areas,
 * their current owners and whether each is the developer's, and counts
 * them. Free with vote_roll_free whatever the result. */
int vote_roll_read(struct db *db, int64_t place_id, struct vote_roll *out);
void vote_roll_free(struct vote_roll *r);

/* Freezes r as vote_id's electorate (replacing an earlier freeze), inside the
 * caller's transaction. */
int vote_roll_freeze(struct db *db, int64_t vote_id, const struct vote_roll *r);

/* The flags' names as the API shows them ("no_owner", ...). */
json_t *vote_flags_json(unsigned flags);

/* The roll's summary: heads, area, and how many units carry each flag. */
json_t *vote_roll_summary_json(const struct vote_roll *r);

/* One page of heads (position > after, at most limit), each with its units
 * and owners' names as who may see them ("mine": true on the caller's own
 * head): from the register for a draft, else as frozen. *next is the last position when more follow, else 0. */
int vote_roll_page(struct db *db, const struct principal *who, int64_t vote_id, int64_t after,
                   int64_t limit, json_t **items, int64_t *next);

/* One frozen head as a page shows it: its units and owners' names as who
 * may see them, and "mine" when who owns one of its units now. */
int vote_head_json(struct db *db, const struct principal *who, int64_t head_id, json_t **out);

#endif
