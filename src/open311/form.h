/* application/x-www-form-urlencoded bodies, as Open311 clients POST them:
 * name=value pairs joined by '&', '+' for a space and %XX for any byte. */
#ifndef HONGWU_OPEN311_FORM_H
#define HONGWU_OPEN311_FORM_H

#include <stddef.h>

#include "base/arena.h"

enum { FORM_FIELDS_MAX = 64 };

struct form {
    struct {
        const char *name, *value;
    } fields[FORM_FIELDS_MAX];
    size_t n;
};

/* Decodes body (len bytes) into out, the texts copied into arena. HW_EINVAL
 * for a malformed escape or a NUL, HW_ELIMIT past FORM_FIELDS_MAX fields,
 * HW_ENOMEM. */
int form_parse(struct arena *arena, const char *body, size_t len, struct form *out);

/* The first value of name, NULL when absent or empty (the specification's
 * "optional arguments": an empty value is no value). */
const char *form_get(const struct form *f, const char *name);

#endif
