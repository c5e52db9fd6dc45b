/* The small subcommands: migrate, backup, routes, verify. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "app/app.h"
#include "app/chains.h"
#include "base/err.h"
#include "cli/cli.h"
#include "store/backup.h"
#include "store/migrate.h"

/* Parses the only option these commands share, --db; returns -1 to go on,
 * else the exit code. */
static int parse_db_only(int argc, char **argv, const char **db, const char *usage)
{
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    *db = cli_env("HONGWU_DB", DEFAULT_DB);
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': *db = optarg; break;
        case 'h': fputs(usage, stdout); return 0;
        default: fputs(usage, stderr); return 2;
        }
    }
    return -1;
}

int cmd_migrate(int argc, char **argv)
{
    const char *db_url;
    int done = parse_db_only(argc, argv, &db_url,
                             "usage: hongwu migrate [--db PATH|URL]\n\n"
                             "Applies the schema migrations not yet applied. Safe to run twice,\n"
                             "and while other servers start.\n");
    if (done >= 0)
        return done;
    if (optind < argc) {
        fprintf(stderr, "hongwu migrate: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    struct db *db;
    if (cli_open_db(db_url, &db) != HW_OK) {
        fprintf(stderr, "hongwu migrate: failed (see the log above)\n");
        return 1;
    }
    int64_t version = 0;
    db_scalar_int(db, &version, "SELECT max(version) FROM schema_migrations", "");
    printf("schema at version %lld\n", (long long)version);
    db_close(db);
    return 0;
}

int cmd_backup(int argc, char **argv)
{
    const char *db_url;
    int done = parse_db_only(argc, argv, &db_url,
                             "usage: hongwu backup [--db PATH|URL] FILE\n\n"
                             "Writes a consistent copy of the database to FILE while the server\n"
                             "runs: SQLite's online backup, or pg_dump's custom format for\n"
                             "PostgreSQL (restore with pg_restore).\n");
    if (done >= 0)
        return done;
    if (optind != argc - 1) {
        fprintf(stderr, "usage: hongwu backup [--db PATH|URL] FILE\n");
        return 2;
    }
    int rc = backup_database(db_url, argv[optind]);
    if (rc != HW_OK) {
        fprintf(stderr, "hongwu backup: failed: %s\n", hw_strerror(rc));
        return 1;
    }
    printf("backup written to %s\n", argv[optind]);
    return 0;
}

/* METHOD PATH PERMISSION RECORD ROLES: the record kind its {id} names ("-"
 * for none) and the roles holding the permission, comma-separated. */
static void print_route(const struct capability *c, const struct route *r, void *ctx)
{
    (void)c;
    (void)ctx;
    printf("%s %s %s %s ", r->method, r->pattern, perm_name((enum perm)r->perm),
           r->record ? r->record : "-");
    unsigned roles = access_roles((enum perm)r->perm);
    const char *sep = "";
    for (int role = 0; role < ROLE_COUNT; role++) {
        if (roles & (1u << role)) {
            printf("%s%s", sep, role_name((enum role)role));
            sep = ",";
        }
    }
    printf("\n");
}

/* KIND TABLE PLACES_SQL, tab-separated: how each kind of record hangs on
 * places ("-" for a kind with a rule of its own that no place decides). */
static void print_records(void)
{
    for (size_t i = 0; i < app_capabilities_count; i++)
        for (size_t k = 0; k < app_capabilities[i]->nrecords; k++) {
            const struct scope_record *r = &app_capabilities[i]->records[k];
            printf("%s\t%s\t%s\n", r->kind, r->table ? r->table : "-",
                   r->places_sql ? r->places_sql : "-");
        }
}

int cmd_routes(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "--records") == 0) {
        print_records();
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "--help") == 0) {
        printf("usage: hongwu routes\n\nPrints, for every API route, one line:\n"
               "METHOD PATH PERMISSION RECORD ROLES\n"
               "RECORD is the kind of record its {id} names (\"-\" for none); ROLES are\n"
               "the roles holding the permission, comma-separated.\n\n"
               "hongwu routes --records prints, tab-separated, each kind of record:\n"
               "KIND TABLE PLACES_SQL (the places it hangs on, for the record $1).\n");
        return 0;
    }
    if (argc > 1) {
        fprintf(stderr, "usage: hongwu routes\n");
        return 2;
    }
    app_each_route(print_route, NULL);
    return 0;
}

/* One sub-district's line per chain: "ballots  district 1  42 rows  intact". */
static void print_report(const json_t *report, void *ctx)
{
    (void)ctx;
    json_int_t district = json_integer_value(json_object_get(report, "district_id"));
    size_t i;
    const json_t *c;
    json_array_foreach(json_object_get(report, "chains"), i, c) {
        printf("%-10s district %lld  %lld rows  ", json_string_value(json_object_get(c, "name")),
               (long long)district, (long long)json_integer_value(json_object_get(c, "rows")));
        if (json_is_true(json_object_get(c, "intact"))) {
            puts("intact");
            continue;
        }
        json_int_t id = json_integer_value(json_object_get(c, "broken_id"));
        if (id)
            printf("BROKEN at row %lld: ", (long long)id);
        else
            printf("BROKEN: ");
        puts(json_string_value(json_object_get(c, "reason")));
    }
}

int cmd_verify(int argc, char **argv)
{
    const char *db_url;
    int done = parse_db_only(argc, argv, &db_url,
                             "usage: hongwu verify [--db PATH|URL]\n\n"
                             "Checks every hash chain (owner ballots, the public-revenue ledger)\n"
                             "of every sub-district: each row against its hash, each link, and\n"
                             "the chain's head. Names the first broken row of each chain. Exits 1\n"
                             "when a chain is broken.\n");
    if (done >= 0)
        return done;
    if (optind < argc) {
        fprintf(stderr, "hongwu verify: unexpected argument '%s'\n", argv[optind]);
        return 2;
    }
    struct db *db;
    if (cli_open_db(db_url, &db) != HW_OK) {
        fprintf(stderr, "hongwu verify: failed (see the log above)\n");
        return 1;
    }
    bool intact = true;
    int rc = app_chains_verify_all(db, print_report, NULL, &intact);
    db_close(db);
    if (rc != HW_OK) {
        fprintf(stderr, "hongwu verify: failed: %s\n", hw_strerror(rc));
        return 1;
    }
    puts(intact ? "every chain is intact" : "a chain is BROKEN: see above");
    return intact ? 0 : 1;
}
