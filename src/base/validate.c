#include "base/validate.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

bool validate_mobile(const char *s)
{
    if (!s || strlen(s) != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9')
        return false;
    for (int i = 0; i < 11; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

void mask_phone(const char *phone, char *out, size_t out_size)
{
    if (validate_mobile(phone))
        snprintf(out, out_size, "%.3s****%.4s", phone, phone + 7);
    else
        snprintf(out, out_size, "****");
}

bool validate_login(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 3 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  (i > 0 && (c == '_' || c == '.' || c == '-'));
        if (!ok)
            return false;
    }
    return true;
}

static bool is_leap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int date_month_days(int64_t year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return days[month - 1] + (month == 2 && is_leap(year));
}

static bool valid_ymd(int y, int m, int d)
{
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
        return false;
    return d <= date_month_days(y, m);
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

static int digits_value(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++)
        v = v * 10 + (s[i] - '0');
    return v;
}

bool validate_date(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-' || !all_digits(s, 4) ||
        !all_digits(s + 5, 2) || !all_digits(s + 8, 2))
        return false;
    return valid_ymd(digits_value(s, 4), digits_value(s + 5, 2), digits_value(s + 8, 2));
}

bool date_write(int64_t year, int month, int day, char out[11])
{
    if (year < 0 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) {
        memcpy(out, "0000-00-00", 11);
        return false;
    }
    snprintf(out, 11, "%04d-%02d-%02d", (int)year, month, day);
    return true;
}

void date_add_years(const char *date, int years, char out[11])
{
    int y = digits_value(date, 4) + years, m = digits_value(date + 5, 2),
        d = digits_value(date + 8, 2);
    if (m == 2 && d == 29 && !is_leap(y))
        d = 28;
    /* A valid date plus the few years callers add stays within 0-9999. */
    (void)date_write(y, m, d, out);
}

bool validate_id_number(const char *s)
{
    /* GB 11643-1999: weights 2^(17-i) mod 11, check = (12 - sum mod 11) mod 11, 10 written X. */
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char check[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    if (!s || strlen(s) != 18 || !all_digits(s, 17))
        return false;
    if (!valid_ymd(digits_value(s + 6, 4), digits_value(s + 10, 2), digits_value(s + 12, 2)))
        return false;
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (s[i] - '0') * weights[i];
    return s[17] == check[sum % 11];
}

bool normalize_id_number(const char *s, char *out, size_t out_size)
{
    if (!s || strlen(s) != 18 || out_size < 19)
        return false;
    memcpy(out, s, 19);
    if (out[17] == 'x')
        out[17] = 'X';
    return true;
}

void id_number_birth_date(const char *id, char out[11])
{
    snprintf(out, 11, "%.4s-%.2s-%.2s", id + 6, id + 10, id + 12);
}

const char *id_number_sex(const char *id) { return (id[16] - '0') % 2 ? "male" : "female"; }

void mask_id_number(const char *id, char *out, size_t out_size)
{
    if (id && strlen(id) == 18)
        snprintf(out, out_size, "%.6s********%.4s", id, id + 14);
    else
        snprintf(out, out_size, "****");
}

enum { AREA_MAX_M2 = 100000 };

bool area_parse(const char *m2, int64_t *cm2)
{
    if (!m2 || !isdigit((unsigned char)m2[0]))
        return false;
    int64_t whole = 0;
    const char *p = m2;
    for (; isdigit((unsigned char)*p); p++) {
        whole = whole * 10 + (*p - '0');
        if (whole > AREA_MAX_M2)
            return false;
    }
    int64_t frac = 0;
    int decimals = 0;
    if (*p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return false;
        for (; isdigit((unsigned char)*p); p++) {
            if (++decimals > 4)
                return false;
            frac = frac * 10 + (*p - '0');
        }
    }
    if (*p)
        return false;
    for (; decimals < 4; decimals++)
        frac *= 10;
    *cm2 = whole * 10000 + frac;
    return area_cm2_valid(*cm2);
}

bool area_cm2_valid(int64_t cm2) { return cm2 > 0 && cm2 <= (int64_t)AREA_MAX_M2 * 10000; }

void area_format(int64_t cm2, char *out, size_t out_size)
{
    if (cm2 < 0) {
        snprintf(out, out_size, "0");
        return;
    }
    int64_t whole = cm2 / 10000, frac = cm2 % 10000;
    /* Two decimals as registered; the rare finer value keeps all four. */
    if (frac % 100 == 0)
        snprintf(out, out_size, "%lld.%02lld", (long long)whole, (long long)(frac / 100));
    else
        snprintf(out, out_size, "%lld.%04lld", (long long)whole, (long long)frac);
}
