#include "transfer/xlsx_value.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/civil_days.h"

bool xlsx_ref_parse(const char *ref, int *col, int64_t *row)
{
    int c = 0, letters = 0;
    for (; *ref >= 'A' && *ref <= 'Z'; ref++, letters++)
        c = c * 26 + (*ref - 'A' + 1);
    if (letters < 1 || letters > 3 || c > XLSX_MAX_COLUMNS)
        return false;
    int64_t r = 0;
    int digits = 0;
    for (; *ref >= '0' && *ref <= '9'; ref++, digits++)
        if ((r = r * 10 + (*ref - '0')) > XLSX_MAX_ROWS)
            return false;
    if (*ref || digits < 1 || r < 1)
        return false;
    *col = c - 1;
    *row = r;
    return true;
}

bool xlsx_builtin_is_date(int id)
{
    return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
           (id >= 50 && id <= 58);
}

bool xlsx_format_is_date(const char *code)
{
    for (const char *p = code; *p; p++) {
        switch (*p) {
        case '"': /* literal text */
            if (!(p = strchr(p + 1, '"')))
                return false;
            break;
        case '[': /* a colour, a locale, a condition, elapsed [h] */
            if (!(p = strchr(p + 1, ']')))
                return false;
            break;
        case '\\': /* an escaped character, */
        case '_':  /* the width of one, */
        case '*':  /* a fill character */
            if (p[1])
                p++;
            break;
        default:
            if (strchr("yYmMdDhHsS", *p))
                return true;
        }
    }
    return false;
}

enum {
    DAY_1899_12_30 = -25569, /* day 0 of the 1900 system from serial 61 on */
    DAY_1899_12_31 = -25568, /* day 0 of the 1900 system before its 29 February */
    DAY_1904_01_01 = -24107, /* day 0 of the 1904 system */
    SERIAL_MAX = 2958465,    /* 9999-12-31 */
};

bool xlsx_serial_text(double serial, bool date1904, char out[XLSX_DATE_TEXT])
{
    if (!isfinite(serial) || serial < 0 || serial >= SERIAL_MAX + 1)
        return false;
    int64_t days = (int64_t)serial;
    int64_t seconds = (int64_t)((serial - (double)days) * 86400.0 + 0.5); /* to the second */
    if (seconds >= 86400) {
        days++;
        seconds = 0;
    }
    int hh = (int)(seconds / 3600), mi = (int)(seconds / 60 % 60), ss = (int)(seconds % 60);
    if (days == 0 && !date1904) { /* Excel's 1900-01-00: a time of day alone */
        if (!seconds)
            return false;
        snprintf(out, XLSX_DATE_TEXT, "%02d:%02d:%02d", hh, mi, ss);
        return true;
    }
    if (!date1904 && days == 60)
        return false; /* 1900-02-29 */
    int64_t epoch = date1904 ? DAY_1904_01_01 : days < 60 ? DAY_1899_12_31 : DAY_1899_12_30;
    int64_t y;
    int m, d;
    civil_from_days(epoch + days, &y, &m, &d);
    if (y > 9999)
        return false;
    if (seconds)
        snprintf(out, XLSX_DATE_TEXT, "%04d-%02d-%02d %02d:%02d:%02d", (int)y, m, d, hh, mi, ss);
    else
        snprintf(out, XLSX_DATE_TEXT, "%04d-%02d-%02d", (int)y, m, d);
    return true;
}

void xlsx_number_text(const char *stored, char *out, size_t size)
{
    char *end;
    double v = strtod(stored, &end);
    if (end == stored || *end || !isfinite(v)) {
        snprintf(out, size, "%s", stored);
        return;
    }
    snprintf(out, size, "%.15G", v == 0 ? 0.0 : v); /* no "-0" */
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* The character "_xHHHH_" at s stands for, or 0 when s holds none this
 * reader decodes: a control character other than NUL, or "_". */
static unsigned escaped_at(const char *s, size_t left)
{
    if (left < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_')
        return 0;
    unsigned cp = 0;
    for (int i = 2; i < 6; i++) {
        int h = hex_digit(s[i]);
        if (h < 0)
            return 0;
        cp = cp * 16 + (unsigned)h;
    }
    return cp < 0x20 || cp == 0x5F ? cp : 0;
}

/* Whether c is a control character an OOXML string must escape: tab and
 * line feed are kept as they are by XML, the others are not. */
static bool escaped_control(unsigned char c) { return c && c < 0x20 && c != '\t' && c != '\n'; }

/* Whether the "_" at s would begin an escape once s is written: "_xHHHH"
 * followed by "_" or by a control character, whose escape begins with "_". */
static bool underscore_needs_escape(const char *s)
{
    if (s[0] != '_' || s[1] != 'x')
        return false;
    for (int i = 2; i < 6; i++)
        if (hex_digit(s[i]) < 0)
            return false;
    return s[6] == '_' || escaped_control((unsigned char)s[6]);
}

size_t xlsx_escape(const char *s, char *out, size_t size)
{
    size_t n = 0;
    for (; *s; s++) {
        char esc[8] = {*s, '\0'};
        if (escaped_control((unsigned char)*s) || underscore_needs_escape(s))
            snprintf(esc, sizeof esc, "_x%04X_", (unsigned)(unsigned char)*s);
        for (const char *e = esc; *e; e++, n++)
            if (n + 1 < size)
                out[n] = *e;
    }
    if (size)
        out[n < size ? n : size - 1] = '\0';
    return n;
}

size_t xlsx_unescape(char *s, size_t len)
{
    size_t w = 0;
    for (size_t r = 0; r < len;) {
        unsigned cp = escaped_at(s + r, len - r);
        if (!cp) {
            s[w++] = s[r++];
            continue;
        }
        r += 7;
        s[w++] = (char)cp;
    }
    s[w] = '\0';
    return w;
}
