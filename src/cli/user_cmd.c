/* hongwu user add|passwd|disable|list: accounts from the command line, for
 * the first admin and for recovery. Passwords come from standard input. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "auth/password.h"
#include "auth/session.h"
#include "auth/users.h"
#include "base/clock.h"
#include "base/err.h"
#include "cli/cli.h"
#include "kit/write.h"

static const char user_usage[] =
    "usage: hongwu user COMMAND [--db PATH|URL] ...\n\n"
    "  add LOGIN --role ROLE [--scope KIND:ID] [--name NAME] [--phone PHONE]\n"
    "                   create an account; the password is read from standard input\n"
    "  passwd LOGIN     set a new password read from standard input; ends its sessions\n"
    "  disable LOGIN    disable an account and end its sessions\n"
    "  list             list accounts\n\n"
    "ROLE is one of subdistrict_officer, community_staff, property_staff,\n"
    "owners_committee, grid_leader, grid_worker, building_leader, party_member,\n"
    "alliance_unit, volunteer, inspector, resident, admin. KIND:ID names the place\n"
    "the role is bound to, e.g. grid:12; an admin without --scope sees everything.\n";

struct user_args {
    const char *db, *role, *scope, *name, *phone;
};

/* Reads one line (the password) from stdin into buf; strips the newline. */
static int read_password(char *buf, size_t size)
{
    if (!fgets(buf, (int)size, stdin)) {
        fprintf(stderr, "hongwu user: expected the password on standard input\n");
        return HW_EINVAL;
    }
    buf[strcspn(buf, "\r\n")] = '\0';
    if (!password_acceptable(buf)) {
        fprintf(stderr, "hongwu user: the password must have %d to %d characters\n",
                PASSWORD_MIN_LEN, PASSWORD_MAX_LEN);
        return HW_EINVAL;
    }
    return HW_OK;
}

/* An account as the audit log keeps it (the phone masked by the kit). */
static int render_user(struct db *db, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return user_json(db, id, false, out);
}

struct user_change {
    bool disable, applied;
    const char *hash;
};

/* The same, and after a new password that it was changed: the hash is never shown. */
static int render_changed_user(struct db *db, void *ctx, int64_t id, json_t **out)
{
    const struct user_change *c = ctx;
    int rc = user_json(db, id, false, out);
    if (rc == HW_OK && c->applied && !c->disable &&
        json_object_set_new(*out, "password_changed", json_true()) != 0)
        rc = HW_ENOMEM;
    return rc;
}

struct user_add {
    const struct user_new *u;
    const char *hash;
    const char *bad;
};

static int apply_add(struct db *db, void *ctx, int64_t *id, int64_t *district)
{
    struct user_add *a = ctx;
    int rc = user_insert(db, a->u, a->hash, id, &a->bad);
    return rc == HW_OK ? user_district(db, *id, district) : rc;
}

/* passwd and disable: one UPDATE, and the account's sessions end. */
static int apply_change(struct db *db, void *ctx, int64_t *id, int64_t *district)
{
    struct user_change *c = ctx;
    c->applied = true;
    int64_t n = c->disable ? db_run(db,
                                    "UPDATE users SET disabled = TRUE, updated_at = $1"
                                    " WHERE id = $2",
                                    "ii", clock_now(), *id)
                           : db_run(db,
                                    "UPDATE users SET password_hash = $1, updated_at = $2"
                                    " WHERE id = $3",
                                    "sii", c->hash, clock_now(), *id);
    int rc = n < 0 ? (int)n : HW_OK;
    if (rc == HW_OK)
        rc = session_revoke_user(db, *id);
    return rc == HW_OK ? user_district(db, *id, district) : rc;
}

/* Parses KIND:ID and checks that place ID is of that kind. */
static int resolve_scope(struct db *db, const char *scope, int64_t *id)
{
    *id = 0;
    if (!scope)
        return HW_OK;
    char kind[32];
    const char *colon = strchr(scope, ':');
    unsigned long v;
    if (!colon || (size_t)(colon - scope) >= sizeof kind ||
        cli_parse_uint(colon + 1, 1, (unsigned long)INT64_MAX, &v) != HW_OK) {
        fprintf(stderr, "hongwu user: --scope must look like grid:12\n");
        return HW_EINVAL;
    }
    snprintf(kind, sizeof kind, "%.*s", (int)(colon - scope), scope);
    int64_t n = 0;
    int rc = db_scalar_int(db, &n, "SELECT count(*) FROM places WHERE id = $1 AND kind = $2",
                           "is", (int64_t)v, kind);
    if (rc != HW_OK)
        return rc;
    if (!n) {
        fprintf(stderr, "hongwu user: there is no %s with id %lu\n", kind, v);
        return HW_EINVAL;
    }
    *id = (int64_t)v;
    return HW_OK;
}

