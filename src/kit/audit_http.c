#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit/audit.h"
#include "kit/access.h"
#include "kit/principal.h"
#include "kit/scope.h"
#include "base/clock.h"
#include "base/err.h"
#include "base/text_buffer.h"
#include "base/mask_json.h"
#include "base/validate.h"
#include "kit/record_routes.h"
#include "http/problem.h"
#include "http/response.h"
#include "store/db_json.h"

/* Complaints go to the discipline inspector alone, never to those they
 * name (docs/api-oversight.md): their audit entries and the reads of a
 * complainant's contact are shown only to those who handle complaints, and
 * not to an inspector the complaint names ($handles bound to 1 when the
 * caller handles complaints, $me to the caller's account). */
#define SEALED_SUBJECT "complaint"
#define SEALED_SHOWN(entity, id, handles, me)                                                      \
    "(COALESCE(" entity ", '') <> '" SEALED_SUBJECT "' OR (" handles " = 1 AND NOT EXISTS"        \
    " (SELECT 1 FROM complaints c WHERE c.id = " id " AND c.subject_user_id = " me ")))"

/* Masked again on the way out: entries written before every path masked
 * what it logged are shown as the log keeps new ones. */
static json_t *parse_or_null(const char *text)
{
    json_t *v = text ? json_loads(text, 0, NULL) : json_null();
    mask_personal_json(v);
    return v;
}

/* The columns every audit query selects, in this order. */
#define AUDIT_COLUMNS                                                                              \
    "a.id, a.at, a.user_id, a.action, a.entity, a.entity_id, a.before_json, a.after_json,"         \
    " u.name, u.role"

static json_t *audit_row_json(struct db_stmt *st)
{
    return json_pack("{s:I, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:o, s:o}", "id",
                     (json_int_t)db_col_int(st, 0), "at", db_json_time(st, 1), "user_id",
                     db_json_int(st, 2), "user_name", db_json_text(st, 8), "user_role",
                     db_json_text(st, 9), "action", db_col_text(st, 3), "entity",
                     db_json_text(st, 4), "entity_id", db_json_int(st, 5), "before",
                     parse_or_null(db_col_text(st, 6)), "after", parse_or_null(db_col_text(st, 7)));
}

static json_t *sensitive_read_row_json(struct db_stmt *st)
{
    return json_pack("{s:I, s:o, s:I, s:o, s:o, s:s, s:I, s:s}", "id",
                     (json_int_t)db_col_int(st, 0), "at", db_json_time(st, 1), "user_id",
                     (json_int_t)db_col_int(st, 2), "user_name", db_json_text(st, 6), "user_role",
                     db_json_text(st, 7), "subject", db_col_text(st, 3), "subject_id",
                     (json_int_t)db_col_int(st, 4), "fields", db_col_text(st, 5));
}

/* What an inspector narrows the log to: one person (by account id, or by
 * name or login), an action, a record kind or one record, sign-ins apart
 * from changes, and a range of days in China time (from inclusive, to
 * inclusive). Zero and NULL: not filtered. */
enum audit_kind { AUDIT_ANY = 0, AUDIT_LOGINS = 1, AUDIT_CHANGES = 2 };

struct audit_filter {
    int64_t user_id;
    const char *user;
    const char *action;
    const char *entity;
    int64_t entity_id;
    enum audit_kind kind;
    int64_t from, to; /* epoch seconds: from <= at < to */
};

/* Epoch seconds of midnight starting a YYYY-MM-DD day in China (UTC+8, no
 * daylight saving time), from the day count of the proleptic Gregorian
 * calendar. */
static int64_t china_day_start(const char *date)
{
    int64_t y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = era * 146097 + doe - 719468;
    return days * 86400 - 8 * 3600;
}

static const char *query_text(struct request *req, const char *name)
{
    const char *v = req_query(req, name);
    return v && *v ? v : NULL;
}

static int query_day(struct request *req, const char *name, int64_t add_days, int64_t *out)
{
    const char *v = query_text(req, name);
    if (!v)
        return HW_OK;
    if (!validate_date(v))
        return write_field_invalid(req, name);
    *out = china_day_start(v) + add_days * 86400;
    return HW_OK;
}

static int audit_filter_parse(struct request *req, struct audit_filter *f)
{
    *f = (struct audit_filter){0};
    int rc = req_query_id(req, "user_id", &f->user_id);
    if (rc == HW_OK)
        rc = req_query_id(req, "entity_id", &f->entity_id);
    if (rc == HW_OK)
        rc = query_day(req, "from", 0, &f->from);
    if (rc == HW_OK)
        rc = query_day(req, "to", 1, &f->to);
    if (rc != HW_OK)
        return rc;
    f->user = query_text(req, "user");
    f->action = query_text(req, "action");
    f->entity = query_text(req, "entity");
    const char *kind = query_text(req, "kind");
    if (kind && strcmp(kind, "login") == 0)
        f->kind = AUDIT_LOGINS;
    else if (kind && strcmp(kind, "change") == 0)
        f->kind = AUDIT_CHANGES;
    else if (kind)
        return write_field_invalid(req, "kind");
    if (f->from && f->to && f->to <= f->from)
        return write_field_invalid(req, "to");
    return HW_OK;
}

