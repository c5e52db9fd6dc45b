/* hongwu apikey add|list|revoke: the keys of Open311 client applications
 * (docs/open311.md, "Keys"). A key is printed once, alone on its line, when
 * it is issued; the database keeps only its hash. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "base/err.h"
#include "cli/cli.h"
#include "kit/write.h"
#include "open311/apikey.h"

static const char apikey_usage[] =
    "usage: hongwu apikey COMMAND [--db PATH|URL] ...\n\n"
    "  add NAME --district ID   issue a key for an Open311 client application of\n"
    "                           sub-district ID; prints the key alone on one line,\n"
    "                           once: only its hash is kept\n"
    "  list                     list the keys (never the keys themselves)\n"
    "  revoke NAME|ID           revoke a key: requests with it are refused from now on\n\n"
    "NAME: 1 to 64 letters, digits, '.', '-' or '_', starting with a letter.\n";

static int apikey_add(struct db *db, const char *name, const char *district)
{
    unsigned long district_id;
    if (!district || cli_parse_uint(district, 1, (unsigned long)INT64_MAX, &district_id) != HW_OK) {
        fprintf(stderr, "hongwu apikey add: --district must be a sub-district's id\n");
        return HW_EINVAL;
    }
    char key[OPEN311_KEY_SIZE];
    int64_t id;
    const char *bad = NULL;
    int rc = open311_key_issue(db, &actor_command_line, name, (int64_t)district_id, key, &id, &bad);
    if (rc == HW_ECONFLICT)
        fprintf(stderr, "hongwu apikey add: the name '%s' is taken\n", name);
    else if (rc == HW_EINVAL && bad && strcmp(bad, "district_id") == 0)
        fprintf(stderr, "hongwu apikey add: there is no sub-district with id %lu\n", district_id);
    else if (rc == HW_EINVAL)
        fprintf(stderr, "hongwu apikey add: invalid name (see --help)\n");
    else if (rc == HW_OK)
        printf("%s\n", key);
    sodium_memzero(key, sizeof key);
    return rc;
}

static int apikey_list(struct db *db)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT k.id, k.name, k.district_id, coalesce(p.code, ''), p.name,"
                      " k.revoked_at IS NOT NULL"
                      " FROM open311_keys k JOIN places p ON p.id = k.district_id ORDER BY k.id",
                      "");
    if (rc != HW_OK)
        return rc;
    printf("%-6s %-28s %-8s %-9s %s\n", "id", "name", "district", "state", "jurisdiction");
    while ((rc = db_step(st)) == DB_ROW)
        printf("%-6lld %-28s %-8lld %-9s %s %s\n", (long long)db_col_int(st, 0),
               db_col_text(st, 1), (long long)db_col_int(st, 2),
               db_col_bool(st, 5) ? "revoked" : "active", db_col_text(st, 3), db_col_text(st, 4));
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

static int apikey_revoke(struct db *db, const char *name_or_id)
{
    int64_t id;
    int rc = open311_key_find(db, name_or_id, &id);
    if (rc == HW_ENOTFOUND) {
        fprintf(stderr, "hongwu apikey revoke: no key '%s'\n", name_or_id);
        return rc;
    }
    bool already = false;
    if (rc == HW_OK)
        rc = open311_key_revoke(db, &actor_command_line, id, &already);
    if (rc == HW_OK)
        printf("%s: %s\n", name_or_id, already ? "was already revoked" : "revoked");
    return rc;
}

int cmd_apikey(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(apikey_usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const char *sub = argv[1];
    const char *db_url = cli_env("HONGWU_DB", DEFAULT_DB), *district = NULL;
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"district", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 2;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': db_url = optarg; break;
        case 's': district = optarg; break;
        case 'h': fputs(apikey_usage, stdout); return 0;
        default: fputs(apikey_usage, stderr); return 2;
        }
    }
    bool add = strcmp(sub, "add") == 0, list = strcmp(sub, "list") == 0,
         revoke = strcmp(sub, "revoke") == 0;
    if (!add && !list && !revoke) {
        fprintf(stderr, "hongwu apikey: unknown command '%s'\n\n%s", sub, apikey_usage);
        return 2;
    }
    if ((list && optind != argc) || (!list && optind != argc - 1) || (!add && district)) {
        fputs(apikey_usage, stderr);
        return 2;
    }
    struct db *db;
    if (sodium_init() < 0 || cli_open_db(db_url, &db) != HW_OK) {
        fprintf(stderr, "hongwu apikey: cannot open the database\n");
        return 1;
    }
    int rc = add ? apikey_add(db, argv[optind], district)
                 : list ? apikey_list(db) : apikey_revoke(db, argv[optind]);
    db_close(db);
    return rc == HW_OK ? 0 : 1;
}
