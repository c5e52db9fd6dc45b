#include <jansson.h>
#include <stdio.h>

#include "audit/audit.h"
#include "auth/access.h"
#include "base/clock.h"
#include "base/err.h"
#include "http/response.h"

static json_t *parse_or_null(const char *text)
{
    return text ? json_loads(text, 0, NULL) : json_null();
}

/* GET /api/v1/audit: newest first, within the caller's sub-district. */
int audit_http_list(struct request *req)
{
    int64_t limit, after;
    int rc = req_page(req, &limit, &after);
    if (rc != HW_OK)
        return rc;
    bool all = access_sees_everything(req->who);
    struct db_stmt *st;
    rc = db_query(req->db, &st,
                  "SELECT id, at, user_id, action, entity, entity_id, before_json, after_json"
                  " FROM audit_log WHERE ($1 = 0 OR id < $1)"
                  " AND ($2 = 1 OR district_id = $3) ORDER BY id DESC LIMIT $4",
                  "iiii", after, (int64_t)all, req->who->district_id, limit);
    if (rc != HW_OK)
        return rc;
    json_t *items = json_array();
    while (items && (rc = db_step(st)) == DB_ROW) {
        char at[32];
        clock_format_rfc3339(db_col_int(st, 1), at);
        json_t *row = json_pack(
            "{s:I, s:s, s:o, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)db_col_int(st, 0),
            "at", at, "user_id",
            db_col_is_null(st, 2) ? json_null() : json_integer(db_col_int(st, 2)), "action",
            db_col_text(st, 3), "entity",
            db_col_is_null(st, 4) ? json_null() : json_string(db_col_text(st, 4)), "entity_id",
            db_col_is_null(st, 5) ? json_null() : json_integer(db_col_int(st, 5)), "before",
            parse_or_null(db_col_text(st, 6)), "after", parse_or_null(db_col_text(st, 7)));
        if (!row || json_array_append_new(items, row) != 0) {
            rc = HW_ENOMEM;
            break;
        }
    }
    db_reset(st);
    if (!items || rc < 0) {
        json_decref(items);
        return items ? rc : HW_ENOMEM;
    }
    return respond_json(req, 200, json_pack("{s:o}", "items", items));
}

/* GET /api/v1/audit/sensitive-reads[?subject=&subject_id=&user_id=]: who read
 * whose unmasked data, newest first, within the caller's sub-district. */
int audit_http_sensitive_reads(struct request *req)
{
    int64_t limit, after, subject_id = 0, user_id = 0;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = req_query_id(req, "subject_id", &subject_id);
    if (rc == HW_OK)
        rc = req_query_id(req, "user_id", &user_id);
    if (rc != HW_OK)
        return rc;
    const char *subject = req_query(req, "subject");
    /* The district as a plain condition, so (district_id, id) serves the page. */
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT id, at, user_id, subject, subject_id, fields FROM sensitive_reads"
             " WHERE ($1 = 0 OR id < $1) AND %s AND ($3 = 0 OR subject_id = $3)"
             " AND ($4 = 0 OR user_id = $4) AND (CAST($5 AS TEXT) IS NULL OR subject = $5)"
             " ORDER BY id DESC LIMIT $6",
             access_sees_everything(req->who) ? "$2 = 0" : "district_id = $2");
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "iiiisi", after, req->who->district_id, subject_id,
                  user_id, subject, limit);
    if (rc != HW_OK)
        return rc;
    json_t *items = req_keep(req, json_array());
    int64_t last = 0, n = 0;
    while (items && (rc = db_step(st)) == DB_ROW) {
        char at[32];
        clock_format_rfc3339(db_col_int(st, 1), at);
        last = db_col_int(st, 0);
        n++;
        json_t *row = json_pack("{s:I, s:s, s:I, s:s, s:I, s:s}", "id", (json_int_t)last, "at",
                                at, "user_id", (json_int_t)db_col_int(st, 2), "subject",
                                db_col_text(st, 3), "subject_id", (json_int_t)db_col_int(st, 4),
                                "fields", db_col_text(st, 5));
        if (!row || json_array_append_new(items, row) != 0) {
            rc = HW_ENOMEM;
            break;
        }
    }
    db_reset(st);
    if (!items)
        return HW_ENOMEM;
    if (rc < 0)
        return rc;
    return respond_json(req, 200,
                        json_pack("{s:O, s:o}", "items", items, "next_after",
                                  n == limit ? json_integer(last) : json_null()));
}
