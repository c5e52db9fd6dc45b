/* Grid care's HTTP handlers (docs/api-care.md). */
#ifndef HONGWU_CARE_CARE_HTTP_H
#define HONGWU_CARE_CARE_HTTP_H

#include <jansson.h>
#include <stdbool.h>

#include "http/request.h"

/* care_household_http.c */
int care_http_households(struct request *req);
int care_http_household(struct request *req);
int care_http_set_tier(struct request *req);
int care_http_give_consent(struct request *req);
int care_http_withdraw_consent(struct request *req);
int care_http_rules(struct request *req);
int care_http_put_rule(struct request *req);
/* Logs a sensitive tier shown whole (subject care_household). */
int care_http_log_read(struct request *req, int64_t dwelling_id, bool disclosed);

/* care_visit_http.c */
int care_http_create_visit(struct request *req);
int care_http_visits(struct request *req);
int care_http_household_visits(struct request *req);
int care_http_visit(struct request *req);

/* care_plan_http.c */
int care_http_due(struct request *req);
int care_http_compliance(struct request *req);
int care_http_map(struct request *req);
int care_http_public_map(struct request *req);

/* care_log_http.c */
int care_http_create_log(struct request *req);
int care_http_logs(struct request *req);
int care_http_log(struct request *req);
int care_http_patch_log(struct request *req);
int care_http_create_mediation(struct request *req);
int care_http_mediations(struct request *req);
int care_http_mediation(struct request *req);
int care_http_add_meeting(struct request *req);
int care_http_add_follow_up(struct request *req);
int care_http_mediation_outcome(struct request *req);

/* care_body_http.c: bodies with arrays and objects, which http/body.h's
 * field tables do not describe. Loads the body as an object whose keys are
 * all in allowed (NULL-terminated): 400 when malformed, 422 on an unknown key. */
int care_body_load(struct request *req, const char *const *allowed, json_t **root);
/* A string member: NULL when absent or null; a field error (and *bad set)
 * when of another type, longer than max bytes, or missing when required. */
const char *care_body_text(struct request *req, json_t *obj, const char *name, bool required,
                           size_t max, bool *bad);
/* An integer member; 0 when absent. */
int64_t care_body_int(struct request *req, json_t *obj, const char *name, bool required, bool *bad);
/* An RFC 3339 time member; dflt when absent. */
int64_t care_body_time(struct request *req, json_t *obj, const char *name, int64_t dflt, bool *bad);

#endif
