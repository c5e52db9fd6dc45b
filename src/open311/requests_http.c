/* Service requests: POST one, GET many with the specification's filters,
 * GET one, and a token's request. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/text.h"
#include "http/router.h"
#include "open311/call_http.h"
#include "open311/file.h"
#include "open311/form.h"
#include "open311/open311_http.h"
#include "open311/request_view.h"
#include "open311/services.h"
#include "open311/w3time.h"

enum {
    SPAN_MAX_S = 90 * 86400, /* the specification's longest date range */
    NAME_MAX_BYTES = 2 * WO_NAME_MAX,
    PHONE_MAX = 32,
};

static const char form_type[] = "application/x-www-form-urlencoded";

/* Decimal degrees ("33.347812", "-122.4212043") as micro-degrees; digits
 * past the sixth decimal are dropped. false when malformed. */
static bool degrees_parse(const char *s, int64_t *e6)
{
    bool negative = *s == '-';
    s += negative;
    int64_t whole = 0, part = 0;
    int n = 0, decimals = 0;
    for (; *s >= '0' && *s <= '9'; s++, n++)
        if (n < 3)
            whole = whole * 10 + (*s - '0');
    if (n < 1 || n > 3)
        return false;
    if (*s == '.') {
        s++;
        for (; *s >= '0' && *s <= '9'; s++, decimals++)
            if (decimals < 6)
                part = part * 10 + (*s - '0');
        if (decimals == 0 || decimals > 15)
            return false;
        for (int i = decimals; i < 6; i++)
            part *= 10;
    }
    if (*s)
        return false;
    *e6 = (negative ? -1 : 1) * (whole * 1000000 + part);
    return true;
}

/* "+86 138-0511-0012" -> "13805110012": spaces and dashes dropped, and
 * China's country code. The work order checks it is a mobile number. */
static bool phone_normalize(const char *in, char out[PHONE_MAX])
{
    size_t k = 0;
    for (const char *p = in; *p; p++) {
        if (*p == ' ' || *p == '-')
            continue;
        if (k + 1 >= PHONE_MAX)
            return false;
        out[k++] = *p;
    }
    out[k] = '\0';
    const char *prefixes[] = {"+86", "0086", "86"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        size_t n = strlen(prefixes[i]);
        if (k == 11 + n && strncmp(out, prefixes[i], n) == 0) {
            memmove(out, out + n, k - n + 1);
            break;
        }
    }
    return true;
}

static bool ascii(const char *s)
{
    for (; s && *s; s++)
        if ((unsigned char)*s >= 0x80)
            return false;
    return true;
}

/* The reporter's name: "John Smith" in Latin letters, "吕文娟" (family name
 * first, no space) otherwise. NULL when neither part is given. */
static const char *join_name(const char *first, const char *last, char out[NAME_MAX_BYTES + 1])
{
    if (!first && !last)
        return NULL;
    if (!first || !last)
        snprintf(out, NAME_MAX_BYTES + 1, "%s", first ? first : last);
    else if (ascii(first) && ascii(last))
        snprintf(out, NAME_MAX_BYTES + 1, "%s %s", first, last);
    else
        snprintf(out, NAME_MAX_BYTES + 1, "%s%s", last, first);
    return out;
}

static int bad_param(struct request *req, enum open311_format f, const char *param,
                     const char *why)
{
    char text[200];
    snprintf(text, sizeof text, "%s %s", param, why);
    return open311_error(req, f, 400, text);
}

/* Every text the client sent is UTF-8 without control characters (line
 * breaks allowed in the description). */
static const char *bad_text(const struct form *form)
{
    for (size_t i = 0; i < form->n; i++) {
        bool multiline = strcmp(form->fields[i].name, "description") == 0;
        if (text_chars(form->fields[i].value, multiline) < 0 ||
            text_chars(form->fields[i].name, false) < 0)
            return form->fields[i].name;
    }
    return NULL;
}

