/* Wall-clock seconds for timing, from the monotonic clock. */
#ifndef HONGWU_BENCH_TIME_H
#define HONGWU_BENCH_TIME_H

#include <time.h>

static inline double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#endif
