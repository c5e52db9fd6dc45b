#include "transfer/csv_writer.h"

#include <string.h>

#include "base/err.h"

void csv_writer_init(struct csv_writer *w, csv_out_fn out, void *ctx)
{
    w->out = out;
    w->ctx = ctx;
    w->status = HW_OK;
    w->cells = 0;
    w->used = 0;
}

int csv_writer_flush(struct csv_writer *w)
{
    if (w->status == HW_OK && w->used)
        w->status = w->out(w->buf, w->used, w->ctx);
    w->used = 0;
    return w->status;
}

static int put(struct csv_writer *w, const char *s, size_t n)
{
    while (n && w->status == HW_OK) {
        if (w->used == sizeof w->buf && csv_writer_flush(w) != HW_OK)
            break;
        size_t take = sizeof w->buf - w->used;
        if (take > n)
            take = n;
        memcpy(w->buf + w->used, s, take);
        w->used += take;
        s += take;
        n -= take;
    }
    return w->status;
}

int csv_writer_bom(struct csv_writer *w) { return put(w, "\xEF\xBB\xBF", 3); }

static bool is_plain_number(const char *s)
{
    const char *p = s + (*s == '-' || *s == '+');
    if (!*p)
        return false;
    bool dot = false;
    for (; *p; p++) {
        if (*p == '.' && !dot)
            dot = true;
        else if (*p < '0' || *p > '9')
            return false;
    }
    return true;
}

bool csv_cell_is_formula_like(const char *s)
{
    if (!s || !s[0])
        return false;
    /* A cell that starts with the guard itself ("'=x") is guarded too, so
     * the importer, which drops one apostrophe, reads it back as it was. */
    if (s[0] == '\'' && s[1] && strchr("=+-@", s[1]))
        return true;
    return strchr("=+-@\t\r", s[0]) && !is_plain_number(s);
}

int csv_writer_cell(struct csv_writer *w, const char *s)
{
    if (w->cells++ && put(w, ",", 1) != HW_OK)
        return w->status;
    if (!s || !*s)
        return w->status;
    bool formula = csv_cell_is_formula_like(s);
    if (!formula && !strpbrk(s, ",\"\r\n") && s[0] != ' ' && s[strlen(s) - 1] != ' ')
        return put(w, s, strlen(s));
    /* Quoted, quotes doubled; spaces at the ends are kept only inside quotes. */
    put(w, "\"", 1);
    if (formula)
        put(w, "'", 1);
    for (const char *q; (q = strchr(s, '"')); s = q + 1) {
        put(w, s, (size_t)(q - s));
        put(w, "\"\"", 2);
    }
    put(w, s, strlen(s));
    return put(w, "\"", 1);
}

int csv_writer_end_row(struct csv_writer *w)
{
    w->cells = 0;
    return put(w, "\r\n", 2);
}
