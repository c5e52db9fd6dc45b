#include "transfer/text_decode.h"

#include <errno.h>
#include <string.h>

#include "base/err.h"

void text_decoder_init(struct text_decoder *d, text_sink sink, void *ctx)
{
    d->encoding = TEXT_UNDECIDED;
    d->error = TEXT_OK;
    d->started = false;
    d->cd = (iconv_t)-1;
    d->newlines = 0;
    d->sink = sink;
    d->ctx = ctx;
    d->npending = 0;
}

void text_decoder_free(struct text_decoder *d)
{
    if (d->cd != (iconv_t)-1)
        iconv_close(d->cd);
    d->cd = (iconv_t)-1;
}

const char *text_encoding_name(enum text_encoding e)
{
    return e == TEXT_GB18030 ? "GB18030" : "UTF-8";
}

void text_error_message(enum text_error e, const char **zh, const char **en)
{
    switch (e) {
    case TEXT_BAD_UTF8:
        *zh = "文件不是有效的 UTF-8 文本（可能混用了编码），请在 Excel 中另存为“CSV UTF-8”";
        *en = "the file is not valid UTF-8 (mixed encodings?); save it from Excel as "
              "\"CSV UTF-8\"";
        return;
    case TEXT_BAD_GB18030:
        *zh = "文件既不是 UTF-8 也不是有效的 GBK/GB18030 文本，请在 Excel 中另存为“CSV UTF-8”";
        *en = "the file is neither UTF-8 nor valid GBK/GB18030; save it from Excel as "
              "\"CSV UTF-8\"";
        return;
    case TEXT_UTF16:
        *zh = "文件是 UTF-16（“Unicode 文本”），请在 Excel 中另存为“CSV UTF-8”";
        *en = "the file is UTF-16 (\"Unicode text\"); save it from Excel as \"CSV UTF-8\"";
        return;
    case TEXT_WORKBOOK:
        *zh = "这是 Excel 工作簿（.xlsx/.xls），不是 CSV，请在 Excel 中另存为“CSV UTF-8”";
        *en = "this is an Excel workbook (.xlsx/.xls), not CSV; save it from Excel as "
              "\"CSV UTF-8\"";
        return;
    case TEXT_NUL:
        *zh = "文件含有 NUL 字节，不是文本文件";
        *en = "the file contains a NUL byte; it is not a text file";
        return;
    case TEXT_OK: break;
    }
    *zh = "";
    *en = "";
}

static bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

int utf8_char_len(const unsigned char *s, size_t n)
{
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    int len;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* past U+10FFFF */
    } else {
        return -1;
    }
    for (int i = 1; i < len; i++) {
        if ((size_t)i >= n)
            return 0;
        if (i == 1 ? (s[i] < lo || s[i] > hi) : !is_cont(s[i]))
            return -1;
    }
    return len;
}

static int emit(struct text_decoder *d, const void *p, size_t n)
{
    if (!n)
        return HW_OK;
    if (memchr(p, '\0', n)) {
        size_t ok = (size_t)((const char *)memchr(p, '\0', n) - (const char *)p);
        int rc = emit(d, p, ok);
        d->error = TEXT_NUL;
        return rc != HW_OK ? rc : HW_EINVAL;
    }
    for (const char *c = p; (c = memchr(c, '\n', n - (size_t)(c - (const char *)p))); c++)
        d->newlines++;
    return d->sink(p, n, d->ctx);
}

static int fail(struct text_decoder *d, enum text_error e)
{
    d->error = e;
    return HW_EINVAL;
}

static void hold(struct text_decoder *d, const unsigned char *p, size_t n)
{
    memmove(d->pending, p, n);
    d->npending = n;
}

/* Looks at the first bytes: a byte-order mark, or a file that is no CSV.
 * Returns how many bytes to skip, -1 to wait for more, -2 on d->error. */
static int check_start(struct text_decoder *d, const unsigned char *p, size_t n, bool final)
{
    static const unsigned char bom[] = {0xEF, 0xBB, 0xBF}, zip[] = {'P', 'K', 3, 4},
                               ole[] = {0xD0, 0xCF, 0x11, 0xE0};
    if (n < 4 && !final)
        return -1;
    d->started = true;
    if (n >= 3 && memcmp(p, bom, 3) == 0) {
        d->encoding = TEXT_UTF8;
        return 3;
    }
    if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)))
        d->error = TEXT_UTF16;
    else if (n >= 4 && (memcmp(p, zip, 4) == 0 || memcmp(p, ole, 4) == 0))
        d->error = TEXT_WORKBOOK;
    return d->error == TEXT_OK ? 0 : -2;
}

