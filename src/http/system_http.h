/* Health checks and the test clock. */
#ifndef HONGWU_HTTP_SYSTEM_HTTP_H
#define HONGWU_HTTP_SYSTEM_HTTP_H

#include "http/request.h"

int system_http_healthz(struct request *req);
int system_http_readyz(struct request *req);
int system_http_test_clock(struct request *req);

#endif
