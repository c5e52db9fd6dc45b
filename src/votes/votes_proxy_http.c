/* Proxies' signed authorizations: uploaded by staff before the proxy's
 * ballot is recorded, read back by those who check the ballots. */
#include "base/clock.h"
#include "base/err.h"
#include "http/response.h"
#include "kit/principal.h"
#include "kit/record_routes.h"
#include "kit/stored_file.h"
#include "votes/authorization.h"
#include "votes/votes_http.h"
#include "workorder/workorder.h"

struct authorization_ctx {
    struct vote_authorization_new a;
};

static int apply_authorization(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct authorization_ctx *c = ctx;
    const char *bad = NULL;
    int rc = db_scalar_int(req->db, district, "SELECT district_id FROM votes WHERE id = $1", "i",
                           c->a.vote_id);
    if (rc == HW_OK)
        rc = vote_authorization_add(req->db, &c->a, clock_now(), id, &bad);
    return write_model_error(req, rc, bad);
}

static int render_authorization(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return vote_authorization_json(req->db, id, out);
}

/* The body is the file itself; ?dwelling_id= names the authorizing owner's
 * home and ?proxy_name= the proxy. */
int votes_http_add_authorization(struct request *req)
{
    int64_t dwelling = 0;
    int rc = req_query_id(req, "dwelling_id", &dwelling);
    if (rc != HW_OK)
        return rc;
    if (!dwelling)
        return write_field_invalid(req, "dwelling_id");
    struct photo file;
    rc = vote_authorization_clean((const unsigned char *)req->body, req->body_len, &file);
    if (rc != HW_OK)
        return stored_file_refused(req, rc);
    char name[PHOTO_NAME_MAX];
    rc = photo_save(workorder_files_dir(), &file, name, sizeof name);
    struct authorization_ctx c = {.a = {.vote_id = req->params[0], .dwelling_id = dwelling,
                                        .proxy_name = req_query(req, "proxy_name"),
                                        .file = &file, .file_name = name,
                                        .by = req->who->user_id}};
    static const struct audited_write w = {.action = "create", .entity = "vote_authorization",
                                           .apply = apply_authorization,
                                           .render = render_authorization};
    if (rc == HW_OK)
        rc = audited_write_run(req, &w, &c, 0);
    photo_free(&file);
    return rc;
}

int votes_http_authorizations(struct request *req)
{
    int64_t limit, after;
    int rc = req_page(req, &limit, &after);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    rc = db_query(req->db, &st,
                  "SELECT id FROM vote_authorizations WHERE vote_id = $1 AND id > $2"
                  " ORDER BY id LIMIT $3",
                  "iii", req->params[0], after, limit + 1);
    if (rc != HW_OK)
        return rc;
    int64_t ids[201], n = 0;
    while (n <= limit && (rc = db_step(st)) == DB_ROW)
        ids[n++] = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        return rc;
    json_t *items = json_array();
    rc = items ? HW_OK : HW_ENOMEM;
    for (int64_t i = 0; rc == HW_OK && i < n && i < limit; i++) {
        json_t *o;
        if ((rc = vote_authorization_json(req->db, ids[i], &o)) == HW_OK)
            json_array_append_new(items, o);
    }
    if (rc != HW_OK) {
        json_decref(items);
        return rc;
    }
    return votes_respond_page(req, items, n > limit ? ids[limit - 1] : 0);
}

/* ?authorization_id= of this vote: the stored file. */
int votes_http_authorization_file(struct request *req)
{
    int64_t aid = 0;
    int rc = req_query_id(req, "authorization_id", &aid);
    if (rc != HW_OK)
        return rc;
    if (!aid)
        return write_field_invalid(req, "authorization_id");
    struct db_stmt *st;
    rc = db_query_row(req->db, &st,
                      "SELECT file_name, mime FROM vote_authorizations WHERE id = $1"
                      " AND vote_id = $2",
                      "ii", aid, req->params[0]);
    if (rc != HW_OK)
        return rc;
    rc = stored_file_send(req, workorder_files_dir(), db_col_text(st, 0), db_col_text(st, 1),
                          "private, no-store");
    db_reset(st);
    return rc;
}
