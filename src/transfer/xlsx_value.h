/* How the values an .xlsx stores read as the text Excel shows: cell
 * references ("AB12"), numbers as the General format shows them, date
 * serial numbers as dates, which number formats are dates, and the
 * _xHHHH_ escapes of OOXML strings, both ways. Plain functions of plain
 * text. */
#ifndef HONGWU_TRANSFER_XLSX_VALUE_H
#define HONGWU_TRANSFER_XLSX_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Excel's last column (XFD) and last row. */
enum { XLSX_MAX_COLUMNS = 16384, XLSX_MAX_ROWS = 1048576 };

/* A cell reference "B7": *col from 0 (A), *row from 1. False when ref is no
 * reference within Excel's columns and rows. */
bool xlsx_ref_parse(const char *ref, int *col, int64_t *row);

/* Whether the built-in number format id shows a date or a time: 14–22,
 * 45–47, and the East Asian date formats 27–36 and 50–58. */
bool xlsx_builtin_is_date(int id);
/* Whether a custom format code shows a date or a time: y, m, d, h or s
 * outside quoted text, [brackets] and escaped characters. */
bool xlsx_format_is_date(const char *code);

/* A date serial as "YYYY-MM-DD", with " HH:MM:SS" when it holds a time of
 * day, or "HH:MM:SS" alone below 1. The 1900 system counts Excel's
 * 1900-02-29, which never was: serial 60 is no date. False when the serial
 * is no date Excel can show (negative, past 9999-12-31, that 29th). */
enum { XLSX_DATE_TEXT = 32 };
bool xlsx_serial_text(double serial, bool date1904, char out[XLSX_DATE_TEXT]);

/* A stored number as the General format shows it: at most 15 significant
 * digits ("320902198604121000" reads "3.20902198604121E+17", 18 reads
 * "18"). Text that is no number is copied as it is. */
void xlsx_number_text(const char *stored, char *out, size_t size);

/* Writes s as an OOXML string holds it, as Excel writes it: a control
 * character other than tab and line feed as "_x000D_", and the "_" of text
 * that would read as such an escape ("_x0041_") as "_x005F_", so any text
 * reads back unchanged through xlsx_unescape and shows as typed in Excel.
 * At most size bytes with the NUL, as snprintf; returns the length of the
 * whole escaped text, strlen(s) when nothing needs escaping. */
size_t xlsx_escape(const char *s, char *out, size_t size);

/* Decodes in place the _xHHHH_ escapes OOXML strings use for control
 * characters ("_x000D_"), and "_x005F_", Excel's escaped "_" before a
 * literal "_xHHHH_"; s holds len bytes and a NUL. Other escapes stay as
 * written: libxlsxwriter writes a literal "_x0041_" as it is, so a workbook
 * it wrote without xlsx_escape reads back as written. Returns the new
 * length. */
size_t xlsx_unescape(char *s, size_t len);

#endif
