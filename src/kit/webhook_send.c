/* The job webhook.deliver: the POST (libcurl, outside any transaction),
 * then the attempt logged in the transaction that finishes the job. */
#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "kit/jobs_scheduler.h"
#include "kit/webhook_core.h"

static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static CURLcode curl_ready = CURLE_FAILED_INIT;

static void curl_start(void) { curl_ready = curl_global_init(CURL_GLOBAL_DEFAULT); }

/* The receiver's answer is not kept. */
static size_t discard(char *data, size_t size, size_t n, void *ctx)
{
    (void)data;
    (void)ctx;
    return size * n;
}

/* A server that is stopping does not wait for a slow receiver: the attempt
 * fails and is retried (by this or another process) after its backoff. */
static int stop_check(void *ctx, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                      curl_off_t ulnow)
{
    (void)ctx;
    (void)dltotal;
    (void)dlnow;
    (void)ultotal;
    (void)ulnow;
    return jobs_scheduler_stopping() ? 1 : 0;
}

static int64_t monotonic_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

struct attempt {
    long status; /* 0: no answer */
    char error[CURL_ERROR_SIZE];
    int64_t at, ms;
};

static struct curl_slist *header(struct curl_slist *list, const char *name, const char *value,
                                 bool *failed)
{
    char line[256];
    snprintf(line, sizeof line, "%s: %s", name, value);
    struct curl_slist *grown = curl_slist_append(list, line);
    if (!grown) {
        *failed = true;
        return list;
    }
    return grown;
}

static void post(const char *url, const char *secret, const char *event, int64_t delivery,
                 const char *body, struct attempt *a)
{
    a->at = clock_now();
    int64_t started = monotonic_ms();
    pthread_once(&curl_once, curl_start);
    CURL *c = curl_ready == CURLE_OK ? curl_easy_init() : NULL;
    if (!c) {
        snprintf(a->error, sizeof a->error, "libcurl did not start");
        return;
    }
    char signature[WEBHOOK_SIGNATURE_SIZE], ts[24], id[24];
    size_t len = strlen(body);
    webhook_signature(secret, a->at, body, len, signature);
    snprintf(ts, sizeof ts, "%lld", (long long)a->at);
    snprintf(id, sizeof id, "%lld", (long long)delivery);
    bool failed = false;
    struct curl_slist *h = header(NULL, "Content-Type", "application/json", &failed);
    h = header(h, "X-Hongwu-Event", event, &failed);
    h = header(h, "X-Hongwu-Delivery", id, &failed);
    h = header(h, "X-Hongwu-Timestamp", ts, &failed);
    h = header(h, "X-Hongwu-Signature", signature, &failed);
    h = header(h, "Expect", "", &failed); /* no 100-continue round trip */
    char errbuf[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)WEBHOOK_TIMEOUT_MS);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, (long)WEBHOOK_CONNECT_TIMEOUT_MS);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "localhost,127.0.0.1,::1");
    curl_easy_setopt(c, CURLOPT_USERAGENT, "hongwu-webhook/" HONGWU_VERSION);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, stop_check);
    CURLcode res = failed ? CURLE_OUT_OF_MEMORY : curl_easy_perform(c);
    if (res == CURLE_OK) {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &a->status);
    } else {
        snprintf(a->error, sizeof a->error, "%s",
                 res == CURLE_ABORTED_BY_CALLBACK ? "interrupted: the server was stopping"
                 : errbuf[0]                      ? errbuf
                                                  : curl_easy_strerror(res));
    }
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    a->ms = monotonic_ms() - started;
}

int webhook_deliver_prepare(struct db *db, struct job *job)
{
    json_t *id = json_object_get(job->payload, "delivery_id");
    if (!json_is_integer(id)) {
        jobs_set_error(job, "no delivery_id in the payload");
        return HW_EINVAL;
    }
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT d.state, d.event, d.body, w.url, w.secret, w.enabled"
                          " FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id"
                          " WHERE d.id = $1",
                          "i", (int64_t)json_integer_value(id));
    if (rc == HW_ENOTFOUND)
        jobs_set_error(job, "no delivery %lld", (long long)json_integer_value(id));
    if (rc != HW_OK)
        return rc;
    char *state = strdup(db_col_text(st, 0)), *event = strdup(db_col_text(st, 1));
    char *body = strdup(db_col_text(st, 2)), *url = strdup(db_col_text(st, 3));
    char *secret = strdup(db_col_text(st, 4));
    bool enabled = db_col_bool(st, 5);
    db_reset(st);
    if (!state || !event || !body || !url || !secret) {
        rc = HW_ENOMEM;
    } else if (strcmp(state, "pending") != 0) {
        job->outcome = json_pack("{s:s}", "skip", "the delivery is no longer pending");
    } else if (!enabled) {
        job->outcome = json_pack("{s:s}", "skip", "the webhook is disabled");
    } else {
        struct attempt a = {0};
        post(url, secret, event, json_integer_value(id), body, &a);
        job->outcome =
            json_pack("{s:I, s:s?, s:I, s:I}", "status", (json_int_t)a.status, "error",
                      a.error[0] ? a.error : NULL, "at", (json_int_t)a.at, "ms", (json_int_t)a.ms);
    }
    if (secret)
        memset(secret, 0, strlen(secret));
    free(state);
    free(event);
    free(body);
    free(url);
    free(secret);
    if (rc == HW_OK && !job->outcome)
        rc = HW_ENOMEM;
    return rc;
}

int webhook_deliver_run(struct db *db, const struct job *job)
{
    int64_t id = json_integer_value(json_object_get(job->payload, "delivery_id"));
    int64_t now = clock_now(), n;
    const char *skip = json_string_value(json_object_get(job->outcome, "skip"));
    if (skip) {
        n = db_run(db,
                   "UPDATE webhook_deliveries SET state = 'skipped', last_error = $1,"
                   " updated_at = $2 WHERE id = $3 AND state = 'pending'",
                   "sii", skip, now, id);
        return n < 0 ? (int)n : HW_OK;
    }
    long status = (long)json_integer_value(json_object_get(job->outcome, "status"));
    const char *error = json_string_value(json_object_get(job->outcome, "error"));
    char why[CURL_ERROR_SIZE + 32];
    if (!error && (status < 200 || status > 299))
        snprintf(why, sizeof why, "the receiver answered %ld", status);
    else
        snprintf(why, sizeof why, "%s", error ? error : "");
    bool ok = why[0] == '\0';
    n = db_run(db,
               "INSERT INTO webhook_attempts (delivery_id, at, http_status, error, duration_ms)"
               " VALUES ($1, $2, NULLIF($3, 0), $4, $5)",
               "iiisi", id, json_integer_value(json_object_get(job->outcome, "at")),
               (int64_t)status, ok ? NULL : why,
               json_integer_value(json_object_get(job->outcome, "ms")));
    if (n >= 0)
        n = db_run(db,
                   "UPDATE webhook_deliveries SET attempts = attempts + 1,"
                   " last_status = NULLIF($1, 0), last_error = $2, state = $3, updated_at = $4"
                   " WHERE id = $5",
                   "issii", (int64_t)status, ok ? NULL : why,
                   ok                  ? "delivered"
                   : job->last_attempt ? "failed"
                                       : "pending",
                   now, id);
    if (n < 0)
        return (int)n;
    if (ok)
        return HW_OK;
    jobs_set_error(job, "%s", why);
    return JOB_RETRY;
}
