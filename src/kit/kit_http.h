/* The kit's own routes, listed in kit_capability.c: the audit log and the
 * log of sensitive reads (audit_http.c). */
#ifndef HONGWU_KIT_KIT_HTTP_H
#define HONGWU_KIT_KIT_HTTP_H

#include "http/request.h"

/* GET /api/v1/audit: newest first, within the caller's sub-district;
 * filtered by person, action, record, sign-ins or changes, and days. */
int audit_http_list(struct request *req);
/* GET /api/v1/audit/export.csv: the same entries with the same filters, as
 * CSV. */
int audit_http_export(struct request *req);
/* GET /api/v1/audit/sensitive-reads: who read whose unmasked data, newest
 * first, within the caller's sub-district. */
int audit_http_sensitive_reads(struct request *req);

#endif
