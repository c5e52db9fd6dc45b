/* The server's clock: UTC epoch seconds. Every timestamp stored or compared
 * comes from here, so `serve --test-clock` can move time for deadline tests. */
#ifndef HONGWU_BASE_CLOCK_H
#define HONGWU_BASE_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

int64_t clock_now(void);

/* Tests only: enabled once at start-up by `serve --test-clock`. */
void clock_enable_test_mode(void);
bool clock_is_test_mode(void);
/* Moves the clock forward; fails with HW_EINVAL when not in test mode or seconds < 0. */
int clock_advance(int64_t seconds);
/* Calls hook (NULL: none) after every clock_advance: the job scheduler wakes. */
void clock_on_advance(void (*hook)(void));

enum { CLOCK_DATE_SIZE = 11 };
/* Today's date in China Standard Time, YYYY-MM-DD: the dates residents,
 * posts and contracts are written in. */
void clock_today(char out[CLOCK_DATE_SIZE]);

/* Writes an RFC 3339 time with a +08:00 offset (China Standard Time, no DST). */
void clock_format_rfc3339(int64_t epoch, char out[32]);

#endif
