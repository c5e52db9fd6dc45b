#include "demo/demo.h"

#include <sodium.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "kit/demo_env.h"
#include "kit/write.h"

/* Whether a demo has been loaded: its audit entry is there. */
static int demo_loaded(struct db *db, bool *loaded)
{
    int64_t n = 0;
    int rc = db_scalar_int(db, &n, "SELECT count(*) FROM audit_log WHERE action = $1", "s",
                           "demo_loaded");
    *loaded = n > 0;
    return rc;
}

static int load_all(struct db *db, const struct capability *const caps[], size_t ncaps,
                    const struct demo_env *env)
{
    bool loaded;
    int rc = demo_loaded(db, &loaded);
    if (rc == HW_OK && loaded)
        rc = HW_ECONFLICT;
    for (size_t i = 0; rc == HW_OK && i < ncaps; i++) {
        if (caps[i]->demo && (rc = caps[i]->demo(db, env)) != HW_OK)
            log_error("demo: the %s demo failed (%s)", caps[i]->name, hw_strerror(rc));
    }
    struct write_event e = {.action = "demo_loaded"};
    return rc == HW_OK ? write_event(db, &actor_command_line, &e) : rc;
}

int demo_load(struct db *db, const struct capability *const caps[], size_t ncaps, FILE *out)
{
    static struct demo_accounts accounts;
    accounts.n = 0;
    struct demo_env env = {.now = clock_now(), .accounts = &accounts};
    /* The check is the transaction's first statement: of two demos started
     * together, the second sees the first's. */
    int rc = db_begin(db, DB_TXN_WRITE);
    if (rc != HW_OK)
        return rc;
    if ((rc = load_all(db, caps, ncaps, &env)) == HW_OK)
        rc = db_commit(db);
    if (rc != HW_OK) {
        db_rollback(db);
        sodium_memzero(&accounts, sizeof accounts);
        return rc;
    }
    fprintf(out, "# demo accounts (shown once; change them with: hongwu user passwd LOGIN)\n");
    for (size_t i = 0; i < accounts.n; i++)
        fprintf(out, "%s\t%s\n", accounts.rows[i].login, accounts.rows[i].password);
    sodium_memzero(&accounts, sizeof accounts);
    return HW_OK;
}