static int user_add(struct db *db, const char *login, const struct user_args *a)
{
    struct user_new u = {.login = login, .name = a->name ? a->name : login, .phone = a->phone};
    if (!a->role || role_parse(a->role, &u.role) != HW_OK) {
        fprintf(stderr, "hongwu user add: --role must be one of the roles in --help\n");
        return HW_EINVAL;
    }
    char password[PASSWORD_MAX_LEN + 2];
    int rc = resolve_scope(db, a->scope, &u.scope_id);
    if (rc == HW_OK)
        rc = read_password(password, sizeof password);
    if (rc != HW_OK)
        return rc;
    u.password = password;
    char hash[PASSWORD_HASH_LEN];
    const char *bad = NULL;
    int64_t id = 0;
    rc = user_prepare(&u, hash, &bad);
    sodium_memzero(password, sizeof password);
    if (rc == HW_OK) {
        struct user_add add = {.u = &u, .hash = hash};
        static const struct write_op op = {
            .action = "create", .entity = "user", .apply = apply_add, .render = render_user};
        rc = write_run(db, &actor_command_line, &op, &add, &id);
        bad = add.bad;
    }
    if (rc == HW_ECONFLICT)
        fprintf(stderr, "hongwu user add: login '%s' is taken\n", login);
    else if (rc == HW_EINVAL && bad)
        fprintf(stderr, "hongwu user add: invalid %s (%s)\n", bad,
                strcmp(bad, "scope_id") == 0 ? "this role cannot be bound to that scope"
                                             : "see --help");
    else if (rc == HW_OK)
        printf("created user %lld (%s, %s)\n", (long long)id, login, a->role);
    return rc;
}

static int find_user(struct db *db, const char *login, int64_t *id)
{
    int rc = db_scalar_int(db, id, "SELECT id FROM users WHERE login = $1", "s", login);
    if (rc == HW_ENOTFOUND)
        fprintf(stderr, "hongwu user: no account '%s'\n", login);
    return rc;
}

/* passwd and disable: one UPDATE, end the sessions, audit. */
static int user_update(struct db *db, const char *login, bool disable)
{
    int64_t id;
    int rc = find_user(db, login, &id);
    char hash[PASSWORD_HASH_LEN] = "";
    if (rc == HW_OK && !disable) {
        char password[PASSWORD_MAX_LEN + 2];
        rc = read_password(password, sizeof password);
        if (rc == HW_OK)
            rc = password_hash(password, hash);
        sodium_memzero(password, sizeof password);
    }
    if (rc != HW_OK)
        return rc;
    struct user_change change = {.disable = disable, .hash = hash};
    static const struct write_op op = {
        .action = "update", .entity = "user", .apply = apply_change, .render = render_changed_user};
    if ((rc = write_run(db, &actor_command_line, &op, &change, &id)) != HW_OK)
        return rc;
    printf("%s: %s\n", login, disable ? "disabled" : "password changed");
    return HW_OK;
}

static int user_list(struct db *db)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT id, login, role, coalesce(scope_id, 0), disabled, name"
                      " FROM users ORDER BY id", "");
    if (rc != HW_OK)
        return rc;
    printf("%-6s %-28s %-20s %-8s %-9s %s\n", "id", "login", "role", "scope", "state", "name");
    while ((rc = db_step(st)) == DB_ROW)
        printf("%-6lld %-28s %-20s %-8lld %-9s %s\n", (long long)db_col_int(st, 0),
               db_col_text(st, 1), db_col_text(st, 2), (long long)db_col_int(st, 3),
               db_col_bool(st, 4) ? "disabled" : "active", db_col_text(st, 5));
    db_reset(st);
    return rc < 0 ? rc : HW_OK;
}

int cmd_user(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(user_usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const char *sub = argv[1];
    struct user_args a = {.db = cli_env("HONGWU_DB", DEFAULT_DB)};
    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},    {"role", required_argument, NULL, 'r'},
        {"scope", required_argument, NULL, 's'}, {"name", required_argument, NULL, 'n'},
        {"phone", required_argument, NULL, 'p'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int c;
    optind = 2;
    while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': a.db = optarg; break;
        case 'r': a.role = optarg; break;
        case 's': a.scope = optarg; break;
        case 'n': a.name = optarg; break;
        case 'p': a.phone = optarg; break;
        case 'h': fputs(user_usage, stdout); return 0;
        default: fputs(user_usage, stderr); return 2;
        }
    }
    bool needs_login = strcmp(sub, "list") != 0;
    if ((needs_login && optind != argc - 1) || (!needs_login && optind != argc)) {
        fputs(user_usage, stderr);
        return 2;
    }
    bool known = strcmp(sub, "add") == 0 || strcmp(sub, "passwd") == 0 ||
                 strcmp(sub, "disable") == 0 || strcmp(sub, "list") == 0;
    if (!known) {
        fprintf(stderr, "hongwu user: unknown command '%s'\n\n%s", sub, user_usage);
        return 2;
    }
    struct db *db;
    if (password_init(1) != HW_OK || cli_open_db(a.db, &db) != HW_OK) {
        fprintf(stderr, "hongwu user: cannot open the database\n");
        return 1;
    }
    int rc;
    if (strcmp(sub, "add") == 0)
        rc = user_add(db, argv[optind], &a);
    else if (strcmp(sub, "passwd") == 0)
        rc = user_update(db, argv[optind], false);
    else if (strcmp(sub, "disable") == 0)
        rc = user_update(db, argv[optind], true);
    else
        rc = user_list(db);
    db_close(db);
    return rc == HW_OK ? 0 : 1;
}
