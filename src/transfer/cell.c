#include "transfer/cell.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "base/text.h"
#include "base/validate.h"
#include "place/place.h"
#include "registry/tag.h"

char *cell_clean(char *s)
{
    text_trim(s);
    if (s[0] == '\'' && s[1] && strchr("=+-@", s[1]))
        memmove(s, s + 1, strlen(s));
    return s;
}

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

static bool ends_with(const char *s, const char *suffix, size_t *stem)
{
    size_t n = strlen(s), k = strlen(suffix);
    if (k > n || strcmp(s + n - k, suffix) != 0)
        return false;
    *stem = n - k;
    return true;
}

bool cell_entrance(const char *s, char *out, size_t out_size)
{
    int n;
    if (!*s)
        n = snprintf(out, out_size, "1单元");
    else if (all_digits(s) && strlen(s) <= 3)
        n = snprintf(out, out_size, "%s单元", s);
    else
        n = snprintf(out, out_size, "%s", s);
    return n > 0 && (size_t)n < out_size;
}

bool cell_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
    const char *p = s + (*s == '-');
    if (!all_digits(p) || strlen(p) > 12)
        return false;
    long long v = 0;
    sscanf(p, "%lld", &v);
    if (*s == '-')
        v = -v;
    if (v < min || v > max)
        return false;
    *out = v;
    return true;
}

bool cell_floor(const char *s, int64_t *floor)
{
    char num[16];
    size_t stem = strlen(s);
    if (!ends_with(s, "层", &stem))
        ends_with(s, "楼", &stem);
    if (stem == 0 || stem >= sizeof num)
        return false;
    memcpy(num, s, stem);
    num[stem] = '\0';
    /* There is no floor 0: the ground floor is 1, the first basement -1. */
    return cell_int(num, FLOOR_MIN, PATTERN_MAX_FLOORS, floor) && *floor != 0;
}

bool cell_floor_from_room(const char *room, int64_t *floor)
{
    return place_floor_from_room(room, floor);
}

bool cell_area(const char *s, int64_t *cm2)
{
    static const char *const units[] = {"平方米", "平米", "㎡", "m²", "M²", "m2", "M2"};
    char buf[32];
    size_t n = strlen(s);
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        size_t stem;
        if (ends_with(s, units[i], &stem)) {
            n = stem;
            break;
        }
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ',' || s[i] == ' ')
            continue;
        if (k + 1 >= sizeof buf)
            return false;
        buf[k++] = s[i];
    }
    buf[k] = '\0';
    return area_parse(buf, cm2);
}

/* Reads 1-4 digits at *p into *v. */
static bool take_number(const char **p, int max_digits, int *v)
{
    int k = 0;
    *v = 0;
    while (k < max_digits && **p >= '0' && **p <= '9') {
        *v = *v * 10 + (**p - '0');
        (*p)++;
        k++;
    }
    return k > 0;
}

/* Skips one separator among - / . or the given UTF-8 word (年, 月). */
static bool take_sep(const char **p, const char *word)
{
    if (**p == '-' || **p == '/' || **p == '.') {
        (*p)++;
        return true;
    }
    size_t n = strlen(word);
    if (strncmp(*p, word, n) == 0) {
        *p += n;
        return true;
    }
    return false;
}

bool cell_date(const char *s, char out[11])
{
    int y, m, d;
    const char *p = s;
    if (strlen(s) == 8 && all_digits(s)) {
        sscanf(s, "%4d%2d%2d", &y, &m, &d);
    } else {
        if (!take_number(&p, 4, &y) || p - s != 4 || !take_sep(&p, "年") ||
            !take_number(&p, 2, &m) || !take_sep(&p, "月") || !take_number(&p, 2, &d))
            return false;
        if (strcmp(p, "日") == 0 || strcmp(p, "号") == 0)
            p += strlen(p);
        if (*p)
            return false;
    }
    return date_write(y, m, d, out) && validate_date(out);
}

static bool word_in(const char *s, const char *const *words)
{
    for (; *words; words++)
        if (strcasecmp(s, *words) == 0)
            return true;
    return false;
}

bool cell_sex(const char *s, const char **out)
{
    static const char *const male[] = {"男", "男性", "male", "m", NULL};
    static const char *const female[] = {"女", "女性", "female", "f", NULL};
    *out = word_in(s, male) ? "male" : word_in(s, female) ? "female" : NULL;
    return *out != NULL;
}

bool cell_relation(const char *s, const char **out)
{
    static const char *const owner[] = {"业主", "户主", "产权人", "房主", "owner", NULL};
    static const char *const family[] = {"家属", "家庭成员", "亲属", "family", NULL};
    static const char *const tenant[] = {"租户", "租客", "承租人", "tenant", NULL};
    *out = word_in(s, owner)    ? "owner"
           : word_in(s, family) ? "family"
           : word_in(s, tenant) ? "tenant"
                                : NULL;
    return *out != NULL;
}

bool cell_phone(const char *s, char out[12])
{
    char digits[24];
    size_t k = 0;
    for (const char *p = s + (*s == '+'); *p; p++) {
        if (*p == ' ' || *p == '-')
            continue;
        if (k + 1 >= sizeof digits)
            return false;
        digits[k++] = *p;
    }
    digits[k] = '\0';
    const char *d = digits;
    if (k == 13 && strncmp(d, "86", 2) == 0)
        d += 2;
    if (!validate_mobile(d))
        return false;
    memcpy(out, d, 12);
    return true;
}

bool cell_id_number(const char *s, char out[19], enum id_problem *why)
{
    *why = ID_OK;
    if (strchr(s, '*')) {
        *why = ID_MASKED;
        return false;
    }
    if (strchr(s, 'E') || strchr(s, 'e')) {
        *why = ID_EXCEL_NUMBER;
        return false;
    }
    if (!normalize_id_number(s, out, 19) || !validate_id_number(out)) {
        *why = ID_INVALID;
        return false;
    }
    return true;
}

bool cell_next_tag(const char **cursor, char *out, size_t out_size)
{
    const char *p = *cursor;
    for (;;) {
        /* The earliest separator from p on. */
        const char *end = p;
        size_t sep_len = 0;
        while (*end && !(sep_len = tag_separator_at(end)))
            end++;
        size_t n = (size_t)(end - p);
        if (n >= out_size)
            n = out_size - 1;
        memcpy(out, p, n);
        out[n] = '\0';
        cell_clean(out);
        p = end + sep_len;
        if (out[0]) {
            *cursor = p;
            return true;
        }
        if (!sep_len) {
            *cursor = p;
            return false;
        }
    }
}
