/* Filing a complaint, from the public page or from the suggestion box: one
 * audited write that answers the tracking code once. The code is not kept
 * anywhere but in that answer; the audit entry has the complaint as the
 * inspector sees it, masked. */
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/text.h"
#include "kit/record_routes.h"
#include "oversight/complaint.h"
#include "oversight/oversight_http.h"
#include "oversight/tracking.h"

const char *oversight_trimmed(struct request *req, const char *s)
{
    if (!s)
        return NULL;
    char *copy = arena_strdup(req->arena, s);
    if (!copy)
        return NULL;
    text_unify_newlines(text_trim(copy));
    return *copy ? copy : NULL;
}

struct file_ctx {
    int64_t place_id, recorded_by;
    const struct oversight_filing *f;
    char code[OVERSIGHT_CODE_SIZE];
};

static int apply_file(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct file_ctx *c = ctx;
    char hash[OVERSIGHT_CODE_HASH_SIZE];
    const char *bad = NULL;
    int rc = oversight_code_new(c->code);
    if (rc == HW_OK)
        rc = oversight_code_hash(c->code, hash);
    if (rc == HW_OK)
        rc = oversight_complaint_create(req->db, c->place_id, c->f, c->recorded_by, hash,
                                        clock_now(), id, district, &bad);
    return write_model_error(req, rc, bad);
}

/* The answer: the code, shown this once, and where the complaint stands. */
static int render_filed(struct request *req, void *ctx, int64_t id, json_t **out)
{
    struct file_ctx *c = ctx;
    json_t *status;
    int rc = oversight_complaint_public_json(req->db, id, &status);
    if (rc != HW_OK)
        return rc;
    json_object_del(status, "id");
    *out = json_pack("{s:s, s:o}", "tracking_code", c->code, "complaint", status);
    return *out ? HW_OK : HW_ENOMEM;
}

/* The audit log keeps the complaint as an inspector sees it: phone masked. */
static int render_audited(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    static const struct principal inspector = {.role = ROLE_INSPECTOR};
    return oversight_complaint_json(req->db, &inspector, id, out);
}

int oversight_http_file(struct request *req, int64_t place_id, const struct oversight_filing *f,
                        int64_t recorded_by)
{
    struct file_ctx c = {.place_id = place_id, .recorded_by = recorded_by, .f = f};
    static const struct audited_write w = {.action = "create", .entity = "complaint",
                                           .apply = apply_file, .render = render_filed,
                                           .audit_render = render_audited};
    return audited_write_run(req, &w, &c, 0);
}
