#include "care/schedule.h"

#include <stdio.h>
#include <string.h>

#include "base/civil_days.h"
#include "base/err.h"
#include "base/validate.h"

enum { DAY_S = 86400, LOCAL_OFFSET_S = 8 * 3600 }; /* China Standard Time, UTC+8 */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t care_day_of_epoch(int64_t epoch) { return floor_div(epoch + LOCAL_OFFSET_S, DAY_S); }

int64_t care_day_start_epoch(int64_t day) { return day * DAY_S - LOCAL_OFFSET_S; }

int care_day_parse(const char *text, int64_t *day)
{
    if (!text || strlen(text) != 10 || text[4] != '-' || text[7] != '-')
        return HW_EINVAL;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9'))
            return HW_EINVAL;
    int y = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 + text[3] - '0';
    int m = (text[5] - '0') * 10 + text[6] - '0';
    int d = (text[8] - '0') * 10 + text[9] - '0';
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > date_month_days(y, m))
        return HW_EINVAL;
    *day = days_from_civil(y, m, d);
    return HW_OK;
}

void care_day_format(int64_t day, char out[CARE_DATE_SIZE])
{
    int64_t y;
    int m, d;
    civil_from_days(day, &y, &m, &d);
    (void)date_write(y, m, d, out); /* outside years 0-9999: 0000-00-00 */
}

/* 1970-01-01 was a Thursday (3 counting Monday as 0). */
int care_weekday(int64_t day) { return (int)(day + 3 - floor_div(day + 3, 7) * 7); }

void care_period_of(enum care_period p, int64_t day, int64_t *first, int64_t *last)
{
    int64_t y;
    int m, d;
    civil_from_days(day, &y, &m, &d);
    switch (p) {
    case CARE_WEEK:
        *first = day - care_weekday(day);
        *last = *first + 6;
        return;
    case CARE_HALF_MONTH:
        *first = days_from_civil(y, m, d <= 15 ? 1 : 16);
        *last = d <= 15 ? days_from_civil(y, m, 15) : days_from_civil(y, m, date_month_days(y, m));
        return;
    case CARE_MONTH:
        *first = days_from_civil(y, m, 1);
        *last = days_from_civil(y, m, date_month_days(y, m));
        return;
    case CARE_DAY:
    case CARE_PERIOD_COUNT:
        break;
    }
    *first = *last = day;
}

static int64_t max64(int64_t a, int64_t b) { return a > b ? a : b; }
static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }

struct care_need care_period_need(const struct care_rule *r, int64_t first, int64_t last,
                                  int64_t from, int64_t to)
{
    int64_t days = last - first + 1;
    int64_t covered = min64(last, to) - max64(first, from) + 1;
    if (covered <= 0 || days <= 0)
        return (struct care_need){0, 0};
    if (covered >= days)
        return (struct care_need){r->visits, r->accompanied};
    return (struct care_need){(int)(r->visits * covered / days),
                              (int)(r->accompanied * covered / days)};
}

/* Whether an earlier entry than i holds the same day (and, with acc, an
 * accompanied visit): the day is counted once. */
static bool counted_before(const struct care_visit_day *v, size_t i, bool acc)
{
    for (size_t k = 0; k < i; k++)
        if (v[k].day == v[i].day && (!acc || v[k].accompanied))
            return true;
    return false;
}

void care_count_visits(const struct care_visit_day *visits, size_t n, int64_t first,
                       int64_t last, int *days, int *accompanied_days)
{
    *days = *accompanied_days = 0;
    for (size_t i = 0; i < n; i++) {
        if (visits[i].day < first || visits[i].day > last)
            continue;
        if (!counted_before(visits, i, false))
            ++*days;
        if (visits[i].accompanied && !counted_before(visits, i, true))
            ++*accompanied_days;
    }
}

static int owed(int need, int made) { return need > made ? need - made : 0; }

void care_standing_at(const struct care_rule *r, int64_t from, const struct care_visit_day *visits,
                      size_t n, int64_t today, struct care_standing *out)
{
    memset(out, 0, sizeof *out);
    care_period_of(r->period, today, &out->first, &out->last);
    out->need = care_period_need(r, out->first, out->last, from, CARE_DAY_OPEN);
    int64_t counted_from = max64(out->first, from);
    care_count_visits(visits, n, counted_from, out->last, &out->made, &out->accompanied_made);
    int today_visits, today_acc;
    care_count_visits(visits, n, today, today, &today_visits, &today_acc);
    out->visited_today = today_visits > 0 && today >= from;
    out->owed = owed(out->need.visits, out->made);
    out->accompanied_owed = owed(out->need.accompanied, out->accompanied_made);
    out->days_left = (int)(out->last - today + 1) - (out->visited_today ? 1 : 0);
    /* An accompanied visit is a visit too: each owed one needs a day. */
    int days_needed = out->owed > out->accompanied_owed ? out->owed : out->accompanied_owed;
    out->behind = days_needed > out->days_left;
    out->met = out->owed == 0 && out->accompanied_owed == 0;
}

int care_week_owed(const struct care_rule *r, const struct care_standing *s, int64_t today,
                   const struct care_visit_day *visits, size_t n)
{
    if (r->period != CARE_DAY)
        return s->owed > s->accompanied_owed ? s->owed : s->accompanied_owed;
    int64_t sunday = today - care_weekday(today) + 6;
    int total = 0;
    for (int64_t d = today; d <= sunday; d++) {
        int made, acc;
        care_count_visits(visits, n, d, d, &made, &acc);
        total += owed(r->visits, made);
    }
    return total;
}

void care_tally_ended(const struct care_rule *r, int64_t from, int64_t to,
                      const struct care_visit_day *visits, size_t n, int64_t first, int64_t last,
                      struct care_tally *t)
{
    /* Every period whose last day lies in [first, last]: the first of them
     * holds `first` (it may begin before it, as a week does across a month). */
    int64_t pfirst, plast;
    care_period_of(r->period, first, &pfirst, &plast);
    while (pfirst <= last) {
        if (plast >= first && plast <= last) {
            struct care_need need = care_period_need(r, pfirst, plast, from, to);
            if (need.visits > 0) {
                int made, acc;
                care_count_visits(visits, n, max64(pfirst, from), min64(plast, to), &made, &acc);
                t->periods_due++;
                t->visits_required += need.visits;
                t->visits_made += made < need.visits ? made : need.visits;
                if (made >= need.visits && acc >= need.accompanied)
                    t->periods_met++;
            }
        }
        care_period_of(r->period, plast + 1, &pfirst, &plast);
    }
}

void care_rate_text(int64_t met, int64_t due, char *out, size_t size)
{
    if (due <= 0) {
        snprintf(out, size, "%s", "");
        return;
    }
    /* Tenths of a per cent, rounded half up, in integers. */
    int64_t tenths = (met * 2000 + due) / (2 * due);
    snprintf(out, size, "%lld.%lld", (long long)(tenths / 10), (long long)(tenths % 10));
}