/* The log's entries within the caller's sub-district that pass the filter,
 * newest first, below the cursor `after` (0: from the newest), at most
 * `limit`. */
static int audit_query(struct request *req, const struct audit_filter *f, int64_t after,
                       int64_t limit, struct db_stmt **st)
{
#define SIGN_INS "('login', 'login_failed', 'logout')"
    struct scope_sql district;
    scope_district(req->who, "a", 2, &district);
    char sql[1536];
    snprintf(sql, sizeof sql,
             "SELECT " AUDIT_COLUMNS " FROM audit_log a LEFT JOIN users u ON u.id = a.user_id"
             " WHERE ($1 = 0 OR a.id < $1) AND %s"
             " AND ($3 = 0 OR a.user_id = $3)"
             " AND (CAST($4 AS TEXT) IS NULL OR u.name = $4 OR u.login = $4)"
             " AND (CAST($5 AS TEXT) IS NULL OR a.action = $5)"
             " AND (CAST($6 AS TEXT) IS NULL OR a.entity = $6)"
             " AND ($7 = 0 OR a.entity_id = $7)"
             " AND ($8 = 0 OR ($8 = 1 AND a.action IN " SIGN_INS ")"
             " OR ($8 = 2 AND a.action NOT IN " SIGN_INS "))"
             " AND ($9 = 0 OR a.at >= $9) AND ($10 = 0 OR a.at < $10)"
             " AND " SEALED_SHOWN("a.entity", "a.entity_id", "$12", "$13")
             " ORDER BY a.id DESC LIMIT $11",
             district.cond);
#undef SIGN_INS
    return db_query(req->db, st, sql, "iiisssiiiiiii", after, district.value, f->user_id, f->user,
                    f->action, f->entity, f->entity_id, (int64_t)f->kind, f->from, f->to, limit,
                    (int64_t)access_allows(req->who, PERM_COMPLAINT_HANDLE), req->who->user_id);
}

/* GET /api/v1/audit[?user_id=&user=&action=&entity=&entity_id=&kind=&from=&to=]:
 * newest first, within the caller's sub-district. */
int audit_http_list(struct request *req)
{
    int64_t limit, after;
    struct audit_filter f;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = audit_filter_parse(req, &f);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    if ((rc = audit_query(req, &f, after, limit, &st)) != HW_OK)
        return rc;
    return respond_row_page(req, st, limit, audit_row_json);
}

/* ---- the export: the same entries as CSV ---- */

/* A growing text in malloc'd memory. */
/* One CSV cell (RFC 4180: quoted, quotes doubled), then a comma or, for
 * the row's last, CRLF. */
static void csv_cell(struct text_buffer *t, const char *v, bool last)
{
    text_buffer_str(t, "\"");
    for (const char *p = v ? v : ""; *p; p++)
        text_buffer_add(t, p, 1 + (*p == '"'));
    text_buffer_str(t, last ? "\"\r\n" : "\",");
}

static void csv_int(struct text_buffer *t, struct db_stmt *st, int col)
{
    char n[24] = "";
    if (!db_col_is_null(st, col))
        snprintf(n, sizeof n, "%lld", (long long)db_col_int(st, col));
    csv_cell(t, n, false);
}

/* A record's value as text: strings as they are, anything else as JSON. */
static char *value_text(const json_t *v)
{
    if (!v)
        return strdup("");
    if (json_is_string(v))
        return strdup(json_string_value(v));
    return json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
}

/* "field: before → after" for each field that differs (both masked), one
 * per line; a record only created or only removed lists its fields. */
static void changes_cell(struct text_buffer *t, json_t *before, json_t *after)
{
    struct text_buffer c = {0};
    json_t *keys = json_object();
    const char *k;
    json_t *v;
    if (json_is_object(before))
        json_object_foreach(before, k, v) json_object_set(keys, k, json_true());
    if (json_is_object(after))
        json_object_foreach(after, k, v) json_object_set(keys, k, json_true());
    json_object_foreach(keys, k, v)
    {
        json_t *b = json_is_object(before) ? json_object_get(before, k) : NULL;
        json_t *a = json_is_object(after) ? json_object_get(after, k) : NULL;
        if (b && a && json_equal(b, a))
            continue;
        char *bt = value_text(b), *at = value_text(a);
        if (c.len)
            text_buffer_str(&c, "\n");
        text_buffer_str(&c, k);
        text_buffer_str(&c, ": ");
        text_buffer_str(&c, bt ? bt : "");
        text_buffer_str(&c, " → ");
        text_buffer_str(&c, at ? at : "");
        free(bt);
        free(at);
    }
    json_decref(keys);
    csv_cell(t, c.failed ? "" : c.data, true);
    t->failed = t->failed || c.failed;
    free(c.data);
}

