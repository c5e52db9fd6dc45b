/* Long requests (an import, an export) run on a thread of their own.
 *
 * libmicrohttpd's thread pool gives each connection to one worker thread for
 * its life; a handler that runs for a minute would leave every other
 * connection of that thread unanswered for the minute. A route marked
 * long_running is instead answered by an offload thread: the connection is
 * suspended, the handler runs there on the thread's own database
 * connection, its answer is kept (response.c), and the connection is
 * resumed so its I/O thread sends it. */
#ifndef HONGWU_HTTP_OFFLOAD_H
#define HONGWU_HTTP_OFFLOAD_H

#include <stdbool.h>

#include "http/request.h"

enum {
    /* Long requests running at once; more are answered 503 with Retry-After. */
    OFFLOAD_MAX = 8,
};

/* Starts req's handler on an offload thread, req->conn suspended. Returns
 * false, having done nothing, when OFFLOAD_MAX run already or no thread can
 * be made: the caller answers 503. */
bool offload_start(struct request *req);

/* After the resume: queues the answer the handler kept. */
void offload_answer(struct request *req);

/* Waits until no offload thread runs (before the daemon stops). */
void offload_drain(void);

#endif
