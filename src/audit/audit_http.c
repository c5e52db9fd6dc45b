#include <jansson.h>

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
