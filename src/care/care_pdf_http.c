/* GET /api/v1/care/places/{id}/map.pdf: the staff or the public 户情图 of a
 * building or compound (care/map.h) drawn on A4 or A3 (care/care_pdf.h). */
#include "care/care_pdf_http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "care/care_http.h"
#include "care/care_pdf.h"
#include "care/map.h"
#include "care/schedule.h"
#include "http/response.h"
#include "kit/record_routes.h"

enum { HOST_MAX = 255 };

/* A Host header fit to print in an address: a name or address and a port. */
static bool host_ok(const char *host)
{
    size_t n = host ? strlen(host) : 0;
    return n > 0 && n <= HOST_MAX &&
           strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") == n;
}

/* The report page's absolute address, as the client reached this server
 * (behind nginx: the Host and X-Forwarded-Proto it passes on). */
static const char *report_address(struct request *req, const json_t *map)
{
    const char *path = json_string_value(json_object_get(map, "report_url"));
    const char *host = req_header(req, "Host");
    const char *proto = req_header(req, "X-Forwarded-Proto");
    if (!path)
        return NULL;
    if (!host_ok(host))
        return path;
    return arena_printf(req->arena, "%s://%s%s",
                        proto && strcmp(proto, "https") == 0 ? "https" : "http", host, path);
}

/* Each orange household the staff map shows whole is a sensitive read, as
 * on the map's data route. */
static int log_reads(struct request *req, const json_t *map)
{
    size_t b, f, c, d;
    json_t *bv, *fv, *cv, *dv;
    json_array_foreach(json_object_get(map, "buildings"), b, bv)
        json_array_foreach(json_object_get(bv, "floors"), f, fv)
            json_array_foreach(json_object_get(fv, "cells"), c, cv)
                json_array_foreach(json_object_get(cv, "dwellings"), d, dv) {
        const char *tier = json_string_value(json_object_get(dv, "tier"));
        if (!tier || strcmp(tier, "orange") != 0)
            continue;
        int rc = care_http_log_read(req, json_integer_value(json_object_get(dv, "id")), true);
        if (rc != HW_OK)
            return rc;
    }
    return HW_OK;
}

static int send_pdf(struct request *req, unsigned char *data, size_t len, bool public_map,
                    enum care_pdf_size size)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(data);
        return HW_ENOMEM;
    }
    char disposition[96];
    snprintf(disposition, sizeof disposition, "inline; filename=\"care-map-%lld-%s%s.pdf\"",
             (long long)req->params[0], public_map ? "public-" : "",
             size == CARE_PDF_A3 ? "a3" : "a4");
    MHD_add_response_header(r, "Content-Type", "application/pdf");
    MHD_add_response_header(r, "Content-Disposition", disposition);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    return respond_mhd(req, 200, r);
}

int care_http_map_pdf(struct request *req)
{
    enum care_pdf_size size;
    if (care_pdf_size_parse(req_query(req, "size"), &size) != HW_OK)
        return write_field_invalid(req, "size");
    const char *pub = req_query(req, "public");
    if (pub && strcmp(pub, "0") != 0 && strcmp(pub, "1") != 0)
        return write_field_invalid(req, "public");
    bool public_map = pub && strcmp(pub, "1") == 0;

    int64_t today = care_day_of_epoch(clock_now());
    json_t *map = NULL;
    bool disclosed = false;
    int rc = care_map_json(req->db, req->who, req->params[0], public_map, today, &map, &disclosed);
    if (rc == HW_ENOTFOUND) /* a place of another kind: no map */
        return write_field_invalid(req, "id");
    if (rc == HW_OK && disclosed)
        rc = log_reads(req, map);
    char date[CARE_DATE_SIZE];
    care_day_format(today, date);
    struct care_pdf_request rq = {.map = map, .public_map = public_map, .size = size,
                                  .english = req->lang == LANG_EN, .date = date};
    unsigned char *data = NULL;
    size_t len = 0;
    if (rc == HW_OK && public_map && !(rq.report_url = report_address(req, map)))
        rc = HW_ENOMEM;
    if (rc == HW_OK)
        rc = care_pdf_render(&rq, &data, &len);
    json_decref(map);
    return rc == HW_OK ? send_pdf(req, data, len, public_map, size) : rc;
}
