#include "base/text.h"

#include <stdint.h>
#include <string.h>

/* The code point at *p, moving *p past it; -1 (and *p past the bad byte)
 * when the bytes are not UTF-8: overlong, a surrogate, beyond U+10FFFF or cut
 * short. Stops at the terminating NUL, which it does not pass. */
static long next_cp(const unsigned char **p)
{
    const unsigned char *s = *p;
    int extra = s[0] < 0x80             ? 0
                : (s[0] & 0xE0) == 0xC0 ? 1
                : (s[0] & 0xF0) == 0xE0 ? 2
                : (s[0] & 0xF8) == 0xF0 ? 3
                                        : -1;
    if (extra < 0) {
        (*p)++;
        return -1;
    }
    long cp = extra == 0 ? s[0] : s[0] & (0x3F >> extra);
    for (int i = 1; i <= extra; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *p = s + i; /* s[i] may be the NUL: not passed */
            return -1;
        }
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    *p = s + 1 + extra;
    static const long least[] = {0, 0x80, 0x800, 0x10000};
    if (cp < least[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    return cp;
}

size_t text_blank_at(const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    if (s[0] == ' ' || (s[0] >= 0x09 && s[0] <= 0x0D))
        return 1;
    if (s[0] == 0xC2 && (s[1] == 0x85 || s[1] == 0xA0))
        return 2;
    if (s[0] == 0xE1 && ((s[1] == 0x9A && s[2] == 0x80) || (s[1] == 0xA0 && s[2] == 0x8E)))
        return 3; /* U+1680, U+180E */
    if (s[0] == 0xE2 && s[1] == 0x80 &&
        ((s[2] >= 0x80 && s[2] <= 0x8D) || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF))
        return 3; /* U+2000-U+200D, U+2028, U+2029, U+202F */
    if (s[0] == 0xE2 && s[1] == 0x81 && (s[2] == 0x9F || s[2] == 0xA0))
        return 3; /* U+205F, U+2060 */
    if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
        return 3; /* U+3000 */
    if (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        return 3; /* U+FEFF */
    return 0;
}

char *text_trim(char *s)
{
    size_t start = 0, w;
    while ((w = text_blank_at(s + start)))
        start += w;
    /* The end of the last character that is not blank. */
    size_t end = start;
    for (const char *p = s + start; *p;) {
        if ((w = text_blank_at(p))) {
            p += w;
            continue;
        }
        const unsigned char *q = (const unsigned char *)p;
        next_cp(&q);
        p = (const char *)q;
        end = (size_t)(p - s);
    }
    memmove(s, s + start, end - start);
    s[end - start] = '\0';
    return s;
}

bool text_untrimmed(const char *s)
{
    if (!s || !*s)
        return false;
    if (text_blank_at(s))
        return true;
    /* The last character: step forward, remembering where each starts. */
    const char *last = s;
    for (const unsigned char *q = (const unsigned char *)s; *q;) {
        last = (const char *)q;
        next_cp(&q);
    }
    return text_blank_at(last) != 0;
}

char *text_unify_newlines(char *s)
{
    char *w = s;
    for (const char *r = s; *r; r++) {
        if (*r == '\r') {
            *w++ = '\n';
            if (r[1] == '\n')
                r++;
        } else {
            *w++ = *r;
        }
    }
    *w = '\0';
    return s;
}

long text_chars(const char *s, bool multiline)
{
    if (!s)
        return -1;
    long n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; n++) {
        long cp = next_cp(&p);
        if (cp < 0 || (cp < 0x20 && !(multiline && cp == '\n')) || (cp >= 0x7F && cp <= 0x9F))
            return -1;
        /* Noncharacters (Unicode 15, section 23.7): XML has none of them, so
         * a workbook or an export holding one would not open. */
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
            return -1;
    }
    return n;
}

bool text_has_invisible(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p;) {
        long cp = next_cp(&p);
        if (cp == 0xAD || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) ||
            (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
            (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF)
            return true;
    }
    return false;
}
