#include "http/response.h"

#include <stdlib.h>
#include <string.h>

#include "base/err.h"

struct pending_header {
    struct pending_header *next;
    const char *name, *value;
};

int respond_header(struct request *req, const char *name, const char *value)
{
    struct pending_header *h = arena_alloc(req->arena, sizeof *h);
    if (!h || !(h->name = arena_strdup(req->arena, name)) ||
        !(h->value = arena_strdup(req->arena, value)))
        return HW_ENOMEM;
    h->next = req->headers;
    req->headers = h;
    return HW_OK;
}

int respond_mhd(struct request *req, unsigned status, struct MHD_Response *r)
{
    if (!r)
        return HW_ENOMEM;
    if (req->answered) {
        MHD_destroy_response(r);
        return HW_OK;
    }
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "same-origin");
    for (struct pending_header *h = req->headers; h; h = h->next)
        MHD_add_response_header(r, h->name, h->value);
    if (req->deferred) {
        req->kept = r;
        req->kept_status = status;
        req->status = (int)status;
        req->answered = true;
        return HW_OK;
    }
    enum MHD_Result ok = MHD_queue_response(req->conn, status, r);
    MHD_destroy_response(r);
    if (ok != MHD_YES)
        return HW_EIO;
    req->status = (int)status;
    req->answered = true;
    return HW_OK;
}

int respond_json_type(struct request *req, unsigned status, json_t *body, const char *type)
{
    char *text = body ? json_dumps(body, JSON_COMPACT) : NULL;
    json_decref(body);
    if (!text)
        return HW_ENOMEM;
    if (!req->answered) {
        req->status = (int)status;
        request_answer_hook(req, text);
    }
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(text);
        return HW_ENOMEM;
    }
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    return respond_mhd(req, status, r);
}

int respond_json(struct request *req, unsigned status, json_t *body)
{
    return respond_json_type(req, status, body, "application/json");
}

int respond_empty(struct request *req, unsigned status)
{
    if (!req->answered) {
        req->status = (int)status;
        request_answer_hook(req, "{}");
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
    if (r)
        MHD_add_response_header(r, "Cache-Control", "no-store");
    return respond_mhd(req, status, r);
}
