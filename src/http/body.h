/* JSON request bodies described once per handler: a table of fields drives
 * parsing, type checks, unknown-field rejection and field errors. */
#ifndef HONGWU_HTTP_BODY_H
#define HONGWU_HTTP_BODY_H

#include <stddef.h>

#include "http/request.h"

enum body_type { BODY_STRING, BODY_INT, BODY_BOOL };

struct opt_int {
    bool set;
    int64_t v;
};
struct opt_bool {
    bool set;
    bool v;
};

struct body_field {
    const char *name;
    enum body_type type;
    bool required;
    size_t max_len; /* strings only, in bytes; 0 means 200 */
    size_t offset;  /* of a const char *, struct opt_int or struct opt_bool in out */
};

#define BODY_FIELD(type_, name_, kind, required_, max_len_)                              \
    {#name_, kind, required_, max_len_, offsetof(type_, name_)}

/* A non-empty body must say Content-Type: application/json (or a +json
 * type): HW_OK, or answered 415 and HW_EINVAL. body_parse checks it; a
 * handler that parses its JSON body itself calls it first. */
int body_require_json(struct request *req);

/* The body as one JSON object, for a handler that checks its members itself:
 * HW_OK and *root (kept by the request), or answered (415 not labelled JSON,
 * 400 malformed or not an object) and HW_EINVAL. */
int body_object(struct request *req, json_t **root);

/* Parses req->body as one JSON object into out, checking it against fields.
 * A body not labelled JSON answers 415 and malformed JSON 400, at once; field errors are recorded and
 * HW_EINVAL returned, which the router turns into a 422. */
int body_parse(struct request *req, const struct body_field *fields, size_t nfields, void *out);
#define BODY_PARSE(req, fields, out) body_parse(req, fields, sizeof fields / sizeof fields[0], out)

#endif
