/* Appending to a hash chain (kit/chain.h). */
#include "kit/chain.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"

const char chain_genesis[CHAIN_HASH_HEX] =
    "0000000000000000000000000000000000000000000000000000000000000000";

int chain_hash(const char *prev_hex, const char *payload, char out[CHAIN_HASH_HEX])
{
    if (!prev_hex || !payload || strlen(prev_hex) != CHAIN_HASH_HEX - 1)
        return HW_EINVAL;
    crypto_hash_sha256_state st;
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_init(&st);
    crypto_hash_sha256_update(&st, (const unsigned char *)prev_hex, CHAIN_HASH_HEX - 1);
    crypto_hash_sha256_update(&st, (const unsigned char *)"\n", 1);
    crypto_hash_sha256_update(&st, (const unsigned char *)payload, strlen(payload));
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(out, CHAIN_HASH_HEX, digest, sizeof digest);
    return HW_OK;
}

/* The payload of row id, copied: *out is freed by the caller. */
static int read_payload(struct db *db, const struct chain_def *def, int64_t id, char **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st, def->payload_sql, "i", id);
    if (rc != HW_OK)
        return rc;
    const char *text = db_col_text(st, 0);
    *out = text ? strdup(text) : NULL;
    db_reset(st);
    if (!text)
        return HW_EINVAL; /* a payload_sql that yields NULL is a programming error */
    return *out ? HW_OK : HW_ENOMEM;
}

/* Takes the head of (name, district), creating it at the genesis, and returns
 * the hash the new row follows. The UPDATE holds the head's row lock on
 * PostgreSQL until the transaction ends, so appenders queue here. */
static int take_head(struct db *db, const struct chain_def *def, int64_t district_id,
                     char prev[CHAIN_HASH_HEX])
{
    int64_t rc = db_run(db,
                        "INSERT INTO chain_heads (name, district_id, seq, hash)"
                        " VALUES ($1, $2, 0, $3) ON CONFLICT (name, district_id) DO NOTHING",
                        "sis", def->name, district_id, chain_genesis);
    if (rc < 0)
        return (int)rc;
    struct db_stmt *st;
    int qrc = db_query_row(db, &st,
                           "UPDATE chain_heads SET seq = seq + 1"
                           " WHERE name = $1 AND district_id = $2 RETURNING hash",
                           "si", def->name, district_id);
    if (qrc != HW_OK)
        return qrc == HW_ENOTFOUND ? HW_EIO : qrc;
    const char *hash = db_col_text(st, 0);
    bool ok = hash && strlen(hash) == CHAIN_HASH_HEX - 1;
    if (ok)
        memcpy(prev, hash, CHAIN_HASH_HEX);
    db_reset(st);
    return ok ? HW_OK : HW_EIO;
}

int chain_append(struct db *db, const struct chain_def *def, int64_t district_id, int64_t id)
{
    char prev[CHAIN_HASH_HEX], hash[CHAIN_HASH_HEX];
    char *payload = NULL;
    int rc = read_payload(db, def, id, &payload);
    if (rc == HW_OK)
        rc = take_head(db, def, district_id, prev);
    if (rc == HW_OK)
        rc = chain_hash(prev, payload, hash);
    free(payload);
    if (rc != HW_OK)
        return rc;
    int64_t n = db_run(db, "UPDATE chain_heads SET hash = $3 WHERE name = $1 AND district_id = $2",
                       "sis", def->name, district_id, hash);
    if (n < 0)
        return (int)n;
    char sql[256];
    int len = snprintf(sql, sizeof sql,
                       "UPDATE %s SET prev_hash = $1, hash = $2 WHERE id = $3 AND hash IS NULL",
                       def->table);
    if (len < 0 || (size_t)len >= sizeof sql)
        return HW_EINVAL;
    n = db_run(db, sql, "ssi", prev, hash, id);
    if (n < 0)
        return (int)n;
    return n == 1 ? HW_OK : HW_ECONFLICT; /* no such row, or one already linked */
}
