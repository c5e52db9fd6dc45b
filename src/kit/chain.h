/* Hash chains: append-only tables whose rows each carry the hash of the row
 * before them, so that a row edited, removed or slipped in by hand shows.
 *
 * Each chained table has a district_id column and two TEXT columns,
 * prev_hash and hash. A row's hash is SHA-256 over its predecessor's hash and
 * the row's canonical content (its payload), in hexadecimal; the first row of
 * a sub-district's chain follows 64 zeros. The payload is built in SQL from
 * the row's own columns by the chain's payload_sql, so that the check reads
 * exactly what a hand edit would change. The head of each chain (how many
 * rows, the last hash) is kept in chain_heads, which also catches a row
 * removed from the end. */
#ifndef HONGWU_KIT_CHAIN_H
#define HONGWU_KIT_CHAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

enum { CHAIN_HASH_HEX = 65 }; /* 64 hexadecimal digits and the NUL */

struct chain_def {
    const char *name;  /* the chain's name, e.g. "ballots" */
    const char *table; /* the chained table */
    /* One row, one TEXT column: the canonical content of row id = $1, built
     * from its columns (never prev_hash or hash), the same text on both
     * databases (cast numbers to text, COALESCE NULLs). */
    const char *payload_sql;
    /* The rows (id, payload, prev_hash, hash) of sub-district $1, payload
     * built as payload_sql builds it. Any order: the check follows the links. */
    const char *rows_sql;
};

/* Inside the caller's write transaction: links the new row id of the
 * sub-district's chain after its last row, storing the row's prev_hash and
 * hash, and advances the head. Concurrent appenders of one chain wait for
 * each other until the first commits (the head row's lock). */
int chain_append(struct db *db, const struct chain_def *def, int64_t district_id, int64_t id);

struct chain_report {
    bool intact;
    int64_t rows;      /* rows of the chain in the sub-district */
    int64_t broken_id; /* the first row found wrong; 0 when none or none to name */
    char reason[160];  /* why, in English, for the report */
};

/* Checks a sub-district's chain: every row's hash against its content, every
 * link, and the head. Reports the first break (lowest id) in *out; the
 * return value is an error only when the check itself could not run. */
int chain_verify(struct db *db, const struct chain_def *def, int64_t district_id,
                 struct chain_report *out);

/* The hash of a row whose predecessor's hash is prev_hex (exported for the
 * unit test and for anyone recomputing a published chain). */
int chain_hash(const char *prev_hex, const char *payload, char out[CHAIN_HASH_HEX]);

extern const char chain_genesis[CHAIN_HASH_HEX];

#endif
