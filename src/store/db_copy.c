#include "store/db_copy.h"

#include <string.h>

#include "base/err.h"

/* The escape of c in a text value, or NULL when c stands for itself. */
static const char *escape_of(char c)
{
    switch (c) {
    case '\\': return "\\\\";
    case '\t': return "\\t";
    case '\n': return "\\n";
    case '\r': return "\\r";
    default: return NULL;
    }
}

void db_copy_text(struct text_buffer *t, const char *s)
{
    if (!s) {
        text_buffer_add(t, "\\N", 2);
        return;
    }
    const char *run = s; /* characters not yet appended, none escaped */
    for (const char *p = s; *p; p++) {
        const char *esc = escape_of(*p);
        if (!esc)
            continue;
        text_buffer_add(t, run, (size_t)(p - run));
        text_buffer_add(t, esc, 2);
        run = p + 1;
    }
    text_buffer_str(t, run);
}

int db_copy_encode_row(struct text_buffer *t, const char *types, va_list ap)
{
    if (!types[0])
        return HW_EINVAL;
    for (const char *c = types; *c; c++) {
        if (c != types)
            text_buffer_add(t, "\t", 1);
        switch (*c) {
        case 'i': text_buffer_int(t, va_arg(ap, int64_t)); break;
        case 'b': text_buffer_add(t, va_arg(ap, int) ? "t" : "f", 1); break;
        case 's': db_copy_text(t, va_arg(ap, const char *)); break;
        case 'n': db_copy_text(t, NULL); break;
        default: return HW_EINVAL;
        }
    }
    text_buffer_add(t, "\n", 1);
    return t->failed ? HW_ENOMEM : HW_OK;
}
