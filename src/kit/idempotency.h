/* Idempotency-Key on POST (architecture.md, "API conventions" and "Security"):
 * a phone on a bad network retries, and gets the first answer instead of a
 * duplicate. Keys live in the database, so a retry may reach any server process.
 *
 * A key is kept with a hash of its request (method, path, body): the same key
 * with another request is refused (422). An answer that disclosed personal data
 * is kept with the sensitive reads it logged, and a replay logs them again, for
 * the caller and now, before it answers. Answers older than IDEMPOTENCY_TTL_S
 * are never replayed and are deleted, for every user, within a minute of
 * expiring (by the next request that reaches idempotency_begin). */
#ifndef HONGWU_KIT_IDEMPOTENCY_H
#define HONGWU_KIT_IDEMPOTENCY_H

#include "http/request.h"

enum {
    IDEMPOTENCY_TTL_S = 24 * 3600, /* a retry comes within a day or not at all */
    IDEMPOTENCY_CLAIM_S = 60,      /* a claim older than this was left by a crash */
    IDEMPOTENCY_PURGE_S = 60,      /* each process deletes expired answers this often */
    IDEMPOTENCY_KEY_MAX = 100,
    /* Sensitive reads kept with one answer; an answer with more (a long list
     * match) is not kept: a retry runs, and is logged, again. */
    IDEMPOTENCY_READS_MAX = 1000,
};

/* Before the handler: replays a stored answer (req->answered is then set),
 * refuses a key in use by a running or different request, or claims the key.
 * Does nothing without the header, beyond the periodic purge. */
int idempotency_begin(struct request *req);
/* After the handler: keeps a successful JSON answer, or frees the claim. */
void idempotency_finish(struct request *req, const char *body);
/* Inside a write's transaction, before it commits: keeps the answer it will
 * give with the write itself, so a crash leaves both or neither and a retry
 * after a commit is answered as the first request was. Does nothing without
 * a claim. */
int idempotency_keep_in_txn(struct request *req, int status, const char *body);
/* Called by audit_sensitive_read(): remembers the read while req holds a
 * claim, so a replay of the answer logs it again. */
int idempotency_note_read(struct request *req, const char *subject, int64_t subject_id,
                          int64_t district_id, const char *fields);

#endif
