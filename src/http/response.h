/* Answers: JSON, empty, or a prepared MHD response, each queued once with the
 * headers collected by respond_header(). */
#ifndef HONGWU_HTTP_RESPONSE_H
#define HONGWU_HTTP_RESPONSE_H

#include "http/request.h"

/* Adds a header to the coming answer; name and value are copied. */
int respond_header(struct request *req, const char *name, const char *value);

/* Sends body (the reference is stolen, even on failure). */
int respond_json(struct request *req, unsigned status, json_t *body);
int respond_json_type(struct request *req, unsigned status, json_t *body, const char *type);
int respond_empty(struct request *req, unsigned status);
/* Queues r with the collected headers and drops the caller's reference. */
int respond_mhd(struct request *req, unsigned status, struct MHD_Response *r);

#endif
