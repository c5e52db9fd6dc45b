/* Visit schedules (docs/domain.md CT-8 .. CT-11): local days, the periods
 * of the visit rules, what a period owes when a tier covers only part of
 * it, and where a household stands. Pure: no clock, no database; unit-tested
 * at every boundary in tests/unit/test_care_schedule.c.
 *
 * A day is a local date (China Standard Time, UTC+8, no DST) counted as days
 * since 1970-01-01. */
#ifndef HONGWU_CARE_SCHEDULE_H
#define HONGWU_CARE_SCHEDULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "care/tier.h"

enum { CARE_DATE_SIZE = 11 }; /* "YYYY-MM-DD" and its NUL */
/* A tier with no end yet: its last day lies beyond any date. */
#define CARE_DAY_OPEN INT64_MAX

/* The local day of an epoch second (UTC+8). */
int64_t care_day_of_epoch(int64_t epoch);
/* The epoch second at which local day `day` begins. */
int64_t care_day_start_epoch(int64_t day);
/* "YYYY-MM-DD" to a day: HW_EINVAL when malformed or not a date. */
int care_day_parse(const char *text, int64_t *day);
void care_day_format(int64_t day, char out[CARE_DATE_SIZE]);
/* 0 for Monday .. 6 for Sunday. */
int care_weekday(int64_t day);

/* The period of kind p holding day (CT-9): the day itself; Monday to
 * Sunday; the 1st to the 15th or the 16th to the month's last day; the
 * calendar month. */
void care_period_of(enum care_period p, int64_t day, int64_t *first, int64_t *last);

/* What a period [first, last] owes under rule r when the tier applied on
 * days [from, to] (to: CARE_DAY_OPEN while current) (CT-10): the rule's
 * counts when the tier covers the whole period; else, for the days it
 * covers, the counts in proportion, rounded down; nothing when it covers
 * none. */
struct care_need {
    int visits, accompanied;
};
struct care_need care_period_need(const struct care_rule *r, int64_t first, int64_t last,
                                  int64_t from, int64_t to);

/* One visit as the schedule counts it. */
struct care_visit_day {
    int64_t day;
    bool accompanied; /* medical staff and police both came (CT-8) */
};

/* Visits made in [first, last]: days with at least one visit, and days with
 * at least one accompanied visit (two visits on one day count once, CT-8).
 * visits need not be sorted. */
void care_count_visits(const struct care_visit_day *visits, size_t n, int64_t first,
                       int64_t last, int *days, int *accompanied_days);

/* Where a household stands on day `today` in the period holding it, under
 * rule r for a tier applying since `from` (CT-8, CT-10). */
struct care_standing {
    int64_t first, last; /* the period */
    struct care_need need;
    int made, accompanied_made;
    int owed, accompanied_owed;
    int days_left; /* days from today to the period's end on which a visit still counts */
    bool visited_today;
    bool behind; /* cannot be met even with a visit every day left */
    bool met;
};
void care_standing_at(const struct care_rule *r, int64_t from, const struct care_visit_day *visits,
                      size_t n, int64_t today, struct care_standing *out);

/* What a whole week still owes from today to Sunday (CT-8): for a daily
 * rule each day left without a visit; else the current period's owed. */
int care_week_owed(const struct care_rule *r, const struct care_standing *s, int64_t today,
                   const struct care_visit_day *visits, size_t n);

/* The periods of rule r that ended within [first, last] (a month up to
 * yesterday) while a tier applied on days [from, to], and how they stood
 * (CT-11). Periods that owed nothing are not counted. Adds to *t. */
struct care_tally {
    int64_t periods_due, periods_met, visits_required, visits_made;
};
void care_tally_ended(const struct care_rule *r, int64_t from, int64_t to,
                      const struct care_visit_day *visits, size_t n, int64_t first, int64_t last,
                      struct care_tally *t);

/* "77.5": periods met over due, per cent with one decimal, rounded half up;
 * "" with none due. size >= 8. */
void care_rate_text(int64_t met, int64_t due, char *out, size_t size);

#endif
