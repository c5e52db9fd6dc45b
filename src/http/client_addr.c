#include "http/client_addr.h"

#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "base/err.h"
#include "base/log.h"

enum { XFF_LINES_MAX = 8 };

/* An IPv4 or IPv6 address of n bytes at s; IPv4 becomes IPv4-mapped. */
static bool parse_addr(const char *s, size_t n, struct in6_addr *out)
{
    char buf[CLIENT_ADDR_LEN];
    if (n == 0 || n >= sizeof buf)
        return false;
    memcpy(buf, s, n);
    buf[n] = '\0';
    struct in_addr v4;
    if (inet_pton(AF_INET, buf, &v4) == 1) {
        memset(out, 0, sizeof *out);
        out->s6_addr[10] = 0xff;
        out->s6_addr[11] = 0xff;
        memcpy(&out->s6_addr[12], &v4, 4);
        return true;
    }
    return inet_pton(AF_INET6, buf, out) == 1;
}

static void format_addr(const struct in6_addr *a, char out[CLIENT_ADDR_LEN])
{
    const char *ok = IN6_IS_ADDR_V4MAPPED(a)
                         ? inet_ntop(AF_INET, &a->s6_addr[12], out, CLIENT_ADDR_LEN)
                         : inet_ntop(AF_INET6, a, out, CLIENT_ADDR_LEN);
    if (!ok)
        snprintf(out, CLIENT_ADDR_LEN, "unknown");
}

int trusted_proxies_parse(const char *list, struct trusted_proxies *out)
{
    out->n = 0;
    for (const char *p = list; p && *p;) {
        size_t n = strcspn(p, ",");
        const char *item = p;
        size_t len = n;
        while (len && (*item == ' ' || *item == '\t'))
            item++, len--;
        while (len && (item[len - 1] == ' ' || item[len - 1] == '\t'))
            len--;
        if (out->n == TRUSTED_PROXIES_MAX) {
            log_error("serve: --trusted-proxy takes at most %d addresses", TRUSTED_PROXIES_MAX);
            return HW_EINVAL;
        }
        if (!parse_addr(item, len, &out->addr[out->n])) {
            log_error("serve: --trusted-proxy: '%.*s' is not an IPv4 or IPv6 address",
                      (int)(len < 64 ? len : 64), item);
            return HW_EINVAL;
        }
        out->n++;
        p += n;
        if (*p == ',')
            p++;
    }
    return HW_OK;
}

static bool is_trusted(const struct trusted_proxies *t, const struct in6_addr *a)
{
    for (int i = 0; i < t->n; i++)
        if (memcmp(&t->addr[i], a, sizeof *a) == 0)
            return true;
    return false;
}

static bool peer_addr(struct MHD_Connection *conn, struct in6_addr *out)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (!ci || !ci->client_addr)
        return false;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET6) {
        *out = ((const struct sockaddr_in6 *)sa)->sin6_addr;
        return true;
    }
    if (sa->sa_family != AF_INET)
        return false;
    memset(out, 0, sizeof *out);
    out->s6_addr[10] = 0xff;
    out->s6_addr[11] = 0xff;
    memcpy(&out->s6_addr[12], &((const struct sockaddr_in *)sa)->sin_addr, 4);
    return true;
}

/* The X-Forwarded-For field lines, in order; when there are more than
 * XFF_LINES_MAX the last ones are kept, as they are the nearest hops. */
struct xff_lines {
    const char *line[XFF_LINES_MAX];
    int n;
};

static enum MHD_Result collect_xff(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    (void)kind;
    struct xff_lines *x = cls;
    if (!key || !value || strcasecmp(key, "X-Forwarded-For") != 0)
        return MHD_YES;
    if (x->n == XFF_LINES_MAX) {
        memmove(&x->line[0], &x->line[1], sizeof x->line[0] * (XFF_LINES_MAX - 1));
        x->n--;
    }
    x->line[x->n++] = value;
    return MHD_YES;
}

/* Walks one field line's list from the right while *cur is a trusted
 * proxy, replacing *cur with the address that hop reports. False when an
 * element is not an address: the walk stops at the hop that sent it. */
static bool walk_line(const char *line, const struct trusted_proxies *t, struct in6_addr *cur)
{
    size_t end = strlen(line);
    while (end > 0 && is_trusted(t, cur)) {
        size_t start = end;
        while (start > 0 && line[start - 1] != ',')
            start--;
        size_t a = start, b = end;
        while (a < b && (line[a] == ' ' || line[a] == '\t'))
            a++;
        while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t'))
            b--;
        if (b > a) { /* an empty list element is allowed, and skipped (RFC 9110 5.6.1) */
            struct in6_addr next;
            if (!parse_addr(line + a, b - a, &next))
                return false;
            *cur = next;
        }
        end = start > 0 ? start - 1 : 0;
    }
    return true;
}

void client_addr_of(struct MHD_Connection *conn, const struct trusted_proxies *trusted,
                    char out[CLIENT_ADDR_LEN])
{
    struct in6_addr cur;
    if (!peer_addr(conn, &cur)) {
        snprintf(out, CLIENT_ADDR_LEN, "unknown");
        return;
    }
    if (trusted->n > 0 && is_trusted(trusted, &cur)) {
        /* Only a trusted peer's X-Forwarded-For is believed; each trusted hop
         * appends the address it was connected from, so the right-most
         * address that is not a trusted proxy is the client. */
        struct xff_lines x = {.n = 0};
        MHD_get_connection_values(conn, MHD_HEADER_KIND, collect_xff, &x);
        for (int i = x.n - 1; i >= 0 && is_trusted(trusted, &cur); i--)
            if (!walk_line(x.line[i], trusted, &cur))
                break;
    }
    format_addr(&cur, out);
}
