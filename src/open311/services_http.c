/* Discovery, the service list and a service's definition. */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/router.h"
#include "open311/call_http.h"
#include "open311/open311_http.h"
#include "open311/services.h"

static const char specification[] = "http://wiki.open311.org/GeoReport_v2";

/* Letters, digits and the punctuation of a host and port: anything else
 * in a Host header is not repeated back. */
static bool host_ok(const char *h)
{
    size_t n = h ? strlen(h) : 0;
    if (n == 0 || n > 255)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = h[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == ':' || c == '[' || c == ']'))
            return false;
    }
    return true;
}

int open311_http_discovery(struct request *req)
{
    struct open311_call c;
    if (!open311_call_format(req, &c))
        return HW_OK;
    /* The services change when a category does. */
    int64_t changed = 0;
    int rc = db_scalar_int(req->db, &changed,
                           "SELECT coalesce(max(updated_at), 0) FROM wo_categories", "");
    if (rc != HW_OK)
        return open311_fail(req, c.format, rc);
    char changeset[32], url[320] = "/open311/v2";
    clock_format_rfc3339(changed, changeset);
    const char *host = req_header(req, "Host");
    const char *proto = req_header(req, "X-Forwarded-Proto");
    if (host_ok(host))
        snprintf(url, sizeof url, "%s://%s/open311/v2",
                 proto && strcmp(proto, "https") == 0 ? "https" : "http", host);
    json_t *d = json_pack(
        "{ss ss ss s[{ss ss ss ss s[ss]}]}", "changeset", changeset, "contact",
        "The sub-district office (街道办事处) that runs this server.", "key_service",
        "Keys are issued by the server's operator to each client application"
        " (hongwu apikey add NAME --district ID).",
        "endpoints", "specification", specification, "url", url, "changeset", changeset, "type",
        "production", "formats", "text/xml", "application/json");
    return open311_respond(req, 200, c.format, "discovery", d);
}

int open311_http_services(struct request *req)
{
    struct open311_call c;
    if (!open311_call_begin(req, &c, open311_query(req, "jurisdiction_id"), NULL, false))
        return HW_OK;
    json_t *list;
    int rc = open311_services(req->db, c.district_id, req->lang == LANG_EN, &list);
    if (rc != HW_OK)
        return open311_fail(req, c.format, rc);
    return open311_respond(req, 200, c.format, "services", list);
}

int open311_http_service(struct request *req)
{
    struct open311_call c;
    if (!open311_call_begin(req, &c, open311_query(req, "jurisdiction_id"), NULL, false))
        return HW_OK;
    char code[ROUTE_TEXT_MAX + 1], name[256];
    int64_t category_id;
    int rc = route_text(req, "service_code", code, sizeof code);
    if (rc == HW_OK)
        rc = open311_service_find(req->db, c.district_id, code, &category_id, name, sizeof name);
    if (rc == HW_ENOTFOUND)
        return open311_error(req, c.format, 404, "service_code was not found.");
    if (rc != HW_OK)
        return open311_fail(req, c.format, rc);
    /* No service asks for more than the request itself: no attributes. */
    json_t *d = json_pack("{ss s[]}", "service_code", code, "attributes");
    return open311_respond(req, 200, c.format, "service_definition", d);
}
