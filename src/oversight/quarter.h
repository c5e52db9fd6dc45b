/* Quarters as the red-black list names them: "2026Q3", from the first of
 * July to the 30th of September, local days (wostats/days.h). Pure. */
#ifndef HONGWU_OVERSIGHT_QUARTER_H
#define HONGWU_OVERSIGHT_QUARTER_H

#include <stdint.h>

enum { OVERSIGHT_QUARTER_SIZE = 7 }; /* "2026Q3" and its NUL */
enum { OVERSIGHT_FIRST_YEAR = 2000 }; /* quarters before it are refused */

/* "2026Q3" -> its first and last local day; HW_EINVAL for anything else. */
int oversight_quarter_parse(const char *s, int32_t *first, int32_t *last);
/* The last quarter wholly before local day d. */
void oversight_quarter_before(int32_t d, char out[OVERSIGHT_QUARTER_SIZE]);

#endif
