#include <jansson.h>
#include <stdio.h>

#include "kit/audit.h"
#include "kit/access.h"
#include "kit/scope.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/mask_json.h"
#include "kit/record_routes.h"
#include "http/response.h"
#include "store/db_json.h"

/* Masked again on the way out: entries written before every path masked
 * what it logged are shown as the log keeps new ones. */
static json_t *parse_or_null(const char *text)
{
    json_t *v = text ? json_loads(text, 0, NULL) : json_null();
    mask_personal_json(v);
    return v;
}

static json_t *audit_row_json(struct db_stmt *st)
{
    return json_pack("{s:I, s:o, s:o, s:s, s:o, s:o, s:o, s:o}", "id",
                     (json_int_t)db_col_int(st, 0), "at", db_json_time(st, 1), "user_id",
                     db_json_int(st, 2), "action", db_col_text(st, 3), "entity",
                     db_json_text(st, 4), "entity_id", db_json_int(st, 5), "before",
                     parse_or_null(db_col_text(st, 6)), "after", parse_or_null(db_col_text(st, 7)));
}

static json_t *sensitive_read_row_json(struct db_stmt *st)
{
    return json_pack("{s:I, s:o, s:I, s:s, s:I, s:s}", "id", (json_int_t)db_col_int(st, 0), "at",
                     db_json_time(st, 1), "user_id", (json_int_t)db_col_int(st, 2), "subject",
                     db_col_text(st, 3), "subject_id", (json_int_t)db_col_int(st, 4), "fields",
                     db_col_text(st, 5));
}

/* GET /api/v1/audit: newest first, within the caller's sub-district. */
int audit_http_list(struct request *req)
{
    int64_t limit, after;
    int rc = req_page(req, &limit, &after);
    if (rc != HW_OK)
        return rc;
    struct scope_sql district;
    scope_district(req->who, "a", 2, &district);
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT a.id, a.at, a.user_id, a.action, a.entity, a.entity_id, a.before_json,"
             " a.after_json FROM audit_log a WHERE ($1 = 0 OR a.id < $1) AND %s"
             " ORDER BY a.id DESC LIMIT $3",
             district.cond);
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "iii", after, district.value, limit);
    if (rc != HW_OK)
        return rc;
    return respond_row_page(req, st, limit, audit_row_json);
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
    struct scope_sql district;
    scope_district(req->who, "s", 2, &district);
    char sql[512];
    snprintf(sql, sizeof sql,
             "SELECT s.id, s.at, s.user_id, s.subject, s.subject_id, s.fields FROM sensitive_reads s"
             " WHERE ($1 = 0 OR s.id < $1) AND %s AND ($3 = 0 OR s.subject_id = $3)"
             " AND ($4 = 0 OR s.user_id = $4) AND (CAST($5 AS TEXT) IS NULL OR s.subject = $5)"
             " ORDER BY s.id DESC LIMIT $6",
             district.cond);
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "iiiisi", after, district.value, subject_id, user_id,
                  subject, limit);
    if (rc != HW_OK)
        return rc;
    return respond_row_page(req, st, limit, sensitive_read_row_json);
}
