#include "kit/webhook_core.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "kit/notify_core.h"
#include "store/db_json.h"

char *webhook_signed_text(int64_t timestamp, const char *body, size_t body_len, size_t *len)
{
    char ts[24];
    int n = snprintf(ts, sizeof ts, "%lld.", (long long)timestamp);
    char *text = malloc((size_t)n + body_len + 1);
    if (!text)
        return NULL;
    memcpy(text, ts, (size_t)n);
    memcpy(text + n, body, body_len);
    text[(size_t)n + body_len] = '\0';
    *len = (size_t)n + body_len;
    return text;
}

void webhook_signature(const char *secret, int64_t timestamp, const char *body, size_t body_len,
                       char out[WEBHOOK_SIGNATURE_SIZE])
{
    /* The init/update/final form takes a key of any length (HMAC's own
     * rule), as every HMAC library does: Python's hmac, openssl dgst. */
    crypto_auth_hmacsha256_state state;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    char ts[24];
    int n = snprintf(ts, sizeof ts, "%lld.", (long long)timestamp);
    crypto_auth_hmacsha256_init(&state, (const unsigned char *)secret, strlen(secret));
    crypto_auth_hmacsha256_update(&state, (const unsigned char *)ts, (unsigned long long)n);
    crypto_auth_hmacsha256_update(&state, (const unsigned char *)body, body_len);
    crypto_auth_hmacsha256_final(&state, mac);
    memcpy(out, "sha256=", 7);
    sodium_bin2hex(out + 7, WEBHOOK_SIGNATURE_SIZE - 7, mac, sizeof mac);
    sodium_memzero(&state, sizeof state);
}

int webhook_check_url(const char *url)
{
    if (!url || !*url || strlen(url) > WEBHOOK_URL_MAX)
        return HW_EINVAL;
    for (const unsigned char *p = (const unsigned char *)url; *p; p++)
        if (*p <= 0x20 || *p >= 0x7f)
            return HW_EINVAL; /* blanks, controls; non-ASCII must be percent-encoded */
    CURLU *u = curl_url();
    if (!u)
        return HW_ENOMEM;
    char *scheme = NULL, *host = NULL;
    int rc = HW_EINVAL;
    if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
        curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK && host && *host &&
        (strcasecmp(scheme, "http") == 0 || strcasecmp(scheme, "https") == 0) &&
        (strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0))
        rc = HW_OK;
    curl_free(scheme);
    curl_free(host);
    curl_url_cleanup(u);
    return rc;
}

int webhook_check_secret(const char *secret)
{
    size_t n = secret ? strlen(secret) : 0;
    if (n < WEBHOOK_SECRET_MIN || n > WEBHOOK_SECRET_MAX)
        return HW_EINVAL;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)secret[i] <= 0x20 || (unsigned char)secret[i] >= 0x7f)
            return HW_EINVAL;
    return HW_OK;
}

void webhook_new_secret(char out[WEBHOOK_SECRET_SIZE])
{
    unsigned char r[24];
    randombytes_buf(r, sizeof r);
    memcpy(out, "whsec_", 6);
    sodium_bin2hex(out + 6, WEBHOOK_SECRET_SIZE - 6, r, sizeof r);
}

int webhook_check_events(const json_t *events)
{
    if (!json_is_array(events) || json_array_size(events) == 0 ||
        json_array_size(events) > WEBHOOK_EVENTS_MAX)
        return HW_EINVAL;
    for (size_t i = 0; i < json_array_size(events); i++) {
        json_t *e = json_array_get(events, i);
        if (!json_is_string(e) || !notify_event_known(json_string_value(e)))
            return HW_EINVAL;
        for (size_t k = 0; k < i; k++)
            if (json_equal(e, json_array_get(events, k)))
                return HW_EINVAL;
    }
    return HW_OK;
}

int webhook_create(struct db *db, const struct webhook_new *w, int64_t *id,
                   char secret_out[WEBHOOK_SECRET_SIZE])
{
    if (w->secret)
        snprintf(secret_out, WEBHOOK_SECRET_SIZE, "%s", w->secret);
    else
        webhook_new_secret(secret_out);
    char *events = json_dumps(w->events, JSON_COMPACT);
    if (!events)
        return HW_ENOMEM;
    int64_t now = clock_now();
    int rc = db_scalar_int(db, id,
                           "INSERT INTO webhooks (district_id, url, events, secret, enabled,"
                           " created_by, created_at, updated_at)"
                           " VALUES (NULLIF($1, 0), $2, $3, $4, $5, NULLIF($6, 0), $7, $7)"
                           " RETURNING id",
                           "isssbii", w->district_id, w->url, events, secret_out, (int)w->enabled,
                           w->created_by, now);
    free(events);
    return rc;
}

