#include "open311/call_http.h"

#include <stdio.h>

#include "base/err.h"
#include "open311/jurisdiction.h"

const char *open311_query(struct request *req, const char *name)
{
    const char *v = req_query(req, name);
    return v && *v ? v : NULL;
}

bool open311_call_format(struct request *req, struct open311_call *c)
{
    *c = (struct open311_call){.format = OPEN311_XML};
    if (open311_format_of(req, &c->format) == HW_OK)
        return true;
    open311_error(req, OPEN311_XML, 404, "This format is not served: use .xml or .json.");
    return false;
}

bool open311_call_begin(struct request *req, struct open311_call *c, const char *jurisdiction_id,
                        const char *api_key, bool key_required)
{
    if (!open311_call_format(req, c))
        return false;
    int rc = open311_jurisdiction(req->db, jurisdiction_id, &c->district_id);
    if (rc == HW_EINVAL) {
        open311_error(req, c->format, 400,
                      "jurisdiction_id was not provided: this server serves several"
                      " jurisdictions (each sub-district's place code).");
        return false;
    }
    if (rc == HW_ENOTFOUND) {
        open311_error(req, c->format, 404, "jurisdiction_id was not found.");
        return false;
    }
    if (rc != HW_OK) {
        open311_fail(req, c->format, rc);
        return false;
    }
    if (!api_key || !*api_key) {
        if (!key_required)
            return true;
        open311_error(req, c->format, 403, "api_key was not provided.");
        return false;
    }
    rc = open311_key_check(req->db, api_key, &c->client);
    if (rc == HW_OK && c->client.district_id != c->district_id) {
        open311_error(req, c->format, 403, "api_key is not a key of this jurisdiction.");
        return false;
    }
    if (rc == HW_EAUTH) {
        open311_error(req, c->format, 403, "Invalid api_key received.");
        return false;
    }
    if (rc != HW_OK) {
        open311_fail(req, c->format, rc);
        return false;
    }
    c->keyed = true;
    return true;
}
