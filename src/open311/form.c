#include "open311/form.h"

#include <string.h>

#include "base/err.h"

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Decodes s[0..n) into a new string of the arena. */
static int decode(struct arena *arena, const char *s, size_t n, const char **out)
{
    char *d = arena_alloc(arena, n + 1);
    if (!d)
        return HW_ENOMEM;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '+') {
            c = ' ';
        } else if (c == '%') {
            if (i + 2 >= n)
                return HW_EINVAL;
            int hi = hex_value(s[i + 1]), lo = hex_value(s[i + 2]);
            if (hi < 0 || lo < 0)
                return HW_EINVAL;
            c = (char)(hi * 16 + lo);
            i += 2;
        }
        if (c == '\0')
            return HW_EINVAL;
        d[k++] = c;
    }
    d[k] = '\0';
    *out = d;
    return HW_OK;
}

int form_parse(struct arena *arena, const char *body, size_t len, struct form *out)
{
    out->n = 0;
    size_t i = 0;
    while (i < len) {
        size_t end = i;
        while (end < len && body[end] != '&')
            end++;
        if (end > i) {
            const char *pair = body + i;
            size_t n = end - i;
            const char *eq = memchr(pair, '=', n);
            size_t name_len = eq ? (size_t)(eq - pair) : n;
            if (out->n == FORM_FIELDS_MAX)
                return HW_ELIMIT;
            int rc = decode(arena, pair, name_len, &out->fields[out->n].name);
            if (rc == HW_OK)
                rc = eq ? decode(arena, eq + 1, n - name_len - 1, &out->fields[out->n].value)
                        : decode(arena, "", 0, &out->fields[out->n].value);
            if (rc != HW_OK)
                return rc;
            out->n++;
        }
        i = end + 1;
    }
    return HW_OK;
}

const char *form_get(const struct form *f, const char *name)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->fields[i].name, name) == 0)
            return f->fields[i].value[0] ? f->fields[i].value : NULL;
    return NULL;
}
