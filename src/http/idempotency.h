/* Idempotency-Key on POST (architecture.md, "API conventions"): a phone on a
 * bad network retries, and gets the first answer instead of a duplicate.
 * Keys live in the database, so a retry may reach any server process. */
#ifndef HONGWU_HTTP_IDEMPOTENCY_H
#define HONGWU_HTTP_IDEMPOTENCY_H

#include "http/request.h"

enum {
    IDEMPOTENCY_TTL_S = 24 * 3600, /* a retry comes within a day or not at all */
    IDEMPOTENCY_CLAIM_S = 60,      /* a claim older than this was left by a crash */
    IDEMPOTENCY_KEY_MAX = 100,
};

/* Before the handler: replays a stored answer (req->answered is then set),
 * refuses a key in use by a running or different request, or claims the key.
 * Does nothing without the header. */
int idempotency_begin(struct request *req);
/* After the handler: keeps a successful JSON answer, or frees the claim. */
void idempotency_finish(struct request *req, const char *body);

#endif
