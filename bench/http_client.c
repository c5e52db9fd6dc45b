#include "http_client.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_time.h"

struct http {
    CURL *curl;
    char base[256];
    char *body;
    size_t len, cap;
};

static size_t on_data(char *data, size_t size, size_t n, void *ctx)
{
    struct http *h = ctx;
    size_t add = size * n;
    if (h->len + add + 1 > h->cap) {
        size_t cap = h->cap ? h->cap : 1 << 16;
        while (cap < h->len + add + 1)
            cap *= 2;
        char *p = realloc(h->body, cap);
        if (!p)
            return 0; /* makes curl fail the transfer */
        h->body = p;
        h->cap = cap;
    }
    memcpy(h->body + h->len, data, add);
    h->len += add;
    h->body[h->len] = '\0';
    return add;
}

struct http *http_open(const char *base)
{
    struct http *h = calloc(1, sizeof *h);
    if (!h || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || !(h->curl = curl_easy_init())) {
        free(h);
        return NULL;
    }
    snprintf(h->base, sizeof h->base, "%s", base);
    curl_easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, h);
    curl_easy_setopt(h->curl, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(h->curl, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(h->curl, CURLOPT_TIMEOUT, 60L);
    return h;
}

void http_close(struct http *h)
{
    if (!h)
        return;
    curl_easy_cleanup(h->curl);
    curl_global_cleanup();
    free(h->body);
    free(h);
}

static long perform(struct http *h, const char *path, struct curl_slist *headers, double *ms)
{
    char url[1024];
    snprintf(url, sizeof url, "%s%s", h->base, path);
    h->len = 0;
    if (h->body)
        h->body[0] = '\0';
    curl_easy_setopt(h->curl, CURLOPT_URL, url);
    curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, headers);
    double t0 = seconds_now();
    CURLcode rc = curl_easy_perform(h->curl);
    *ms = (seconds_now() - t0) * 1000;
    long status = 0;
    if (rc == CURLE_OK)
        curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &status);
    else
        fprintf(stderr, "bench_latency: %s: %s\n", url, curl_easy_strerror(rc));
    return status;
}

int http_login(struct http *h, const char *login, const char *password, char *token, size_t size)
{
    json_t *req = json_pack("{s:s, s:s}", "login", login, "password", password);
    char *body = req ? json_dumps(req, JSON_COMPACT) : NULL;
    json_decref(req);
    if (!body)
        return -1;
    struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
    if (!headers) {
        free(body);
        return -1;
    }
    curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, body);
    double ms;
    long status = perform(h, "/api/v1/auth/login", headers, &ms);
    curl_easy_setopt(h->curl, CURLOPT_HTTPGET, 1L);
    curl_slist_free_all(headers);
    free(body);
    json_t *answer = status == 200 ? json_loads(h->body, 0, NULL) : NULL;
    const char *t = json_string_value(json_object_get(answer, "token"));
    int rc = t && strlen(t) < size ? 0 : -1;
    if (rc == 0)
        snprintf(token, size, "%s", t);
    else
        fprintf(stderr, "bench_latency: login %s: HTTP %ld %s\n", login, status,
                h->body ? h->body : "");
    json_decref(answer);
    return rc;
}

long http_get(struct http *h, const char *path, const char *token, double *ms)
{
    char auth[256];
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
    struct curl_slist *headers = curl_slist_append(NULL, auth);
    if (!headers)
        return 0;
    long status = perform(h, path, headers, ms);
    curl_slist_free_all(headers);
    return status;
}

const char *http_body(const struct http *h, size_t *len)
{
    *len = h->len;
    return h->body ? h->body : "";
}
