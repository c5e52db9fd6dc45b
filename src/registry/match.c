#include "registry/match.h"

#include <string.h>

#include "base/validate.h"

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* Trims [*s, *e) of spaces. */
static void trim(const char **s, const char **e)
{
    while (*s < *e && is_space(**s))
        (*s)++;
    while (*e > *s && is_space((*e)[-1]))
        (*e)--;
}

static void strip_prefix(const char **s, const char *e, const char *prefix)
{
    size_t n = strlen(prefix);
    if ((size_t)(e - *s) >= n && memcmp(*s, prefix, n) == 0)
        *s += n;
}

/* Copies [s, e) into out, at most max bytes ending on a character boundary,
 * with control characters and broken UTF-8 as '?'. */
static void copy_text(const char *s, const char *e, char *out, size_t max)
{
    size_t n = 0;
    while (s < e && n < max) {
        unsigned char c = (unsigned char)*s;
        int extra = c < 0x80             ? 0
                    : (c & 0xE0) == 0xC0 ? 1
                    : (c & 0xF0) == 0xE0 ? 2
                    : (c & 0xF8) == 0xF0 ? 3
                                         : -1;
        bool ok = extra >= 0 && !(extra == 0 && (c < 0x20 || c == 0x7F)) &&
                  (extra == 0 || c >= 0xC2) && e - s > extra;
        for (int i = 1; ok && i <= extra; i++)
            ok = ((unsigned char)s[i] & 0xC0) == 0x80;
        if (!ok) {
            out[n++] = '?';
            s++;
            continue;
        }
        if (n + (size_t)extra + 1 > max)
            break;
        memcpy(out + n, s, (size_t)extra + 1);
        n += (size_t)extra + 1;
        s += extra + 1;
    }
    out[n] = '\0';
}

enum match_kind match_line(const char *line, size_t len, char *value, size_t value_size)
{
    const char *s = line, *e = line + len;
    value[0] = '\0';
    if (value_size <= MATCH_INPUT_MAX)
        return MATCH_INVALID;
    strip_prefix(&s, e, "\xEF\xBB\xBF");
    for (const char *p = s; p < e; p++) {
        if (*p == ',' || *p == '\t' || *p == ';') {
            e = p;
            break;
        }
    }
    trim(&s, &e);
    strip_prefix(&s, e, "=");
    if (e - s >= 2 && *s == '"' && e[-1] == '"') {
        s++;
        e--;
    }
    strip_prefix(&s, e, "'");
    trim(&s, &e);
    if (s == e)
        return MATCH_BLANK;
    size_t n = (size_t)(e - s);
    char text[24];
    if (n == 11 || n == 18) {
        memcpy(text, s, n);
        text[n] = '\0';
        char id[19];
        if (n == 11 && validate_mobile(text)) {
            memcpy(value, text, n + 1);
            return MATCH_PHONE;
        }
        if (n == 18 && normalize_id_number(text, id, sizeof id) && validate_id_number(id)) {
            memcpy(value, id, sizeof id);
            return MATCH_ID_NUMBER;
        }
    }
    copy_text(s, e, value, MATCH_INPUT_MAX);
    return MATCH_INVALID;
}

bool match_is_header(const char *line, size_t len)
{
    bool text = false;
    for (size_t i = 0; i < len; i++) {
        if (line[i] >= '0' && line[i] <= '9')
            return false;
        text = text || !is_space(line[i]);
    }
    return text;
}
