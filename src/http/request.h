/* One HTTP request as handlers see it: its arena, parsed body, caller and
 * path parameters. Handlers answer through response.h and return an hw_err;
 * an error without an answer becomes a problem+json by router.c. */
#ifndef HONGWU_HTTP_REQUEST_H
#define HONGWU_HTTP_REQUEST_H

#include <jansson.h>
#include <microhttpd.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/arena.h"
#include "store/db.h"

enum lang { LANG_ZH, LANG_EN };
struct pending_header;
struct principal; /* the caller: the shared kit's (kit/principal.h) */
struct route;
enum { MAX_PATH_PARAMS = 4 };

struct request {
    struct MHD_Connection *conn;
    struct arena *arena;
    const char *method, *path; /* path percent-decoded; method NULL until the headers are in */
    const char *target;        /* the path as received, for the access log */
    int64_t started_us;

    /* The body, read up to the cap (the route's, else the server's). */
    char *body;
    size_t body_len, body_cap;
    size_t body_alloc; /* bytes allocated for body: it grows as the body comes */
    bool body_too_large;
    size_t body_dropped; /* bytes read and dropped: past the cap, or after an answer */
    bool refuse_body;    /* its framing is in doubt: no byte of the body is read */
    json_t *json;        /* parsed body, owned by the arena */
    json_t *json_errors; /* field errors for the next problem answer */
    size_t json_errors_omitted; /* beyond the most one answer lists */

    enum lang lang;
    const char *client_ip; /* the client's address (http/client_addr.h) */
    bool counted;          /* in the server's in-flight count */
    bool limit_held;       /* counted by http/client_limit.h */
    struct db *db;
    const struct route *route; /* set by router_admit() */
    struct principal *who; /* NULL until authenticated */
    int64_t user_id;       /* who's account, for the access log; 0 when nobody */
    bool via_cookie;
    const char *session_token; /* this request's token, for logout and CSRF */
    const char *idempotency_key; /* claimed for this POST, see kit/idempotency.h */
    /* Called once with the answer's body as it is sent (NULL when the
     * handler failed without answering): the Idempotency-Key record. */
    void (*answer_hook)(struct request *req, const char *body);
    /* The answer was kept with the write, in its transaction: once it commits,
     * a retry is answered with it (kit/idempotency.h). */
    bool idempotency_kept;
    /* Sensitive reads logged under that claim, kept with the answer so a
     * replay logs them again (idempotency_note_read); owned by the arena. */
    json_t *idempotency_reads;
    bool idempotency_reads_overflow; /* too many to keep: the answer is not kept */

    int64_t params[MAX_PATH_PARAMS]; /* {id} segments, in order */
    int nparams;

    struct pending_header *headers; /* added by respond_header() */
    int status; /* what was answered, for the access log */
    bool answered;
    /* Answered on an offload thread (http/offload.h): the answer is kept
     * here, and queued by the connection's own thread after the resume. */
    bool deferred;
    struct MHD_Response *kept;
    unsigned kept_status;
};

/* Runs and clears req->answer_hook, if set. */
void request_answer_hook(struct request *req, const char *body);

/* A query parameter or header, NULL when absent. */
const char *req_query(struct request *req, const char *name);
const char *req_header(struct request *req, const char *name);

/* Parses a query parameter as a positive integer; *out untouched when absent.
 * Returns HW_EINVAL (with a field error recorded) when present but bad. */
int req_query_id(struct request *req, const char *name, int64_t *out);

/* Cursor pagination: ?limit= (1..200, default 50) and ?after= (an id). */
int req_page(struct request *req, int64_t *limit, int64_t *after);

/* Registers a jansson value to be released with the request. */
json_t *req_keep(struct request *req, json_t *v);

#endif
