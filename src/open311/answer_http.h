/* Open311's answers in the format the path names (.xml or .json), and its
 * errors (docs/open311.md, "Errors"). One jansson value describes each
 * answer: the JSON answer is that value, and the XML answer the same value
 * written as elements, the mapping the specification calls the Spark
 * convention (an object's members become elements in their order; an
 * array's items become elements named for the array: services holds
 * service). */
#ifndef HONGWU_OPEN311_ANSWER_HTTP_H
#define HONGWU_OPEN311_ANSWER_HTTP_H

#include <jansson.h>

#include "http/request.h"

enum open311_format { OPEN311_XML, OPEN311_JSON };

/* The format the route's {format} names: HW_OK; HW_ENOTFOUND for any
 * other than xml and json, answered then by open311_error with XML, the
 * format the specification requires. */
int open311_format_of(struct request *req, enum open311_format *out);

/* Answers body (stolen) in f; root names the XML document's element. */
int open311_respond(struct request *req, unsigned status, enum open311_format f,
                    const char *root, json_t *body);

/* The specification's error: [{"code": status, "description": ...}] or
 * <errors><error><code/><description/></error></errors>. */
int open311_error(struct request *req, enum open311_format f, unsigned status,
                  const char *description);

/* Maps a failure of hongwu's own (a database error, memory) to the
 * specification's errors: 503 when busy, else 500, without details. */
int open311_fail(struct request *req, enum open311_format f, int rc);

#endif
