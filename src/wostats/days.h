/* Local days for statistics: a period's dates and its trend's buckets.
 * China keeps one time zone, UTC+8, without daylight saving (docs/domain.md
 * WO-10), so a local day is a whole number of 86,400 s from 1970-01-01
 * 00:00+08:00. Pure functions. */
#ifndef HONGWU_WOSTATS_DAYS_H
#define HONGWU_WOSTATS_DAYS_H

#include <stdint.h>

enum { WOSTATS_DATE_SIZE = 11 }; /* "YYYY-MM-DD" and its NUL */

/* The local day of epoch second t. */
int32_t wostats_day_of(int64_t t);
/* The epoch second at which local day d begins. */
int64_t wostats_day_start(int32_t d);
/* "2026-11-21" -> its day; HW_EINVAL unless a valid date (base/validate.h). */
int wostats_day_parse(const char *s, int32_t *out);
void wostats_day_format(int32_t d, char out[WOSTATS_DATE_SIZE]);

/* The trend's step. */
enum wostats_bucket { WOSTATS_BUCKET_DAY, WOSTATS_BUCKET_WEEK, WOSTATS_BUCKET_MONTH };
const char *wostats_bucket_name(enum wostats_bucket b);
int wostats_bucket_parse(const char *s, enum wostats_bucket *out); /* HW_EINVAL */
/* The default step for a period of n days: day up to 31, week up to 184,
 * else month. */
enum wostats_bucket wostats_bucket_for(int32_t ndays);
/* The first day of the bucket holding day d (weeks start on Monday). */
int32_t wostats_bucket_start(enum wostats_bucket b, int32_t d);
/* The first day of the bucket after the one starting at start. */
int32_t wostats_bucket_next(enum wostats_bucket b, int32_t start);

#endif