int open311_http_create(struct request *req)
{
    /* The format first, for the errors of the body; the jurisdiction and
     * the key are in the body. */
    struct open311_call c;
    if (!open311_call_format(req, &c))
        return HW_OK;
    const char *type = req_header(req, "Content-Type");
    if (!type || strncmp(type, form_type, sizeof form_type - 1) != 0)
        return open311_error(req, c.format, 400,
                             "The request must be form-encoded"
                             " (application/x-www-form-urlencoded).");
    struct form form;
    int rc = form_parse(req->arena, req->body ? req->body : "", req->body_len, &form);
    if (rc == HW_EINVAL || rc == HW_ELIMIT)
        return open311_error(req, c.format, 400, "The form-encoded body is malformed.");
    if (rc != HW_OK)
        return open311_fail(req, c.format, rc);
    const char *bad = bad_text(&form);
    if (bad)
        return bad_param(req, c.format, bad, "is not UTF-8 text.");
    if (!open311_call_begin(req, &c, form_get(&form, "jurisdiction_id"),
                            form_get(&form, "api_key"), true))
        return HW_OK;

    struct open311_report r = {0};
    const char *code = form_get(&form, "service_code");
    char service_name[256];
    if (!code)
        return bad_param(req, c.format, "service_code", "was not provided.");
    rc = strlen(code) > ROUTE_TEXT_MAX ? HW_ENOTFOUND
                                       : open311_service_find(req->db, c.district_id, code,
                                                              &r.category_id, service_name,
                                                              sizeof service_name);
    if (rc == HW_ENOTFOUND)
        return open311_error(req, c.format, 404, "service_code was not found.");
    if (rc != HW_OK)
        return open311_fail(req, c.format, rc);

    const char *lat = form_get(&form, "lat"), *lon = form_get(&form, "long");
    const char *address_id = form_get(&form, "address_id");
    r.address_string = form_get(&form, "address_string");
    if ((lat || lon) &&
        (!lat || !lon || !degrees_parse(lat, &r.lat_e6) || !degrees_parse(lon, &r.lon_e6)))
        return bad_param(req, c.format, "lat/long", "must both be decimal degrees (WGS 84).");
    r.has_coords = lat != NULL;
    if (address_id) {
        char *end;
        long long v = strtoll(address_id, &end, 10);
        if (*end || v <= 0)
            return bad_param(req, c.format, "address_id", "must be a place's id.");
        r.address_id = v;
    }
    if (!r.has_coords && !r.address_string && !r.address_id)
        return open311_error(req, c.format, 400,
                             "A location was not provided: lat and long, address_string or"
                             " address_id.");
    /* A request may come without a description: its service says what. */
    r.description = form_get(&form, "description");
    if (!r.description)
        r.description = service_name;
    char name[NAME_MAX_BYTES + 1], phone[PHONE_MAX];
    r.name = join_name(form_get(&form, "first_name"), form_get(&form, "last_name"), name);
    const char *given_phone = form_get(&form, "phone");
    if (given_phone && !phone_normalize(given_phone, phone))
        return bad_param(req, c.format, "phone", "must be a mainland mobile number.");
    r.phone = given_phone ? phone : NULL;

    char number[WO_NUMBER_MAX], token[OPEN311_TOKEN_SIZE];
    const char *param = NULL;
    rc = open311_file(req->db, &c.client, req->client_ip, &r, number, token, &param);
    if (rc == HW_EINVAL)
        return bad_param(req, c.format, param ? param : "the request", "is invalid.");
    if (rc != HW_OK)
        return open311_fail(req, c.format, rc);
    json_t *answer = json_pack("[{ss ss s:n}]", "service_request_id", number, "token", token,
                               "account_id");
    return open311_respond(req, 200, c.format, "service_requests", answer);
}

/* A comma-separated list of words of letters, digits, '_' and '-'. */
static bool word_list(const char *s)
{
    if (!s || !*s || *s == ',')
        return false;
    for (; *s; s++) {
        char ch = *s;
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                  (ch >= '0' && ch <= '9') || ch == '_' || ch == '-' ||
                  (ch == ',' && s[1] && s[1] != ',');
        if (!ok)
            return false;
    }
    return true;
}

/* GET requests with service_request_id: those requests, in the order
 * asked, leaving out the ones that do not exist. */
static int requests_by_number(struct request *req, const struct open311_call *c,
                              const char *ids)
{
    if (!word_list(ids))
        return bad_param(req, c->format, "service_request_id",
                         "must be a comma-separated list of request numbers.");
    json_t *list = json_array();
    if (!list)
        return HW_ENOMEM;
    size_t count = 0;
    int rc = HW_OK;
    for (const char *p = ids; *p && rc == HW_OK;) {
        size_t n = strcspn(p, ",");
        char number[WO_NUMBER_MAX];
        if (++count > OPEN311_REQUESTS_MAX) {
            json_decref(list);
            return bad_param(req, c->format, "service_request_id", "names too many requests.");
        }
        if (n < sizeof number) {
            memcpy(number, p, n);
            number[n] = '\0';
            rc = open311_request_append(req->db, c->district_id, number, c->keyed, list);
            if (rc == HW_ENOTFOUND)
                rc = HW_OK;
        }
        p += n + (p[n] == ',');
    }
    if (rc != HW_OK) {
        json_decref(list);
        return open311_fail(req, c->format, rc);
    }
    return open311_respond(req, 200, c->format, "service_requests", list);
}

