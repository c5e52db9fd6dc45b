/* Who the client is: the peer's address, or, when the peer is a trusted
 * proxy, the address it reports in X-Forwarded-For. Every per-client rule
 * (the request limit, login throttling, the access and audit logs) keys on
 * this address. */
#ifndef HONGWU_HTTP_CLIENT_ADDR_H
#define HONGWU_HTTP_CLIENT_ADDR_H

#include <arpa/inet.h>
#include <microhttpd.h>
#include <stdbool.h>

enum { CLIENT_ADDR_LEN = INET6_ADDRSTRLEN, TRUSTED_PROXIES_MAX = 16 };

struct trusted_proxies {
    struct in6_addr addr[TRUSTED_PROXIES_MAX]; /* IPv4 as IPv4-mapped IPv6 */
    int n;
};

/* Parses "ADDR[,ADDR...]" (IPv4 or IPv6 addresses; NULL or "" is none).
 * HW_EINVAL, with the bad item logged, when one is not an address. */
int trusted_proxies_parse(const char *list, struct trusted_proxies *out);

/* The client's address in canonical text (IPv4 dotted, IPv6 as inet_ntop
 * writes it) into out: the peer, unless the peer is trusted, in which case
 * X-Forwarded-For is read from the right and the first address not itself
 * a trusted proxy wins. "unknown" when the peer has no IP address. */
void client_addr_of(struct MHD_Connection *conn, const struct trusted_proxies *trusted,
                    char out[CLIENT_ADDR_LEN]);

#endif
