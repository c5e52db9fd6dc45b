/* Who casts a head's ballot online: an owner (业主), Civil Code art. 278.
 * An account of role resident is bound to a home and linked to the person
 * it speaks for (registry/resident_account.h); its online ballot is the
 * head's of that home, and only when that person owns one of the head's
 * units now. Tenants and family members vote through their owner, or the
 * owner's proxy on paper. */
#ifndef HONGWU_VOTES_VOTER_H
#define HONGWU_VOTES_VOTER_H

#include <stdbool.h>
#include <stdint.h>

#include "kit/principal.h"
#include "store/db.h"

enum vote_voter {
    VOTER_OWNER,       /* may cast the head's one ballot */
    VOTER_NOT_ON_ROLL, /* the account's home is not on the vote's roll */
    VOTER_NOT_LINKED,  /* the account speaks for no one on the register yet */
    VOTER_NOT_OWNER,   /* a tenant or family member: owns no unit of the head now */
    VOTER_NO_OWNER,    /* the head had no owner when frozen (the developer's, or unregistered) */
};

struct vote_voter_facts {
    bool on_roll;          /* the account's home is a unit of the frozen roll */
    bool linked;           /* the account is linked to a resident */
    bool owns_unit;        /* that resident owns one of the head's units now */
    int64_t frozen_owners; /* owners the head was frozen with */
};

/* The rule, first failing condition first. */
enum vote_voter vote_voter_standing(const struct vote_voter_facts *f);

/* "owner", "not_on_roll", "not_linked", "not_owner", "no_owner". */
const char *vote_voter_name(enum vote_voter v);

/* The facts for the account user_id bound to dwelling_id in vote_id's
 * frozen roll; *head_id the head of that dwelling (0: not on the roll). */
int vote_voter_read(struct db *db, int64_t vote_id, int64_t dwelling_id, int64_t user_id,
                    struct vote_voter_facts *out, int64_t *head_id);

/* True when who is a resident whose account is linked to a current owner
 * of dwelling_id. */
int vote_voter_owns(struct db *db, const struct principal *who, int64_t dwelling_id, bool *owns);

#endif
