#include "http/body.h"

#include <string.h>
#include <strings.h>

#include "base/err.h"
#include "http/problem.h"
#include "http/response.h"

enum { DEFAULT_MAX_LEN = 200 };

static const struct body_field *find_field(const struct body_field *fields, size_t n,
                                           const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(fields[i].name, name) == 0)
            return &fields[i];
    return NULL;
}

static bool store_value(struct request *req, const struct body_field *f, json_t *v, void *out)
{
    char *slot = (char *)out + f->offset;
    switch (f->type) {
    case BODY_STRING: {
        if (!json_is_string(v))
            return false;
        size_t max = f->max_len ? f->max_len : DEFAULT_MAX_LEN;
        if (json_string_length(v) > max) {
            problem_field(req, f->name, FIELD_TOO_LONG);
            return true;
        }
        /* jansson strings may hold NUL bytes; C code downstream must not see them. */
        if (strlen(json_string_value(v)) != json_string_length(v)) {
            problem_field(req, f->name, FIELD_INVALID);
            return true;
        }
        *(const char **)slot = json_string_value(v);
        return true;
    }
    case BODY_INT:
        if (!json_is_integer(v))
            return false;
        *(struct opt_int *)slot = (struct opt_int){true, json_integer_value(v)};
        return true;
    case BODY_BOOL:
        if (!json_is_boolean(v))
            return false;
        *(struct opt_bool *)slot = (struct opt_bool){true, json_is_true(v)};
        return true;
    }
    return false;
}

/* application/json, or a +json type (RFC 6839 section 3.1), parameters allowed. */
static bool is_json_type(const char *type)
{
    if (!type)
        return false;
    size_t n = strcspn(type, ";");
    while (n && (type[n - 1] == ' ' || type[n - 1] == '\t'))
        n--;
    if (n == 16 && strncasecmp(type, "application/json", 16) == 0)
        return true;
    return n > 17 && strncasecmp(type, "application/", 12) == 0 &&
           strncasecmp(type + n - 5, "+json", 5) == 0;
}

int body_require_json(struct request *req)
{
    if (req->body_len == 0 || is_json_type(req_header(req, "Content-Type")))
        return HW_OK;
    /* RFC 9110 section 15.5.16, with Accept-Post (W3C LDP) or Accept-Patch
     * (RFC 5789 section 3.1) naming what is taken. */
    if (strcmp(req->method, "POST") == 0)
        respond_header(req, "Accept-Post", "application/json");
    else if (strcmp(req->method, "PATCH") == 0)
        respond_header(req, "Accept-Patch", "application/json");
    int rc = problem_send(req, PROBLEM_UNSUPPORTED_MEDIA_TYPE, NULL);
    return rc == HW_OK ? HW_EINVAL : rc;
}

int body_object(struct request *req, json_t **root)
{
    int rc = body_require_json(req);
    if (rc != HW_OK)
        return rc;
    json_error_t err;
    json_t *v =
        req->body_len ? json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &err) : NULL;
    if (!v || !json_is_object(v)) {
        json_decref(v);
        rc = problem_send(req, PROBLEM_MALFORMED_JSON, req->body_len ? err.text : "empty body");
        return rc == HW_OK ? HW_EINVAL : rc;
    }
    if (!req_keep(req, v))
        return HW_ENOMEM;
    *root = v;
    return HW_OK;
}

int body_parse(struct request *req, const struct body_field *fields, size_t nfields, void *out)
{
    int rc = body_require_json(req);
    if (rc != HW_OK)
        return rc;
    json_error_t err;
    json_t *root = req->body_len
                       ? json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &err)
                       : NULL;
    if (!root || !json_is_object(root)) {
        json_decref(root);
        rc = problem_send(req, PROBLEM_MALFORMED_JSON, req->body_len ? err.text : "empty body");
        return rc == HW_OK ? HW_EINVAL : rc;
    }
    if (!req_keep(req, root))
        return HW_ENOMEM;
    req->json = root;

    bool bad = false;
    const char *key;
    json_t *value;
    json_object_foreach(root, key, value) {
        const struct body_field *f = find_field(fields, nfields, key);
        if (!f) {
            /* Field names are echoed back, so keep them bounded. */
            problem_field(req, strlen(key) > 64 ? "(long name)" : key, FIELD_UNKNOWN);
            bad = true;
        } else if (!store_value(req, f, value, out)) {
            problem_field(req, f->name, FIELD_WRONG_TYPE);
            bad = true;
        }
    }
    for (size_t i = 0; i < nfields; i++) {
        if (fields[i].required && !json_object_get(root, fields[i].name)) {
            problem_field(req, fields[i].name, FIELD_REQUIRED);
            bad = true;
        }
    }
    if (req->json_errors && json_array_size(req->json_errors) > 0)
        bad = true;
    return bad ? HW_EINVAL : HW_OK;
}
