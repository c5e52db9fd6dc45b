/* Latency samples and their summary: median and 99th percentile. */
#ifndef HONGWU_BENCH_STATS_H
#define HONGWU_BENCH_STATS_H

#include <stddef.h>

struct samples {
    double *ms;
    size_t n, cap;
};

struct summary {
    size_t n;
    double median, p99, mean, max; /* milliseconds */
};

/* 0, or -1 when out of memory. */
int samples_add(struct samples *s, double ms);
/* Sorts the samples. The p-th percentile is the sample at rank ceil(p*n)
 * (nearest rank), so p99 of 2,000 samples is the 1,980th smallest. */
struct summary samples_summary(struct samples *s);
void samples_free(struct samples *s);

#endif
