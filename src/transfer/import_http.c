/* POST /api/v1/imports/{buildings,dwellings,residents}?community_id=&dry_run=&sheet=
 * The body is the file itself, CSV (Content-Type: text/csv) or an .xlsx
 * workbook (told by its content whatever the type), up to
 * TRANSFER_IMPORT_MAX_BODY; sheet names a workbook's sheet. 200 with the
 * report when every row was taken, 422 problem+json carrying the same
 * report when any was rejected. */
#include <string.h>
#include <strings.h>

#include "kit/access.h"
#include "kit/scope.h"
#include "base/err.h"
#include "http/problem.h"
#include "http/response.h"
#include "transfer/transfer.h"

/* ?dry_run=1|true|0|false; absent is false. */
static int dry_run_param(struct request *req, bool *dry_run)
{
    const char *v = req_query(req, "dry_run");
    *dry_run = false;
    if (!v || strcmp(v, "0") == 0 || strcmp(v, "false") == 0)
        return HW_OK;
    if (strcmp(v, "1") == 0 || strcmp(v, "true") == 0) {
        *dry_run = true;
        return HW_OK;
    }
    problem_field_msg(req, "dry_run", FIELD_INVALID, "须为 1 或 0", "must be 1 or 0");
    return HW_EINVAL;
}

/* A browser form upload wraps the file; the import wants the file itself. */
static bool is_form_upload(struct request *req)
{
    const char *type = req_header(req, "Content-Type");
    return type && strncasecmp(type, "multipart/", 10) == 0;
}

static int run_import(struct request *req, const struct import_options *o, json_t **report,
                      bool *rejected)
{
    struct import_job *job;
    int rc = import_begin(req->db, o, &job);
    if (rc != HW_OK)
        return rc;
    const struct import_report *r = NULL;
    rc = import_feed(job, req->body ? req->body : "", req->body_len);
    if (rc == HW_OK)
        rc = import_finish(job, &r);
    if (rc == HW_OK) {
        *rejected = r->rejected_rows > 0;
        *report = import_report_json(r, req->lang == LANG_EN);
        if (!*report)
            rc = HW_ENOMEM;
    }
    import_free(job);
    return rc;
}

static int import_http(struct request *req, enum transfer_kind kind)
{
    int64_t community = 0;
    bool dry_run;
    int rc = req_query_id(req, "community_id", &community);
    if (rc == HW_OK && !community) {
        problem_field(req, "community_id", FIELD_REQUIRED);
        rc = HW_EINVAL;
    }
    if (dry_run_param(req, &dry_run) != HW_OK || rc != HW_OK)
        return HW_EINVAL;
    const char *sheet = req_query(req, "sheet"); /* an .xlsx's sheet; absent: the first */
    if (sheet && !*sheet) {
        problem_field_msg(req, "sheet", FIELD_INVALID, "请填写工作表名称", "name a sheet");
        return HW_EINVAL;
    }
    /* Its sub-district is the tenant every imported row belongs to. */
    if ((rc = scope_place_visible(req->db, req->who, community)) != HW_OK)
        return rc;
    if (is_form_upload(req)) {
        problem_field_msg(req, "body", FIELD_INVALID,
                          "请把 CSV 或 .xlsx 文件本身作为请求体发送，不要用表单",
                          "send the CSV or .xlsx file itself as the body, not a form");
        return HW_EINVAL;
    }
    struct import_options o = {
        .kind = kind,
        .community_id = community,
        .dry_run = dry_run,
        .actor = {.kind = ACTOR_USER, .user_id = req->who->user_id, .ip = req->client_ip},
        .who = req->who,
        .sheet = sheet};
    json_t *report = NULL;
    bool rejected = false;
    if ((rc = run_import(req, &o, &report, &rejected)) != HW_OK)
        return rc;
    if (rejected)
        return problem_send_members(req, PROBLEM_VALIDATION, NULL, report);
    return respond_json(req, 200, report);
}

int transfer_http_import_buildings(struct request *req)
{
    return import_http(req, TRANSFER_BUILDINGS);
}

int transfer_http_import_dwellings(struct request *req)
{
    return import_http(req, TRANSFER_DWELLINGS);
}

int transfer_http_import_residents(struct request *req)
{
    return import_http(req, TRANSFER_RESIDENTS);
}
