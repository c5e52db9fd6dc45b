/* The work-order routes (docs/api-workorders.md). */
#ifndef HONGWU_WORKORDER_WORKORDER_HTTP_H
#define HONGWU_WORKORDER_WORKORDER_HTTP_H

#include "http/request.h"

int workorder_http_create(struct request *req);
int workorder_http_list(struct request *req);
int workorder_http_get(struct request *req);
int workorder_http_events(struct request *req);
int workorder_http_similar(struct request *req);
int workorder_http_place(struct request *req);
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
int workorder_http_teams(struct request *req);
int workorder_http_create_team(struct request *req);
int workorder_http_patch_team(struct request *req);
int workorder_http_put_team_members(struct request *req);
int workorder_http_units(struct request *req);
int workorder_http_put_unit_users(struct request *req);
int workorder_http_rules(struct request *req);
int workorder_http_create_rule(struct request *req);
int workorder_http_patch_rule(struct request *req);
int workorder_http_calendar(struct request *req);
int workorder_http_put_calendar(struct request *req);

/* The sub-district a setup list is about: the caller's; an installation
 * admin may name one with ?district_id= (0 when not named: every one). A
 * route that needs one sub-district uses record_district (kit/record_routes.h). */
int workorder_http_district(struct request *req, int64_t *district);

/* A JSON object body with exactly the fields named (NULL-terminated, all
 * required), for bodies the field tables cannot describe (arrays): field
 * errors are recorded and HW_EINVAL returned. *out is the request's. */
int workorder_http_body(struct request *req, const char *const *fields, json_t **out);

/* Renders order id for the caller as answered, logging a whole reporter
 * phone as a sensitive read (kit/privacy.h). */
int workorder_http_render(struct request *req, int64_t id, json_t **out);

#endif
