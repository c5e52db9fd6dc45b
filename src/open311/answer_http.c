#include "open311/answer_http.h"

#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/log.h"
#include "http/response.h"
#include "http/router.h"
#include "open311/xml.h"

static const char xml_content_type[] = "text/xml; charset=utf-8";
static const char json_content_type[] = "application/json; charset=utf-8";

int open311_format_of(struct request *req, enum open311_format *out)
{
    char format[ROUTE_TEXT_MAX + 1];
    if (route_text(req, "format", format, sizeof format) != HW_OK)
        return HW_ENOTFOUND;
    if (strcmp(format, "xml") == 0)
        *out = OPEN311_XML;
    else if (strcmp(format, "json") == 0)
        *out = OPEN311_JSON;
    else
        return HW_ENOTFOUND;
    return HW_OK;
}

/* The element of an array's items: the array's name in the singular. */
static const char *item_name(const char *array)
{
    static const struct {
        const char *array, *item;
    } names[] = {
        {"services", "service"},     {"service_requests", "request"}, {"errors", "error"},
        {"endpoints", "endpoint"},   {"formats", "format"},           {"attributes", "attribute"},
        {"values", "value"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].array, array) == 0)
            return names[i].item;
    return "item";
}

static void write_value(struct xml *x, const char *name, json_t *v)
{
    char number[32];
    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        const char *key;
        json_t *member;
        xml_open(x, name);
        json_object_foreach(v, key, member) write_value(x, key, member);
        xml_close(x, name);
        break;
    }
    case JSON_ARRAY: {
        size_t i;
        json_t *item;
        xml_open(x, name);
        json_array_foreach(v, i, item) write_value(x, item_name(name), item);
        xml_close(x, name);
        break;
    }
    case JSON_STRING:
        xml_open(x, name);
        xml_text(x, json_string_value(v));
        xml_close(x, name);
        break;
    case JSON_INTEGER:
        snprintf(number, sizeof number, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        xml_open(x, name);
        xml_text(x, number);
        xml_close(x, name);
        break;
    case JSON_REAL:
        snprintf(number, sizeof number, "%.6f", json_real_value(v));
        xml_open(x, name);
        xml_text(x, number);
        xml_close(x, name);
        break;
    case JSON_TRUE:
    case JSON_FALSE:
        xml_open(x, name);
        xml_text(x, json_is_true(v) ? "true" : "false");
        xml_close(x, name);
        break;
    case JSON_NULL:
        xml_empty(x, name);
        break;
    }
}

static int respond_xml(struct request *req, unsigned status, const char *root, json_t *body)
{
    struct xml x;
    xml_begin(&x);
    write_value(&x, root, body);
    json_decref(body);
    if (x.failed) {
        xml_free(&x);
        return HW_ENOMEM;
    }
    if (!req->answered) {
        req->status = (int)status;
        request_answer_hook(req, x.data);
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(x.len, x.data, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        xml_free(&x);
        return HW_ENOMEM;
    }
    MHD_add_response_header(r, "Content-Type", xml_content_type);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    return respond_mhd(req, status, r);
}

int open311_respond(struct request *req, unsigned status, enum open311_format f,
                    const char *root, json_t *body)
{
    if (!body)
        return HW_ENOMEM;
    if (f == OPEN311_JSON)
        return respond_json_type(req, status, body, json_content_type);
    return respond_xml(req, status, root, body);
}

int open311_error(struct request *req, enum open311_format f, unsigned status,
                  const char *description)
{
    json_t *errors = json_pack("[{sI ss}]", "code", (json_int_t)status, "description",
                               description);
    return open311_respond(req, status, f, "errors", errors);
}

int open311_fail(struct request *req, enum open311_format f, int rc)
{
    if (rc == HW_EBUSY) {
        respond_header(req, "Retry-After", "1");
        return open311_error(req, f, 503, "The service is busy; try again in a moment.");
    }
    log_error("open311: %s %s failed: %s", req->method, req->path, hw_strerror(rc));
    return open311_error(req, f, 500, "The service failed; the failure is logged.");
}
