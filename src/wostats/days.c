#include "wostats/days.h"

#include <stdio.h>
#include <string.h>

#include "base/civil_days.h"
#include "base/err.h"
#include "base/validate.h"

enum { LOCAL_OFFSET_S = 8 * 3600, DAY_S = 86400 };

int32_t wostats_day_of(int64_t t)
{
    int64_t local = t + LOCAL_OFFSET_S;
    int64_t d = local / DAY_S;
    if (local % DAY_S < 0)
        d--;
    return (int32_t)d;
}

int64_t wostats_day_start(int32_t d) { return (int64_t)d * DAY_S - LOCAL_OFFSET_S; }

int wostats_day_parse(const char *s, int32_t *out)
{
    int y, m, d;
    if (!s || !validate_date(s) || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return HW_EINVAL;
    *out = (int32_t)days_from_civil(y, m, d);
    return HW_OK;
}

void wostats_day_format(int32_t day, char out[WOSTATS_DATE_SIZE])
{
    int64_t y;
    int m, d;
    civil_from_days(day, &y, &m, &d);
    (void)date_write(y, m, d, out); /* outside years 0-9999: 0000-00-00 */
}

static const char *const bucket_names[] = {
    [WOSTATS_BUCKET_DAY] = "day", [WOSTATS_BUCKET_WEEK] = "week", [WOSTATS_BUCKET_MONTH] = "month"};

const char *wostats_bucket_name(enum wostats_bucket b) { return bucket_names[b]; }

int wostats_bucket_parse(const char *s, enum wostats_bucket *out)
{
    for (size_t i = 0; s && i < sizeof bucket_names / sizeof bucket_names[0]; i++)
        if (strcmp(s, bucket_names[i]) == 0) {
            *out = (enum wostats_bucket)i;
            return HW_OK;
        }
    return HW_EINVAL;
}

enum wostats_bucket wostats_bucket_for(int32_t ndays)
{
    return ndays <= 31    ? WOSTATS_BUCKET_DAY
           : ndays <= 184 ? WOSTATS_BUCKET_WEEK
                          : WOSTATS_BUCKET_MONTH;
}

int32_t wostats_bucket_start(enum wostats_bucket b, int32_t d)
{
    if (b == WOSTATS_BUCKET_DAY)
        return d;
    if (b == WOSTATS_BUCKET_WEEK) {
        /* 1970-01-01 was a Thursday: Monday is day 4 modulo 7. */
        int32_t since_monday = ((d - 4) % 7 + 7) % 7;
        return d - since_monday;
    }
    int64_t y;
    int m, day;
    civil_from_days(d, &y, &m, &day);
    return (int32_t)days_from_civil(y, m, 1);
}

int32_t wostats_bucket_next(enum wostats_bucket b, int32_t start)
{
    if (b == WOSTATS_BUCKET_DAY)
        return start + 1;
    if (b == WOSTATS_BUCKET_WEEK)
        return start + 7;
    int64_t y;
    int m, d;
    civil_from_days(start, &y, &m, &d);
    return (int32_t)(m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1));
}
