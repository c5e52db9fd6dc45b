/* The 户情图 as a PDF to print (docs/api-care.md, "The 户情图 on paper"). */
#ifndef HONGWU_CARE_CARE_PDF_HTTP_H
#define HONGWU_CARE_CARE_PDF_HTTP_H

#include "http/request.h"

/* GET /api/v1/care/places/{id}/map.pdf?size=a4|a3&public=1 */
int care_http_map_pdf(struct request *req);

#endif
