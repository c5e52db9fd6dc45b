#include "base/validate.h"

#include <stdio.h>
#include <string.h>

bool validate_mobile(const char *s)
{
    if (!s || strlen(s) != 11 || s[0] != '1' || s[1] < '3' || s[1] > '9')
        return false;
    for (int i = 0; i < 11; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

void mask_phone(const char *phone, char *out, size_t out_size)
{
    if (validate_mobile(phone))
        snprintf(out, out_size, "%.3s****%.4s", phone, phone + 7);
    else
        snprintf(out, out_size, "****");
}

bool validate_login(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 3 || n > 64)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  (i > 0 && (c == '_' || c == '.' || c == '-'));
        if (!ok)
            return false;
    }
    return true;
}
