/* The places routes (place_http.c, place_write_http.c, elevation_http.c),
 * listed in place_capability.c. */
#ifndef HONGWU_PLACE_PLACE_HTTP_H
#define HONGWU_PLACE_PLACE_HTTP_H

#include "http/request.h"

int place_http_get(struct request *req);
int place_http_list(struct request *req);
int place_http_create(struct request *req);
int place_http_create_building(struct request *req);
int place_http_patch(struct request *req);
int place_http_grid_history(struct request *req);
int place_http_elevation(struct request *req);

#endif
