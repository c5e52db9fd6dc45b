/* Text people type, read the same way on every path: the API's JSON bodies
 * and the import's spreadsheet cells trim with text_trim() and count and
 * check characters with text_chars(), so a value one path takes the other
 * takes too, and an export reads back as it was written. Plain functions of
 * UTF-8 text, unit-tested in tests/unit/test_text.c. */
#ifndef HONGWU_BASE_TEXT_H
#define HONGWU_BASE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Width in bytes of a blank character at s, or 0. Blank: white space (tab,
 * line feed, CR and the other C0 spaces, U+0020, U+0085, U+00A0, U+1680,
 * U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000) and the zero-width
 * characters (U+180E, U+200B-U+200D, U+2060, U+FEFF). */
size_t text_blank_at(const char *s);

/* In place: drops blanks at both ends. Returns s. */
char *text_trim(char *s);

/* Whether s starts or ends with a blank: text_trim would change it. */
bool text_untrimmed(const char *s);

/* In place: a CRLF or a lone CR becomes LF. Returns s. */
char *text_unify_newlines(char *s);

/* Code points in s, or -1 when s is not UTF-8 or holds a control character
 * (C0, DEL, C1) or a noncharacter (U+FDD0-U+FDEF, U+FFFE, U+FFFF and their
 * like in every plane). With multiline, LF is allowed (CR is not: unify
 * first). */
long text_chars(const char *s, bool multiline);

/* Whether s holds a character that shows nothing: zero-width (U+200B-U+200D,
 * U+2060-U+2064, U+FEFF, U+180E), direction marks and embeddings (U+200E,
 * U+200F, U+202A-U+202E, U+2066-U+2069), the soft hyphen U+00AD. Two names
 * that look the same must be the same. */
bool text_has_invisible(const char *s);

#endif
