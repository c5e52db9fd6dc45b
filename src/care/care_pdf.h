/* The 户情图 on paper (docs/domain.md CT-2, CT-4; docs/api-care.md): a
 * building's dwellings as floors by entrances, coloured by tier, one page per
 * building, on A4 or A3, with a CJK font from a Debian package embedded. The
 * public version, for posting at a building entrance, prints a room number
 * only where a colour is shown, and carries a QR code of the page for
 * reporting a problem in the building. */
#ifndef HONGWU_CARE_CARE_PDF_H
#define HONGWU_CARE_CARE_PDF_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

enum care_pdf_size { CARE_PDF_A4, CARE_PDF_A3 };

struct care_pdf_request {
    const json_t *map;      /* care_map_json()'s answer, staff or public */
    bool public_map;        /* the posted version */
    enum care_pdf_size size;
    bool english;           /* the words printed; Chinese otherwise */
    const char *date;       /* the local date printed, YYYY-MM-DD */
    const char *report_url; /* the QR code's absolute address (public map only) */
};

/* The fonts tried, in order: TrueType collections of Debian packages. */
extern const char *const care_pdf_fonts[];

/* Makes the PDF into *data (malloc'd, the caller frees) of *len bytes.
 * HW_EIO when no font can be loaded or the PDF library fails. */
int care_pdf_render(const struct care_pdf_request *rq, unsigned char **data, size_t *len);

/* Parses ?size=: "a4" or "a3"; NULL means A4. HW_EINVAL on anything else. */
int care_pdf_size_parse(const char *text, enum care_pdf_size *out);

#endif
