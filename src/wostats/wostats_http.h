/* The statistics route (docs/api-workorders.md, "Statistics"). */
#ifndef HONGWU_WOSTATS_WOSTATS_HTTP_H
#define HONGWU_WOSTATS_WOSTATS_HTTP_H

#include "http/request.h"

/* GET /api/v1/work-order-stats[?format=csv|xlsx] */
int wostats_http_get(struct request *req);

#endif
