/* Ballots: one per head of the frozen electorate, cast online by an owner,
 * or recorded by staff from a numbered paper ballot, by proxy only with a
 * signed authorization on file. Never changed: each is linked into the
 * sub-district's ballot chain (votes/ballot_chain.h) as it is written. */
#ifndef HONGWU_VOTES_BALLOT_H
#define HONGWU_VOTES_BALLOT_H

#include <jansson.h>
#include <stdint.h>

#include "kit/principal.h"
#include "store/db.h"
#include "votes/receipt.h"

enum { VOTE_PAPER_NUMBER_MAX = 32 };

struct vote_ballot_new {
    int64_t vote_id;
    int64_t dwelling_id; /* one of the head's units: the owner's home, or the paper's */
    const char *choice;  /* "yes", "no" or "abstain" */
    const char *channel; /* "online", "paper" or "proxy" */
    const char *paper_number;  /* paper and proxy ballots: unique within the vote */
    int64_t authorization_id;  /* proxy ballots: the head's authorization on file */
    int64_t user_id; /* the owner's account (linked to an owner: votes/voter.h), or the
                      * staff member recording */
};

/* Casts b at now inside the caller's write transaction and links it into
 * the chain; *receipt gets the code to hand to the owner. HW_ECONFLICT with
 * *bad_field "status" when the vote takes no ballots now (not open, or at
 * or past its deadline), with *bad_field NULL when the head has voted or
 * the paper number is taken; HW_EINVAL with the field otherwise: "owner"
 * when an online ballot's account is not linked to an owner of the head. */
int vote_ballot_cast(struct db *db, const struct vote_ballot_new *b, int64_t now, int64_t *id,
                     char receipt[VOTE_RECEIPT_CODE_SIZE], const char **bad_field);

/* A ballot as the audit log keeps it: who voted, how and when, never the
 * choice nor the receipt. */
int vote_ballot_audit_json(struct db *db, int64_t id, json_t **out);

/* One page of the named ballot list (id > after): the head's homes and
 * owners' names, the channel, the paper number and proxy, the time, and the
 * choice unless the vote is secret. */
int vote_ballots_page(struct db *db, const struct principal *who, int64_t vote_id, int64_t after,
                      int64_t limit, json_t **items, int64_t *next);

/* One page of the anonymised list, ordered by receipt hash (> after, "" to
 * start): receipt hash, choice, area and heads of every ballot counted. */
int vote_lines_page(struct db *db, int64_t vote_id, const char *after, int64_t limit,
                    json_t **items, char next[VOTE_RECEIPT_HASH_HEX]);

/* The anonymised line of the ballot whose receipt code is code: HW_ENOTFOUND
 * when no ballot of the vote has it, HW_EINVAL when it is no code. */
int vote_receipt_line(struct db *db, int64_t vote_id, const char *code, json_t **out);

#endif
