/* List matching (docs/domain.md: match the registry against a list,
 * such as returnees from listed risk areas, in one step). The list is text,
 * one ID number or phone per line, as people paste it from a spreadsheet. */
#ifndef HONGWU_REGISTRY_MATCH_H
#define HONGWU_REGISTRY_MATCH_H

#include <stdbool.h>
#include <stddef.h>

/* A list longer than this is several lists: one request holds one
 * transaction's worth of lookups. */
enum { MATCH_LINES_MAX = 20000, MATCH_INPUT_MAX = 64 };

enum match_kind { MATCH_BLANK, MATCH_PHONE, MATCH_ID_NUMBER, MATCH_INVALID };

/* Reads one line: its first field (up to a comma, tab or semicolon), without
 * surrounding spaces, quotes, a spreadsheet's =" " or ' text marker, a BOM or
 * a CR. value (size > MATCH_INPUT_MAX) gets the number, an ID number with an
 * upper-case X; for an invalid line the text as given, cut to
 * MATCH_INPUT_MAX bytes, with anything but printable UTF-8 as '?'. */
enum match_kind match_line(const char *line, size_t len, char *value, size_t value_size);

/* A first line without any digit is a header ("身份证号", "phone"). */
bool match_is_header(const char *line, size_t len);

#endif
