/* Days since 1970-01-01 of a date in the proleptic Gregorian calendar, and
 * back: Howard Hinnant's days_from_civil and civil_from_days
 * ("chrono-Compatible Low-Level Date Algorithms"). Month 1-12, any year. */
#ifndef HONGWU_BASE_CIVIL_DAYS_H
#define HONGWU_BASE_CIVIL_DAYS_H

#include <stdint.h>

int64_t days_from_civil(int64_t year, int month, int day);
void civil_from_days(int64_t days, int64_t *year, int *month, int *day);

#endif
