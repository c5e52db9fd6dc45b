#include "kit/record_routes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/crash_point.h"
#include "base/err.h"
#include "http/problem.h"
#include "http/response.h"
#include "http/router.h"
#include "kit/audit.h"
#include "kit/idempotency.h"
#include "store/db_json.h"


int write_field_invalid(struct request *req, const char *field)
{
    const struct route *r = req->route;
    return problem_field_invalid(req, field, r ? r->messages : NULL, r ? r->nmessages : 0);
}

int write_model_error(struct request *req, int rc, const char *bad_field)
{
    if (rc == HW_EINVAL && bad_field)
        return write_field_invalid(req, bad_field);
    return rc;
}

/* Before, change, after, audit, answer: all inside the open transaction. */
static int run_in_txn(struct request *req, const struct audited_write *w, void *ctx, int64_t *id,
                      json_t **answer)
{
    record_render audit_render = w->audit_render ? w->audit_render : w->render;
    bool created = strcmp(w->action, "create") == 0;
    bool same = false;
    json_t *before = NULL, *after = NULL;
    int64_t district = 0;
    int rc = HW_OK;
    if (!created)
        rc = audit_render(req, ctx, *id, &before);
    if (rc == HW_OK)
        rc = w->apply(req, ctx, id, &district);
    same = rc == HW_OK && w->unchanged && w->unchanged(ctx);
    if (rc == HW_OK)
        rc = audit_render(req, ctx, *id, &after);
    if (rc == HW_OK && !same)
        rc = audit_change(req, w->action, w->entity, *id, district, before, after);
    if (rc == HW_OK)
        rc = w->audit_render ? w->render(req, ctx, *id, answer)
                             : (*answer = json_incref(after)) ? HW_OK : HW_ENOMEM;
    char *text = rc == HW_OK ? json_dumps(*answer, JSON_COMPACT) : NULL;
    if (rc == HW_OK)
        rc = text ? idempotency_keep_in_txn(req, created && !same ? 201 : 200, text) : HW_ENOMEM;
    free(text);
    json_decref(before);
    json_decref(after);
    if (rc != HW_OK) {
        json_decref(*answer);
        *answer = NULL;
    }
    return rc;
}

int audited_write_run(struct request *req, const struct audited_write *w, void *ctx, int64_t id)
{
    int rc = db_begin(req->db, DB_TXN_WRITE);
    if (rc != HW_OK)
        return rc;
    json_t *after = NULL;
    rc = run_in_txn(req, w, ctx, &id, &after);
    if (rc == HW_OK)
        crash_point("before-commit");
    if (rc == HW_OK)
        rc = db_commit(req->db);
    if (rc == HW_OK)
        crash_point("after-commit");
    if (rc != HW_OK) {
        db_rollback(req->db);
        req->idempotency_kept = false;
        json_decref(after);
        return rc;
    }
    bool created = strcmp(w->action, "create") == 0 && !(w->unchanged && w->unchanged(ctx));
    if (created && w->location) {
        char location[128];
        snprintf(location, sizeof location, "%s%lld", w->location, (long long)id);
        respond_header(req, "Location", location);
    }
    return respond_json(req, created ? 201 : 200, after);
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
