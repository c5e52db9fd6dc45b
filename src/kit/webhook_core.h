/* Outbound webhooks: every event of a subscribed kind in a webhook's
 * sub-district is POSTed to its URL by the job webhook.deliver, signed
 * with its secret (docs/architecture.md, "Jobs and notifications"):
 *
 *   X-Hongwu-Event:     the event kind ("announcement")
 *   X-Hongwu-Delivery:  the delivery id, the same on every retry
 *   X-Hongwu-Timestamp: epoch seconds of this attempt
 *   X-Hongwu-Signature: sha256=hex(HMAC-SHA256(secret, timestamp "." body)) */
#ifndef HONGWU_KIT_WEBHOOK_CORE_H
#define HONGWU_KIT_WEBHOOK_CORE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kit/jobs_core.h"
#include "store/db.h"

enum {
    WEBHOOK_URL_MAX = 2000,
    WEBHOOK_SECRET_MIN = 16,
    WEBHOOK_SECRET_MAX = 128,
    WEBHOOK_SECRET_SIZE = WEBHOOK_SECRET_MAX + 1,
    WEBHOOK_EVENTS_MAX = 16,
    WEBHOOK_SIGNATURE_SIZE = 7 + 64 + 1, /* "sha256=" + hex + NUL */
    WEBHOOK_MAX_ATTEMPTS = 6,
    WEBHOOK_TIMEOUT_MS = 10000,
    WEBHOOK_CONNECT_TIMEOUT_MS = 5000,
};

/* "sha256=" and the hex HMAC-SHA256 under secret of timestamp "." body.
 * Pure. */
void webhook_signature(const char *secret, int64_t timestamp, const char *body, size_t body_len,
                       char out[WEBHOOK_SIGNATURE_SIZE]);
/* What is signed: "<timestamp>.<body>" in a malloc'd string (NULL: no
 * memory). Pure. */
char *webhook_signed_text(int64_t timestamp, const char *body, size_t body_len, size_t *len);

/* HW_OK for an absolute http:// or https:// URL with a host, at most
 * WEBHOOK_URL_MAX bytes and no blank or control character. */
int webhook_check_url(const char *url);
/* HW_OK for a secret a caller may choose: WEBHOOK_SECRET_MIN to _MAX
 * printable ASCII characters. */
int webhook_check_secret(const char *secret);
/* A new random secret ("whsec_" and 48 hex digits). */
void webhook_new_secret(char out[WEBHOOK_SECRET_SIZE]);
/* HW_OK for a non-empty JSON array of known, distinct event kinds. */
int webhook_check_events(const json_t *events);

struct webhook_new {
    int64_t district_id; /* 0: installation-wide */
    const char *url;
    const json_t *events;
    const char *secret; /* NULL: a new one is made */
    bool enabled;
    int64_t created_by;
};
/* Inserts it inside the caller's transaction; secret_out gets the secret. */
int webhook_create(struct db *db, const struct webhook_new *w, int64_t *id,
                   char secret_out[WEBHOOK_SECRET_SIZE]);
/* The webhook as answered and audited, never with its secret. */
int webhook_json(struct db *db, int64_t id, json_t **out);

/* A delivery row and a webhook.deliver job for every enabled webhook of
 * district_id (and the installation-wide ones) subscribed to event. */
int webhook_enqueue(struct db *db, int64_t district_id, const char *event, json_t *data);

/* The job webhook.deliver ({"delivery_id": n}): prepare POSTs the body
 * (outside any transaction), run logs the attempt; a failure or an answer
 * other than 2xx is retried with backoff, up to WEBHOOK_MAX_ATTEMPTS. */
#define WEBHOOK_DELIVER_JOB "webhook.deliver"
int webhook_deliver_prepare(struct db *db, struct job *job);
int webhook_deliver_run(struct db *db, const struct job *job);

#endif
