/* Deadline arithmetic of work orders (deadline.h). Days are local (UTC+8)
 * and numbered from 1970-01-01; a day runs from its local midnight for
 * 86400 seconds (China has no daylight saving, so every day has as many). */
#include "workorder/deadline.h"

#include <stdio.h>
#include <string.h>

#include "base/civil_days.h"
#include "base/err.h"
#include "base/validate.h"

enum { DAY_S = 86400 };

/* The 54321 standard: seeds 001 ([Xindu] in docs/domain.md, WO-3). */
const struct wo_standard wo_standard_54321 = {
    .on_site_s = 5 * 60, /* on site within 5 minutes */
    .resolve_s =
        {
            [WO_SIMPLE] = 40 * 60,      /* simple: solved within 40 minutes */
            [WO_GENERAL] = 3 * 3600,    /* general: within 3 hours */
            [WO_COMPLEX] = 2 * DAY_S,   /* complex: within 2 days */
            [WO_DIFFICULT] = 1 * DAY_S, /* difficult: a plan within 1 day */
        },
    .working_time = false,
    /* Used only when working_time is set: a product default, 08:30-17:30;
     * a sub-district sets its own office hours. */
    .work_start_min = 8 * 60 + 30,
    .work_end_min = 17 * 60 + 30,
};

static const char *const difficulty_names[WO_DIFFICULTY_COUNT] = {
    [WO_SIMPLE] = "simple",
    [WO_GENERAL] = "general",
    [WO_COMPLEX] = "complex",
    [WO_DIFFICULT] = "difficult",
};

static const char *const resolve_fields[WO_DIFFICULTY_COUNT] = {
    [WO_SIMPLE] = "resolve_s.simple",
    [WO_GENERAL] = "resolve_s.general",
    [WO_COMPLEX] = "resolve_s.complex",
    [WO_DIFFICULT] = "resolve_s.difficult",
};

static const char *const clock_names[WO_CLOCK_COUNT] = {
    [WO_CLOCK_ON_SITE] = "on_site",
    [WO_CLOCK_RESOLVE] = "resolve",
};

const char *wo_difficulty_name(enum wo_difficulty d)
{
    if ((int)d < 0 || d >= WO_DIFFICULTY_COUNT)
        return NULL;
    return difficulty_names[d];
}

int wo_difficulty_parse(const char *s, enum wo_difficulty *out)
{
    for (int d = 0; s && d < WO_DIFFICULTY_COUNT; d++) {
        if (strcmp(s, difficulty_names[d]) == 0) {
            *out = (enum wo_difficulty)d;
            return HW_OK;
        }
    }
    return HW_EINVAL;
}

const char *wo_clock_name(enum wo_clock c)
{
    if ((int)c < 0 || c >= WO_CLOCK_COUNT)
        return NULL;
    return clock_names[c];
}

int wo_clock_parse(const char *s, enum wo_clock *out)
{
    for (int c = 0; s && c < WO_CLOCK_COUNT; c++) {
        if (strcmp(s, clock_names[c]) == 0) {
            *out = (enum wo_clock)c;
            return HW_OK;
        }
    }
    return HW_EINVAL;
}

static bool limit_ok(int64_t s) { return s >= WO_LIMIT_MIN_S && s <= WO_LIMIT_MAX_S; }

static bool hours_ok(const struct wo_standard *s)
{
    return s->work_start_min >= 0 && s->work_start_min < s->work_end_min &&
           s->work_end_min <= WO_MINUTES_PER_DAY;
}

int wo_standard_check(const struct wo_standard *s, const char **bad_field)
{
    const char *bad = NULL;
    if (!limit_ok(s->on_site_s))
        bad = "on_site_s";
    for (int d = 0; !bad && d < WO_DIFFICULTY_COUNT; d++) {
        if (!limit_ok(s->resolve_s[d]))
            bad = resolve_fields[d];
    }
    if (!bad && (s->work_start_min < 0 || s->work_start_min >= WO_MINUTES_PER_DAY))
        bad = "work_start_min";
    if (!bad && !hours_ok(s))
        bad = "work_end_min";
    if (bad_field)
        *bad_field = bad;
    return bad ? HW_EINVAL : HW_OK;
}

