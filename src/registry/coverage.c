#include "registry/coverage.h"

#include <stdio.h>
#include <string.h>

enum coverage_status coverage_status(int64_t households, int64_t workers)
{
    if (workers <= 0)
        return households > 0 ? COVERAGE_UNSTAFFED : COVERAGE_EMPTY;
    if (households < COVERAGE_MIN_HOUSEHOLDS * workers)
        return COVERAGE_UNDER;
    if (households > COVERAGE_MAX_HOUSEHOLDS * workers)
        return COVERAGE_OVER;
    return COVERAGE_OK;
}

const char *coverage_status_name(enum coverage_status s)
{
    switch (s) {
    case COVERAGE_EMPTY: return "empty";
    case COVERAGE_UNSTAFFED: return "unstaffed";
    case COVERAGE_UNDER: return "under";
    case COVERAGE_OK: return "ok";
    case COVERAGE_OVER: return "over";
    }
    return "unknown";
}

void coverage_per_worker_text(int64_t households, int64_t workers, char *out, size_t out_size)
{
    if (workers <= 0 || households < 0) {
        snprintf(out, out_size, "%s", "");
        return;
    }
    int64_t tenths = (households * 10 * 2 + workers) / (workers * 2); /* half up */
    snprintf(out, out_size, "%lld.%lld", (long long)(tenths / 10), (long long)(tenths % 10));
}

bool coverage_listed_outside(const char *status_name)
{
    static const char *const outside[] = {"under", "over", "unstaffed"};
    for (size_t i = 0; status_name && i < sizeof outside / sizeof outside[0]; i++)
        if (strcmp(status_name, outside[i]) == 0)
            return true;
    return false;
}
