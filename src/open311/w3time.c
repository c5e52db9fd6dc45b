#include "open311/w3time.h"

#include <stdbool.h>
#include <string.h>

#include "base/civil_days.h"
#include "base/err.h"
#include "base/validate.h"

enum { LOCAL_OFFSET_S = 8 * 3600 }; /* China Standard Time, no daylight saving */

/* n digits at *s as a number; advances *s. */
static bool digits(const char **s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = (*s)[i];
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    *s += n;
    *out = v;
    return true;
}

static bool expect(const char **s, char c)
{
    if (**s != c)
        return false;
    (*s)++;
    return true;
}

int w3time_parse(const char *s, int64_t *out)
{
    int y, mo, d, h = 0, mi = 0, sec = 0;
    if (!s || !digits(&s, 4, &y) || !expect(&s, '-') || !digits(&s, 2, &mo) ||
        !expect(&s, '-') || !digits(&s, 2, &d))
        return HW_EINVAL;
    if (y < 1970 || mo < 1 || mo > 12 || d < 1 ||
        d > date_month_days(y, mo))
        return HW_EINVAL;
    int64_t offset = LOCAL_OFFSET_S;
    if (*s) {
        if (!expect(&s, 'T') || !digits(&s, 2, &h) || !expect(&s, ':') || !digits(&s, 2, &mi))
            return HW_EINVAL;
        if (*s == ':') {
            s++;
            if (!digits(&s, 2, &sec))
                return HW_EINVAL;
            if (*s == '.') {
                s++;
                if (*s < '0' || *s > '9')
                    return HW_EINVAL;
                while (*s >= '0' && *s <= '9')
                    s++;
            }
        }
        if (h > 23 || mi > 59 || sec > 59)
            return HW_EINVAL;
        if (*s == 'Z') {
            offset = 0;
            s++;
        } else if (*s == '+' || *s == '-') {
            int sign = *s == '-' ? -1 : 1, oh, om;
            s++;
            if (!digits(&s, 2, &oh) || !expect(&s, ':') || !digits(&s, 2, &om) || oh > 23 ||
                om > 59)
                return HW_EINVAL;
            offset = sign * (oh * 3600 + om * 60);
        } else {
            return HW_EINVAL; /* the specification requires a time zone */
        }
        if (*s)
            return HW_EINVAL;
    }
    *out = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - offset;
    return HW_OK;
}
