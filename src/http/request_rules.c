#include "http/request_rules.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

/* What the header lines say about framing, gathered in one pass. */
struct head {
    int host_lines, length_lines, coding_lines;
    bool length_bad;      /* a Content-Length that is not 1*DIGIT */
    bool chunked_seen;    /* "chunked" was among the codings so far */
    bool chunked_twice;   /* ... more than once */
    bool last_is_chunked; /* the last coding so far is "chunked" */
    bool other_coding;    /* a coding other than "chunked" */
};

static bool is_ows(char c) { return c == ' ' || c == '\t'; }

/* Adds one Transfer-Encoding field line's codings, in order. */
static void add_codings(struct head *h, const char *value)
{
    for (const char *p = value; *p;) {
        size_t n = strcspn(p, ",");
        size_t a = 0, b = n;
        while (a < b && is_ows(p[a]))
            a++;
        while (b > a && is_ows(p[b - 1]))
            b--;
        if (b > a) { /* empty list elements are skipped (RFC 9110 section 5.6.1) */
            bool chunked = b - a == 7 && strncasecmp(p + a, "chunked", 7) == 0;
            if (chunked && h->chunked_seen)
                h->chunked_twice = true;
            h->chunked_seen |= chunked;
            h->other_coding |= !chunked;
            h->last_is_chunked = chunked;
        }
        p += n;
        if (*p == ',')
            p++;
    }
}

static enum MHD_Result note_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
    (void)kind;
    struct head *h = cls;
    if (!key)
        return MHD_YES;
    if (strcasecmp(key, "Host") == 0) {
        h->host_lines++;
    } else if (strcasecmp(key, "Content-Length") == 0) {
        h->length_lines++;
        size_t digits = value ? strspn(value, "0123456789") : 0;
        if (!value || digits == 0 || value[digits] != '\0' || digits > 18)
            h->length_bad = true;
    } else if (strcasecmp(key, "Transfer-Encoding") == 0) {
        h->coding_lines++;
        add_codings(h, value ? value : "");
    }
    return MHD_YES;
}

static struct request_verdict refuse(unsigned status, const char *detail)
{
    return (struct request_verdict){status, detail};
}

struct request_verdict request_rules_check(struct MHD_Connection *conn, const char *version)
{
    struct head h = {0};
    MHD_get_connection_values(conn, MHD_HEADER_KIND, note_header, &h);
    bool http10 = version && strcmp(version, MHD_HTTP_VERSION_1_0) == 0;

    /* RFC 9112 section 3.2: 400 for an HTTP/1.1 request without Host, or
     * with more than one Host field line. */
    if (!http10 && h.host_lines == 0)
        return refuse(400, "An HTTP/1.1 request needs a Host header");
    if (h.host_lines > 1)
        return refuse(400, "More than one Host header");
    /* RFC 9112 section 6.3 (5) and RFC 9110 section 8.6: a Content-Length
     * that is repeated or not a number leaves the body's length unknown. */
    if (h.length_lines > 1)
        return refuse(400, "More than one Content-Length header");
    if (h.length_lines == 1 && h.length_bad)
        return refuse(400, "Content-Length is not a number");
    if (h.coding_lines == 0)
        return refuse(0, NULL);
    /* RFC 9112 section 6.1: Transfer-Encoding in an HTTP/1.0 request means
     * faulty framing. */
    if (http10)
        return refuse(400, "Transfer-Encoding in an HTTP/1.0 request");
    /* RFC 9112 section 6.3 (3): both headers may be an attempt to smuggle a
     * request; the server may refuse it, and does. */
    if (h.length_lines > 0)
        return refuse(400, "Both Transfer-Encoding and Content-Length");
    /* RFC 9112 section 6.3 (4): chunked must be the final coding, else the
     * length cannot be determined: 400. Section 6.1: chunked at most once. */
    if (!h.last_is_chunked || h.chunked_twice)
        return refuse(400, "Transfer-Encoding must end in chunked, once");
    /* RFC 9112 section 6.1: a transfer coding the server does not
     * understand: 501. hongwu decodes none but chunked. */
    if (h.other_coding)
        return refuse(501, "No transfer coding but chunked is supported");
    return refuse(0, NULL);
}
