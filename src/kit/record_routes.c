#include "kit/record_routes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "http/problem.h"
#include "http/response.h"
#include "http/router.h"
#include "kit/idempotency.h"
#include "kit/principal.h"
#include "kit/scope.h"
#include "kit/write.h"
#include "store/db_json.h"


int write_field_invalid(struct request *req, const char *field)
{
    const struct route *r = req->route;
    return problem_field_invalid(req, field, r ? r->messages : NULL, r ? r->nmessages : 0);
}

int record_district(struct request *req, int64_t *district)
{
    *district = req->who->district_id;
    if (!scope_sees_everything(req->who))
        return HW_OK;
    int rc = req_query_id(req, "district_id", district);
    if (rc == HW_OK && *district <= 0)
        return write_field_invalid(req, "district_id");
    return rc;
}

int write_model_error(struct request *req, int rc, const char *bad_field)
{
    if (rc == HW_EINVAL && bad_field)
        return write_field_invalid(req, bad_field);
    return rc;
}

int write_model_created(struct request *req, int rc, const char *bad_field, const char *table,
                        const int64_t *id, int64_t *district)
{
    if (rc == HW_OK) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT district_id FROM %s WHERE id = $1", table);
        rc = db_scalar_int(req->db, district, sql, "i", *id);
    }
    return write_model_error(req, rc, bad_field);
}

/* A request's write as the kit's write sees it (kit/write.h). */
struct request_write {
    struct request *req;
    const struct audited_write *w;
    void *ctx;
    json_t *answer;
    bool same;
};

static int adapt_apply(struct db *db, void *ctx, int64_t *id, int64_t *district)
{
    (void)db;
    struct request_write *rw = ctx;
    int rc = rw->w->apply(rw->req, rw->ctx, id, district);
    rw->same = rc == HW_OK && rw->w->unchanged && rw->w->unchanged(rw->ctx);
    return rc;
}

static int adapt_render(struct db *db, void *ctx, int64_t id, json_t **out)
{
    (void)db;
    struct request_write *rw = ctx;
    record_render audit_render = rw->w->audit_render ? rw->w->audit_render : rw->w->render;
    return audit_render(rw->req, rw->ctx, id, out);
}

/* Inside the transaction: the answer, with the sensitive reads it logs, and
 * the Idempotency-Key record that will replay it. */
static int adapt_finish(struct db *db, void *ctx, int64_t id)
{
    (void)db;
    struct request_write *rw = ctx;
    int rc = rw->w->render(rw->req, rw->ctx, id, &rw->answer);
    char *text = rc == HW_OK ? json_dumps(rw->answer, JSON_COMPACT) : NULL;
    bool created = strcmp(rw->w->action, "create") == 0 && !rw->same;
    if (rc == HW_OK)
        rc = text ? idempotency_keep_in_txn(rw->req, created ? 201 : 200, text) : HW_ENOMEM;
    free(text);
    return rc;
}

static bool adapt_unchanged(const void *ctx) { return ((const struct request_write *)ctx)->same; }

int audited_write_run(struct request *req, const struct audited_write *w, void *ctx, int64_t id)
{
    struct request_write rw = {.req = req, .w = w, .ctx = ctx};
    const struct write_op op = {.action = w->action,
                                .entity = w->entity,
                                .apply = adapt_apply,
                                .render = adapt_render,
                                .finish = adapt_finish,
                                .unchanged = adapt_unchanged};
    const struct actor actor = {.kind = ACTOR_USER, .user_id = req->who ? req->who->user_id : 0,
                                .ip = req->client_ip};
    int rc = write_run(req->db, &actor, &op, &rw, &id);
    if (rc != HW_OK) {
        req->idempotency_kept = false;
        json_decref(rw.answer);
        return rc;
    }
    bool created = strcmp(w->action, "create") == 0 && !rw.same;
    if (created && w->location) {
        char location[128];
        snprintf(location, sizeof location, "%s%lld", w->location, (long long)id);
        respond_header(req, "Location", location);
    }
    return respond_json(req, created ? 201 : 200, rw.answer);
}

enum { PAGE_IDS_MAX = 200 }; /* req_page's largest limit */

int respond_id_page(struct request *req, struct db_stmt *st, int64_t limit, record_render render,
                    void *ctx)
{
    /* Ids first: render runs statements of its own on this connection. */
    int64_t ids[PAGE_IDS_MAX];
    int n = 0, rc = DB_DONE;
    while (n < limit && n < PAGE_IDS_MAX && (rc = db_step(st)) == DB_ROW)
        ids[n++] = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        return rc;
    json_t *items = req_keep(req, json_array());
    if (!items)
        return HW_ENOMEM;
    for (int i = 0; i < n; i++) {
        json_t *record;
        if ((rc = render(req, ctx, ids[i], &record)) != HW_OK)
            return rc;
        if (json_array_append_new(items, record) != 0)
            return HW_ENOMEM;
    }
    return respond_json(req, 200,
                        json_pack("{s:O, s:o}", "items", items, "next_after",
                                  n == limit ? json_integer(ids[n - 1]) : json_null()));
}

int respond_row_page(struct request *req, struct db_stmt *st, int64_t limit,
                     json_t *(*row)(struct db_stmt *st))
{
    json_t *items;
    int rc = db_json_rows(st, row, &items);
    if (rc != HW_OK)
        return rc;
    size_t n = json_array_size(items);
    json_t *last = n ? json_object_get(json_array_get(items, n - 1), "id") : NULL;
    return respond_json(req, 200,
                        json_pack("{s:o, s:O}", "items", items, "next_after",
                                  n == (size_t)limit && last ? last : json_null()));
}
