/* The .xlsx reader (src/transfer/xlsx_*): workbooks built here with libzip
 * from a few lines of XML, read back as rows. Shared and inline strings,
 * numbers and dates, column letters past Z, cells without a reference,
 * sheets by name, and workbooks that are broken, no workbooks, or bombs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "base/err.h"
#include "transfer/xlsx_reader.h"
#include "transfer/xlsx_value.h"

/* ---- building workbooks -------------------------------------------------- */

struct part {
    const char *name;
    const char *xml;
    size_t len; /* 0: strlen(xml) */
};

/* A ZIP of the parts, in memory (malloc'd). */
static char *zip_parts(const struct part *parts, size_t n, size_t *len)
{
    char path[] = "/tmp/test_xlsx_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    int zerr;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    assert_non_null(z);
    for (size_t i = 0; i < n; i++) {
        size_t size = parts[i].len ? parts[i].len : strlen(parts[i].xml);
        zip_source_t *src = zip_source_buffer(z, parts[i].xml, size, 0);
        assert_non_null(src);
        assert_true(zip_file_add(z, parts[i].name, src, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    char *data = malloc(*len);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, *len, f), *len);
    fclose(f);
    unlink(path);
    return data;
}

#define MAIN_NS "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define REL_NS "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define REL_TYPE "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

static const char package_rels[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_TYPE "officeDocument\" Target=\"xl/workbook.xml\"/>"
    "</Relationships>";

static const char book_rels[] =
    "<?xml version=\"1.0\"?><Relationships "
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" REL_TYPE "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"" REL_TYPE
    "worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"" REL_TYPE "sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"" REL_TYPE "styles\" Target=\"styles.xml\"/>"
    "</Relationships>";

static const char one_sheet[] =
    "<workbook " MAIN_NS " " REL_NS "><sheets>"
    "<sheet name=\"花名册\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";

/* Style 0 General, 1 a built-in date (14), 2 a Chinese custom date, 3 text,
 * 4 a custom number format with quoted letters (no date). */
static const char styles[] =
    "<styleSheet " MAIN_NS "><numFmts count=\"2\">"
    "<numFmt numFmtId=\"176\" formatCode=\"yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;\"/>"
    "<numFmt numFmtId=\"177\" formatCode=\"0.00&quot; sq m&quot;\"/></numFmts>"
    "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs count=\"5\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"176\"/>"
    "<xf numFmtId=\"49\"/><xf numFmtId=\"177\"/></cellXfs></styleSheet>";

/* A workbook of one sheet (sheetData rows) with shared strings, or with
 * the workbook.xml given. */
static char *workbook(const char *book, const char *rows, const char *strings, size_t *len)
{
    char *sheet = malloc(strlen(rows) + 256);
    assert_non_null(sheet);
    sprintf(sheet,
            "<?xml version=\"1.0\"?><worksheet " MAIN_NS "><sheetData>%s</sheetData>"
            "</worksheet>",
            rows);
    const struct part parts[] = {
        {"_rels/.rels", package_rels, 0},
        {"xl/workbook.xml", book ? book : one_sheet, 0},
        {"xl/_rels/workbook.xml.rels", book_rels, 0},
        {"xl/styles.xml", styles, 0},
        {"xl/sharedStrings.xml", strings ? strings : "<sst " MAIN_NS "/>", 0},
        {"xl/worksheets/sheet1.xml", sheet, 0},
        {"xl/worksheets/sheet2.xml",
         "<worksheet " MAIN_NS "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\">"
         "<is><t>second</t></is></c></row></sheetData></worksheet>",
         0},
    };
    char *data = zip_parts(parts, sizeof parts / sizeof parts[0], len);
    free(sheet);
    return data;
}

/* ---- reading ------------------------------------------------------------- */

/* Rows read, each as "LINE:cell|cell|...", a cell that held a number as "#text". */
struct seen {
    char rows[8][512];
    int n;
    size_t long_field;
};

static int collect(const struct csv_row *row, const bool *numeric, void *ctx)
{
    struct seen *s = ctx;
    if (s->n >= 8)
        return HW_ELIMIT;
    char *out = s->rows[s->n++];
    int used = snprintf(out, 512, "%lld:", (long long)row->line);
    for (size_t i = 0; i < row->nfields && used < 512; i++)
        used += snprintf(out + used, 512 - (size_t)used, "%s%s%s", i ? "|" : "",
                         numeric[i] ? "#" : "", row->fields[i]);
    if (row->long_field)
        s->long_field = row->long_field;
    return HW_OK;
}

static int read_book(const char *data, size_t len, const char *sheet, struct seen *s,
                     struct xlsx_error *err)
{
    memset(s, 0, sizeof *s);
    return xlsx_read(data, len, sheet, collect, s, err);
}

static void expect_rows(const char *rows, const char *strings, const char *const *want, int n)
{
    size_t len;
    char *data = workbook(NULL, rows, strings, &len);
    struct seen s;
    struct xlsx_error err;
    int rc = read_book(data, len, NULL, &s, &err);
    free(data);
    if (rc != HW_OK)
        fail_msg("read failed: %s", err.en);
    assert_int_equal(s.n, n);
    for (int i = 0; i < n; i++)
        assert_string_equal(s.rows[i], want[i]);
}

static void strings_shared_inline_and_rich(void **state)
{
    (void)state;
    /* Rich text runs are joined; the phonetic guide (rPh) is left out;
     * _x000A_ is a line break, _x005F_ a literal underscore. */
    const char *strings =
        "<sst " MAIN_NS " count=\"4\" uniqueCount=\"4\">"
        "<si><t>姓名</t></si>"
        "<si><r><rPr><b/></rPr><t>张</t></r><r><t xml:space=\"preserve\">三 </t></r>"
        "<rPh sb=\"0\" eb=\"1\"><t>zhang</t></rPh></si>"
        "<si><t>a_x000A_b_x005F_x0041_</t></si>"
        "<si><t/></si></sst>";
    const char *rows = "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
                       "<c r=\"B1\" t=\"inlineStr\"><is><t>备注</t></is></c></row>"
                       "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>1</v></c>"
                       "<c r=\"B2\" t=\"inlineStr\"><is><r><t>一</t></r><r><t>二</t></r></is></c>"
                       "<c r=\"C2\" t=\"s\"><v>2</v></c><c r=\"D2\" t=\"s\"><v>3</v></c></row>";
    const char *want[] = {"1:姓名|备注", "2:张三 |一二|a\nb_x0041_|"};
    expect_rows(rows, strings, want, 2);
}

static void numbers_booleans_and_formulas(void **state)
{
    (void)state;
    /* General shows 15 significant digits: an 18-digit number is mangled. */
    const char *rows = "<row r=\"1\"><c r=\"A1\"><v>18</v></c><c r=\"B1\"><v>89.57</v></c>"
                       "<c r=\"C1\"><v>320902198604121234</v></c>"
                       "<c r=\"D1\"><v>3.2090219860412E+17</v></c>"
                       "<c r=\"E1\"><v>0.30000000000000004</v></c>"
                       "<c r=\"F1\" t=\"b\"><v>1</v></c><c r=\"G1\" t=\"b\"><v>0</v></c>"
                       "<c r=\"H1\" t=\"str\"><f>A1&amp;\"幢\"</f><v>18幢</v></c>"
                       "<c r=\"I1\" t=\"e\"><v>#N/A</v></c>"
                       "<c r=\"J1\" s=\"4\"><v>96.3</v></c>"
                       "<c r=\"K1\" s=\"3\" t=\"s\"><v>0</v></c></row>";
    const char *strings = "<sst " MAIN_NS "><si><t>13800138000</t></si></sst>";
    const char *want[] = {"1:#18|#89.57|#3.20902198604121E+17|#3.2090219860412E+17|#0.3|TRUE|FALSE|"
                          "18幢|#N/A|#96.3|13800138000"};
    expect_rows(rows, strings, want, 1);
}

static void dates_in_both_systems(void **state)
{
    (void)state;
    /* 1900 system: 43895 is 2020-03-05, 18327 1950-03-05; 59 is 1900-02-28,
     * 60 Excel's 1900-02-29 (no date: left a number), 61 1900-03-01. Only a
     * date format makes a date; a date-typed cell (t="d") keeps its date. */
    const char *rows = "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>43895</v></c>"
                       "<c r=\"B1\" s=\"2\"><v>18327</v></c>"
                       "<c r=\"C1\" s=\"1\"><v>59</v></c><c r=\"D1\" s=\"1\"><v>60</v></c>"
                       "<c r=\"E1\" s=\"1\"><v>61</v></c>"
                       "<c r=\"F1\" s=\"1\"><v>43895.5</v></c>"
                       "<c r=\"G1\" s=\"0\"><v>43895</v></c>"
                       "<c r=\"H1\" s=\"4\"><v>43895</v></c>"
                       "<c r=\"I1\" t=\"d\"><v>2020-03-05T00:00:00</v></c></row>";
    const char *want[] = {"1:#2020-03-05|#1950-03-05|#1900-02-28|#60|#1900-03-01|"
                          "#2020-03-05 12:00:00|#43895|#43895|2020-03-05"};
    expect_rows(rows, NULL, want, 1);

    /* The 1904 system: serial 0 is 1904-01-01. */
    const char *book = "<workbook " MAIN_NS " " REL_NS "><workbookPr date1904=\"1\"/><sheets>"
                       "<sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
    size_t len;
    char *data =
        workbook(book, "<row><c s=\"1\"><v>0</v></c><c s=\"1\"><v>42433</v></c></row>", NULL, &len);
    struct seen s;
    struct xlsx_error err;
    assert_int_equal(read_book(data, len, NULL, &s, &err), HW_OK);
    free(data);
    assert_int_equal(s.n, 1);
    assert_string_equal(s.rows[0], "1:#1904-01-01|#2020-03-05");
}

static void columns_gaps_and_row_numbers(void **state)
{
    (void)state;
    /* Cells skipped are empty; AA is column 27; a cell without r follows the
     * one before; a row without r follows the one before; blank rows and
     * rows absent from the file are skipped, and lines are Excel's rows. */
    const char *rows = "<row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><t>b</t></is></c>"
                       "<c t=\"inlineStr\"><is><t>c</t></is></c>"
                       "<c r=\"AA1\" t=\"inlineStr\"><is><t>aa</t></is></c></row>"
                       "<row r=\"3\"><c r=\"A3\" s=\"3\"/><c r=\"B3\"><v></v></c></row>"
                       "<row r=\"5\"><c r=\"A5\"><v>1</v></c></row>"
                       "<row><c><v>2</v></c></row>";
    char first[128] = "1:|b|c";
    for (int i = 3; i < 26; i++)
        strcat(first, "|");
    strcat(first, "|aa");
    const char *want[] = {first, "5:#1", "6:#2"};
    expect_rows(rows, NULL, want, 3);
}

static void long_cells_are_flagged(void **state)
{
    (void)state;
    char *rows = malloc(CSV_MAX_FIELD + 200);
    assert_non_null(rows);
    strcpy(rows, "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>");
    memset(rows + strlen(rows), 'x', CSV_MAX_FIELD + 1);
    strcpy(rows + strlen(rows) - 0, "</t></is></c></row>");
    size_t len;
    char *data = workbook(NULL, rows, NULL, &len);
    free(rows);
    struct seen s;
    struct xlsx_error err;
    assert_int_equal(read_book(data, len, NULL, &s, &err), HW_OK);
    free(data);
    assert_int_equal(s.n, 1);
    assert_int_equal(s.long_field, 2);
}

static void sheets_by_name(void **state)
{
    (void)state;
    /* The first sheet is hidden: the first visible one is read. */
    const char *book = "<workbook " MAIN_NS " " REL_NS "><sheets>"
                       "<sheet name=\"说明\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"
                       "<sheet name=\"居民\" sheetId=\"1\" r:id=\"rId1\"/>"
                       "<sheet name=\"Other\" sheetId=\"3\" r:id=\"rId2\"/></sheets></workbook>";
    size_t len;
    char *data =
        workbook(book, "<row><c t=\"inlineStr\"><is><t>first</t></is></c></row>", NULL, &len);
    struct seen s;
    struct xlsx_error err;
    assert_int_equal(read_book(data, len, NULL, &s, &err), HW_OK);
    assert_string_equal(s.rows[0], "1:first");
    assert_int_equal(read_book(data, len, "other", &s, &err), HW_OK); /* as Excel: any case */
    assert_string_equal(s.rows[0], "1:second");
    assert_int_equal(read_book(data, len, "说明", &s, &err), HW_OK);
    assert_string_equal(s.rows[0], "1:second");
    assert_int_equal(read_book(data, len, "住户", &s, &err), HW_EINVAL);
    assert_non_null(strstr(err.zh, "住户"));
    assert_non_null(strstr(err.en, "it has: 说明、居民、Other"));
    free(data);
}

static void expect_refused(const char *data, size_t len, const char *en_part)
{
    struct seen s;
    struct xlsx_error err;
    assert_int_equal(read_book(data, len, NULL, &s, &err), HW_EINVAL);
    assert_true(err.set);
    if (!strstr(err.en, en_part))
        fail_msg("\"%s\" lacks \"%s\"", err.en, en_part);
    assert_true(err.zh[0] != '\0');
}

static void not_a_workbook(void **state)
{
    (void)state;
    expect_refused("PK\3\4 not a zip", 15, "no readable .xlsx");
    const struct part doc[] = {{"word/document.xml", "<document/>", 0}};
    size_t len;
    char *data = zip_parts(doc, 1, &len);
    expect_refused(data, len, "no Excel workbook");
    free(data);
    data = workbook(NULL, "<row><c r=\"1A\"><v>1</v></c></row>", NULL, &len);
    expect_refused(data, len, "cell reference \"1A\"");
    free(data);
    data = workbook(NULL, "<row><c t=\"s\"><v>7</v></c></row>", NULL, &len);
    expect_refused(data, len, "shared string");
    free(data);
    data = workbook(NULL, "<row r=\"1048577\"><c><v>1</v></c></row>", NULL, &len);
    expect_refused(data, len, "1,048,576");
    free(data);
    data = workbook(NULL, "<row><c><v>1</v></row>", NULL, &len);
    expect_refused(data, len, "well-formed");
    free(data);
}

static void dtds_and_bombs_are_refused(void **state)
{
    (void)state;
    const char *laughs = "<?xml version=\"1.0\"?><!DOCTYPE sst [<!ENTITY a \"aaaaaaaa\">]>"
                         "<sst " MAIN_NS "><si><t>&a;</t></si></sst>";
    size_t len;
    char *data = workbook(NULL, "<row><c t=\"s\"><v>0</v></c></row>", laughs, &len);
    expect_refused(data, len, "DTD");
    free(data);

    /* Shared strings that unpack past their cap, from a small file. */
    size_t big = XLSX_MAX_STRINGS + 1024;
    char *xml = malloc(big);
    assert_non_null(xml);
    memset(xml, ' ', big);
    memcpy(xml, "<sst>", 5);
    memcpy(xml + big - 6, "</sst>", 6);
    const struct part parts[] = {
        {"_rels/.rels", package_rels, 0},
        {"xl/workbook.xml", one_sheet, 0},
        {"xl/_rels/workbook.xml.rels", book_rels, 0},
        {"xl/sharedStrings.xml", xml, big},
        {"xl/worksheets/sheet1.xml", "<worksheet/>", 0},
    };
    data = zip_parts(parts, sizeof parts / sizeof parts[0], &len);
    free(xml);
    assert_true(len < big / 100);
    expect_refused(data, len, "unpacks to more than 64 MiB");
    free(data);
}

/* ---- the values ---------------------------------------------------------- */

static void references(void **state)
{
    (void)state;
    int col;
    int64_t row;
    assert_true(xlsx_ref_parse("A1", &col, &row));
    assert_int_equal(col, 0);
    assert_int_equal(row, 1);
    assert_true(xlsx_ref_parse("AB12", &col, &row));
    assert_int_equal(col, 27);
    assert_int_equal(row, 12);
    assert_true(xlsx_ref_parse("XFD1048576", &col, &row));
    assert_int_equal(col, 16383);
    assert_false(xlsx_ref_parse("XFE1", &col, &row));
    assert_false(xlsx_ref_parse("A1048577", &col, &row));
    assert_false(xlsx_ref_parse("A0", &col, &row));
    assert_false(xlsx_ref_parse("a1", &col, &row));
    assert_false(xlsx_ref_parse("A", &col, &row));
    assert_false(xlsx_ref_parse("A1:B2", &col, &row));
}

static void date_formats(void **state)
{
    (void)state;
    assert_true(xlsx_builtin_is_date(14));
    assert_true(xlsx_builtin_is_date(22));
    assert_true(xlsx_builtin_is_date(31)); /* yyyy"年"m"月"d"日" in Chinese Excel */
    assert_true(xlsx_builtin_is_date(47));
    assert_false(xlsx_builtin_is_date(0));
    assert_false(xlsx_builtin_is_date(49)); /* text */
    assert_true(xlsx_format_is_date("yyyy/m/d"));
    assert_true(xlsx_format_is_date("[$-804]yyyy\"年\"m\"月\"d\"日\";@"));
    assert_true(xlsx_format_is_date("[h]:mm:ss"));
    assert_false(xlsx_format_is_date("General"));
    assert_false(xlsx_format_is_date("0.00\" sq m\""));
    assert_false(xlsx_format_is_date("#,##0.00_);[Red]\\(#,##0.00\\)"));
    assert_false(xlsx_format_is_date("0.00E+00"));
    assert_false(xlsx_format_is_date("\\d0")); /* an escaped letter */
}

static void serials(void **state)
{
    (void)state;
    char out[XLSX_DATE_TEXT];
    assert_true(xlsx_serial_text(1, false, out));
    assert_string_equal(out, "1900-01-01");
    assert_true(xlsx_serial_text(59, false, out));
    assert_string_equal(out, "1900-02-28");
    assert_false(xlsx_serial_text(60, false, out));
    assert_true(xlsx_serial_text(61, false, out));
    assert_string_equal(out, "1900-03-01");
    assert_true(xlsx_serial_text(2958465, false, out));
    assert_string_equal(out, "9999-12-31");
    assert_false(xlsx_serial_text(2958466, false, out));
    assert_false(xlsx_serial_text(-1, false, out));
    assert_true(xlsx_serial_text(0.75, false, out));
    assert_string_equal(out, "18:00:00");
    assert_true(xlsx_serial_text(0, true, out));
    assert_string_equal(out, "1904-01-01");
    assert_true(xlsx_serial_text(43895.99999999, false, out)); /* rounds to midnight */
    assert_string_equal(out, "2020-03-06");
}

static void numbers_and_escapes(void **state)
{
    (void)state;
    char out[64];
    xlsx_number_text("1802", out, sizeof out);
    assert_string_equal(out, "1802");
    xlsx_number_text("-0", out, sizeof out);
    assert_string_equal(out, "0");
    xlsx_number_text("1E-05", out, sizeof out);
    assert_string_equal(out, "1E-05");
    xlsx_number_text("13812345678", out, sizeof out);
    assert_string_equal(out, "13812345678");
    xlsx_number_text("abc", out, sizeof out);
    assert_string_equal(out, "abc");
    /* Controls and Excel's escaped "_" are decoded; a literal "_x0041_" as
     * libxlsxwriter writes it, a short or a NUL escape stay. */
    char s[] = "_x000D__x000A_x_x41_y_x0041_z_x005F_x0041__x0000_";
    assert_int_equal(xlsx_unescape(s, strlen(s)), strlen("\r\nx_x41_y_x0041_z_x0041__x0000_"));
    assert_string_equal(s, "\r\nx_x41_y_x0041_z_x0041__x0000_");
}

/* The escaped text of s, and that it reads back as s. */
static void assert_escapes(const char *s, const char *want)
{
    char out[256];
    size_t n = xlsx_escape(s, out, sizeof out);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
    assert_int_equal(xlsx_unescape(out, n), strlen(s));
    assert_string_equal(out, s);
}

static void text_is_escaped_as_excel_writes_it(void **state)
{
    (void)state;
    assert_escapes("王芳", "王芳");
    assert_escapes("a_b_x1_x00411", "a_b_x1_x00411");
    assert_escapes("王_x0041_芳", "王_x005F_x0041_芳");
    assert_escapes("_x000d_", "_x005F_x000d_");
    assert_escapes("_x005F_", "_x005F_x005F_");
    assert_escapes("_X0041_", "_X0041_"); /* no escape: "x" is lower case */
    /* Overlapping: the "_" that ends one begins the next. */
    assert_escapes("_x0041_x000D_", "_x005F_x0041_x005F_x000D_");
    /* Controls but tab and line feed; and a "_" a control's escape would close. */
    assert_escapes("a\rb\nc\td\x01\x1f", "a_x000D_b\nc\td_x0001__x001F_");
    assert_escapes("_x000D\r", "_x005F_x000D_x000D_");
    assert_escapes("_x000D\n", "_x000D\n");
    /* Cut as snprintf cuts, the whole length returned. */
    char small[6];
    assert_int_equal(xlsx_escape("_x0041_", small, sizeof small), 13);
    assert_string_equal(small, "_x005");
    assert_int_equal(xlsx_escape("_x0041_", NULL, 0), 13);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strings_shared_inline_and_rich),
        cmocka_unit_test(numbers_booleans_and_formulas),
        cmocka_unit_test(dates_in_both_systems),
        cmocka_unit_test(columns_gaps_and_row_numbers),
        cmocka_unit_test(long_cells_are_flagged),
        cmocka_unit_test(sheets_by_name),
        cmocka_unit_test(not_a_workbook),
        cmocka_unit_test(dtds_and_bombs_are_refused),
        cmocka_unit_test(references),
        cmocka_unit_test(date_formats),
        cmocka_unit_test(serials),
        cmocka_unit_test(numbers_and_escapes),
        cmocka_unit_test(text_is_escaped_as_excel_writes_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
