/* The work-order routes (docs/api-workorders.md). */
#ifndef HONGWU_WORKORDER_WORKORDER_HTTP_H
#define HONGWU_WORKORDER_WORKORDER_HTTP_H

#include "http/request.h"

int workorder_http_create(struct request *req);
int workorder_http_list(struct request *req);
int workorder_http_get(struct request *req);
int workorder_http_events(struct request *req);
int workorder_http_similar(struct request *req);
int workorder_http_support(struct request *req);
int workorder_http_act(struct request *req);
int workorder_http_add_photo(struct request *req);
int workorder_http_get_photo(struct request *req);
int workorder_http_whistle(struct request *req);
int workorder_http_respond_whistle(struct request *req);
int workorder_http_categories(struct request *req);
int workorder_http_create_category(struct request *req);
int workorder_http_patch_category(struct request *req);
int workorder_http_get_settings(struct request *req);
int workorder_http_put_settings(struct request *req);

/* Renders order id for the caller as answered, logging a whole reporter
 * phone as a sensitive read (kit/privacy.h). */
int workorder_http_render(struct request *req, int64_t id, json_t **out);

#endif
