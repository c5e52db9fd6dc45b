/* PostgreSQL's COPY text format, as db_copy_row (db.h) writes it: one line
 * per row, values separated by a tab, NULL written \N, and in a text value
 * a backslash, tab, newline and carriage return written \\, \t, \n and \r,
 * so a value can never end its row, start another column, or read as \N or
 * the end-of-data marker \. (PostgreSQL's "COPY", "Text Format"). */
#ifndef HONGWU_STORE_DB_COPY_H
#define HONGWU_STORE_DB_COPY_H

#include <stdarg.h>

#include "base/text_buffer.h"

/* Appends s as one value (NULL: \N). */
void db_copy_text(struct text_buffer *t, const char *s);

/* Appends a row, its values as db_query takes them: one argument per letter
 * of types, 'i' int64_t, 'b' bool (int), 's' const char * (NULL: \N), 'n'
 * \N without an argument. HW_EINVAL for another letter or no letter,
 * HW_ENOMEM when t failed to grow; else HW_OK. */
int db_copy_encode_row(struct text_buffer *t, const char *types, va_list ap);

#endif
