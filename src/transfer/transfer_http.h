/* The import and export routes, listed in transfer_capability.c. */
#ifndef HONGWU_TRANSFER_TRANSFER_HTTP_H
#define HONGWU_TRANSFER_TRANSFER_HTTP_H

#include "http/request.h"

/* POST /api/v1/imports/{buildings,dwellings,residents}?community_id=&dry_run= */
int transfer_http_import_buildings(struct request *req);
int transfer_http_import_dwellings(struct request *req);
int transfer_http_import_residents(struct request *req);
/* GET /api/v1/exports/{residents,dwellings}.{csv,xlsx}, filters as GET /residents. */
int transfer_http_export_residents_csv(struct request *req);
int transfer_http_export_residents_xlsx(struct request *req);
int transfer_http_export_dwellings_csv(struct request *req);
int transfer_http_export_dwellings_xlsx(struct request *req);

#endif
