/* Reading one spreadsheet cell as a community types it into Excel: "89.57㎡",
 * "2020/3/5", "男", "业主", "1" for 1单元. Plain functions of plain text, so
 * each rule is unit-tested (tests/unit/test_import.c). Each returns false
 * when the cell cannot be read; the caller reports the line and column. */
#ifndef HONGWU_TRANSFER_CELL_H
#define HONGWU_TRANSFER_CELL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/validate.h"

/* In place: drops blanks at both ends (white space, no-break and
 * ideographic spaces, line breaks, zero-width characters: text_trim(), as
 * the API trims what it is sent), and the apostrophe csv_writer.h puts
 * before a cell that looks like a formula. Returns s. */
char *cell_clean(char *s);

/* An entrance: empty is the only entrance, "1单元"; a bare number N is
 * "N单元", the name place_create_building() gives generated entrances. */
bool cell_entrance(const char *s, char *out, size_t out_size);

/* A floor: an integer, "-1" for the first basement, "18层" or "18楼" too.
 * Floors run from -5 (basements) to PATTERN_MAX_FLOORS (place.h); no 0. */
bool cell_floor(const char *s, int64_t *floor);
enum { FLOOR_MIN = -5 };
/* The floor of a room numbered floor*100 + n ("1802" is on 18, "101" on 1):
 * place_floor_from_room() (place.h), the rule the API follows too. */
bool cell_floor_from_room(const char *room, int64_t *floor);

/* A floor area in square metres, as validate.h's area_parse() reads it,
 * after dropping a unit (㎡, m², m2, 平方米, 平米) and thousands commas. */
bool cell_area(const char *s, int64_t *cm2);

/* A date as Excel users write it: 2020-03-05, 2020-3-5, 2020/3/5, 2020.3.5,
 * 2020年3月5日 or 20200305, written out as YYYY-MM-DD (validate_date). */
bool cell_date(const char *s, char out[11]);

/* 男/男性/male/m and 女/女性/female/f (any case): "male" or "female". */
bool cell_sex(const char *s, const char **out);

/* 业主/户主/产权人/owner, 家属/家庭成员/family, 租户/租客/承租人/tenant. */
bool cell_relation(const char *s, const char **out);

/* A mainland mobile number with spaces, dashes or a +86 / 86 prefix removed. */
bool cell_phone(const char *s, char out[12]);

/* A citizen ID number (GB 11643) with a final x upper-cased. *why tells a
 * wrong one apart from what Excel makes of an ID: "3.20902E+17" (the column
 * was not formatted as text) or a masked export "320902********1234". */
enum id_problem { ID_OK, ID_INVALID, ID_EXCEL_NUMBER, ID_MASKED };
bool cell_id_number(const char *s, char out[19], enum id_problem *why);

/* What an ID number says: id_number_birth_date() and id_number_sex() in
 * base/validate.h, shared with the API's checks. */

/* The next tag of a list separated by 、 ; ； , ， or | (tag_separator_at(),
 * which tag names may not hold), trimmed; false at the end. *cursor moves
 * past it. */
bool cell_next_tag(const char **cursor, char *out, size_t out_size);

/* A whole number within [min, max]. */
bool cell_int(const char *s, int64_t min, int64_t max, int64_t *out);

#endif
