#include "oversight/quarter.h"

#include <stdio.h>
#include <string.h>

#include "base/err.h"
#include "base/validate.h"
#include "wostats/days.h"

int oversight_quarter_parse(const char *s, int32_t *first, int32_t *last)
{
    if (!s || strlen(s) != 6 || s[4] != 'Q' || s[5] < '1' || s[5] > '4')
        return HW_EINVAL;
    int year = 0;
    for (int i = 0; i < 4; i++) {
        if (s[i] < '0' || s[i] > '9')
            return HW_EINVAL;
        year = year * 10 + (s[i] - '0');
    }
    /* No sub-district's work orders or complaints predate the platform: an
     * earlier year is a typing error, and a published quarter is final. */
    if (year < OVERSIGHT_FIRST_YEAR)
        return HW_EINVAL;
    int q = s[5] - '0';
    int next_year = q < 4 ? year : year + 1, next_month = q < 4 ? 3 * q + 1 : 1;
    char from[11], next[11];
    int32_t after;
    if (!date_write(year, 3 * q - 2, 1, from) || !date_write(next_year, next_month, 1, next) ||
        wostats_day_parse(from, first) != HW_OK || wostats_day_parse(next, &after) != HW_OK)
        return HW_EINVAL;
    *last = after - 1;
    return HW_OK;
}

void oversight_quarter_before(int32_t d, char out[OVERSIGHT_QUARTER_SIZE])
{
    char date[WOSTATS_DATE_SIZE];
    wostats_day_format(d, date);
    unsigned year = 0, month = 1;
    if (sscanf(date, "%4u-%2u", &year, &month) != 2 || month < 1 || month > 12)
        year = 1970, month = 1;
    unsigned q = (month - 1) / 3; /* the quarter before this one: 0 is last year's fourth */
    if (q == 0)
        snprintf(out, OVERSIGHT_QUARTER_SIZE, "%04uQ4", (year + 9999) % 10000);
    else
        snprintf(out, OVERSIGHT_QUARTER_SIZE, "%04uQ%u", year % 10000, q % 4);
}