/* Decides between UTF-8 and GB18030 on the first non-ASCII run at p.
 * Returns false to wait for more of the run. */
static bool decide(struct text_decoder *d, const unsigned char *p, size_t n, bool final)
{
    size_t run = 0;
    while (run < n && p[run] >= 0x80)
        run++;
    bool cut = run == n && !final; /* the run may go on in the next piece */
    if (cut && run < TEXT_RUN_MAX)
        return false;
    if (run > TEXT_RUN_MAX)
        run = TEXT_RUN_MAX;
    d->encoding = TEXT_UTF8;
    for (size_t i = 0; i < run;) {
        int len = utf8_char_len(p + i, run - i);
        if (len == 0 && (cut || run == TEXT_RUN_MAX))
            break; /* a character cut by the window, not a bad one */
        if (len <= 0) {
            d->encoding = TEXT_GB18030;
            break;
        }
        i += (size_t)len;
    }
    return true;
}

static int pass_utf8(struct text_decoder *d, const unsigned char *p, size_t n, bool final)
{
    size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        int len = utf8_char_len(p + i, n - i);
        if (len > 0) {
            i += (size_t)len;
            continue;
        }
        int rc = emit(d, p, i);
        if (rc != HW_OK)
            return rc;
        if (len == 0 && !final) {
            hold(d, p + i, n - i);
            return HW_OK;
        }
        return fail(d, TEXT_BAD_UTF8);
    }
    return emit(d, p, n);
}

static int pass_gb18030(struct text_decoder *d, const unsigned char *p, size_t n, bool final)
{
    if (d->cd == (iconv_t)-1 && (d->cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1)
        return HW_ENOMEM;
    char *in = (char *)p;
    size_t left = n;
    while (left) {
        char *out = d->out;
        size_t room = sizeof d->out;
        size_t r = iconv(d->cd, &in, &left, &out, &room);
        int err = r == (size_t)-1 ? errno : 0;
        int rc = emit(d, d->out, sizeof d->out - room);
        if (rc != HW_OK)
            return rc;
        if (!err || err == E2BIG)
            continue;
        if (err == EINVAL && !final && left < TEXT_RUN_MAX) {
            hold(d, (const unsigned char *)in, left);
            return HW_OK;
        }
        return fail(d, TEXT_BAD_GB18030);
    }
    return HW_OK;
}

/* Decodes p[0..n), holding back what cannot be decided yet unless final. */
static int process(struct text_decoder *d, const unsigned char *p, size_t n, bool final)
{
    if (!d->started) {
        int skip = check_start(d, p, n, final);
        if (skip == -2)
            return HW_EINVAL;
        if (skip < 0) {
            hold(d, p, n);
            return HW_OK;
        }
        p += skip;
        n -= (size_t)skip;
    }
    if (d->encoding == TEXT_UNDECIDED) {
        size_t ascii = 0;
        while (ascii < n && p[ascii] < 0x80)
            ascii++;
        int rc = emit(d, p, ascii);
        if (rc != HW_OK || ascii == n)
            return rc;
        p += ascii;
        n -= ascii;
        if (!decide(d, p, n, final)) {
            hold(d, p, n);
            return HW_OK;
        }
    }
    return d->encoding == TEXT_UTF8 ? pass_utf8(d, p, n, final) : pass_gb18030(d, p, n, final);
}

int text_decode(struct text_decoder *d, const void *data, size_t len)
{
    if (d->error != TEXT_OK)
        return HW_EINVAL;
    const unsigned char *p = data;
    while (len) {
        size_t take = len < TEXT_CHUNK ? len : TEXT_CHUNK;
        size_t held = d->npending;
        memcpy(d->in, d->pending, held);
        memcpy(d->in + held, p, take);
        d->npending = 0;
        p += take;
        len -= take;
        int rc = process(d, d->in, held + take, false);
        if (rc != HW_OK)
            return rc;
    }
    return HW_OK;
}

int text_decode_finish(struct text_decoder *d)
{
    if (d->error != TEXT_OK)
        return HW_EINVAL;
    size_t held = d->npending;
    memcpy(d->in, d->pending, held);
    d->npending = 0;
    return process(d, d->in, held, true);
}
