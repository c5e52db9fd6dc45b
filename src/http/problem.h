/* RFC 9457 problem+json answers: a stable type per failure, a title in the
 * caller's language, and field errors collected while validating. */
#ifndef HONGWU_HTTP_PROBLEM_H
#define HONGWU_HTTP_PROBLEM_H

#include "http/request.h"

enum problem {
    PROBLEM_NOT_FOUND,
    PROBLEM_METHOD_NOT_ALLOWED,
    PROBLEM_MALFORMED_JSON,
    PROBLEM_VALIDATION,
    PROBLEM_TOO_LARGE,
    PROBLEM_UNAUTHENTICATED,
    PROBLEM_BAD_CREDENTIALS,
    PROBLEM_CSRF,
    PROBLEM_FORBIDDEN,
    PROBLEM_TOO_MANY_ATTEMPTS,
    PROBLEM_CONFLICT,
    PROBLEM_PRECONDITION,
    PROBLEM_PRECONDITION_REQUIRED,
    PROBLEM_UNAVAILABLE,
    PROBLEM_INTERNAL,
    PROBLEM_BAD_REQUEST,
    PROBLEM_NOT_IMPLEMENTED,
    PROBLEM_UNSUPPORTED_MEDIA_TYPE,
    PROBLEM_TOO_MANY_REQUESTS,
};

/* The most field errors one answer lists; it says how many more there were. */
enum { FIELD_ERRORS_MAX = 50 };

enum field_error {
    FIELD_REQUIRED,
    FIELD_UNKNOWN,
    FIELD_WRONG_TYPE,
    FIELD_INVALID,
    FIELD_TOO_LONG,
};

/* Records a field error on the request; sent by the next problem_send().
 * Past FIELD_ERRORS_MAX errors are only counted (errors_omitted). */
void problem_field(struct request *req, const char *field, enum field_error code);
/* Same, with a message of the handler's own in both languages. */
void problem_field_msg(struct request *req, const char *field, enum field_error code,
                       const char *zh, const char *en);

/* Words for an invalid field, kept by each area beside its handlers. */
struct field_message {
    const char *field, *zh, *en;
};
/* Records an "invalid" error on field with table's words for it (the
 * generic words when the table has none); returns HW_EINVAL. */
int problem_field_invalid(struct request *req, const char *field,
                          const struct field_message *table, size_t n);
#define PROBLEM_FIELD_INVALID(req, field, table)                                         \
    problem_field_invalid(req, field, table, sizeof table / sizeof table[0])

/* Answers with the problem; detail may be NULL. Returns HW_OK or HW_ENOMEM. */
int problem_send(struct request *req, enum problem p, const char *detail);
/* The same with extension members (RFC 9457 section 3.2) taken from the
 * object members, whose reference is stolen: an import's report. */
int problem_send_members(struct request *req, enum problem p, const char *detail,
                         json_t *members);

/* Maps an hw_err from a handler to its problem and answers with it. */
int problem_from_error(struct request *req, int err);

#endif
