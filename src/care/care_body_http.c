/* Request bodies with arrays and nested objects (a visit's help tasks and
 * follow-up, a mediation's parties), checked field by field. */
#include <string.h>

#include "base/err.h"
#include "care/care_http.h"
#include "http/body.h"
#include "http/problem.h"
#include "kit/jobs_core.h"

int care_body_load(struct request *req, const char *const *allowed, json_t **root)
{
    json_t *o;
    int body_rc = body_object(req, &o);
    if (body_rc != HW_OK)
        return body_rc;
    bool bad = false;
    const char *key;
    json_t *value;
    json_object_foreach(o, key, value) {
        bool known = false;
        for (size_t i = 0; allowed[i] && !known; i++)
            known = strcmp(allowed[i], key) == 0;
        if (!known) {
            problem_field(req, strlen(key) > 64 ? "(long name)" : key, FIELD_UNKNOWN);
            bad = true;
        }
    }
    *root = o;
    return bad ? HW_EINVAL : HW_OK;
}

const char *care_body_text(struct request *req, json_t *obj, const char *name, bool required,
                           size_t max, bool *bad)
{
    json_t *v = json_object_get(obj, name);
    if (!v || json_is_null(v)) {
        if (required) {
            problem_field(req, name, FIELD_REQUIRED);
            *bad = true;
        }
        return NULL;
    }
    if (!json_is_string(v)) {
        problem_field(req, name, FIELD_WRONG_TYPE);
    } else if (json_string_length(v) > max) {
        problem_field(req, name, FIELD_TOO_LONG);
    } else if (strlen(json_string_value(v)) != json_string_length(v)) {
        problem_field(req, name, FIELD_INVALID);
    } else {
        return json_string_value(v);
    }
    *bad = true;
    return NULL;
}

int64_t care_body_int(struct request *req, json_t *obj, const char *name, bool required, bool *bad)
{
    json_t *v = json_object_get(obj, name);
    if (!v || json_is_null(v)) {
        if (required) {
            problem_field(req, name, FIELD_REQUIRED);
            *bad = true;
        }
        return 0;
    }
    if (json_is_integer(v))
        return json_integer_value(v);
    problem_field(req, name, FIELD_WRONG_TYPE);
    *bad = true;
    return 0;
}

int64_t care_body_time(struct request *req, json_t *obj, const char *name, int64_t dflt, bool *bad)
{
    const char *text = care_body_text(req, obj, name, false, 64, bad);
    int64_t t = dflt;
    if (text && jobs_parse_time(text, &t) != HW_OK) {
        problem_field(req, name, FIELD_INVALID);
        *bad = true;
    }
    return t;
}
