/* The arithmetic of work-order deadlines: the 54321 standard (on site within
 * 5 minutes; simple solved within 40 minutes, general within 3 hours, complex
 * within 2 days, difficult: a plan within 1 day) or a standard a sub-district
 * defines, counted in wall-clock time or in working time on a calendar.
 *
 * Pure functions of plain data: no database, no clock reads. Times are epoch
 * seconds. China keeps one time zone, UTC+8, without daylight saving, so a
 * local day or a local minute of the day is plain arithmetic on epoch seconds.
 * The rules are in docs/domain.md, work orders: WO-3, WO-4 and WO-8 to WO-12. */
#ifndef HONGWU_WORKORDER_DEADLINE_H
#define HONGWU_WORKORDER_DEADLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Local time is UTC+8 all year (China Standard Time, no DST since 1991). */
enum { WO_LOCAL_OFFSET_S = 8 * 3600 };

enum wo_difficulty { WO_SIMPLE, WO_GENERAL, WO_COMPLEX, WO_DIFFICULT, WO_DIFFICULTY_COUNT };

/* "simple", "general", "complex", "difficult"; NULL when out of range. */
const char *wo_difficulty_name(enum wo_difficulty d);
/* The reverse of wo_difficulty_name. HW_EINVAL for anything else. */
int wo_difficulty_parse(const char *s, enum wo_difficulty *out);

enum wo_clock { WO_CLOCK_ON_SITE, WO_CLOCK_RESOLVE, WO_CLOCK_COUNT };

/* "on_site", "resolve"; NULL when out of range.
 * WO_CLOCK_RESOLVE means "solved" for simple, general and complex orders and
 * "a plan" for difficult ones. */
const char *wo_clock_name(enum wo_clock c);
/* The reverse of wo_clock_name. HW_EINVAL for anything else. */
int wo_clock_parse(const char *s, enum wo_clock *out);

/* A deadline standard, held as data per sub-district. */
struct wo_standard {
    int64_t on_site_s;                      /* 300 in 54321 */
    int64_t resolve_s[WO_DIFFICULTY_COUNT]; /* 2400, 10800, 172800, 86400 (plan) in 54321 */
    bool working_time;  /* false: wall-clock; true: working time on the calendar */
    int work_start_min; /* local minute a working day starts, e.g. 510 (08:30) */
    int work_end_min;   /* local minute it ends (exclusive), e.g. 1050 (17:30) */
};

/* The 54321 standard, wall-clock (seeds 001). */
extern const struct wo_standard wo_standard_54321;

/* Limits a standard given by a user must keep. */
enum {
    WO_LIMIT_MIN_S = 1,
    WO_LIMIT_MAX_S = 366 * 86400,
    WO_MINUTES_PER_DAY = 24 * 60,
};

/* Checks a standard given by a user: every limit WO_LIMIT_MIN_S ..
 * WO_LIMIT_MAX_S; working hours within a day (0 .. 1440) with start < end
 * (checked whether or not working_time is set). HW_EINVAL with *bad_field
 * naming the field ("on_site_s", "resolve_s.general", "work_start_min",
 * "work_end_min"). */
int wo_standard_check(const struct wo_standard *s, const char **bad_field);

/* One exception to the weekly rule (Monday to Friday working).
 * day: local days since 1970-01-01. */
struct wo_calendar_day {
    int32_t day;
    bool working;
};

/* The exceptions, sorted by day, no day twice: statutory holidays
 * (working=false on a weekday) and make-up working days, 调休 (working=true
 * on a weekend). */
struct wo_calendar {
    const struct wo_calendar_day *days;
    size_t n;
};

/* Whether a local day is a working day: the calendar's exception if it has
 * one, else Monday to Friday. cal may be NULL (no exceptions). */
bool wo_calendar_is_working_day(const struct wo_calendar *cal, int32_t day);

/* Epoch seconds -> local day number (floor, also before 1970). */
int32_t wo_local_day(int64_t t);

/* A calendar is checked when a user gives it: exceptions sorted by day, no
 * day twice, every day within 1970-01-01 .. 9999-12-31, and no run of more
 * than WO_CALENDAR_MAX_IDLE_DAYS non-working days in a row. The longest
 * statutory break is 8 days (29 September - 6 October 2023, 国务院办公厅关于
 * 2023年部分节假日安排的通知); a month and more without a working day is a
 * mistake in the data, and would push working-time deadlines that far.
 * HW_EINVAL with *bad_day the offending day (the first of a too long run). */
enum { WO_CALENDAR_MAX_IDLE_DAYS = 31 };
int wo_calendar_check(const struct wo_calendar *cal, int32_t *bad_day);

/* Counted time is capped at WO_COUNTED_MAX_S (100 years of seconds) so the
 * arithmetic below cannot overflow; a larger `counted` counts as the cap. */
#define WO_COUNTED_MAX_S ((int64_t)100 * 366 * 86400)

/* The instant `counted` seconds of counted time after `start`. Wall-clock:
 * start + counted. Working time (std->working_time): only seconds inside the
 * working hours of working days count; a start outside working hours starts
 * counting at the next working moment. counted <= 0 gives start. A deadline
 * that falls exactly at the end of a working day is that end, not the next
 * morning. There is no day-by-day search: the cost grows with the number of
 * calendar exceptions, not with the length of the deadline, and since the
 * weekly rule holds after the calendar's last exception a deadline always
 * exists. A standard whose working hours fail wo_standard_check counts
 * wall-clock. */
int64_t wo_deadline_add(const struct wo_standard *std, const struct wo_calendar *cal, int64_t start,
                        int64_t counted);

/* Counted seconds in [a, b) (0 when b <= a). For counted > 0,
 * wo_counted_between(s, c, t, wo_deadline_add(s, c, t, counted)) == counted. */
int64_t wo_counted_between(const struct wo_standard *std, const struct wo_calendar *cal, int64_t a,
                           int64_t b);

/* The limit of a clock in counted seconds: on_site_s for WO_CLOCK_ON_SITE,
 * resolve_s[d] for WO_CLOCK_RESOLVE. 0 when c or d is out of range. */
int64_t wo_clock_limit(const struct wo_standard *std, enum wo_clock c, enum wo_difficulty d);

/* A clock's due instant: from the report time, its limit plus the counted
 * time the order spent suspended (paused_counted_s), so a suspension pauses
 * the clock. A change of class is the same call with the new class: the
 * clock still runs from the report. */
int64_t wo_clock_due(const struct wo_standard *std, const struct wo_calendar *cal, enum wo_clock c,
                     enum wo_difficulty d, int64_t reported_at, int64_t paused_counted_s);

/* "YYYY-MM-DD" <-> local day number. Parse is HW_EINVAL when malformed or
 * not a real date (years 1970 .. 9999). */
int wo_day_parse(const char *s, int32_t *out);
void wo_day_format(int32_t day, char out[11]);

#endif
