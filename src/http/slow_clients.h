/* Slow clients: a bound on the whole time a request takes to arrive, and a
 * share of the connections kept for clients that are not slow.
 *
 * libmicrohttpd's idle timeout starts again with every byte received, so a
 * client that trickles a byte now and then holds its connection forever.
 * The guard keeps, per connection, what it is waiting for and since when:
 * - headers: they must all arrive within header_timeout_s of the connection
 *   opening (or of the previous answer, on a kept-alive connection);
 * - a body: it must average body_min_rate bytes a second once
 *   header_timeout_s has passed since the headers;
 * a connection past its bound is closed (RFC 9110 §15.5.9 lets a server
 * close a connection whose request did not arrive in time). At most
 * header_conns connections wait for headers at once: one more closes the
 * one that has waited longest, so a flood of idle connections churns among
 * itself while a client that sends its request at once is served. */
#ifndef HONGWU_HTTP_SLOW_CLIENTS_H
#define HONGWU_HTTP_SLOW_CLIENTS_H

#include <stdbool.h>
#include <stddef.h>

#include <microhttpd.h>

struct slow_limits {
    unsigned header_timeout_s; /* a request's headers arrive within this */
    unsigned body_min_rate;    /* bytes per second a body averages, after the above */
    unsigned header_conns;     /* connections waiting for headers at once */
};

struct slow_guard;

/* Tracks up to capacity connections (the connection limit) and starts the
 * thread that closes those past their bound. */
int slow_guard_create(const struct slow_limits *limits, unsigned capacity,
                      struct slow_guard **out);
/* Stops the thread; call after MHD_stop_daemon. */
void slow_guard_destroy(struct slow_guard *g);

/* MHD_OPTION_NOTIFY_CONNECTION's callback, with the guard as cls. */
void slow_guard_notify(void *cls, struct MHD_Connection *conn, void **socket_context,
                       enum MHD_ConnectionNotificationCode code);

/* The request's headers are in: its body is awaited now. */
void slow_guard_headers_in(struct slow_guard *g, struct MHD_Connection *conn);
/* size more bytes of body arrived; false when the body is too slow and the
 * connection is to be closed. */
bool slow_guard_body_in(struct slow_guard *g, struct MHD_Connection *conn, size_t size);
/* The whole request is in: no bound while it is handled and answered. */
void slow_guard_request_in(struct slow_guard *g, struct MHD_Connection *conn);
/* The answer is sent: the connection waits for the next request's headers. */
void slow_guard_answered(struct slow_guard *g, struct MHD_Connection *conn);

#endif
