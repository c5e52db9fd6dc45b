/* A ballot's receipt: a random code the owner keeps, and its hash, which
 * the published anonymised ballot list carries beside the choice and the
 * weight. The owner finds their line with the code; nobody else can tell
 * whose line it is, and the code is never stored. */
#ifndef HONGWU_VOTES_RECEIPT_H
#define HONGWU_VOTES_RECEIPT_H

#include <stdint.h>

enum {
    VOTE_RECEIPT_SYMBOLS = 16, /* 80 random bits, 5 per symbol */
    VOTE_RECEIPT_CODE_SIZE = VOTE_RECEIPT_SYMBOLS + 3 + 1, /* four groups, dashes, NUL */
    VOTE_RECEIPT_HASH_HEX = 65,
};

/* A fresh code from libsodium's randombytes in Crockford's base32 (no I, L,
 * O, U): "7K2M-QX9D-04TB-N8RC". */
void vote_receipt_code(char out[VOTE_RECEIPT_CODE_SIZE]);

/* The code as typed (any case, blanks and dashes anywhere, O for 0, I and L
 * for 1) in its printed form. HW_EINVAL when it is not 16 symbols. */
int vote_receipt_normalize(const char *typed, char out[VOTE_RECEIPT_CODE_SIZE]);

/* The published hash: SHA-256 of "hongwu-vote-receipt|<vote id>|<code>" in
 * hexadecimal, the code in its printed form (docs/api-votes.md). */
int vote_receipt_hash(int64_t vote_id, const char *code, char out[VOTE_RECEIPT_HASH_HEX]);

#endif
