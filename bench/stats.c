#include "stats.h"

#include <math.h>
#include <stdlib.h>

int samples_add(struct samples *s, double ms)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 1024;
        double *p = realloc(s->ms, cap * sizeof *p);
        if (!p)
            return -1;
        s->ms = p;
        s->cap = cap;
    }
    s->ms[s->n++] = ms;
    return 0;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double rank(const struct samples *s, double p)
{
    size_t k = (size_t)ceil(p * (double)s->n);
    return s->ms[(k ? k : 1) - 1];
}

struct summary samples_summary(struct samples *s)
{
    struct summary r = {.n = s->n};
    if (!s->n)
        return r;
    qsort(s->ms, s->n, sizeof *s->ms, by_value);
    double sum = 0;
    for (size_t i = 0; i < s->n; i++)
        sum += s->ms[i];
    r.median = s->n % 2 ? s->ms[s->n / 2] : (s->ms[s->n / 2 - 1] + s->ms[s->n / 2]) / 2;
    r.p99 = rank(s, 0.99);
    r.mean = sum / (double)s->n;
    r.max = s->ms[s->n - 1];
    return r;
}

void samples_free(struct samples *s)
{
    free(s->ms);
    *s = (struct samples){0};
}
