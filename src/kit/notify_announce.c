/* Announcements: written by a sub-district officer, community staff or an
 * admin, delivered to the inboxes of the users inside the author's scope at
 * their time by the job announcement.deliver. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/log.h"
#include "kit/notify_core.h"
#include "store/db_json.h"

static json_t *parse_roles(const char *text)
{
    json_t *v = text ? json_loads(text, 0, NULL) : NULL;
    return v ? v : json_null();
}

int announcement_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT id, district_id, scope_id, author_id, title, body, roles,"
                          " deliver_at, delivered_at, recipients, job_id, created_at"
                          " FROM announcements WHERE id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    *out = json_pack("{s:I, s:o, s:o, s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:o, s:o}", "id",
                     (json_int_t)db_col_int(st, 0), "district_id", db_json_int(st, 1), "scope_id",
                     db_json_int(st, 2), "author_id", (json_int_t)db_col_int(st, 3), "title",
                     db_col_text(st, 4), "body", db_col_text(st, 5), "roles",
                     parse_roles(db_col_text(st, 6)), "at", db_json_time(st, 7), "delivered_at",
                     db_json_time(st, 8), "recipients", db_json_int(st, 9), "state",
                     db_col_is_null(st, 8) ? "scheduled" : "delivered", "job_id",
                     db_json_int(st, 10), "created_at", db_json_time(st, 11));
    db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}

/* Delivers announcement id, once: an announcement already delivered is
 * left alone (its job cannot run twice, but a demo's has no job). */
static int deliver(struct db *db, int64_t id, int64_t *recipients)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT district_id, scope_id, title, body, roles, delivered_at"
                          " FROM announcements WHERE id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    int64_t district = db_col_int(st, 0), scope = db_col_int(st, 1);
    bool delivered = !db_col_is_null(st, 5);
    char *title = strdup(db_col_text(st, 2)), *body = strdup(db_col_text(st, 3));
    json_t *roles = db_col_text(st, 4) ? json_loads(db_col_text(st, 4), 0, NULL) : NULL;
    db_reset(st);
    if (!title || !body) {
        rc = HW_ENOMEM;
    } else if (!delivered) {
        char link[64];
        snprintf(link, sizeof link, "/announcements/%lld", (long long)id);
        struct notify_audience to = {.district_id = district, .scope_id = scope, .roles = roles};
        rc = notify_district(db, &to, "announcement", title, body, link, id, recipients);
        int64_t n = rc != HW_OK ? rc
                                : db_run(db,
                                         "UPDATE announcements SET delivered_at = $1,"
                                         " recipients = $2, updated_at = $1 WHERE id = $3",
                                         "iii", clock_now(), *recipients, id);
        rc = n < 0 ? (int)n : HW_OK;
        json_t *data = NULL;
        if (rc == HW_OK && (rc = announcement_json(db, id, &data)) == HW_OK) {
            json_object_del(data, "job_id");
            rc = notify_event(db, district, "announcement", data);
            json_decref(data);
        }
    }
    json_decref(roles);
    free(title);
    free(body);
    return rc;
}

int notify_announcement_run(struct db *db, const struct job *job)
{
    json_t *id = json_object_get(job->payload, "announcement_id");
    if (!json_is_integer(id)) {
        jobs_set_error(job, "no announcement_id in the payload");
        return HW_EINVAL;
    }
    int64_t recipients = 0;
    int rc = deliver(db, json_integer_value(id), &recipients);
    if (rc == HW_ENOTFOUND)
        jobs_set_error(job, "no announcement %lld", (long long)json_integer_value(id));
    else if (rc == HW_OK)
        log_info("notify: announcement %lld delivered to %lld users",
                 (long long)json_integer_value(id), (long long)recipients);
    return rc;
}

int announcement_create(struct db *db, const struct announcement_new *a, int64_t *id)
{
    char *roles = a->roles && json_is_array(a->roles) ? json_dumps(a->roles, JSON_COMPACT) : NULL;
    if (a->roles && json_is_array(a->roles) && !roles)
        return HW_ENOMEM;
    int64_t now = clock_now();
    int rc = db_scalar_int(db, id,
                           "INSERT INTO announcements (district_id, scope_id, author_id, title,"
                           " body, roles, deliver_at, created_at, updated_at)"
                           " VALUES (NULLIF($1, 0), NULLIF($2, 0), $3, $4, $5, $6, $7, $8, $8)"
                           " RETURNING id",
                           "iiisssii", a->district_id, a->scope_id, a->author_id, a->title, a->body,
                           roles, a->deliver_at, now);
    free(roles);
    if (rc != HW_OK)
        return rc;
    if (a->deliver_now) {
        int64_t recipients = 0;
        return deliver(db, *id, &recipients);
    }
    json_t *payload = json_pack("{s:I}", "announcement_id", (json_int_t)*id);
    if (!payload)
        return HW_ENOMEM;
    char key[48];
    snprintf(key, sizeof key, "announcement:%lld", (long long)*id);
    int64_t job = 0;
    rc = jobs_schedule(db, NOTIFY_ANNOUNCEMENT_JOB, payload, a->deliver_at, key, a->district_id,
                       &job);
    json_decref(payload);
    int64_t n = rc != HW_OK ? rc
                            : db_run(db, "UPDATE announcements SET job_id = $1 WHERE id = $2", "ii",
                                     job, *id);
    return n < 0 ? (int)n : HW_OK;
}
