#include "open311/apikey.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "base/clock.h"
#include "base/err.h"

enum { HASH_BYTES = 32, HASH_HEX_SIZE = 2 * HASH_BYTES + 1, SECRET_BYTES = 32 };
static const char key_prefix[] = "o311_";

bool open311_key_name_valid(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n < 1 || n > OPEN311_KEY_NAME_MAX)
        return false;
    if (!((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')))
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '-' || c == '_';
        if (!ok)
            return false;
    }
    return true;
}

/* BLAKE2b of the key, in hex: what the database keeps. */
static void key_hash(const char *key, char out[HASH_HEX_SIZE])
{
    unsigned char h[HASH_BYTES];
    crypto_generichash(h, sizeof h, (const unsigned char *)key, strlen(key), NULL, 0);
    sodium_bin2hex(out, HASH_HEX_SIZE, h, sizeof h);
}

/* A key as the audit log keeps it: never the key nor its hash. */
static int render_key(struct db *db, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT name, district_id, created_at, revoked_at FROM open311_keys"
                          " WHERE id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    *out = json_pack("{sI s:s sI sI s:o}", "id", (json_int_t)id, "name", db_col_text(st, 0),
                     "district_id", (json_int_t)db_col_int(st, 1), "created_at",
                     (json_int_t)db_col_int(st, 2), "revoked_at",
                     db_col_is_null(st, 3) ? json_null() : json_integer(db_col_int(st, 3)));
    db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}

struct key_new {
    const char *name;
    int64_t district_id;
    const char *hash;
    const char *bad;
};

static int apply_issue(struct db *db, void *ctx, int64_t *id, int64_t *district)
{
    struct key_new *k = ctx;
    int64_t n = 0;
    int rc = db_scalar_int(db, &n,
                           "SELECT count(*) FROM places WHERE id = $1 AND kind = 'subdistrict'",
                           "i", k->district_id);
    if (rc != HW_OK)
        return rc;
    if (n == 0) {
        k->bad = "district_id";
        return HW_EINVAL;
    }
    rc = db_scalar_int(db, id,
                       "INSERT INTO open311_keys (name, district_id, key_hash, created_at)"
                       " VALUES ($1, $2, $3, $4) RETURNING id",
                       "sisi", k->name, k->district_id, k->hash, clock_now());
    *district = k->district_id;
    return rc;
}

int open311_key_issue(struct db *db, const struct actor *a, const char *name,
                      int64_t district_id, char key[OPEN311_KEY_SIZE], int64_t *id,
                      const char **bad_field)
{
    *bad_field = NULL;
    if (!open311_key_name_valid(name)) {
        *bad_field = "name";
        return HW_EINVAL;
    }
    unsigned char secret[SECRET_BYTES];
    randombytes_buf(secret, sizeof secret);
    memcpy(key, key_prefix, sizeof key_prefix - 1);
    sodium_bin2hex(key + sizeof key_prefix - 1, OPEN311_KEY_SIZE - (sizeof key_prefix - 1),
                   secret, sizeof secret);
    sodium_memzero(secret, sizeof secret);
    char hash[HASH_HEX_SIZE];
    key_hash(key, hash);
    struct key_new k = {.name = name, .district_id = district_id, .hash = hash};
    static const struct write_op op = {
        .action = "create", .entity = "open311_key", .apply = apply_issue, .render = render_key};
    *id = 0;
    int rc = write_run(db, a, &op, &k, id);
    *bad_field = k.bad;
    if (rc != HW_OK)
        sodium_memzero(key, OPEN311_KEY_SIZE);
    return rc;
}

int open311_key_find(struct db *db, const char *name_or_id, int64_t *id)
{
    if (open311_key_name_valid(name_or_id))
        return db_scalar_int(db, id, "SELECT id FROM open311_keys WHERE name = $1", "s",
                             name_or_id);
    int64_t v = 0;
    for (const char *p = name_or_id; *p; p++) {
        if (*p < '0' || *p > '9' || v > (INT64_MAX - 9) / 10)
            return HW_ENOTFOUND;
        v = v * 10 + (*p - '0');
    }
    if (v == 0)
        return HW_ENOTFOUND;
    return db_scalar_int(db, id, "SELECT id FROM open311_keys WHERE id = $1", "i", v);
}

struct key_revoke {
    bool already;
};

static int apply_revoke(struct db *db, void *ctx, int64_t *id, int64_t *district)
{
    struct key_revoke *r = ctx;
    int64_t n = db_run(db,
                       "UPDATE open311_keys SET revoked_at = $1 WHERE id = $2"
                       " AND revoked_at IS NULL",
                       "ii", clock_now(), *id);
    if (n < 0)
        return (int)n;
    r->already = n == 0;
    return db_scalar_int(db, district, "SELECT district_id FROM open311_keys WHERE id = $1", "i",
                         *id);
}

static bool revoke_unchanged(const void *ctx)
{
    return ((const struct key_revoke *)ctx)->already;
}

int open311_key_revoke(struct db *db, const struct actor *a, int64_t id, bool *already)
{
    struct key_revoke r = {0};
    static const struct write_op op = {.action = "update",
                                       .entity = "open311_key",
                                       .apply = apply_revoke,
                                       .render = render_key,
                                       .unchanged = revoke_unchanged};
    int rc = write_run(db, a, &op, &r, &id);
    *already = r.already;
    return rc;
}

int open311_key_check(struct db *db, const char *key, struct open311_client *out)
{
    if (!key || strlen(key) != OPEN311_KEY_SIZE - 1 ||
        strncmp(key, key_prefix, sizeof key_prefix - 1) != 0)
        return HW_EAUTH;
    char hash[HASH_HEX_SIZE];
    key_hash(key, hash);
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT id, district_id, name FROM open311_keys"
                          " WHERE key_hash = $1 AND revoked_at IS NULL",
                          "s", hash);
    if (rc == HW_ENOTFOUND)
        return HW_EAUTH;
    if (rc != HW_OK)
        return rc;
    out->key_id = db_col_int(st, 0);
    out->district_id = db_col_int(st, 1);
    snprintf(out->name, sizeof out->name, "%s", db_col_text(st, 2));
    db_reset(st);
    return HW_OK;
}
