#include "audit/audit.h"

#include <stdlib.h>

#include "base/clock.h"
#include "base/err.h"

int audit_record(struct db *db, const struct audit_entry *e)
{
    char *before = e->before ? json_dumps(e->before, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    char *after = e->after ? json_dumps(e->after, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    int64_t n = HW_ENOMEM;
    if ((!e->before || before) && (!e->after || after)) {
        /* 0 ids are stored as NULL: "nobody" and "installation-wide". */
        n = db_run(db,
                   "INSERT INTO audit_log (at, user_id, district_id, action, entity, entity_id,"
                   " before_json, after_json, ip)"
                   " VALUES ($1, NULLIF($2, 0), NULLIF($3, 0), $4, $5, NULLIF($6, 0), $7, $8, $9)",
                   "iiississs", clock_now(), e->user_id, e->district_id,
                   e->action, e->entity, e->entity_id, before, after, e->ip);
    }
    free(before);
    free(after);
    return n < 0 ? (int)n : HW_OK;
}

int audit_change(struct request *req, const char *action, const char *entity, int64_t entity_id,
                 int64_t district_id, json_t *before, json_t *after)
{
    struct audit_entry e = {
        .user_id = req->who ? req->who->user_id : 0,
        .district_id = district_id,
        .action = action,
        .entity = entity,
        .entity_id = entity_id,
        .before = before,
        .after = after,
        .ip = req->client_ip,
    };
    return audit_record(req->db, &e);
}

int audit_sensitive_read(struct request *req, const char *subject, int64_t subject_id,
                         int64_t district_id, const char *fields)
{
    int64_t n = db_run(req->db,
                       "INSERT INTO sensitive_reads (at, user_id, district_id, subject,"
                       " subject_id, fields) VALUES ($1, $2, NULLIF($3, 0), $4, $5, $6)",
                       "iiisis", clock_now(), req->who->user_id, district_id, subject,
                       subject_id, fields);
    return n < 0 ? (int)n : HW_OK;
}