/* Division rounding down, also for negative numerators (b > 0). */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

int32_t wo_local_day(int64_t t) { return (int32_t)floor_div(t + WO_LOCAL_OFFSET_S, DAY_S); }

/* The instant a local day starts (its midnight, +08:00). */
static int64_t day_start(int64_t day) { return day * DAY_S - WO_LOCAL_OFFSET_S; }

/* 0 Monday .. 6 Sunday. Day 0, 1970-01-01, was a Thursday. */
static int weekday(int64_t day) { return (int)(day + 3 - floor_div(day + 3, 7) * 7); }

static bool is_weekend(int64_t day) { return weekday(day) >= 5; }

/* Index of the first exception on or after `day` (cal->n when none). */
static size_t first_exception_from(const struct wo_calendar *cal, int64_t day)
{
    size_t lo = 0, hi = cal ? cal->n : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cal->days[mid].day < day)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool is_working_day(const struct wo_calendar *cal, int64_t day)
{
    size_t i = first_exception_from(cal, day);
    if (cal && i < cal->n && cal->days[i].day == day)
        return cal->days[i].working;
    return !is_weekend(day);
}

bool wo_calendar_is_working_day(const struct wo_calendar *cal, int32_t day)
{
    return is_working_day(cal, day);
}

/* Monday-to-Friday days from Monday 1969-12-29 (day -3) up to day d, not
 * counting d itself (negative before that Monday). */
static int64_t weekdays_before(int64_t d)
{
    int64_t m = d + 3;
    int64_t weeks = floor_div(m, 7);
    int64_t rest = m - weeks * 7; /* 0 .. 6 days into the week */
    return weeks * 5 + (rest < 5 ? rest : 5);
}

/* Working days in [d0, d1): the weekdays, corrected by the exceptions. */
static int64_t working_days_between(const struct wo_calendar *cal, int64_t d0, int64_t d1)
{
    if (d1 <= d0)
        return 0;
    int64_t n = weekdays_before(d1) - weekdays_before(d0);
    for (size_t i = first_exception_from(cal, d0); cal && i < cal->n; i++) {
        const struct wo_calendar_day *e = &cal->days[i];
        if (e->day >= d1)
            break;
        if (e->working && is_weekend(e->day))
            n++; /* a make-up working day, 调休 */
        else if (!e->working && !is_weekend(e->day))
            n--; /* a holiday on a weekday */
    }
    return n;
}

static int64_t max64(int64_t a, int64_t b) { return a > b ? a : b; }

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }

/* Working seconds of day `day` inside [a, b). */
static int64_t day_overlap(const struct wo_standard *std, const struct wo_calendar *cal,
                           int64_t day, int64_t a, int64_t b)
{
    if (!is_working_day(cal, day))
        return 0;
    int64_t open = day_start(day) + (int64_t)std->work_start_min * 60;
    int64_t close = day_start(day) + (int64_t)std->work_end_min * 60;
    return max64(0, min64(b, close) - max64(a, open));
}

static bool counts_working_time(const struct wo_standard *std)
{
    return std->working_time && hours_ok(std);
}

int64_t wo_counted_between(const struct wo_standard *std, const struct wo_calendar *cal, int64_t a,
                           int64_t b)
{
    if (b <= a)
        return 0;
    if (!counts_working_time(std))
        return b - a;
    int64_t da = wo_local_day(a), db = wo_local_day(b);
    if (da == db)
        return day_overlap(std, cal, da, a, b);
    int64_t per_day = (int64_t)(std->work_end_min - std->work_start_min) * 60;
    return day_overlap(std, cal, da, a, day_start(da + 1)) +
           working_days_between(cal, da + 1, db) * per_day +
           day_overlap(std, cal, db, day_start(db), b);
}

/* The k-th working day after day d (k >= 1): the first day e with k working
 * days in [d + 1, e]. Each exception takes away at most one working day, so
 * 7 * ((k + n) / 5 + 1) days surely hold k; a binary search finds e. */
