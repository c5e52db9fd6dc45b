/* The one audited write, for every path: the API (kit/record_routes.h wraps
 * it for a request), the command line and background jobs. In one
 * transaction: the record before, the change, the record after, the audit
 * entry (masked by the privacy rules, kit/audit.h), and whatever the caller
 * must keep with it (an answer and its Idempotency-Key record); then commit.
 * A crash leaves all of it or none. */
#ifndef HONGWU_KIT_WRITE_H
#define HONGWU_KIT_WRITE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

/* Who acts: a plain value, not an HTTP request. */
enum actor_kind { ACTOR_USER, ACTOR_COMMAND_LINE, ACTOR_JOB, ACTOR_DEVICE };
struct actor {
    enum actor_kind kind;
    int64_t user_id; /* the account of a user; 0 for the others */
    const char *ip;  /* where from, for the log: a client's address, "cli", "job:<kind>" */
};

/* The command line's actor. */
extern const struct actor actor_command_line;

struct write_op {
    const char *action; /* "create" or "update" (then the record is read before) */
    const char *entity; /* audited entity name: "place", "resident", "user", ... */
    /* Makes the change: sets *id for a create and *district (the record's
     * sub-district) always. */
    int (*apply)(struct db *db, void *ctx, int64_t *id, int64_t *district);
    /* The record as the audit log keeps it (a new reference). */
    int (*render)(struct db *db, void *ctx, int64_t id, json_t **out);
    /* After the audit, before the commit; NULL: nothing. */
    int (*finish)(struct db *db, void *ctx, int64_t id);
    /* After apply: true when the record was already as asked, so nothing is
     * audited. NULL: never. */
    bool (*unchanged)(const void *ctx);
};

/* Runs op for record *id (0 for a create; set on return). Every failure
 * rolls back and is returned. */
int write_run(struct db *db, const struct actor *a, const struct write_op *op, void *ctx,
              int64_t *id);

/* write_run inside the caller's open write transaction, for many records
 * in one (an import): nothing is committed or rolled back here, and every
 * failure is the caller's to handle: roll back, or go on after an apply
 * that refused the change before writing anything (HW_EINVAL). HW_EDB
 * outside a transaction. */
int write_run_in(struct db *db, const struct actor *a, const struct write_op *op, void *ctx,
                 int64_t *id);

/* Something done that is not a change of one record (a sign-in, a whole
 * import, the demo loaded), audited as a write is. */
struct write_event {
    const char *action; /* "login", "import", "demo_loaded", ... */
    const char *entity; /* what it concerns, or NULL */
    int64_t entity_id;
    int64_t district_id; /* 0 for the installation */
    json_t *after;       /* borrowed; NULL: nothing to keep */
};

/* Writes the event's audit entry in the caller's transaction (or on its
 * own outside one). */
int write_event(struct db *db, const struct actor *a, const struct write_event *e);

#endif