int open311_http_requests(struct request *req)
{
    struct open311_call c;
    if (!open311_call_begin(req, &c, open311_query(req, "jurisdiction_id"),
                            open311_query(req, "api_key"), false))
        return HW_OK;
    const char *ids = open311_query(req, "service_request_id");
    if (ids)
        return requests_by_number(req, &c, ids);

    struct open311_filter f = {.district_id = c.district_id};
    f.codes = open311_query(req, "service_code");
    if (f.codes && (!word_list(f.codes) || strlen(f.codes) > OPEN311_CODES_MAX))
        return bad_param(req, c.format, "service_code",
                         "must be a comma-separated list of service codes.");
    const char *status = open311_query(req, "status");
    if (status) {
        bool open = false, closed = false;
        for (const char *p = status; *p;) {
            size_t n = strcspn(p, ",");
            if (n == 4 && strncmp(p, "open", 4) == 0)
                open = true;
            else if (n == 6 && strncmp(p, "closed", 6) == 0)
                closed = true;
            else
                return bad_param(req, c.format, "status", "must be open, closed or both.");
            p += n + (p[n] == ',');
        }
        f.status = open && closed ? NULL : open ? "open" : "closed";
    }
    const char *start = open311_query(req, "start_date"), *end = open311_query(req, "end_date");
    if (start && w3time_parse(start, &f.from) != HW_OK)
        return bad_param(req, c.format, "start_date", "must be a W3C date-time.");
    if (end && w3time_parse(end, &f.to) != HW_OK)
        return bad_param(req, c.format, "end_date", "must be a W3C date-time.");
    if (!start && !end)
        f.to = clock_now();
    if (!start)
        f.from = f.to - SPAN_MAX_S;
    if (!end)
        f.to = f.from + SPAN_MAX_S;
    if (f.to < f.from)
        return bad_param(req, c.format, "end_date", "is before start_date.");
    if (f.to - f.from > SPAN_MAX_S)
        return open311_error(req, c.format, 400,
                             "start_date and end_date may be at most 90 days apart.");
    json_t *list;
    int rc = open311_requests_list(req->db, &f, c.keyed, &list);
    if (rc != HW_OK)
        return open311_fail(req, c.format, rc);
    return open311_respond(req, 200, c.format, "service_requests", list);
}

int open311_http_request(struct request *req)
{
    struct open311_call c;
    if (!open311_call_begin(req, &c, open311_query(req, "jurisdiction_id"),
                            open311_query(req, "api_key"), false))
        return HW_OK;
    char number[ROUTE_TEXT_MAX + 1];
    json_t *list = json_array();
    if (!list)
        return HW_ENOMEM;
    int rc = route_text(req, "service_request_id", number, sizeof number);
    if (rc == HW_OK)
        rc = open311_request_append(req->db, c.district_id, number, c.keyed, list);
    if (rc != HW_OK) {
        json_decref(list);
        return rc == HW_ENOTFOUND
                   ? open311_error(req, c.format, 404, "service_request_id was not found.")
                   : open311_fail(req, c.format, rc);
    }
    return open311_respond(req, 200, c.format, "service_requests", list);
}

int open311_http_token(struct request *req)
{
    struct open311_call c;
    if (!open311_call_begin(req, &c, open311_query(req, "jurisdiction_id"), NULL, false))
        return HW_OK;
    char token[ROUTE_TEXT_MAX + 1];
    struct db_stmt *st;
    int rc = route_text(req, "token", token, sizeof token);
    if (rc == HW_OK)
        rc = db_query_row(req->db, &st,
                          "SELECT w.number FROM open311_requests r"
                          " JOIN work_orders w ON w.id = r.order_id"
                          " WHERE r.token = $1 AND r.district_id = $2",
                          "si", token, c.district_id);
    if (rc == HW_ENOTFOUND)
        return open311_error(req, c.format, 404, "token was not found.");
    if (rc != HW_OK)
        return open311_fail(req, c.format, rc);
    json_t *answer = json_pack("[{ss ss}]", "service_request_id", db_col_text(st, 0), "token",
                               token);
    db_reset(st);
    return open311_respond(req, 200, c.format, "service_requests", answer);
}
