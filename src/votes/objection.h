/* Owners' objections (docs/api-votes.md, "Objections"): while a vote is
 * published and not yet open, to their own entry in the frozen electorate;
 * while its preliminary result stands, to the result (询异公示). Staff
 * resolve each: the vote opens, or its result becomes final, only when none
 * of its stage is pending. */
#ifndef HONGWU_VOTES_OBJECTION_H
#define HONGWU_VOTES_OBJECTION_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "kit/principal.h"
#include "store/db.h"

/* Lodges the objection of the owner living in dwelling_id (an account of
 * that home) at now. HW_EINVAL with *bad_field: "status" outside both
 * periods, "dwelling_id" when the home is not on the vote's roll, "text". */
int vote_objection_lodge(struct db *db, int64_t vote_id, int64_t dwelling_id, int64_t user_id,
                         const char *text, int64_t now, int64_t *id, const char **bad_field);

/* Resolves a pending objection of vote_id ("upheld" or "dismissed", with a
 * note), then opens the vote or finalizes its result if that was the last
 * one pending and its time has come. */
int vote_objection_resolve(struct db *db, int64_t vote_id, int64_t objection_id,
                           const char *decision, const char *note, int64_t by, int64_t now,
                           const char **bad_field);

/* One objection as answered. */
int vote_objection_json(struct db *db, const struct principal *who, int64_t id, json_t **out);

/* One page (id > after) of a vote's objections: all of them for those who
 * run the vote, else the caller's own. */
int vote_objections_page(struct db *db, const struct principal *who, int64_t vote_id,
                         int64_t after, int64_t limit, json_t **items, int64_t *next);

#endif