int webhook_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT id, district_id, url, events, enabled, created_by, created_at,"
                          " updated_at FROM webhooks WHERE id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    json_t *events = json_loads(db_col_text(st, 3), 0, NULL);
    *out = json_pack("{s:I, s:o, s:s, s:o, s:b, s:o, s:o, s:o}", "id",
                     (json_int_t)db_col_int(st, 0), "district_id", db_json_int(st, 1), "url",
                     db_col_text(st, 2), "events", events ? events : json_array(), "enabled",
                     db_col_bool(st, 4), "created_by", db_json_int(st, 5), "created_at",
                     db_json_time(st, 6), "updated_at", db_json_time(st, 7));
    db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}

/* Whether a webhook's events (a JSON array as stored) hold event. */
static bool subscribed(const char *events_text, const char *event)
{
    json_t *events = json_loads(events_text, 0, NULL);
    bool yes = false;
    for (size_t i = 0; !yes && i < json_array_size(events); i++) {
        const char *e = json_string_value(json_array_get(events, i));
        yes = e && strcmp(e, event) == 0;
    }
    json_decref(events);
    return yes;
}

enum { ENQUEUE_MAX = 64 }; /* webhooks one event goes to */

static int enqueue_one(struct db *db, int64_t webhook_id, int64_t district_id, const char *event,
                       json_t *data)
{
    int64_t now = clock_now(), id = 0;
    int rc = db_scalar_int(db, &id,
                           "INSERT INTO webhook_deliveries (webhook_id, district_id, event, body,"
                           " state, attempts, created_at, updated_at)"
                           " VALUES ($1, NULLIF($2, 0), $3, '', 'pending', 0, $4, $4) RETURNING id",
                           "iisi", webhook_id, district_id, event, now);
    if (rc != HW_OK)
        return rc;
    char when[32];
    clock_format_rfc3339(now, when);
    json_t *body = json_pack("{s:I, s:s, s:s, s:o, s:O}", "id", (json_int_t)id, "event", event,
                             "created_at", when, "district_id",
                             district_id ? json_integer(district_id) : json_null(), "data", data);
    char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    json_t *payload = json_pack("{s:I}", "delivery_id", (json_int_t)id);
    char key[48];
    snprintf(key, sizeof key, "webhook-delivery:%lld", (long long)id);
    struct job_new j = {.kind = WEBHOOK_DELIVER_JOB,
                        .payload = payload,
                        .due_at = now,
                        .dedup_key = key,
                        .district_id = district_id,
                        .max_attempts = WEBHOOK_MAX_ATTEMPTS};
    int64_t job = 0;
    rc = !text || !payload ? HW_ENOMEM : jobs_schedule_new(db, &j, &job);
    if (rc == HW_OK) {
        int64_t n = db_run(db, "UPDATE webhook_deliveries SET body = $1, job_id = $2 WHERE id = $3",
                           "sii", text, job, id);
        rc = n < 0 ? (int)n : HW_OK;
    }
    free(text);
    json_decref(payload);
    return rc;
}

int webhook_enqueue(struct db *db, int64_t district_id, const char *event, json_t *data)
{
    /* Ids first: each delivery runs statements of its own on db. */
    int64_t ids[ENQUEUE_MAX];
    size_t n = 0;
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT id, events FROM webhooks WHERE enabled = TRUE"
                      " AND (district_id IS NULL OR district_id = $1) ORDER BY id",
                      "i", district_id);
    if (rc != HW_OK)
        return rc;
    while ((rc = db_step(st)) == DB_ROW) {
        if (!subscribed(db_col_text(st, 1), event))
            continue;
        if (n == ENQUEUE_MAX) {
            log_warn("webhooks: event %s of district %lld goes to the first %d webhooks only",
                     event, (long long)district_id, ENQUEUE_MAX);
            break;
        }
        ids[n++] = db_col_int(st, 0);
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    for (size_t i = 0; i < n && rc >= 0; i++)
        rc = enqueue_one(db, ids[i], district_id, event, data);
    return rc < 0 ? rc : HW_OK;
}