static void audit_csv_row(struct text_buffer *t, struct db_stmt *st)
{
    char at[32];
    clock_format_rfc3339(db_col_int(st, 1), at);
    csv_int(t, st, 0);
    csv_cell(t, at, false);
    csv_cell(t, db_col_text(st, 8), false);
    csv_cell(t, db_col_text(st, 9), false);
    csv_int(t, st, 2);
    csv_cell(t, db_col_text(st, 3), false);
    csv_cell(t, db_col_text(st, 4), false);
    csv_int(t, st, 5);
    json_t *before = parse_or_null(db_col_text(st, 6));
    json_t *after = parse_or_null(db_col_text(st, 7));
    changes_cell(t, before, after);
    json_decref(before);
    json_decref(after);
}

/* At most this many entries in one export; narrow the filter for more. */
enum { AUDIT_EXPORT_MAX = 100000 };

static int audit_export_logged(struct request *req, const struct audit_filter *f, int64_t rows)
{
    json_t *what = json_pack("{s:s, s:I, s:I, s:s?, s:s?, s:s?, s:I, s:I, s:I, s:I}", "format",
                             "csv", "rows", (json_int_t)rows, "user_id", (json_int_t)f->user_id,
                             "user", f->user, "action", f->action, "entity", f->entity,
                             "entity_id", (json_int_t)f->entity_id, "kind", (json_int_t)f->kind,
                             "from", (json_int_t)f->from, "to", (json_int_t)f->to);
    int rc = what ? audit_change(req, "export", "audit_log", 0, req->who->district_id, NULL, what)
                  : HW_ENOMEM;
    json_decref(what);
    return rc;
}

/* GET /api/v1/audit/export.csv[?the list's filters]: the entries the list
 * shows with the same filters, newest first, masked as the list masks them;
 * the export is itself logged. */
int audit_http_export(struct request *req)
{
    struct audit_filter f;
    int rc = audit_filter_parse(req, &f);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    if ((rc = audit_query(req, &f, 0, AUDIT_EXPORT_MAX, &st)) != HW_OK)
        return rc;
    struct text_buffer t = {0};
    static const char *const header[2][9] = {
        {"编号", "时间", "操作人", "角色", "操作人编号", "动作", "对象", "对象编号",
         "变更内容"},
        {"id", "time", "operator", "role", "operator id", "action", "record", "record id",
         "changes"},
    };
    text_buffer_str(&t, "\xEF\xBB\xBF"); /* a BOM, so Excel reads UTF-8 */
    for (int i = 0; i < 9; i++)
        csv_cell(&t, header[req->lang == LANG_EN][i], i == 8);
    int64_t rows = 0;
    while ((rc = db_step(st)) == DB_ROW) {
        audit_csv_row(&t, st);
        rows++;
    }
    db_reset(st);
    rc = rc == DB_DONE ? HW_OK : rc;
    if (rc == HW_OK && t.failed)
        rc = HW_ENOMEM;
    if (rc == HW_OK)
        rc = audit_export_logged(req, &f, rows);
    if (rc != HW_OK) {
        free(t.data);
        return rc;
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(t.len, t.data, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        free(t.data);
        return HW_ENOMEM;
    }
    char day[32], disposition[64];
    clock_format_rfc3339(clock_now(), day);
    snprintf(disposition, sizeof disposition, "attachment; filename=\"audit-%.4s%.2s%.2s.csv\"",
             day, day + 5, day + 8);
    MHD_add_response_header(r, "Content-Type", "text/csv; charset=utf-8");
    MHD_add_response_header(r, "Content-Disposition", disposition);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    return respond_mhd(req, 200, r);
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
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT s.id, s.at, s.user_id, s.subject, s.subject_id, s.fields, u.name, u.role"
             " FROM sensitive_reads s LEFT JOIN users u ON u.id = s.user_id"
             " WHERE ($1 = 0 OR s.id < $1) AND %s AND ($3 = 0 OR s.subject_id = $3)"
             " AND ($4 = 0 OR s.user_id = $4) AND (CAST($5 AS TEXT) IS NULL OR s.subject = $5)"
             " AND " SEALED_SHOWN("s.subject", "s.subject_id", "$7", "$8")
             " ORDER BY s.id DESC LIMIT $6",
             district.cond);
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "iiiisiii", after, district.value, subject_id, user_id,
                  subject, limit, (int64_t)access_allows(req->who, PERM_COMPLAINT_HANDLE),
                  req->who->user_id);
    if (rc != HW_OK)
        return rc;
    return respond_row_page(req, st, limit, sensitive_read_row_json);
}
