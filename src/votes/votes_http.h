/* Owners' votes' HTTP handlers (docs/api-votes.md). */
#ifndef HONGWU_VOTES_VOTES_HTTP_H
#define HONGWU_VOTES_VOTES_HTTP_H

#include <jansson.h>
#include <stdint.h>

#include "http/request.h"

/* votes_vote_http.c */
int votes_http_list(struct request *req);
int votes_http_create(struct request *req);
int votes_http_get(struct request *req);
int votes_http_electorate(struct request *req);
int votes_http_publish(struct request *req);
int votes_http_cancel(struct request *req);

/* votes_ballot_http.c */
int votes_http_cast(struct request *req);
int votes_http_voter(struct request *req);
int votes_http_record(struct request *req);
int votes_http_ballots(struct request *req);
int votes_http_lines(struct request *req);
int votes_http_receipt(struct request *req);

/* votes_proxy_http.c */
int votes_http_add_authorization(struct request *req);
int votes_http_authorizations(struct request *req);
int votes_http_authorization_file(struct request *req);

/* votes_objection_http.c */
int votes_http_object(struct request *req);
int votes_http_objections(struct request *req);
int votes_http_resolve(struct request *req);

/* votes_developer_http.c */
int votes_http_developer(struct request *req);
int votes_http_mark_developer(struct request *req);

/* A page answer: {"items": items (stolen), "next_after": next or null}. */
int votes_respond_page(struct request *req, json_t *items, int64_t next);

#endif
