/* What RFC 9110 and RFC 9112 tell a server to refuse in a request's head:
 * checked on the headers, before anything reads the body. libmicrohttpd
 * (MHD_OPTION_STRICT_FOR_CLIENT) refuses HTTP/1.1 without Host and spaces in
 * the target; these are the rules on message framing it leaves to us. */
#ifndef HONGWU_HTTP_REQUEST_RULES_H
#define HONGWU_HTTP_REQUEST_RULES_H

#include <microhttpd.h>

struct request_verdict {
    unsigned status;    /* 0: the head is fine; else 400 or 501 */
    const char *detail; /* why, in English, for the problem's detail */
};

/* Checks Host, Content-Length and Transfer-Encoding of the request on conn,
 * sent as HTTP version (e.g. "HTTP/1.1"). */
struct request_verdict request_rules_check(struct MHD_Connection *conn, const char *version);

#endif
