/* An order's photos: stored cleaned of their metadata (workorder/photo.h),
 * read back by those who see the order. */
#include <stdio.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/response.h"
#include "kit/record_routes.h"
#include "kit/stored_file.h"
#include "workorder/clocks.h"
#include "workorder/events.h"
#include "workorder/photo.h"
#include "workorder/workorder_http.h"
#include "workorder/workorder_internal.h"

struct photo_ctx {
    const struct photo *p;
    const char *name;
    int64_t order_id;
};

static int apply_photo(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct photo_ctx *c = ctx;
    struct wo_order o;
    int rc = wo_order_load(req->db, c->order_id, &o);
    if (rc != HW_OK)
        return rc;
    *district = o.district_id;
    int64_t now = clock_now();
    rc = db_scalar_int(req->db, id,
                       "INSERT INTO wo_photos (order_id, district_id, name, mime, bytes, user_id,"
                       " created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
                       "iissiii", o.id, o.district_id, c->name, c->p->mime, (int64_t)c->p->len,
                       req->who->user_id, now);
    if (rc != HW_OK)
        return rc;
    struct wo_event e = {.at = now, .user_id = req->who->user_id, .action = "photo",
                         .photo_id = *id};
    if ((rc = wo_event_add(req->db, &o, &e)) != HW_OK)
        return rc;
    return wo_order_touch(req->db, o.id, now);
}

static int render_photo(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    struct db_stmt *st;
    int rc = db_query_row(req->db, &st,
                          "SELECT h.id, h.order_id, h.mime, h.bytes, h.user_id, h.created_at,"
                          " w.version FROM wo_photos h JOIN work_orders w ON w.id = h.order_id"
                          " WHERE h.id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    char url[64], at[40];
    snprintf(url, sizeof url, "/api/v1/work-order-photos/%lld", (long long)id);
    wo_time_text(db_col_int(st, 5), at, sizeof at);
    /* order_version: adding the photo changed the order, and this is its new
     * version (its ETag), for the action that follows (If-Match). */
    *out = json_pack("{s:I, s:I, s:s, s:s, s:I, s:I, s:s, s:I}", "id", (json_int_t)id,
                     "order_id", (json_int_t)db_col_int(st, 1), "url", url, "mime",
                     db_col_text(st, 2), "bytes", (json_int_t)db_col_int(st, 3), "by",
                     (json_int_t)db_col_int(st, 4), "at", at, "order_version",
                     (json_int_t)db_col_int(st, 6));
    db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}

int workorder_http_add_photo(struct request *req)
{
    struct photo p;
    int rc = photo_clean((const unsigned char *)req->body, req->body_len, &p);
    if (rc != HW_OK)
        return stored_file_refused(req, rc);
    char name[PHOTO_NAME_MAX];
    rc = photo_save(workorder_files_dir(), &p, name, sizeof name);
    struct photo_ctx c = {.p = &p, .name = name, .order_id = req->params[0]};
    static const struct audited_write w = {
        .action = "create",
        .entity = "work_order_photo",
        .location = "/api/v1/work-order-photos/",
        .apply = apply_photo,
        .render = render_photo,
    };
    if (rc == HW_OK)
        rc = audited_write_run(req, &w, &c, 0);
    photo_free(&p);
    return rc;
}

int workorder_http_get_photo(struct request *req)
{
    struct db_stmt *st;
    int rc = db_query_row(req->db, &st, "SELECT name, mime FROM wo_photos WHERE id = $1", "i",
                          req->params[0]);
    if (rc != HW_OK)
        return rc;
    rc = stored_file_send(req, workorder_files_dir(), db_col_text(st, 0), db_col_text(st, 1),
                          "private, max-age=86400");
    db_reset(st);
    return rc;
}
