/* "Me too": open orders like the one about to be filed, and joining one. */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/response.h"
#include "kit/record_routes.h"
#include "kit/scope.h"
#include "place/place.h"
#include "workorder/clocks.h"
#include "workorder/events.h"
#include "workorder/workorder_http.h"
#include "workorder/workorder_internal.h"

enum {
    SIMILAR_RADIUS_M = 50,   /* "within 50 m" (docs/api-workorders.md) */
    SIMILAR_SHOWN = 20,
    SIMILAR_CANDIDATES = 200,
    /* A box a little wider than the radius: 1e-6 degree of latitude is
     * 0.111 m, so 500 micro-degrees are 55 m; longitude degrees shrink
     * towards the pole, at China's 54° N to 0.59 of that: 900 covers it. */
    SIMILAR_BOX_LAT = 500,
    SIMILAR_BOX_LON = 900,
};

/* cos(x) for |x| <= 1 radian (China lies below 54° N), to 1e-4. */
static double cos_small(double x)
{
    double x2 = x * x;
    return 1 - x2 / 2 + x2 * x2 / 24 - x2 * x2 * x2 / 720;
}

/* Metres between two points given in micro-degrees (an equirectangular
 * approximation, exact enough over 50 m). */
static double metres(int64_t lat1, int64_t lon1, int64_t lat2, int64_t lon2)
{
    const double m_per_e6 = 0.1111949; /* 6371 km * pi / 180 / 1e6 */
    double mid = (double)(lat1 + lat2) / 2e6 * 3.14159265358979 / 180;
    double dy = (double)(lat1 - lat2) * m_per_e6;
    double dx = (double)(lon1 - lon2) * m_per_e6 * cos_small(mid);
    double d2 = dx * dx + dy * dy, r = d2 > 1 ? d2 / 2 : 1;
    for (int i = 0; i < 30; i++) /* Newton's square root: no libm needed */
        r = (r + d2 / r) / 2;
    return d2 > 0 ? r : 0;
}

static bool degrees(const char *s, int64_t *out)
{
    bool neg = s && *s == '-';
    if (!s)
        return false;
    s += neg;
    int64_t whole = 0, frac = 0;
    int digits = 0, decimals = 0;
    for (; *s >= '0' && *s <= '9' && digits < 3; s++, digits++)
        whole = whole * 10 + (*s - '0');
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9' && decimals < 6; s++, decimals++)
            frac = frac * 10 + (*s - '0');
    for (int d = decimals; d < 6; d++)
        frac *= 10;
    *out = (neg ? -1 : 1) * (whole * 1000000 + frac);
    return digits && !*s;
}

struct candidate {
    int64_t id;
    double distance;
};

static json_t *summary(struct request *req, int64_t id, double distance)
{
    struct db_stmt *st;
    if (db_query_row(req->db, &st,
                     "SELECT w.number, w.category_id, w.description, w.status, w.place_id,"
                     " w.reported_at, (SELECT count(*) FROM wo_supporters s WHERE s.order_id = w.id),"
                     " (SELECT count(*) FROM wo_supporters s WHERE s.order_id = w.id"
                     " AND s.user_id = $2), w.reporter_user_id FROM work_orders w WHERE w.id = $1",
                     "ii", id, req->who->user_id) != HW_OK)
        return NULL;
    char at[40], label[PLACE_LABEL_MAX] = "";
    wo_time_text(db_col_int(st, 5), at, sizeof at);
    int64_t place = db_col_int(st, 4);
    json_t *o = json_pack("{s:I, s:s, s:I, s:s, s:s, s:{s:I}, s:s, s:I, s:b, s:i}", "id",
                          (json_int_t)id, "number", db_col_text(st, 0), "category_id",
                          (json_int_t)db_col_int(st, 1), "description", db_col_text(st, 2),
                          "status", db_col_text(st, 3), "place", "id", (json_int_t)place,
                          "reported_at", at, "supporters", (json_int_t)db_col_int(st, 6),
                          "supporting",
                          db_col_int(st, 7) > 0 || db_col_int(st, 8) == req->who->user_id,
                          "distance_m", (int)(distance + 0.5));
    db_reset(st);
    if (o && place_label(req->db, place, label, sizeof label) == HW_OK)
        json_object_set_new(json_object_get(o, "place"), "label", json_string(label));
    return o;
}