static int64_t nth_working_day_after(const struct wo_calendar *cal, int64_t d, int64_t k)
{
    int64_t n = cal ? (int64_t)cal->n : 0;
    int64_t lo = d + 1, hi = d + 7 * ((k + n) / 5 + 1);
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (working_days_between(cal, d + 1, mid + 1) >= k)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

int64_t wo_deadline_add(const struct wo_standard *std, const struct wo_calendar *cal, int64_t start,
                        int64_t counted)
{
    if (counted <= 0)
        return start;
    counted = min64(counted, WO_COUNTED_MAX_S);
    if (!counts_working_time(std))
        return start > INT64_MAX - counted ? INT64_MAX : start + counted;

    /* What is left of the start's own day. */
    int64_t d = wo_local_day(start);
    int64_t today = day_overlap(std, cal, d, start, day_start(d + 1));
    if (counted <= today) {
        int64_t open = day_start(d) + (int64_t)std->work_start_min * 60;
        return max64(start, open) + counted;
    }
    /* The rest takes k more working days, the last one partly. */
    int64_t per_day = (int64_t)(std->work_end_min - std->work_start_min) * 60;
    int64_t rest = counted - today;
    int64_t k = (rest + per_day - 1) / per_day;
    int64_t last = nth_working_day_after(cal, d, k);
    return day_start(last) + (int64_t)std->work_start_min * 60 + (rest - (k - 1) * per_day);
}

int64_t wo_clock_limit(const struct wo_standard *std, enum wo_clock c, enum wo_difficulty d)
{
    if ((int)d < 0 || d >= WO_DIFFICULTY_COUNT)
        return 0;
    if (c == WO_CLOCK_ON_SITE)
        return std->on_site_s;
    if (c == WO_CLOCK_RESOLVE)
        return std->resolve_s[d];
    return 0;
}

int64_t wo_clock_due(const struct wo_standard *std, const struct wo_calendar *cal, enum wo_clock c,
                     enum wo_difficulty d, int64_t reported_at, int64_t paused_counted_s)
{
    int64_t paused = paused_counted_s > 0 ? min64(paused_counted_s, WO_COUNTED_MAX_S) : 0;
    return wo_deadline_add(std, cal, reported_at, wo_clock_limit(std, c, d) + paused);
}

/* The value of n ASCII digits, or -1 when one is not a digit. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int wo_day_parse(const char *s, int32_t *out)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return HW_EINVAL;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < 1970 || m < 1 || m > 12 || d < 1 || d > date_month_days(y, m))
        return HW_EINVAL;
    *out = (int32_t)days_from_civil(y, m, d);
    return HW_OK;
}

void wo_day_format(int32_t day, char out[11])
{
    int64_t y;
    int m, d;
    civil_from_days(day, &y, &m, &d);
    /* Outside 0-9999 it writes 0000-00-00, which wo_day_parse refuses. */
    (void)date_write(y, m, d, out);
}

int wo_calendar_check(const struct wo_calendar *cal, int32_t *bad_day)
{
    if (!cal || cal->n == 0)
        return HW_OK;
    int32_t first = 0, last = 0;
    (void)wo_day_parse("9999-12-31", &last);
    for (size_t i = 0; i < cal->n; i++) {
        int32_t day = cal->days[i].day;
        bool out_of_range = day < first || day > last;
        bool unsorted = i > 0 && day <= cal->days[i - 1].day;
        if (out_of_range || unsorted) {
            if (bad_day)
                *bad_day = day;
            return HW_EINVAL;
        }
    }
    /* Runs of non-working days can only be long around the exceptions: walk
     * from a week before the first to a week after the last. */
    int64_t run_start = 0, run = 0;
    for (int64_t day = cal->days[0].day - 7; day <= cal->days[cal->n - 1].day + 7; day++) {
        if (is_working_day(cal, day)) {
            run = 0;
            continue;
        }
        if (run++ == 0)
            run_start = day;
        if (run > WO_CALENDAR_MAX_IDLE_DAYS) {
            if (bad_day)
                *bad_day = (int32_t)run_start;
            return HW_EINVAL;
        }
    }
    return HW_OK;
}
