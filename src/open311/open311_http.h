/* Open311 GeoReport v2 at /open311/v2/ (docs/open311.md): public routes,
 * without a session; the key a client holds is checked by the handlers. */
#ifndef HONGWU_OPEN311_OPEN311_HTTP_H
#define HONGWU_OPEN311_OPEN311_HTTP_H

#include "http/request.h"

int open311_http_discovery(struct request *req);
int open311_http_services(struct request *req);
int open311_http_service(struct request *req);
int open311_http_create(struct request *req);
int open311_http_requests(struct request *req);
int open311_http_request(struct request *req);
int open311_http_token(struct request *req);

#endif
