/* The parts of an .xlsx package: its ZIP members, each read through expat
 * in pieces and refused past a size cap (a ZIP bomb unpacks a small file
 * into gigabytes). Element and attribute names reach the handlers as
 * "namespace|local" or "local"; xlsx_local() gives the local name. An XML
 * part with a DOCTYPE is refused: OOXML has none, and entities are how an
 * XML bomb grows. */
#ifndef HONGWU_TRANSFER_XLSX_PART_H
#define HONGWU_TRANSFER_XLSX_PART_H

#include <expat.h>
#include <stddef.h>
#include <stdint.h>
#include <zip.h>

#include "transfer/xlsx_reader.h"

/* Every parse context begins with this, so the handlers of any part can
 * stop the parse with a reason. */
struct xlsx_parse {
    XML_Parser parser;
    struct xlsx_error *err;
    int status; /* HW_OK, or why a handler stopped the parse */
};

/* Opens the ZIP held in data (kept by the caller while z is open).
 * HW_EINVAL with err set when it is no ZIP libzip can read. */
int xlsx_zip_open(const void *data, size_t len, zip_t **out, struct xlsx_error *err);

/* Parses the member name through the handlers, with ctx (whose first
 * member is a struct xlsx_parse) as their user data. HW_ENOTFOUND when
 * there is no such member (err untouched); HW_ELIMIT past cap bytes
 * unpacked, HW_EINVAL for XML that is not well-formed or a member that
 * cannot be unpacked (err set); HW_ENOMEM; or the status a handler set. */
int xlsx_part_parse(zip_t *z, const char *name, size_t cap, void *ctx,
                    XML_StartElementHandler start, XML_EndElementHandler end,
                    XML_CharacterDataHandler text);

/* Stops the parse: a handler's error (err already set, or HW_ENOMEM). */
void xlsx_stop(struct xlsx_parse *p, int status);

/* The local part of a name ("main|sheet" -> "sheet"). */
const char *xlsx_local(const char *name);
/* The value of the attribute with that local name, or NULL. */
const char *xlsx_attr(const char **attrs, const char *local);

/* Records why the file cannot be read: the row (0 for none) and the same
 * message in Chinese and English, printf-style, both formats taking the
 * same arguments. Returns HW_EINVAL. */
int xlsx_fail(struct xlsx_error *err, int64_t line, const char *zh, const char *en, ...);
/* The same with messages that are no formats. */
int xlsx_fail_text(struct xlsx_error *err, int64_t line, const char *zh, const char *en);

#endif
