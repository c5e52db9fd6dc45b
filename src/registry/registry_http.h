/* The registry's routes (docs/api-registry.md): residents, occupancies,
 * tags, consents, list matching, organizations, the party tree and cards,
 * posts and the coverage report, listed in registry_capability.c. */
#ifndef HONGWU_REGISTRY_REGISTRY_HTTP_H
#define HONGWU_REGISTRY_REGISTRY_HTTP_H

#include <stdbool.h>
#include <stdint.h>

#include "http/request.h"

int resident_http_list(struct request *req);
int resident_http_create(struct request *req);
int resident_http_get(struct request *req);
int resident_http_patch(struct request *req);
int resident_http_add_occupancy(struct request *req);
int resident_http_move_out(struct request *req);
int resident_http_set_tags(struct request *req);
int consent_http_create(struct request *req);
int consent_http_withdraw(struct request *req);
int tag_http_list(struct request *req);
int tag_http_create(struct request *req);
int match_http_residents(struct request *req);
int org_http_list(struct request *req);
int org_http_create(struct request *req);
int org_http_patch(struct request *req);
int org_http_add_compound(struct request *req);
int org_http_patch_compound(struct request *req);
int party_http_tree(struct request *req);
int party_http_create(struct request *req);
int party_card_http_list(struct request *req);
int party_card_http_create(struct request *req);
int post_http_list(struct request *req);
int post_http_create(struct request *req);
int post_http_patch(struct request *req);
int coverage_http_report(struct request *req);

/* Answers with resident id as GET /residents/{id} shows it to the caller,
 * after logging what it disclosed; past includes dwellings moved out of. */
int resident_http_respond(struct request *req, unsigned status, int64_t id, bool past);
/* The same as a write's answer (a record_render of kit/record_routes.h). */
int resident_http_render(struct request *req, void *ctx, int64_t id, json_t **out);

/* A record (a post, a party card) is linked only to a resident the caller
 * may change: HW_OK for id 0 (none) or such a resident; a resident of
 * another community answers as an unknown one does, a field error on
 * resident_id. */
int resident_http_check_link(struct request *req, int64_t id);

#endif
