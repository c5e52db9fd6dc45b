#include "workorder/clocks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "kit/notify_core.h"
#include "kit/write.h"
#include "workorder/events.h"
#include "workorder/settings.h"

/* The sub-district's calendar when its settings s count working time (a
 * calendar is only read then); NULL otherwise. *buf is the caller's to free. */
static int load_calendar(struct db *db, int64_t district_id, const struct wo_settings *s,
                         struct wo_calendar_buf **buf)
{
    *buf = NULL;
    if (!s->standard.working_time)
        return HW_OK;
    if (!(*buf = malloc(sizeof **buf)))
        return HW_ENOMEM;
    return wo_calendar_load(db, district_id, *buf);
}

/* The sub-district's standard, and its calendar when it counts working
 * time. buf is the caller's to free. */
static int load_standard(struct db *db, int64_t district_id, struct wo_settings *s,
                         struct wo_calendar_buf **buf)
{
    *buf = NULL;
    int rc = wo_settings_load(db, district_id, s);
    return rc == HW_OK ? load_calendar(db, district_id, s, buf) : rc;
}

int wo_deadlines_with(struct db *db, int64_t district_id, const struct wo_settings *s,
                      enum wo_difficulty d, int64_t start, int64_t paused_s,
                      int64_t due[WO_CLOCK_COUNT])
{
    struct wo_calendar_buf *buf;
    int rc = load_calendar(db, district_id, s, &buf);
    for (int c = 0; rc == HW_OK && c < WO_CLOCK_COUNT; c++)
        due[c] = wo_clock_due(&s->standard, buf ? &buf->cal : NULL, (enum wo_clock)c, d, start,
                              paused_s);
    free(buf);
    return rc;
}

int wo_deadlines(struct db *db, int64_t district_id, enum wo_difficulty d, int64_t start,
                 int64_t paused_s, int64_t due[WO_CLOCK_COUNT])
{
    struct wo_settings s;
    int rc = wo_settings_load(db, district_id, &s);
    return rc == HW_OK ? wo_deadlines_with(db, district_id, &s, d, start, paused_s, due) : rc;
}

int wo_counted(struct db *db, int64_t district_id, int64_t a, int64_t b, int64_t *out)
{
    struct wo_settings s;
    struct wo_calendar_buf *buf;
    int rc = load_standard(db, district_id, &s, &buf);
    if (rc == HW_OK)
        *out = wo_counted_between(&s.standard, buf ? &buf->cal : NULL, a, b);
    free(buf);
    return rc;
}

/* "wo:<id>:<clock>:<due>:<stage>": one job per deadline and stage, ever. */
static int schedule(struct db *db, const struct wo_order *o, enum wo_clock c, int64_t at,
                    const char *stage, enum wo_level level)
{
    char key[128];
    snprintf(key, sizeof key, "wo:%lld:%s:%lld:%s:%s", (long long)o->id, wo_clock_name(c),
             (long long)o->due[c], stage, wo_level_name(level));
    json_t *payload = json_pack("{s:I, s:s, s:I, s:s, s:s}", "order_id", (json_int_t)o->id,
                                "clock", wo_clock_name(c), "due_at", (json_int_t)o->due[c],
                                "stage", stage, "level", wo_level_name(level));
    if (!payload)
        return HW_ENOMEM;
    int rc = jobs_schedule(db, WO_CLOCK_JOB, payload, at, key, o->district_id, NULL);
    json_decref(payload);
    return rc;
}

int wo_clocks_schedule_with(struct db *db, const struct wo_order *o, const struct wo_settings *s)
{
    int rc = HW_OK;
    for (int c = 0; rc == HW_OK && c < WO_CLOCK_COUNT; c++) {
        struct wo_clock_view v = wo_clock_view(o, (enum wo_clock)c, 0);
        if (!v.running || v.paused)
            continue;
        int64_t warn_at = o->due[c] - s->warn_s;
        if (warn_at < o->clock_start_at)
            warn_at = o->clock_start_at;
        if (s->warn_s > 0)
            rc = schedule(db, o, (enum wo_clock)c, warn_at, "warn", o->level);
        if (rc == HW_OK)
            rc = schedule(db, o, (enum wo_clock)c, o->due[c], "due", o->level);
    }
    return rc;
}

int wo_clocks_schedule(struct db *db, const struct wo_order *o)
{
    struct wo_settings s;
    int rc = wo_settings_load(db, o->district_id, &s);
    return rc == HW_OK ? wo_clocks_schedule_with(db, o, &s) : rc;
}

int wo_order_touch(struct db *db, int64_t id, int64_t now)
{
    struct wo_order o;
    int rc = wo_order_load(db, id, &o);
    if (rc != HW_OK)
        return rc;
    int64_t q = wo_queue_due(&o);
    int64_t n = db_run(db,
                       "UPDATE work_orders SET queue_due = NULLIF(CAST($2 AS BIGINT), 0),"
                       " version = version + 1, updated_at = $3 WHERE id = $1",
                       "iii", id, q, now);
    return n < 0 ? (int)n : HW_OK;
}

