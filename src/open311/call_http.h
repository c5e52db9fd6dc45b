/* What every Open311 route checks first, in the specification's order:
 * the format the path names (404), the jurisdiction (400, 404), and the
 * client's key where one is given or required (403). */
#ifndef HONGWU_OPEN311_CALL_HTTP_H
#define HONGWU_OPEN311_CALL_HTTP_H

#include <stdbool.h>
#include <stdint.h>

#include "http/request.h"
#include "open311/answer_http.h"
#include "open311/apikey.h"

struct open311_call {
    enum open311_format format;
    int64_t district_id;
    bool keyed; /* a live key of this jurisdiction was given */
    struct open311_client client;
};

/* The format alone (discovery). false: answered with the error. */
bool open311_call_format(struct request *req, struct open311_call *c);

/* Format, jurisdiction_id and api_key (NULL or "": absent, refused when
 * key_required). false: answered with the error. */
bool open311_call_begin(struct request *req, struct open311_call *c, const char *jurisdiction_id,
                        const char *api_key, bool key_required);

/* The value of a query parameter, NULL when absent or empty. */
const char *open311_query(struct request *req, const char *name);

#endif
