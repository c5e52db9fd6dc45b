#include "http/router.h"

#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/log.h"
#include "http/access_log.h"
#include "http/problem.h"
#include "http/response.h"
#include "http/static.h"

static struct router_config config;

void router_configure(const struct router_config *cfg) { config = *cfg; }

/* A {word} of a pattern that is not {id}: which one to copy out, where. */
struct text_capture {
    const char *name;
    char *out;
    size_t size;
    bool found;
};

static bool is_text_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '_';
}

/* Matches path against pattern, filling req->params for each {id} (req
 * may be NULL), and copying the text of the {word} cap names (cap may be
 * NULL). */
static bool pattern_match(const char *pattern, const char *path, struct request *req,
                          struct text_capture *cap)
{
    int nparams = 0;
    const char *p = pattern, *s = path;
    while (*p && *s) {
        if (strncmp(p, "{id}", 4) == 0) {
            char *end;
            if (*s < '1' || *s > '9')
                return false;
            long long v = strtoll(s, &end, 10);
            if (v <= 0 || (*end && *end != '/') || nparams >= MAX_PATH_PARAMS)
                return false;
            if (req)
                req->params[nparams] = v;
            nparams++;
            p += 4;
            s = end;
            continue;
        }
        if (*p == '{') {
            const char *close = strchr(p, '}');
            if (!close)
                return false;
            size_t n = 0;
            while (is_text_char(s[n]) && n <= ROUTE_TEXT_MAX)
                n++;
            if (n == 0 || n > ROUTE_TEXT_MAX)
                return false;
            size_t name_len = (size_t)(close - p - 1);
            if (cap && strlen(cap->name) == name_len && strncmp(p + 1, cap->name, name_len) == 0 &&
                n < cap->size) {
                memcpy(cap->out, s, n);
                cap->out[n] = '\0';
                cap->found = true;
            }
            p = close + 1;
            s += n;
            continue;
        }
        if (*p != *s)
            return false;
        p++;
        s++;
    }
    if (*p || *s)
        return false;
    if (req)
        req->nparams = nparams;
    return true;
}

int route_text(const struct request *req, const char *name, char *out, size_t size)
{
    if (size <= ROUTE_TEXT_MAX)
        return HW_EINVAL;
    if (!req->route)
        return HW_ENOTFOUND;
    struct text_capture cap = {.name = name, .out = out, .size = size};
    if (!pattern_match(req->route->pattern, req->path, NULL, &cap) || !cap.found)
        return HW_ENOTFOUND;
    return HW_OK;
}

/* Finds the route; *path_known says whether another method would have matched. */
static const struct route *find_route(struct request *req, bool *path_known, char *allow,
                                      size_t allow_size)
{
    *path_known = false;
    allow[0] = '\0';
    /* HEAD is GET without a body; libmicrohttpd drops the body itself. */
    const char *method = strcmp(req->method, "HEAD") == 0 ? "GET" : req->method;
    for (size_t i = 0; i < config.nroutes; i++) {
        const struct route *r = config.routes[i];
        if (!pattern_match(r->pattern, req->path, req, NULL))
            continue;
        if (strcmp(r->method, method) == 0)
            return r;
        *path_known = true;
        size_t used = strlen(allow);
        snprintf(allow + used, allow_size - used, "%s%s", used ? ", " : "", r->method);
    }
    return NULL;
}

size_t router_body_cap(struct request *req, size_t server_default)
{
    bool path_known;
    char allow[128];
    const struct route *r = find_route(req, &path_known, allow, sizeof allow);
    return r && r->max_body ? r->max_body : server_default;
}

static bool is_api_path(const char *path)
{
    return strncmp(path, "/api/", 5) == 0 || strcmp(path, "/api") == 0 ||
           strncmp(path, "/open311/", 9) == 0 || strcmp(path, "/healthz") == 0 ||
           strcmp(path, "/readyz") == 0;
}

static bool is_safe_method(const char *m)
{
    return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
}

/* What needs only the headers: route, session, CSRF, permission. Run
 * before the body is read, so nobody unauthenticated can make the server
 * buffer a body (an import takes 64 MiB). */
static int admit(struct request *req)
{
    bool path_known;
    char allow[128];
    const struct route *r = find_route(req, &path_known, allow, sizeof allow);
    if (!r) {
        if (path_known) {
            respond_header(req, "Allow", allow);
            return problem_send(req, PROBLEM_METHOD_NOT_ALLOWED, NULL);
        }
        if (!is_api_path(req->path) && config.web_dir && is_safe_method(req->method))
            return static_serve(req, config.web_dir);
        return problem_send(req, PROBLEM_NOT_FOUND, NULL);
    }
    req->route = r;
    int rc = db_thread(&req->db);
    if (rc != HW_OK)
        return problem_from_error(req, HW_EBUSY);
    if (r->perm == ROUTE_PUBLIC)
        return HW_OK;
    rc = config.authenticate ? config.authenticate(req) : HW_EAUTH;
    if (rc == HW_EAUTH) {
        respond_header(req, "WWW-Authenticate", "Bearer");
        return problem_send(req, PROBLEM_UNAUTHENTICATED, NULL);
    }
    if (rc != HW_OK)
        return problem_from_error(req, rc);
    /* A cookie rides along with forged cross-site requests; a header cannot. */
    if (req->via_cookie && !is_safe_method(req->method) &&
        !(config.csrf_ok && config.csrf_ok(req)))
        return problem_send(req, PROBLEM_CSRF, NULL);
    if (!config.permits || !config.permits(req, r->perm))
        return problem_send(req, PROBLEM_FORBIDDEN, NULL);
    /* Outside the caller's scope a record does not exist, whatever the body. */
    if (r->record) {
        rc = config.record_visible ? config.record_visible(req) : HW_ENOTFOUND;
        if (rc != HW_OK)
            return problem_from_error(req, rc);
    }
    return HW_OK;
}

/* Answers any error a step returned without answering itself. */
static void answer_error(struct request *req, int rc)
{
    if (req->answered)
        return;
    if (rc == HW_OK) {
        const char *path = access_log_escape(req->arena, req->path, 400);
        log_error("http: %s %s returned without an answer", req->method, path ? path : "-");
        rc = HW_EDB;
    }
    if (problem_from_error(req, rc) != HW_OK) {
        const char *path = access_log_escape(req->arena, req->path, 400);
        log_error("http: cannot answer %s %s", req->method, path ? path : "-");
    }
}

bool router_admit(struct request *req)
{
    int rc = admit(req);
    if (rc != HW_OK || !req->route)
        answer_error(req, rc);
    return !req->answered;
}

static int dispatch(struct request *req)
{
    const struct route *r = req->route;
    if (req->body_too_large)
        return problem_send(req, PROBLEM_TOO_LARGE, NULL);
    int rc = config.before_handler ? config.before_handler(req) : HW_OK;
    if (rc != HW_OK || req->answered)
        return rc;
    rc = r->handler(req);
    if (!req->answered)
        request_answer_hook(req, NULL); /* failed before answering */
    return rc;
}

void router_dispatch(struct request *req)
{
    if (!req->route && !router_admit(req))
        return;
    answer_error(req, dispatch(req));
}
