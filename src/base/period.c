#include "base/period.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/validate.h"

bool org_period_valid(const char *started, const char *ended, const char **bad_field)
{
    *bad_field = NULL;
    if (started && !validate_date(started))
        *bad_field = "started";
    else if (ended && !validate_date(ended))
        *bad_field = "ended";
    else if (started && ended && strcmp(started, ended) >= 0)
        *bad_field = "ended";
    return *bad_field == NULL;
}

bool org_period_current(const char *started, const char *ended, const char *today)
{
    return (!started || strcmp(started, today) <= 0) && (!ended || strcmp(ended, today) > 0);
}

bool org_period_overlaps(const char *started1, const char *ended1, const char *started2,
                         const char *ended2)
{
    /* [s1, e1) and [s2, e2) meet when each starts before the other ends. */
    bool first_before_second_ends = !started1 || !ended2 || strcmp(started1, ended2) < 0;
    bool second_before_first_ends = !started2 || !ended1 || strcmp(started2, ended1) < 0;
    return first_before_second_ends && second_before_first_ends;
}
