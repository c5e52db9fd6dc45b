/* Validation of personal identifiers, plain functions of plain data. */
#ifndef HONGWU_BASE_VALIDATE_H
#define HONGWU_BASE_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Mainland mobile number: 11 digits, starting 1[3-9]. */
bool validate_mobile(const char *s);

/* Writes a masked copy such as 138****5678 into out (size >= 16);
 * anything not shaped like a mobile number becomes "****". */
void mask_phone(const char *phone, char *out, size_t out_size);

/* Login names: 3-64 of [a-z0-9_.-], starting with a letter or digit. */
bool validate_login(const char *s);

/* GB 11643-1999 citizen ID number: 17 digits and a check character (0-9 or
 * X, upper case), whose first 6 digits are a region and digits 7-14 a real
 * date. A lower-case x is accepted by normalize_id_number, not here. */
bool validate_id_number(const char *s);
/* Copies s to out (size >= 19) upper-casing a final x; false if not 18 chars. */
bool normalize_id_number(const char *s, char *out, size_t out_size);
/* What a valid ID number says (GB 11643): the birth date (digits 7-14,
 * written YYYY-MM-DD) and the sex (the 17th digit: odd for men, "male" or
 * "female"). The API and the import both check a given date and sex
 * against these. */
void id_number_birth_date(const char *id, char out[11]);
const char *id_number_sex(const char *id);
/* Writes 320902********1234: region and last four kept. */
void mask_id_number(const char *id, char *out, size_t out_size);

/* A calendar date written YYYY-MM-DD, 1900-01-01 to 2199-12-31. */
bool validate_date(const char *s);
/* The days in a month (1-12) of a Gregorian year. */
int date_month_days(int64_t year, int month);
/* Writes a year, month and day as YYYY-MM-DD. Returns false, having written
 * "0000-00-00", for a year outside 0-9999, a month outside 1-12 or a day
 * outside 1-31; whether the day exists in its month is validate_date's. */
bool date_write(int64_t year, int month, int day, char out[11]);
/* date (valid) plus whole years, as YYYY-MM-DD; 29 February becomes the
 * 28th in a year that has none. */
void date_add_years(const char *date, int years, char out[11]);

/* Exclusive floor area: "89.57" square metres <-> 895700 square centimetres.
 * At most 4 decimals, no sign, no exponent, more than 0 and at most 100000
 * m2: exact, never through a float, because owner votes compare areas
 * (domain.md). A dwelling of no area is a mistake, not an unknown area. */
bool area_parse(const char *m2, int64_t *cm2);
/* The same bounds for an area already in square centimetres. */
bool area_cm2_valid(int64_t cm2);
void area_format(int64_t cm2, char *out, size_t out_size); /* "89.57" */

#endif
