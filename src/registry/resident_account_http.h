/* The routes of resident accounts (docs/api-registry.md, "Resident accounts"). */
#ifndef HONGWU_REGISTRY_RESIDENT_ACCOUNT_HTTP_H
#define HONGWU_REGISTRY_RESIDENT_ACCOUNT_HTTP_H

#include "http/request.h"

int resident_account_http_get(struct request *req);
int resident_account_http_link(struct request *req);
int resident_account_http_unlink(struct request *req);

#endif
