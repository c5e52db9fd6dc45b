/* Hash chains (kit/chain.h) on a temporary SQLite file: appending, and the
 * check finding a row edited, a row edited with its hash recomputed, and a
 * row removed from the end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/err.h"
#include "kit/chain.h"
#include "store/db.h"
#include "store/migrate.h"
#include "unit_db.h"

static char path[64];

static const struct chain_def notes = {
    .name = "notes",
    .table = "notes",
    .payload_sql = "SELECT CAST(id AS TEXT) || '|' || body FROM notes WHERE id = $1",
    .rows_sql = "SELECT id, CAST(id AS TEXT) || '|' || body, prev_hash, hash FROM notes"
                " WHERE district_id = $1",
};

static int setup(void **state)
{
    unit_db_path(path, sizeof path, "chain");
    struct db *db;
    int applied;
    if (db_open(path, &db) != HW_OK || migrate_run(db, &applied) != HW_OK)
        return -1;
    *state = db;
    return db_exec(db, "INSERT INTO places (id, district_id, kind, name, created_at, updated_at)"
                       " VALUES (1, 1, 'subdistrict', 'S', 0, 0), (2, 2, 'subdistrict', 'T', 0, 0);"
                       "CREATE TABLE notes (id INTEGER PRIMARY KEY, district_id BIGINT NOT NULL,"
                       " body TEXT NOT NULL, prev_hash TEXT, hash TEXT)") == HW_OK
               ? 0
               : -1;
}

static int teardown(void **state)
{
    db_close(*state);
    unit_db_remove(path);
    return 0;
}

static void add(struct db *db, int64_t district, int64_t id, const char *body)
{
    assert_int_equal(db_begin(db, DB_TXN_WRITE), HW_OK);
    assert_int_equal(db_run(db, "INSERT INTO notes (id, district_id, body) VALUES ($1, $2, $3)",
                            "iis", id, district, body),
                     1);
    assert_int_equal(chain_append(db, &notes, district, id), HW_OK);
    assert_int_equal(db_commit(db), HW_OK);
}

static void check(struct db *db, int64_t district, bool intact, int64_t broken_id)
{
    struct chain_report r;
    assert_int_equal(chain_verify(db, &notes, district, &r), HW_OK);
    assert_int_equal(r.intact, intact);
    assert_int_equal(r.broken_id, broken_id);
}

static void hash_is_sha256_of_prev_and_payload(void **state)
{
    (void)state;
    char out[CHAIN_HASH_HEX];
    assert_int_equal(chain_hash(chain_genesis, "abc", out), HW_OK);
    /* sha256("0" * 64 + "\nabc"), computed independently */
    assert_string_equal(out, "ac10ec504bb4ed3d77c3b3d1cf8fc534a2f6658185a64fc00b24a1afce46cec3");
    assert_int_equal(chain_hash("short", "abc", out), HW_EINVAL);
}

static void edits_are_found(void **state)
{
    struct db *db = *state;
    check(db, 1, true, 0); /* an empty chain */
    for (int64_t id = 1; id <= 5; id++)
        add(db, 1, id, id % 2 ? "yes" : "no");
    add(db, 2, 6, "elsewhere");
    check(db, 1, true, 0);
    check(db, 2, true, 0);

    /* A row linked twice is refused. */
    assert_int_equal(db_begin(db, DB_TXN_WRITE), HW_OK);
    assert_int_equal(chain_append(db, &notes, 1, 3), HW_ECONFLICT);
    db_rollback(db);

    /* The content edited: that row. */
    assert_int_equal(db_exec(db, "UPDATE notes SET body = 'yes' WHERE id = 2"), HW_OK);
    check(db, 1, false, 2);
    check(db, 2, true, 0);

    /* Its hash recomputed too: the link to the next row breaks. */
    char prev[CHAIN_HASH_HEX], hash[CHAIN_HASH_HEX];
    struct db_stmt *st;
    assert_int_equal(db_query_row(db, &st, "SELECT prev_hash FROM notes WHERE id = 2", ""), HW_OK);
    strcpy(prev, db_col_text(st, 0));
    db_reset(st);
    assert_int_equal(chain_hash(prev, "2|yes", hash), HW_OK);
    assert_int_equal(db_run(db, "UPDATE notes SET hash = $1 WHERE id = 2", "s", hash), 1);
    check(db, 1, false, 3);

    /* Put back, then the last row removed: the head no longer matches. */
    assert_int_equal(db_exec(db, "UPDATE notes SET body = 'no' WHERE id = 2"), HW_OK);
    assert_int_equal(chain_hash(prev, "2|no", hash), HW_OK);
    assert_int_equal(db_run(db, "UPDATE notes SET hash = $1 WHERE id = 2", "s", hash), 1);
    check(db, 1, true, 0);
    assert_int_equal(db_exec(db, "DELETE FROM notes WHERE id = 5"), HW_OK);
    check(db, 1, false, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(hash_is_sha256_of_prev_and_payload),
        cmocka_unit_test(edits_are_found),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
