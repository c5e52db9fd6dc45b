#include "http/access_log.h"

#include <stdbool.h>
#include <string.h>

#include "base/log.h"

static bool needs_escape(unsigned char c)
{
    return c <= 0x20 || c >= 0x7f || c == '\\' || c == '"';
}

char *access_log_escape(struct arena *a, const char *s, size_t max)
{
    size_t n = strnlen(s, max + 1);
    bool cut = n > max;
    if (cut)
        n = max;
    char *out = arena_alloc(a, n * 4 + sizeof "...");
    if (!out)
        return NULL;
    static const char hex[] = "0123456789abcdef";
    char *w = out;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (needs_escape(c)) {
            *w++ = '\\';
            *w++ = 'x';
            *w++ = hex[c >> 4];
            *w++ = hex[c & 15];
        } else {
            *w++ = (char)c;
        }
    }
    if (cut) {
        memcpy(w, "...", 3);
        w += 3;
    }
    *w = '\0';
    return out;
}

void access_log_write(const char *method, const char *path, int status, double ms, int64_t user_id,
                      const char *client)
{
    /* Never the query string, a body or a header: they may hold secrets. */
    log_info("%s %s %d %.1fms user=%lld ip=%s", method, path, status, ms, (long long)user_id,
             client);
}
