#include "kit/audit.h"

#include <stdbool.h>
#include <stdlib.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/request.h"
#include "base/mask_json.h"
#include "kit/idempotency.h"
#include "kit/principal.h"

/* The record as the log keeps it: personal data masked whichever path wrote
 * it (base/mask_json.h), in a malloc'd string; NULL without a record. */
static char *masked_dump(const json_t *record, bool *failed)
{
    if (!record)
        return NULL;
    json_t *copy = json_deep_copy(record);
    char *text = NULL;
    if (copy) {
        mask_personal_json(copy);
        text = json_dumps(copy, JSON_COMPACT | JSON_SORT_KEYS);
        json_decref(copy);
    }
    *failed = *failed || !text;
    return text;
}

int audit_record(struct db *db, const struct audit_entry *e)
{
    bool failed = false;
    char *before = masked_dump(e->before, &failed);
    char *after = masked_dump(e->after, &failed);
    int64_t n = HW_ENOMEM;
    if (!failed) {
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
    /* Inside a transaction the row is written at its commit, together with
     * the page's other reads in one statement (db_append); the answer is sent
     * only after that commit. */
    int rc = db_append(req->db,
                       "INSERT INTO sensitive_reads (at, user_id, district_id, subject,"
                       " subject_id, fields) VALUES ($1, $2, NULLIF($3, 0), $4, $5, $6)",
                       "iiisis", clock_now(), req->who->user_id, district_id, subject,
                       subject_id, fields);
    if (rc != HW_OK)
        return rc;
    /* Under an Idempotency-Key the answer may be replayed: the replay logs this again. */
    return idempotency_note_read(req, subject, subject_id, district_id, fields);
}
