/* Supervision's HTTP handlers (docs/api-oversight.md). */
#ifndef HONGWU_OVERSIGHT_OVERSIGHT_HTTP_H
#define HONGWU_OVERSIGHT_OVERSIGHT_HTTP_H

#include <stdbool.h>
#include <stdint.h>

#include "http/request.h"
#include "kit/principal.h"
#include "store/db.h"

/* oversight_complaint_http.c: the discipline inspector's console */
int oversight_http_complaints(struct request *req);
int oversight_http_record_box(struct request *req);
int oversight_http_complaint(struct request *req);
int oversight_http_step(struct request *req);
int oversight_http_contact(struct request *req);
/* The record rule of kind "complaint" (kit/scope.h). */
int oversight_complaint_visible(struct db *db, const struct principal *who, int64_t id, bool write);

/* oversight_public_http.c: no sign-in */
int oversight_http_public_places(struct request *req);
int oversight_http_public_file(struct request *req);
int oversight_http_public_status(struct request *req);
int oversight_http_public_lists(struct request *req);
int oversight_http_public_list(struct request *req);

/* oversight_rating_http.c: the evaluation */
int oversight_http_formula(struct request *req);
int oversight_http_put_formula(struct request *req);
int oversight_http_third_party(struct request *req);
int oversight_http_add_third_party(struct request *req);
int oversight_http_preview(struct request *req);
int oversight_http_publish(struct request *req);

/* oversight_filing_http.c: what both ways of filing share */
struct oversight_filing;
/* Trims a body string in the request's arena; NULL stays NULL, and a
 * string of blanks only becomes NULL. */
const char *oversight_trimmed(struct request *req, const char *s);
/* Files f at place_id as one audited write and answers 201 with the
 * tracking code; recorded_by 0 for the public. */
int oversight_http_file(struct request *req, int64_t place_id, const struct oversight_filing *f,
                        int64_t recorded_by);

#endif
