#include "open311/xml.h"

#include <stdlib.h>
#include <string.h>

static void put(struct xml *x, const char *s, size_t n)
{
    if (x->failed)
        return;
    if (x->len + n + 1 > x->cap) {
        size_t cap = x->cap ? x->cap : 4096;
        while (cap < x->len + n + 1)
            cap *= 2;
        char *grown = cap > XML_MAX ? NULL : realloc(x->data, cap);
        if (!grown) {
            x->failed = true;
            return;
        }
        x->data = grown;
        x->cap = cap;
    }
    memcpy(x->data + x->len, s, n);
    x->len += n;
    x->data[x->len] = '\0';
}

static void puts_(struct xml *x, const char *s) { put(x, s, strlen(s)); }

void xml_begin(struct xml *x)
{
    *x = (struct xml){0};
    puts_(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
}

void xml_free(struct xml *x)
{
    free(x->data);
    *x = (struct xml){0};
}

void xml_open(struct xml *x, const char *name)
{
    puts_(x, "<");
    puts_(x, name);
    puts_(x, ">");
}

void xml_close(struct xml *x, const char *name)
{
    puts_(x, "</");
    puts_(x, name);
    puts_(x, ">");
}

void xml_empty(struct xml *x, const char *name)
{
    puts_(x, "<");
    puts_(x, name);
    puts_(x, "/>");
}

void xml_text(struct xml *x, const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t run = 0; /* bytes copied as they are, written in one go */
    for (size_t i = 0;; i++) {
        const char *escape = NULL;
        size_t skip = 0;
        unsigned char c = s[i];
        if (c == '\0')
            break;
        if (c == '&')
            escape = "&amp;";
        else if (c == '<')
            escape = "&lt;";
        else if (c == '>')
            escape = "&gt;";
        else if (c == '"')
            escape = "&quot;";
        else if (c == '\'')
            escape = "&apos;";
        else if (c == '\r')
            escape = "&#13;";
        else if (c < 0x20 && c != '\t' && c != '\n')
            skip = 1;
        else if (c == 0xEF && s[i + 1] == 0xBF && (s[i + 2] == 0xBE || s[i + 2] == 0xBF))
            skip = 3;
        if (!escape && !skip)
            continue;
        put(x, text + run, i - run);
        if (escape)
            puts_(x, escape);
        i += skip ? skip - 1 : 0;
        run = i + 1;
    }
    puts_(x, text + run);
}
