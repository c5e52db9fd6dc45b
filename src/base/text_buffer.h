/* A growing NUL-terminated string on the heap, for SQL and CSV built piece
 * by piece. An allocation failure marks it failed and ignores later adds:
 * the caller checks `failed` once at the end. */
#ifndef HONGWU_BASE_TEXT_BUFFER_H
#define HONGWU_BASE_TEXT_BUFFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct text_buffer {
    char *data; /* NULL until the first add; free() it */
    size_t len, cap;
    bool failed;
};

void text_buffer_add(struct text_buffer *t, const char *s, size_t n);
void text_buffer_str(struct text_buffer *t, const char *s);
void text_buffer_int(struct text_buffer *t, int64_t v);

#endif
