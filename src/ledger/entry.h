/* Ledger entries (docs/api-ledger.md): income and spending of a compound's
 * public revenue, each spending citing what authorised it, never changed
 * (a correction is a reversing entry), each linked into the sub-district's
 * hash chain as it is written. Plain functions inside the caller's write
 * transaction; HW_EINVAL with *bad_field on a refused entry. */
#ifndef HONGWU_LEDGER_ENTRY_H
#define HONGWU_LEDGER_ENTRY_H

#include <jansson.h>
#include <stdint.h>

#include "ledger/rules.h"
#include "store/db.h"

struct ledger_entry_new {
    int64_t compound_id;
    const char *date; /* YYYY-MM-DD, not after today */
    enum ledger_category category;
    int64_t amount_fen;
    const char *description;
    int64_t vote_id, decision_id; /* at most one; 0: none */
};
int ledger_entry_create(struct db *db, const struct ledger_entry_new *e, int64_t user_id,
                        int64_t now, int64_t *id, const char **bad_field);

/* Reverses entry id (once; a reversal is not reversed) with reason, dated
 * today. */
int ledger_entry_reverse(struct db *db, int64_t id, const char *reason, int64_t user_id,
                         int64_t now, int64_t *reversal_id, const char **bad_field);

/* The sub-district's policy for unauthorised spending: LEDGER_REFUSE
 * unless it chose otherwise. */
int ledger_policy_get(struct db *db, int64_t district_id, enum ledger_policy *out);
int ledger_policy_set(struct db *db, int64_t district_id, enum ledger_policy p, int64_t user_id,
                      int64_t now);

/* The entry with its authorisation (the vote or decision, or null). */
int ledger_entry_json(struct db *db, int64_t id, json_t **out);
/* Only the authorisation of entry id's vote_id or decision_id. */
int ledger_authorisation_json(struct db *db, int64_t vote_id, int64_t decision_id, json_t **out);

/* YYYY-MM-DD of epoch in China Standard Time (UTC+8, no DST). */
void ledger_date_of(int64_t epoch, char out[LEDGER_DATE_SIZE]);

#endif
