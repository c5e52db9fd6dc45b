/* Validation of personal identifiers, plain functions of plain data. */
#ifndef HONGWU_BASE_VALIDATE_H
#define HONGWU_BASE_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

/* Mainland mobile number: 11 digits, starting 1[3-9]. */
bool validate_mobile(const char *s);

/* Writes a masked copy such as 138****5678 into out (size >= 16);
 * anything not shaped like a mobile number becomes "****". */
void mask_phone(const char *phone, char *out, size_t out_size);

/* Login names: 3-64 of [a-z0-9_.-], starting with a letter or digit. */
bool validate_login(const char *s);

#endif
