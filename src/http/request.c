#include "http/request.h"

#include <stdlib.h>

#include "base/err.h"
#include "http/problem.h"

const char *req_query(struct request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *req_header(struct request *req, const char *name)
{
    return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

int req_query_id(struct request *req, const char *name, int64_t *out)
{
    const char *v = req_query(req, name);
    if (!v)
        return HW_OK;
    char *end;
    long long n = strtoll(v, &end, 10);
    if (*v == '\0' || *end != '\0' || n <= 0) {
        problem_field(req, name, FIELD_INVALID);
        return HW_EINVAL;
    }
    *out = n;
    return HW_OK;
}

static void release_json(void *v) { json_decref(v); }

json_t *req_keep(struct request *req, json_t *v)
{
    if (v && arena_on_destroy(req->arena, release_json, v) != HW_OK) {
        json_decref(v);
        return NULL;
    }
    return v;
}

enum { PAGE_DEFAULT = 50, PAGE_MAX = 200 };

int req_page(struct request *req, int64_t *limit, int64_t *after)
{
    *limit = PAGE_DEFAULT;
    *after = 0;
    int rc = req_query_id(req, "limit", limit);
    if (rc == HW_OK && *limit > PAGE_MAX) {
        problem_field(req, "limit", FIELD_INVALID);
        rc = HW_EINVAL;
    }
    int rc2 = req_query_id(req, "after", after);
    return rc != HW_OK ? rc : rc2;
}

void request_answer_hook(struct request *req, const char *body)
{
    void (*hook)(struct request *, const char *) = req->answer_hook;
    req->answer_hook = NULL;
    if (hook)
        hook(req, body);
}