static const struct actor actor_clock = {.kind = ACTOR_JOB, .ip = "job:" WO_CLOCK_JOB};

/* One level up (grid → community → sub-district), on the timeline and in
 * the audit log, the new level's dispatchers told; and the next step
 * scheduled one clock-limit later. */
static int escalate(struct db *db, struct wo_order *o, enum wo_clock c, int64_t at,
                    int64_t now)
{
    if (o->level >= WO_LEVEL_DISTRICT)
        return HW_OK;
    enum wo_level from = o->level;
    o->level = from + 1;
    int64_t n = db_run(db, "UPDATE work_orders SET level = $2 WHERE id = $1", "is", o->id,
                       wo_level_name(o->level));
    if (n < 0)
        return (int)n;
    json_t *data = json_pack("{s:s, s:s, s:s}", "clock", wo_clock_name(c), "from_level",
                             wo_level_name(from), "to_level", wo_level_name(o->level));
    if (!data)
        return HW_ENOMEM;
    struct wo_event e = {.at = now, .action = "escalate", .data = data};
    int rc = wo_event_add(db, o, &e);
    if (rc == HW_OK) {
        struct write_event audit = {.action = "escalate", .entity = "work_order",
                                    .entity_id = o->id, .district_id = o->district_id,
                                    .after = data};
        rc = write_event(db, &actor_clock, &audit);
    }
    json_decref(data);
    if (rc == HW_OK)
        rc = wo_notify_level(db, o, o->level, "工单超时升级 / An overdue order was escalated");
    if (rc == HW_OK)
        rc = wo_order_touch(db, o->id, now);
    struct wo_settings s;
    if (rc == HW_OK)
        rc = wo_settings_load(db, o->district_id, &s);
    if (rc == HW_OK && o->level < WO_LEVEL_DISTRICT)
        rc = schedule(db, o, c, at + wo_clock_limit(&s.standard, c, o->difficulty), "escalate",
                      o->level);
    return rc;
}

/* The assignee, or the dispatchers of the order's level without one. */
static int tell_responsible(struct db *db, const struct wo_order *o, const char *title,
                            bool both)
{
    char link[48];
    wo_link(o->id, link);
    int rc = HW_OK;
    if (o->assignee_user_id)
        rc = notify_user(db, o->assignee_user_id, "work_order", title, NULL, link);
    if (rc == HW_OK && (both || !o->assignee_user_id))
        rc = wo_notify_level(db, o, o->level, title);
    return rc;
}

int wo_clock_job_run(struct db *db, const struct job *job)
{
    json_int_t order_id = 0, due_at = 0;
    const char *clock = NULL, *stage = NULL;
    if (json_unpack(job->payload, "{s:I, s:s, s:I, s:s}", "order_id", &order_id, "clock", &clock,
                    "due_at", &due_at, "stage", &stage) != 0) {
        jobs_set_error(job, "bad payload");
        return HW_EINVAL;
    }
    enum wo_clock c;
    if (wo_clock_parse(clock, &c) != HW_OK) {
        jobs_set_error(job, "unknown clock %s", clock);
        return HW_EINVAL;
    }
    struct wo_order o;
    int rc = wo_order_load(db, order_id, &o);
    if (rc == HW_ENOTFOUND)
        return HW_OK;
    if (rc != HW_OK)
        return rc;
    int64_t now = clock_now();
    struct wo_clock_view v = wo_clock_view(&o, c, now);
    /* Met, paused, closed or moved since: nothing to do. */
    if (!v.running || v.paused || o.due[c] != due_at)
        return HW_OK;
    if (strcmp(stage, "warn") == 0) {
        int64_t n = db_run(db, "UPDATE work_orders SET due_soon = TRUE WHERE id = $1", "i", o.id);
        struct wo_event e = {.at = now, .action = "due_soon",
                             .data = json_pack("{s:s}", "clock", clock)};
        rc = n < 0 ? (int)n : wo_event_add(db, &o, &e);
        json_decref(e.data);
        if (rc == HW_OK)
            rc = tell_responsible(db, &o, "工单即将超时 / An order is due soon", false);
        return rc;
    }
    if (strcmp(stage, "due") == 0) {
        int64_t n = db_run(db, "UPDATE work_orders SET overdue = TRUE WHERE id = $1", "i", o.id);
        struct wo_event e = {.at = now, .action = "overdue",
                             .data = json_pack("{s:s}", "clock", clock)};
        rc = n < 0 ? (int)n : wo_event_add(db, &o, &e);
        json_decref(e.data);
        if (rc == HW_OK)
            rc = tell_responsible(db, &o, "工单已超时 / An order is overdue", true);
        if (rc == HW_OK)
            rc = escalate(db, &o, c, job->due_at, now);
        return rc;
    }
    if (strcmp(stage, "escalate") == 0)
        return escalate(db, &o, c, job->due_at, now);
    jobs_set_error(job, "unknown stage %s", stage);
    return HW_EINVAL;
}
