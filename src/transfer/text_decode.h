/* Turns the bytes of a spreadsheet saved as CSV into UTF-8, piece by piece.
 *
 * Excel writes a UTF-8 byte-order mark ("CSV UTF-8"), which is dropped; on
 * Chinese Windows its plain "CSV" is in the ANSI code page, GBK, which
 * GB18030 contains, so such files are converted with glibc's iconv. The
 * encoding is decided at the first run of non-ASCII bytes: ASCII is the same
 * in both, so nothing before that run changes. UTF-16 ("Unicode text"), a
 * workbook itself (.xlsx, .xls) and NUL bytes are refused with a message. */
#ifndef HONGWU_TRANSFER_TEXT_DECODE_H
#define HONGWU_TRANSFER_TEXT_DECODE_H

#include <iconv.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum text_encoding { TEXT_UNDECIDED, TEXT_UTF8, TEXT_GB18030 };

enum text_error {
    TEXT_OK,
    TEXT_BAD_UTF8,    /* started as UTF-8, then a byte sequence that is not */
    TEXT_BAD_GB18030, /* started as GB18030, then a byte sequence that is not */
    TEXT_UTF16,       /* a UTF-16 byte-order mark */
    TEXT_WORKBOOK,    /* an .xlsx (zip) or .xls (OLE) file, not CSV */
    TEXT_NUL,         /* a NUL byte: not a text file */
};

/* Receives decoded UTF-8; returns HW_OK or an error that stops decoding. */
typedef int (*text_sink)(const char *utf8, size_t len, void *ctx);

enum {
    TEXT_CHUNK = 64 * 1024,
    /* Enough of the first non-ASCII run to tell GBK from UTF-8 (a GBK pair
     * such as D0 A1 can pass for UTF-8; a run of several seldom does). */
    TEXT_RUN_MAX = 48,
};

struct text_decoder {
    enum text_encoding encoding;
    enum text_error error;
    bool started;     /* the byte-order mark has been looked for */
    iconv_t cd;       /* GB18030 -> UTF-8, or (iconv_t)-1 */
    int64_t newlines; /* '\n' passed to the sink: the line of an error is newlines + 1 */
    text_sink sink;
    void *ctx;
    size_t npending; /* bytes held back: a possible BOM, a run, half a character */
    unsigned char pending[TEXT_RUN_MAX];
    unsigned char in[TEXT_RUN_MAX + TEXT_CHUNK];
    char out[4 * TEXT_CHUNK];
};

void text_decoder_init(struct text_decoder *d, text_sink sink, void *ctx);
/* HW_OK, HW_EINVAL with d->error set, HW_ENOMEM, or the sink's error. */
int text_decode(struct text_decoder *d, const void *data, size_t len);
/* Flushes what was held back; a half character at the end is an error. */
int text_decode_finish(struct text_decoder *d);
void text_decoder_free(struct text_decoder *d);

const char *text_encoding_name(enum text_encoding e);
/* The message for d->error, in Chinese and English. */
void text_error_message(enum text_error e, const char **zh, const char **en);

/* Length of the valid UTF-8 character at s: > 0, 0 when s ends inside a
 * character that may still be valid, -1 when it is not UTF-8. Overlong
 * forms, surrogates and code points past U+10FFFF are invalid. */
int utf8_char_len(const unsigned char *s, size_t n);

#endif