int workorder_http_similar(struct request *req)
{
    int64_t category = 0, place = 0, lat = 0, lon = 0;
    int rc = req_query_id(req, "category_id", &category);
    int rp = req_query_id(req, "place_id", &place);
    if (rc != HW_OK || rp != HW_OK)
        return HW_EINVAL;
    if (!category)
        return write_field_invalid(req, "category_id");
    const char *lat_s = req_query(req, "lat"), *lon_s = req_query(req, "lon");
    bool coords = lat_s || lon_s;
    if (coords && !degrees(lat_s, &lat))
        return write_field_invalid(req, "lat");
    if (coords && !degrees(lon_s, &lon))
        return write_field_invalid(req, "lon");
    if (!place && !coords)
        return write_field_invalid(req, "place_id");
    int64_t district = req->who->district_id, building = 0;
    if (place) {
        struct db_stmt *st;
        rc = db_query_row(req->db, &st, "SELECT district_id, building_id FROM places WHERE id = $1",
                          "i", place);
        if (rc == HW_OK) {
            district = db_col_int(st, 0);
            building = db_col_int(st, 1);
            db_reset(st);
        }
        if (rc == HW_ENOTFOUND ||
            (rc == HW_OK && !scope_sees_everything(req->who) && district != req->who->district_id))
            return write_field_invalid(req, "place_id");
        if (rc != HW_OK)
            return rc;
    }
    struct db_stmt *st;
    rc = db_query(req->db, &st,
                  "SELECT w.id, w.lat_e6, w.lon_e6, CASE WHEN (CAST($3 AS BIGINT) <> 0 AND"
                  " w.building_id = $3) OR w.place_id = $4 THEN 1 ELSE 0 END"
                  " FROM work_orders w WHERE w.district_id = $1 AND w.category_id = $2"
                  " AND w.status <> 'closed' AND ((CAST($3 AS BIGINT) <> 0 AND w.building_id = $3)"
                  " OR w.place_id = $4 OR ($5 = 1 AND w.lat_e6 BETWEEN $6 AND $7"
                  " AND w.lon_e6 BETWEEN $8 AND $9)) ORDER BY w.id DESC LIMIT $10",
                  "iiiiiiiiii", district, category, building, place, (int64_t)coords,
                  lat - SIMILAR_BOX_LAT, lat + SIMILAR_BOX_LAT, lon - SIMILAR_BOX_LON,
                  lon + SIMILAR_BOX_LON, (int64_t)SIMILAR_CANDIDATES);
    if (rc != HW_OK)
        return rc;
    struct candidate found[SIMILAR_CANDIDATES];
    int n = 0;
    while (n < SIMILAR_CANDIDATES && (rc = db_step(st)) == DB_ROW) {
        bool same_place = db_col_int(st, 3) == 1;
        bool located = !db_col_is_null(st, 1) && !db_col_is_null(st, 2);
        double d = coords && located ? metres(lat, lon, db_col_int(st, 1), db_col_int(st, 2)) : 0;
        if (same_place || (coords && located && d <= SIMILAR_RADIUS_M))
            found[n++] = (struct candidate){db_col_int(st, 0), same_place && !located ? 0 : d};
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    /* Nearest first (insertion sort: at most a few hundred). */
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && found[j].distance < found[j - 1].distance; j--) {
            struct candidate t = found[j];
            found[j] = found[j - 1];
            found[j - 1] = t;
        }
    json_t *items = json_array();
    for (int i = 0; items && i < n && i < SIMILAR_SHOWN; i++) {
        json_t *o = summary(req, found[i].id, found[i].distance);
        if (!o) {
            json_decref(items);
            return HW_EDB;
        }
        json_array_append_new(items, o);
    }
    if (!items)
        return HW_ENOMEM;
    return respond_json(req, 200, json_pack("{s:o, s:n}", "items", items, "next_after"));
}

/* ---- POST /api/v1/work-orders/{id}/support -------------------------------- */

struct support_ctx {
    bool joined;
};

static int apply_support(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct support_ctx *c = ctx;
    struct wo_order o;
    int rc = wo_order_load(req->db, *id, &o);
    if (rc != HW_OK)
        return rc;
    *district = o.district_id;
    if (o.reporter_user_id == req->who->user_id)
        return HW_OK; /* the reporter follows it already */
    int64_t n = db_run(req->db,
                       "INSERT INTO wo_supporters (order_id, user_id, created_at) VALUES ($1, $2, $3)"
                       " ON CONFLICT (order_id, user_id) DO NOTHING",
                       "iii", *id, req->who->user_id, clock_now());
    if (n < 0)
        return (int)n;
    c->joined = n > 0;
    if (!c->joined)
        return HW_OK;
    struct wo_event e = {.at = clock_now(), .user_id = req->who->user_id, .action = "support"};
    if ((rc = wo_event_add(req->db, &o, &e)) != HW_OK)
        return rc;
    return wo_order_touch(req->db, *id, clock_now());
}

static bool support_unchanged(const void *ctx) { return !((const struct support_ctx *)ctx)->joined; }

static int render_answer(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return workorder_http_render(req, id, out);
}

static int render_audit(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return workorder_render_audit(req->db, id, out);
}

int workorder_http_support(struct request *req)
{
    struct support_ctx c = {0};
    static const struct audited_write w = {
        .action = "update",
        .entity = "work_order",
        .apply = apply_support,
        .render = render_answer,
        .audit_render = render_audit,
        .unchanged = support_unchanged,
    };
    return audited_write_run(req, &w, &c, req->params[0]);
}
