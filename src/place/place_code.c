#include <string.h>

#include "place/place.h"

enum { LOCAL_CODE_MAX = 32, STANDARD_GRID_CODE_LEN = 20 };

static bool all_digits(const char *s)
{
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

/* A local code: what a community writes on its own forms, 1-32 printable
 * ASCII characters without spaces, so it survives Excel and a phone keyboard. */
static bool local_code_valid(const char *code)
{
    size_t n = strlen(code);
    if (n < 1 || n > LOCAL_CODE_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (code[i] < 0x21 || code[i] > 0x7e)
            return false;
    return true;
}

bool grid_code_valid(const char *code)
{
    if (!code || !local_code_valid(code))
        return false;
    if (!all_digits(code))
        return true;
    size_t n = strlen(code);
    /* A digits-only code longer than the 20-digit community service grid
     * code of CJ/T 349 can only be a mistyped one. */
    if (n > STANDARD_GRID_CODE_LEN)
        return false;
    /* The standard code opens with an administrative division code
     * (GB/T 2260), whose first digit is 1-8. */
    if (n == STANDARD_GRID_CODE_LEN)
        return code[0] >= '1' && code[0] <= '8';
    return true;
}

bool place_code_valid(const char *kind, const char *code)
{
    if (!code)
        return false;
    if (kind && (strcmp(kind, "grid") == 0 || strcmp(kind, "micro_grid") == 0))
        return grid_code_valid(code);
    return local_code_valid(code);
}
