/* GET /api/v1/exports/{residents,dwellings}.{csv,xlsx}: the file is written
 * to a temporary file first, the unmasked data it holds is logged, and only
 * then is it sent, straight from that file. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "kit/audit.h"
#include "kit/access.h"
#include "kit/scope.h"
#include "kit/stored_file.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "http/problem.h"
#include "http/response.h"
#include "registry/tag.h"
#include "transfer/transfer.h"

static const char *const content_types[] = {
    [EXPORT_CSV] = "text/csv; charset=utf-8",
    [EXPORT_XLSX] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/* Place filters, each a place the caller must be able to see. */
static int read_filters(struct request *req, struct export_options *o)
{
    static const char *const names[] = {"community_id", "compound_id", "grid_id", "building_id"};
    int64_t *slots[] = {&o->community_id, &o->compound_id, &o->grid_id, &o->building_id};
    int rc = HW_OK;
    for (size_t i = 0; i < 4; i++)
        if (req_query_id(req, names[i], slots[i]) != HW_OK)
            rc = HW_EINVAL;
    for (size_t i = 0; rc == HW_OK && i < 4; i++)
        if (*slots[i])
            rc = scope_place_visible(req->db, req->who, *slots[i]);
    if (rc != HW_OK)
        return rc;
    const char *tag = req_query(req, "tag");
    if (!tag || !*tag)
        return HW_OK;
    bool sensitive = false;
    rc = tag_find(req->db, req->who->district_id, tag, &o->tag_id, &sensitive);
    /* Filtering by a tag one may not see would reveal who carries it. */
    if (rc == HW_ENOTFOUND || (rc == HW_OK && sensitive && !o->sensitive_tags)) {
        problem_field_msg(req, "tag", FIELD_INVALID, "没有这个标签", "no such tag");
        return HW_EINVAL;
    }
    return rc;
}

static int audit_export(struct request *req, const struct export_options *o, int64_t rows)
{
    json_t *what =
        json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "kind", transfer_kind_name(o->kind),
                  "format", o->format == EXPORT_XLSX ? "xlsx" : "csv", "rows", (json_int_t)rows,
                  "community_id", (json_int_t)o->community_id, "compound_id",
                  (json_int_t)o->compound_id, "grid_id", (json_int_t)o->grid_id, "building_id",
                  (json_int_t)o->building_id, "tag_id", (json_int_t)o->tag_id);
    int rc = what ? audit_change(req, "export", transfer_kind_name(o->kind), 0,
                                 req->who->district_id, NULL, what)
                  : HW_ENOMEM;
    json_decref(what);
    return rc;
}

/* Sends the file at path (removed once open) as an attachment. */
static int send_file(struct request *req, const char *path, const struct export_options *o)
{
    char day[32], filename[64];
    clock_format_rfc3339(clock_now(), day);
    snprintf(filename, sizeof filename, "%s-%.4s%.2s%.2s.%s", transfer_kind_name(o->kind), day,
             day + 5, day + 8, o->format == EXPORT_XLSX ? "xlsx" : "csv");
    return stored_file_send_temp(req, path, content_types[o->format], filename);
}

static int export_http(struct request *req, enum transfer_kind kind, enum export_format format)
{
    struct export_options o = {
        .kind = kind,
        .format = format,
        .who = req->who,
        .identifiers = privacy_sees_identifiers(req->who),
        .sensitive_tags = privacy_sees_sensitive_tags(req->who),
        .children = privacy_sees_children(req->who),
        .english = req->lang == LANG_EN,
    };
    int rc = read_filters(req, &o);
    char path[4096];
    if (rc != HW_OK || (rc = stored_file_temp("export", path, sizeof path)) != HW_OK)
        return rc;
    struct export_result result;
    rc = export_write(req->db, &o, path, &result);
    if (rc == HW_ELIMIT) {
        problem_field_msg(req, "format", FIELD_INVALID, "行数超过 Excel 上限，请导出 CSV",
                          "more rows than Excel holds; export CSV instead");
        rc = HW_EINVAL;
    }
    /* An answer whose reads could not be logged must not be sent (privacy.h). */
    if (rc == HW_OK) {
        rc = privacy_log_reads(req, "resident", result.reads, result.nreads);
        export_result_free(&result);
    }
    if (rc == HW_OK)
        rc = audit_export(req, &o, result.rows);
    if (rc != HW_OK) {
        unlink(path);
        return rc;
    }
    return send_file(req, path, &o);
}

int transfer_http_export_residents_csv(struct request *req)
{
    return export_http(req, TRANSFER_RESIDENTS, EXPORT_CSV);
}

int transfer_http_export_residents_xlsx(struct request *req)
{
    return export_http(req, TRANSFER_RESIDENTS, EXPORT_XLSX);
}

int transfer_http_export_dwellings_csv(struct request *req)
{
    return export_http(req, TRANSFER_DWELLINGS, EXPORT_CSV);
}

int transfer_http_export_dwellings_xlsx(struct request *req)
{
    return export_http(req, TRANSFER_DWELLINGS, EXPORT_XLSX);
}
