#include "meetings/reach_http.h"

#include <stdio.h>

#include "base/err.h"
#include "meetings/reach.h"

int reach_place_named(struct request *req, int64_t place, bool down_only, const char *field)
{
    int rc = reach_place(req->db, req->who, place, down_only);
    return rc == HW_ENOTFOUND ? write_field_invalid(req, field) : rc;
}

int reach_status_page(struct request *req, const char *table, int64_t place, const char *status,
                      int64_t after, int64_t limit, record_render render)
{
    struct reach_up up;
    struct reach_sql within;
    int rc = reach_list_load(req->db, req->who, "r.place_id", &up, &within);
    if (rc != HW_OK)
        return rc;
    char sql[768];
    snprintf(sql, sizeof sql,
             "SELECT r.id FROM %s r JOIN places p ON p.id = r.place_id WHERE %s"
             " AND ($5 = 0 OR r.place_id = $5) AND ($6 = '' OR r.status = $6)"
             " AND ($7 = 0 OR r.id < $7) ORDER BY r.id DESC LIMIT $8",
             table, within.cond);
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "iiiiisii", within.value, up.ids[0], up.ids[1], up.ids[2],
                  place, status ? status : "", after, limit);
    return rc == HW_OK ? respond_id_page(req, st, limit, render, NULL) : rc;
}
