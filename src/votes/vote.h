/* An owners' vote: what is decided, where, when, and how far it has come
 * (docs/api-votes.md, "Lifecycle"):
 * draft → published (electorate frozen, owners may object to their entry)
 * → open (ballots accepted until the deadline) → preliminary (counted at the
 * deadline; owners may object to the result) → final (passed or failed);
 * cancelled from any state before the count. */
#ifndef HONGWU_VOTES_VOTE_H
#define HONGWU_VOTES_VOTE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

enum {
    VOTE_TITLE_MAX = 200,
    VOTE_TEXT_MAX = 4000,
    VOTE_DAY_S = 86400,
    /* The 询异公示 after the preliminary result, when the vote names none:
     * a week, as notices are commonly posted; each vote may set 1-30 days. */
    VOTE_OBJECTION_DAYS_DEFAULT = 7,
    VOTE_OBJECTION_DAYS_MAX = 30,
    /* Voting lasts at most this long: a product limit. */
    VOTE_LENGTH_MAX_S = 90 * VOTE_DAY_S,
};

enum vote_status {
    VOTE_DRAFT,
    VOTE_PUBLISHED,
    VOTE_OPEN,
    VOTE_PRELIMINARY,
    VOTE_FINAL,
    VOTE_CANCELLED,
};
const char *vote_status_name(enum vote_status s);
/* HW_OK, or HW_EINVAL for an unknown name. */
int vote_status_parse(const char *name, enum vote_status *out);

struct vote {
    int64_t id, district_id, place_id, compound_id, building_id; /* building 0: the compound's */
    enum vote_status status;
    bool special, secret;
    int64_t opens_at, closes_at, objection_days, objections_until;
};

/* HW_ENOTFOUND when there is no such vote. */
int vote_load(struct db *db, int64_t id, struct vote *out);

struct vote_new {
    int64_t place_id; /* a compound, or a building for one building's matter */
    const char *title, *description, *matter;
    bool secret;
    int64_t opens_at, closes_at;
    int64_t objection_days; /* 0: the default */
};

/* The fields' own rules, without the database: a title of 1-200 bytes, a
 * known matter, voting that opens after now and lasts at most 90 days,
 * 1-30 days of objections. HW_EINVAL with the field in *bad_field. */
int vote_new_check(const struct vote_new *v, int64_t now, const char **bad_field);

/* Inserts a draft; the place must be a compound or a building (place_id). */
int vote_create(struct db *db, const struct vote_new *v, int64_t by, int64_t now, int64_t *id,
                const char **bad_field);

/* Whether a ballot may be cast at now: the vote is open and its deadline
 * has not come (a ballot at the deadline is late). Pure. */
bool vote_accepts_ballots(const struct vote *v, int64_t now);

/* The vote as the API shows it: its matter and thresholds, the frozen
 * electorate, participation so far, and the result once counted. */
int vote_json(struct db *db, int64_t id, json_t **out);

#endif
