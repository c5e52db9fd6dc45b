#include "kit/write.h"

#include <string.h>

#include "base/crash_point.h"
#include "base/err.h"
#include "kit/audit.h"

const struct actor actor_command_line = {.kind = ACTOR_COMMAND_LINE, .ip = "cli"};

static int run_in_txn(struct db *db, const struct actor *a, const struct write_op *op, void *ctx,
                      int64_t *id)
{
    json_t *before = NULL, *after = NULL;
    int64_t district = 0;
    int rc = HW_OK;
    if (strcmp(op->action, "create") != 0)
        rc = op->render(db, ctx, *id, &before);
    if (rc == HW_OK)
        rc = op->apply(db, ctx, id, &district);
    bool same = rc == HW_OK && op->unchanged && op->unchanged(ctx);
    if (rc == HW_OK && !same)
        rc = op->render(db, ctx, *id, &after);
    if (rc == HW_OK && !same) {
        struct audit_entry e = {.user_id = a->user_id,
                                .district_id = district,
                                .action = op->action,
                                .entity = op->entity,
                                .entity_id = *id,
                                .before = before,
                                .after = after,
                                .ip = a->ip};
        rc = audit_record(db, &e);
    }
    if (rc == HW_OK && op->finish)
        rc = op->finish(db, ctx, *id);
    json_decref(before);
    json_decref(after);
    return rc;
}

int write_run_in(struct db *db, const struct actor *a, const struct write_op *op, void *ctx,
                 int64_t *id)
{
    return db_in_txn(db) ? run_in_txn(db, a, op, ctx, id) : HW_EDB;
}

int write_event(struct db *db, const struct actor *a, const struct write_event *e)
{
    struct audit_entry entry = {.user_id = a->user_id,
                                .district_id = e->district_id,
                                .action = e->action,
                                .entity = e->entity,
                                .entity_id = e->entity_id,
                                .after = e->after,
                                .ip = a->ip};
    return audit_record(db, &entry);
}

int write_run(struct db *db, const struct actor *a, const struct write_op *op, void *ctx,
              int64_t *id)
{
    int rc = db_begin(db, DB_TXN_WRITE);
    if (rc != HW_OK)
        return rc;
    rc = run_in_txn(db, a, op, ctx, id);
    if (rc == HW_OK)
        crash_point("before-commit");
    if (rc == HW_OK)
        rc = db_commit(db);
    if (rc == HW_OK)
        crash_point("after-commit");
    if (rc != HW_OK)
        db_rollback(db);
    return rc;
}
