/* Open311's date-times (the W3C note's subset of ISO 8601), as clients send
 * them in start_date and end_date. */
#ifndef HONGWU_OPEN311_W3TIME_H
#define HONGWU_OPEN311_W3TIME_H

#include <stdint.h>

/* "2026-11-21T09:30:00+08:00", "...Z", with or without seconds and their
 * fraction, or a date alone ("2026-11-21": its first second in China
 * Standard Time), into epoch seconds. HW_EINVAL for anything else. */
int w3time_parse(const char *s, int64_t *out);

#endif
