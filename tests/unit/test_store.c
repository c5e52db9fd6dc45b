/* The SQLite backend and migrations, on a temporary file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/err.h"
#include "store/db.h"
#include "store/migrate.h"
#include "unit_db.h"

static char path[64];

static int open_db(void **state)
{
    unit_db_path(path, sizeof path, "store");
    struct db *db;
    if (db_open(path, &db) != HW_OK)
        return -1;
    *state = db;
    return 0;
}

static int close_db(void **state)
{
    db_close(*state);
    unit_db_remove(path);
    return 0;
}

static void migrations_apply_once(void **state)
{
    struct db *db = *state;
    int applied = -1;
    assert_int_equal(migrate_run(db, &applied), HW_OK);
    assert_int_equal(applied, (int)migrations_count);
    assert_int_equal(migrate_run(db, &applied), HW_OK);
    assert_int_equal(applied, 0);
}

/* In SQLite "$2" is a named parameter: binding by position would swap these. */
static void parameters_bind_by_number(void **state)
{
    struct db *db = *state;
    struct db_stmt *st;
    assert_int_equal(db_query(db, &st, "SELECT $2 || '-' || $1", "ss", "one", "two"), HW_OK);
    assert_int_equal(db_step(st), DB_ROW);
    assert_string_equal(db_col_text(st, 0), "two-one");
    db_reset(st);
}

static void errors_map_to_codes(void **state)
{
    struct db *db = *state;
    assert_true(db_run(db, "CREATE TABLE t (k TEXT PRIMARY KEY, r BIGINT REFERENCES places (id))",
                       "") >= 0);
    assert_int_equal(db_run(db, "INSERT INTO t (k) VALUES ($1)", "s", "a"), 1);
    assert_int_equal(db_run(db, "INSERT INTO t (k) VALUES ($1)", "s", "a"), HW_ECONFLICT);
    assert_int_equal(db_run(db, "INSERT INTO t (k, r) VALUES ($1, $2)", "si", "b", (int64_t)999),
                     HW_EINVAL);
    int64_t n = -1;
    assert_int_equal(db_scalar_int(db, &n, "SELECT count(*) FROM t", ""), HW_OK);
    assert_int_equal(n, 1);
    assert_int_equal(db_scalar_int(db, &n, "SELECT 1 FROM t WHERE k = $1", "s", "zz"),
                     HW_ENOTFOUND);
}

static void rollback_discards(void **state)
{
    struct db *db = *state;
    assert_int_equal(db_begin(db, DB_TXN_WRITE), HW_OK);
    assert_int_equal(db_run(db, "INSERT INTO t (k) VALUES ($1)", "s", "gone"), 1);
    db_rollback(db);
    int64_t n = -1;
    assert_int_equal(db_scalar_int(db, &n, "SELECT count(*) FROM t WHERE k = 'gone'", ""), HW_OK);
    assert_int_equal(n, 0);
}

static void translate_dialect(void **state)
{
    (void)state;
    char *out;
    assert_int_equal(migrate_translate(DB_SQLITE, "id {{id}}, x", &out), HW_OK);
    assert_string_equal(out, "id INTEGER PRIMARY KEY, x");
    free(out);
    assert_int_equal(migrate_translate(DB_POSTGRES, "{{id}}{{id}}", &out), HW_OK);
    assert_non_null(strstr(out, "IDENTITY PRIMARY KEYBIGINT"));
    free(out);
}

/* A backend's block is kept, with its placeholders, for that backend only. */
static void translate_backend_blocks(void **state)
{
    (void)state;
    const char *sql = "A;{{sqlite:\nB {{id}};\n}}{{postgres:C;}}D;";
    char *out;
    assert_int_equal(migrate_translate(DB_SQLITE, sql, &out), HW_OK);
    assert_string_equal(out, "A;\nB INTEGER PRIMARY KEY;\nD;");
    free(out);
    assert_int_equal(migrate_translate(DB_POSTGRES, sql, &out), HW_OK);
    assert_string_equal(out, "A;C;D;");
    free(out);
    assert_int_equal(migrate_translate(DB_SQLITE, "A;{{postgres: B;", &out), HW_EINVAL);
}

static void urls_are_redacted(void **state)
{
    (void)state;
    char out[128];
    db_url_redacted("postgresql://hw:s3cret@db:5432/hongwu", out, sizeof out);
    assert_string_equal(out, "postgresql://hw:***@db:5432/hongwu");
    db_url_redacted("postgresql://db/hongwu", out, sizeof out);
    assert_string_equal(out, "postgresql://db/hongwu");
    db_url_redacted("var/hongwu.db", out, sizeof out);
    assert_string_equal(out, "var/hongwu.db");
}

static int64_t synchronous_of(const char *file)
{
    struct db *db;
    int64_t level = -1;
    assert_int_equal(db_open(file, &db), HW_OK);
    assert_int_equal(db_scalar_int(db, &level, "PRAGMA synchronous", ""), HW_OK);
    db_close(db);
    return level;
}

/* serve --sync: what SQLite is told, on every connection opened after. */
static void sync_mode_reaches_sqlite(void **state)
{
    (void)state;
    enum db_sync mode;
    assert_int_equal(db_get_sync(), DB_SYNC_FULL); /* the default */
    assert_int_equal(synchronous_of(path), 2);     /* FULL */
    assert_int_equal(db_sync_parse("normal", &mode), HW_OK);
    db_set_sync(mode);
    assert_int_equal(synchronous_of(path), 1); /* NORMAL */
    assert_int_equal(db_sync_parse("full", &mode), HW_OK);
    db_set_sync(mode);
    assert_int_equal(synchronous_of(path), 2);
    assert_int_equal(db_sync_parse("off", &mode), HW_EINVAL);
    assert_int_equal(db_sync_parse(NULL, &mode), HW_EINVAL);
    assert_string_equal(db_sync_name(DB_SYNC_NORMAL), "normal");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(migrations_apply_once), cmocka_unit_test(parameters_bind_by_number),
        cmocka_unit_test(errors_map_to_codes),   cmocka_unit_test(rollback_discards),
        cmocka_unit_test(translate_dialect),     cmocka_unit_test(urls_are_redacted),
        cmocka_unit_test(translate_backend_blocks),
        cmocka_unit_test(sync_mode_reaches_sqlite),
    };
    return cmocka_run_group_tests(tests, open_db, close_db);
}
