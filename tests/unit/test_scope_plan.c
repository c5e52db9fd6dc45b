/* Every record check finds its places by id, whoever asks: SQLite plans
 * without statistics, and a plan that walked the caller's community through
 * the scope column's index read every dwelling of it on each check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "base/err.h"
#include "kit/capability.h"
#include "kit/principal.h"
#include "kit/scope.h"
#include "store/db.h"
#include "store/migrate.h"
#include "unit_db.h"

struct fixture {
    char path[128];
    sqlite3 *conn;
};

static int setup(void **state)
{
    static struct fixture f;
    unit_db_path(f.path, sizeof f.path, "scope-plan");
    unit_db_remove(f.path);
    struct db *db = NULL;
    int applied = 0;
    if (db_open(f.path, &db) != HW_OK || migrate_run(db, &applied) != HW_OK)
        return -1;
    db_close(db);
    if (sqlite3_open(f.path, &f.conn) != SQLITE_OK)
        return -1;
    *state = &f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    sqlite3_close(f->conn);
    unit_db_remove(f->path);
    return 0;
}

/* How the plan of sql reads the places row `p`, from EXPLAIN QUERY PLAN. */
static void plan_of_p(sqlite3 *conn, const char *sql, char *out, size_t size)
{
    char explain[1200];
    snprintf(explain, sizeof explain, "EXPLAIN QUERY PLAN %s", sql);
    sqlite3_stmt *st = NULL;
    assert_int_equal(sqlite3_prepare_v2(conn, explain, -1, &st, NULL), SQLITE_OK);
    out[0] = '\0';
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *detail = (const char *)sqlite3_column_text(st, 3);
        if (detail && (strncmp(detail, "SEARCH p ", 9) == 0 || strncmp(detail, "SCAN p", 6) == 0))
            snprintf(out, size, "%s", detail);
    }
    sqlite3_finalize(st);
}

static void check_as(sqlite3 *conn, const struct principal *who)
{
    int checked = 0;
    for (size_t i = 0; i < app_capabilities_count; i++)
        for (size_t k = 0; k < app_capabilities[i]->nrecords; k++) {
            const struct scope_record *r = &app_capabilities[i]->records[k];
            if (!r->places_sql)
                continue;
            const enum scope_reach reaches[] = {r->read, r->write};
            for (size_t j = 0; j < 2; j++) {
                char sql[1024], plan[256];
                int64_t value = 0;
                assert_int_equal(scope_within_sql(who, r->places_sql, reaches[j], sql,
                                                  sizeof sql, &value),
                                 HW_OK);
                plan_of_p(conn, sql, plan, sizeof plan);
                if (strstr(plan, "INTEGER PRIMARY KEY") == NULL)
                    fail_msg("%s as %s: places read by \"%s\"", r->kind,
                             who->scope_kind ? who->scope_kind : "-", plan);
                checked++;
            }
        }
    assert_true(checked > 20);
}

static void places_found_by_id_at_every_scope(void **state)
{
    struct fixture *f = *state;
    const char *kinds[] = {"subdistrict", "community", "grid", "micro_grid", "compound",
                           "building", "dwelling"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        struct principal who = {.user_id = 1, .role = ROLE_COMMUNITY_STAFF, .scope_id = 5,
                                .scope_kind = kinds[i], .district_id = 2};
        check_as(f->conn, &who);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(places_found_by_id_at_every_scope),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
