#include "kit/demo_env.h"

#include <string.h>

#include "base/err.h"

int demo_account_made(const struct demo_env *env, const char *login, const char *password)
{
    struct demo_accounts *a = env->accounts;
    if (a->n == DEMO_ACCOUNTS_MAX || strlen(login) >= DEMO_LOGIN_MAX ||
        strlen(password) >= DEMO_PASSWORD_MAX)
        return HW_ELIMIT;
    strcpy(a->rows[a->n].login, login);
    strcpy(a->rows[a->n].password, password);
    a->n++;
    return HW_OK;
}

/* The first id the query gives; HW_ECONFLICT when it gives a second. */
static int one_id(struct db_stmt *st, int64_t *id)
{
    int rc = db_step(st);
    if (rc == DB_ROW) {
        *id = db_col_int(st, 0);
        rc = db_step(st);
        rc = rc == DB_ROW ? HW_ECONFLICT : rc == DB_DONE ? HW_OK : rc;
    } else if (rc == DB_DONE) {
        rc = HW_ENOTFOUND;
    }
    db_reset(st);
    return rc;
}

int demo_place_id(struct db *db, const char *kind, const char *name, int64_t *id)
{
    struct db_stmt *st;
    int rc = db_query(db, &st, "SELECT id FROM places WHERE kind = $1 AND name = $2 LIMIT 2", "ss",
                      kind, name);
    return rc == HW_OK ? one_id(st, id) : rc;
}

int demo_child_id(struct db *db, int64_t parent_id, const char *kind, const char *name, int64_t *id)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT id FROM places WHERE parent_id = $1 AND kind = $2 AND name = $3"
                      " LIMIT 2",
                      "iss", parent_id, kind, name);
    return rc == HW_OK ? one_id(st, id) : rc;
}

int demo_place_at(struct db *db, const char *path, int64_t *id)
{
    char name[256];
    int64_t parent = 0;
    const char *p = path;
    int rc = HW_ENOTFOUND;
    while (*p) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        if (len >= sizeof name)
            return HW_ELIMIT;
        memcpy(name, p, len);
        name[len] = '\0';
        struct db_stmt *st;
        rc = parent ? db_query(db, &st,
                               "SELECT id FROM places WHERE parent_id = $1 AND name = $2 LIMIT 2",
                               "is", parent, name)
                    : db_query(db, &st,
                               "SELECT id FROM places WHERE parent_id IS NULL AND name = $1"
                               " LIMIT 2",
                               "s", name);
        if (rc == HW_OK)
            rc = one_id(st, &parent);
        if (rc != HW_OK)
            return rc;
        p += len;
        if (*p == '/')
            p++;
    }
    if (rc == HW_OK)
        *id = parent;
    return rc;
}

int demo_user_id(struct db *db, const char *login, int64_t *id)
{
    return db_scalar_int(db, id, "SELECT id FROM users WHERE login = $1", "s", login);
}
