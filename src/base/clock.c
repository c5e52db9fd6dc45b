#include "base/clock.h"

#include <stdatomic.h>
#include <stdio.h>
#include <time.h>

#include "base/err.h"

static atomic_bool test_mode;
static _Atomic int64_t offset_seconds;
static void (*_Atomic advance_hook)(void);

int64_t clock_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec + atomic_load(&offset_seconds);
}

void clock_enable_test_mode(void) { atomic_store(&test_mode, true); }

bool clock_is_test_mode(void) { return atomic_load(&test_mode); }

int clock_advance(int64_t seconds)
{
    if (!atomic_load(&test_mode) || seconds < 0)
        return HW_EINVAL;
    atomic_fetch_add(&offset_seconds, seconds);
    void (*hook)(void) = atomic_load(&advance_hook);
    if (hook)
        hook();
    return HW_OK;
}

void clock_on_advance(void (*hook)(void)) { atomic_store(&advance_hook, hook); }

void clock_format_rfc3339(int64_t epoch, char out[32])
{
    time_t t = (time_t)(epoch + 8 * 3600);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 32, "%Y-%m-%dT%H:%M:%S+08:00", &tm);
}

void clock_today(char out[CLOCK_DATE_SIZE])
{
    char now[32];
    clock_format_rfc3339(clock_now(), now);
    snprintf(out, CLOCK_DATE_SIZE, "%.10s", now);
}
