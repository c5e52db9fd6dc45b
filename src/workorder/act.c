#include "workorder/act.h"

#include <string.h>

#include "base/err.h"
#include "base/text.h"
#include "kit/write.h"
#include "workorder/clocks.h"
#include "workorder/events.h"
#include "workorder/settings.h"
#include "workorder/workorder_internal.h"

/* What one action changed, for its timeline event. */
struct change {
    const char *note;
    json_t *data; /* owned */
    int64_t notify_user; /* a newly assigned person, 0: none */
};

static bool clean(const char *in, char *out, size_t cap, bool multiline)
{
    if (!in || strlen(in) >= cap)
        return false;
    memcpy(out, in, strlen(in) + 1);
    text_unify_newlines(out);
    text_trim(out);
    return out[0] && text_chars(out, multiline) > 0 && !text_has_invisible(out);
}

/* Deadlines again from the clocks' start, with the paused time so far. */
static int redo_deadlines(struct db *db, struct wo_order *o, enum wo_difficulty d)
{
    int rc = wo_deadlines(db, o->district_id, d, o->clock_start_at, o->paused_s, o->due);
    if (rc != HW_OK)
        return rc;
    o->difficulty = d;
    int64_t n = db_run(db,
                       "UPDATE work_orders SET difficulty = $2, on_site_due_at = $3,"
                       " resolve_due_at = $4, paused_s = $5, clock_start_at = $6,"
                       " due_soon = FALSE, overdue = FALSE WHERE id = $1",
                       "isiiii", o->id, wo_difficulty_name(d), o->due[WO_CLOCK_ON_SITE],
                       o->due[WO_CLOCK_RESOLVE], o->paused_s, o->clock_start_at);
    return n < 0 ? (int)n : HW_OK;
}

static int do_dispatch(struct db *db, struct wo_order *o, const struct wo_act_in *in,
                       struct change *ch, int64_t now, const char **bad)
{
    struct wo_assign a = in->assign;
    bool found = in->has_assign;
    int rc = found ? HW_OK : wo_route_match(db, o, &a, &found);
    if (rc != HW_OK)
        return rc;
    if (!found)
        return *bad = "assignee_user_id", HW_EINVAL;
    if ((rc = wo_assign_resolve(db, o, &a, bad)) != HW_OK ||
        (rc = wo_assign_apply(db, o, &a, now)) != HW_OK)
        return rc;
    ch->notify_user = a.assignee_user_id;
    ch->data = json_pack("{s:s, s:o, s:o, s:o}", "mode", wo_mode_name(a.mode), "assignee_user_id",
                         a.assignee_user_id ? json_integer(a.assignee_user_id) : json_null(),
                         "team_id", a.team_id ? json_integer(a.team_id) : json_null(), "rule_id",
                         a.rule_id ? json_integer(a.rule_id) : json_null());
    if (in->has_difficulty && in->difficulty != o->difficulty)
        return redo_deadlines(db, o, in->difficulty);
    return HW_OK;
}

static int do_close(struct db *db, struct wo_order *o, const struct wo_act_in *in,
                    struct change *ch, int64_t now, const char **bad)
{
    const char *outcome = in->outcome ? in->outcome : "fixed";
    char responsible[WO_RESPONSIBLE_MAX + 1] = "";
    if (strcmp(outcome, "fixed") == 0) {
        if (o->status != WO_RESOLVED && o->status != WO_RATED)
            return *bad = "outcome", HW_EINVAL;
    } else if (strcmp(outcome, "not_fixed") == 0) {
        if (!ch->note)
            return *bad = "note", HW_EINVAL;
    } else if (strcmp(outcome, "not_ours") == 0) {
        if (!clean(in->responsible, responsible, sizeof responsible, false))
            return *bad = "responsible", HW_EINVAL;
    } else {
        return *bad = "outcome", HW_EINVAL; /* a duplicate is merged */
    }
    ch->data = json_pack("{s:s}", "outcome", outcome);
    int64_t n = db_run(db,
                       "UPDATE work_orders SET status = 'closed', outcome = $2, closed_at = $3,"
                       " closed_level = level, outcome_note = $4,"
                       " responsible = NULLIF(CAST($5 AS TEXT), '') WHERE id = $1",
                       "isiss", o->id, outcome, now,
                       strcmp(outcome, "fixed") == 0 ? NULL : ch->note, responsible);
    return n < 0 ? (int)n : HW_OK;
}

static int do_resume(struct db *db, struct wo_order *o, int64_t now)
{
    int64_t counted = 0;
    int rc = wo_counted(db, o->district_id, o->suspended_at, now, &counted);
    if (rc != HW_OK)
        return rc;
    o->paused_s += counted;
    int64_t n = db_run(db,
                       "UPDATE work_orders SET status = suspended_from, suspended_from = NULL,"
                       " suspended_at = NULL WHERE id = $1",
                       "i", o->id);
    if (n < 0)
        return (int)n;
    return redo_deadlines(db, o, o->difficulty);
}

static int do_reopen(struct db *db, struct wo_order *o, struct change *ch, int64_t now)
{
    o->clock_start_at = now;
    o->paused_s = 0;
    int64_t n = db_run(
        db,
        "UPDATE work_orders SET status = CASE WHEN last_handler_id IS NULL THEN 'reported'"
        " ELSE 'dispatched' END, assignee_user_id = last_handler_id, grab = FALSE,"
        " dispatched_at = CASE WHEN last_handler_id IS NULL THEN NULL ELSE CAST($2 AS BIGINT) END,"
        " taken_at = NULL, on_site_at = NULL, plan_at = NULL, resolved_at = NULL,"
        " rated_at = NULL, closed_at = NULL, outcome = NULL, outcome_note = NULL,"
        " responsible = NULL, closed_level = NULL, rating = NULL, rating_comment = NULL,"
        " reopen_count = reopen_count + 1 WHERE id = $1",
        "ii", o->id, now);
    if (n < 0)
        return (int)n;
    ch->notify_user = o->last_handler_id;
    return redo_deadlines(db, o, o->difficulty);
}

/* The reporter and supporters of o join target, marked as added by the
 * merge so that undoing it removes exactly them. */
static int do_merge(struct db *db, const struct principal *who, struct wo_order *o,
                    const struct wo_act_in *in, struct change *ch, int64_t now, const char **bad)
{
    struct wo_order t;
    int rc = in->into && in->into != o->id ? wo_order_load(db, in->into, &t) : HW_ENOTFOUND;
    if (rc == HW_OK && (t.district_id != o->district_id || t.status == WO_CLOSED))
        rc = HW_ENOTFOUND;
    if (rc == HW_OK)
        rc = workorder_visible(db, who, t.id, true);
    if (rc == HW_ENOTFOUND)
        return *bad = "into", HW_EINVAL;
    if (rc != HW_OK)
        return rc;
    ch->data = json_pack("{s:I, s:s, s:s?}", "into", (json_int_t)t.id, "status",
                         wo_status_name(o->status), "suspended_from",
                         o->status == WO_SUSPENDED ? wo_status_name(o->suspended_from) : NULL);
    int64_t n = db_run(db,
                       "UPDATE work_orders SET status = 'closed', outcome = 'duplicate',"
                       " duplicate_of = $2, closed_at = $3, closed_level = level WHERE id = $1",
                       "iii", o->id, t.id, now);
    if (n >= 0)
        n = db_run(db,
                   "INSERT INTO wo_supporters (order_id, user_id, merged_from, created_at)"
                   " SELECT $1, u, $2, $3 FROM (SELECT user_id AS u FROM wo_supporters"
                   " WHERE order_id = $2 UNION SELECT reporter_user_id FROM work_orders"
                   " WHERE id = $2 AND reporter_user_id IS NOT NULL) x"
                   " WHERE u <> COALESCE((SELECT reporter_user_id FROM work_orders WHERE id = $1), 0)"
                   " ON CONFLICT (order_id, user_id) DO NOTHING",
                   "iii", t.id, o->id, now);
    if (n < 0)
        return (int)n;
    json_t *data = json_pack("{s:I}", "from", (json_int_t)o->id);
    struct wo_event e = {.at = now, .user_id = who->user_id, .action = "merged_in", .data = data};
    rc = wo_event_add(db, &t, &e);
    json_decref(data);
    return rc == HW_OK ? wo_order_touch(db, t.id, now) : rc;
}

static int do_unmerge(struct db *db, const struct principal *who, struct wo_order *o,
                      struct change *ch, int64_t now)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT data FROM wo_events WHERE order_id = $1 AND action = 'merge'"
                          " ORDER BY id DESC LIMIT 1",
                          "i", o->id);
    if (rc != HW_OK)
        return rc == HW_ENOTFOUND ? HW_EDB : rc;
    json_t *merged = json_loads(db_col_text(st, 0) ? db_col_text(st, 0) : "", 0, NULL);
    db_reset(st);
    const char *status = NULL;
    json_t *suspended_from = NULL;
    if (!merged ||
        json_unpack(merged, "{s:s, s?o}", "status", &status, "suspended_from", &suspended_from)) {
        json_decref(merged);
        return HW_EDB;
    }
    const char *from = json_string_value(suspended_from); /* NULL: it was not suspended */
    int64_t n = db_run(db,
                       "UPDATE work_orders SET status = $2, suspended_from = $3, outcome = NULL,"
                       " duplicate_of = NULL, closed_at = NULL, closed_level = NULL WHERE id = $1",
                       "iss", o->id, status, from);
    int64_t target = o->duplicate_of;
    if (n >= 0)
        n = db_run(db, "DELETE FROM wo_supporters WHERE order_id = $1 AND merged_from = $2", "ii",
                   target, o->id);
    json_decref(merged);
    if (n < 0)
        return (int)n;
    ch->data = json_pack("{s:I}", "from", (json_int_t)target);
    struct wo_order t;
    if ((rc = wo_order_load(db, target, &t)) != HW_OK)
        return rc;
    json_t *data = json_pack("{s:I}", "order_id", (json_int_t)o->id);
    struct wo_event e = {.at = now, .user_id = who->user_id, .action = "unmerged_out",
                         .data = data};
    rc = wo_event_add(db, &t, &e);
    json_decref(data);
    return rc == HW_OK ? wo_order_touch(db, t.id, now) : rc;
}

/* An UPDATE's count as an answer: HW_OK or its error. */
static int done(int64_t n) { return n < 0 ? (int)n : HW_OK; }

/* The change itself, by action. */
static int apply(struct db *db, const struct principal *who, struct wo_order *o,
                 const struct wo_act_in *in, struct change *ch, int64_t now, const char **bad)
{
    switch (in->action) {
    case WO_ACT_DISPATCH:
    case WO_ACT_REASSIGN: return do_dispatch(db, o, in, ch, now, bad);
    case WO_ACT_TAKE:
        return done(db_run(db,
                           "UPDATE work_orders SET status = 'taken', taken_at = $2,"
                           " assignee_user_id = $3, last_handler_id = $3 WHERE id = $1",
                           "iii", o->id, now, who->user_id));
    case WO_ACT_ARRIVE:
        return done(db_run(db,
                           "UPDATE work_orders SET status = 'on_site',"
                           " on_site_at = COALESCE(on_site_at, $2) WHERE id = $1",
                           "ii", o->id, now));
    case WO_ACT_PLAN:
        if (!ch->note)
            return *bad = "note", HW_EINVAL;
        return done(db_run(db, "UPDATE work_orders SET plan_at = $2 WHERE id = $1", "ii", o->id,
                           now));
    case WO_ACT_RESOLVE:
        return done(db_run(db,
                           "UPDATE work_orders SET status = 'resolved', resolved_at = $2"
                           " WHERE id = $1",
                           "ii", o->id, now));
    case WO_ACT_RATE:
    case WO_ACT_VISIT: {
        char comment[WO_COMMENT_MAX + 1];
        bool has_comment = in->comment != NULL;
        if (has_comment && !clean(in->comment, comment, sizeof comment, true))
            return *bad = "comment", HW_EINVAL;
        if (in->rating && (in->rating < 1 || in->rating > 5))
            return *bad = "rating", HW_EINVAL;
        if (in->action == WO_ACT_RATE && !in->rating)
            return *bad = "rating", HW_EINVAL;
        if (in->action == WO_ACT_VISIT && !ch->note)
            return *bad = "note", HW_EINVAL;
        ch->data = in->rating ? json_pack("{s:i}", "rating", in->rating) : NULL;
        int64_t n = db_run(db,
                           "UPDATE work_orders SET status = 'rated',"
                           " rated_at = COALESCE(rated_at, $2),"
                           " rating = COALESCE(NULLIF(CAST($3 AS BIGINT), 0), rating),"
                           " rating_comment = COALESCE($4, rating_comment),"
                           " visit_note = COALESCE($5, visit_note) WHERE id = $1",
                           "iiiss", o->id, now, (int64_t)in->rating,
                           has_comment ? comment : NULL,
                           in->action == WO_ACT_VISIT ? ch->note : NULL);
        return n < 0 ? (int)n : HW_OK;
    }
    case WO_ACT_CLOSE: return do_close(db, o, in, ch, now, bad);
    case WO_ACT_SEND_BACK:
        if (!ch->note)
            return *bad = "note", HW_EINVAL;
        return done(db_run(db,
                           "UPDATE work_orders SET status = 'reported', assignee_user_id = NULL,"
                           " team_id = NULL, grab = FALSE, taken_at = NULL, dispatched_at = NULL,"
                           " sendback_count = sendback_count + 1 WHERE id = $1",
                           "i", o->id));
    case WO_ACT_SUSPEND:
        if (!ch->note)
            return *bad = "note", HW_EINVAL;
        return done(db_run(db,
                           "UPDATE work_orders SET suspended_from = status,"
                           " status = 'suspended', suspended_at = $2 WHERE id = $1",
                           "ii", o->id, now));
    case WO_ACT_RESUME: return do_resume(db, o, now);
    case WO_ACT_CLASSIFY: {
        if (!in->has_difficulty)
            return *bad = "difficulty", HW_EINVAL;
        ch->data = json_pack("{s:s, s:s}", "from", wo_difficulty_name(o->difficulty), "to",
                             wo_difficulty_name(in->difficulty));
        int rc = done(db_run(db,
                             "UPDATE work_orders SET classified_by = $2, classified_at = $3"
                             " WHERE id = $1",
                             "iii", o->id, who->user_id, now));
        return rc == HW_OK ? redo_deadlines(db, o, in->difficulty) : rc;
    }
    case WO_ACT_REOPEN:
        if (!ch->note)
            return *bad = "note", HW_EINVAL;
        return do_reopen(db, o, ch, now);
    case WO_ACT_MERGE: return do_merge(db, who, o, in, ch, now, bad);
    case WO_ACT_UNMERGE: return do_unmerge(db, who, o, ch, now);
    default: return *bad = "action", HW_EINVAL;
    }
}

static int load_for(struct db *db, const struct principal *who, int64_t id, int64_t now,
                    struct wo_order *o, struct wo_facts *f, unsigned *caps)
{
    struct wo_settings s;
    int rc = wo_order_load(db, id, o);
    if (rc == HW_OK)
        rc = wo_settings_load(db, o->district_id, &s);
    if (rc == HW_OK)
        rc = wo_order_capacities(db, who, o, caps);
    if (rc == HW_OK)
        *f = wo_order_facts(o, now, s.reopen_days);
    return rc;
}

int wo_allowed_json(struct db *db, const struct principal *who, int64_t id, int64_t now,
                    json_t **out)
{
    struct wo_order o;
    struct wo_facts f;
    unsigned caps;
    int rc = load_for(db, who, id, now, &o, &f, &caps);
    if (rc != HW_OK)
        return rc;
    enum wo_action allowed[WO_ACTION_COUNT];
    size_t n = wo_actions_allowed(&f, caps, allowed);
    if (!(*out = json_array()))
        return HW_ENOMEM;
    for (size_t i = 0; i < n; i++)
        json_array_append_new(*out, json_string(wo_action_name(allowed[i])));
    return HW_OK;
}

/* A photo of this order, when one is named. */
static int check_photo(struct db *db, int64_t order_id, int64_t photo_id, const char **bad)
{
    if (!photo_id)
        return HW_OK;
    int64_t n = 0;
    int rc = db_scalar_int(db, &n, "SELECT count(*) FROM wo_photos WHERE id = $1 AND order_id = $2",
                           "ii", photo_id, order_id);
    if (rc != HW_OK)
        return rc;
    return n ? HW_OK : (*bad = "photo_id", HW_EINVAL);
}

int wo_act(struct db *db, const struct principal *who, int64_t id, const struct wo_act_in *in,
           int64_t now, const char **bad_field)
{
    struct wo_order o;
    struct wo_facts f;
    unsigned caps;
    int rc = wo_order_lock(db, id);
    if (rc == HW_OK)
        rc = load_for(db, who, id, now, &o, &f, &caps);
    if (rc != HW_OK)
        return rc;
    if (!wo_action_allowed(&f, caps, in->action))
        return HW_ECONFLICT;
    char note[WO_NOTE_MAX + 1];
    struct change ch = {0};
    if (in->note) {
        if (!clean(in->note, note, sizeof note, true))
            return *bad_field = "note", HW_EINVAL;
        ch.note = note;
    }
    if ((rc = check_photo(db, id, in->photo_id, bad_field)) != HW_OK)
        return rc;
    enum wo_status from = o.status;
    rc = apply(db, who, &o, in, &ch, now, bad_field);
    struct wo_order after;
    if (rc == HW_OK)
        rc = wo_order_load(db, id, &after);
    if (rc == HW_OK) {
        struct wo_event e = {.at = now, .user_id = who->user_id,
                             .action = wo_action_name(in->action),
                             .from = wo_status_name(from), .to = wo_status_name(after.status),
                             .note = ch.note, .photo_id = in->photo_id, .data = ch.data};
        rc = wo_event_add(db, &after, &e);
    }
    json_decref(ch.data);
    if (rc == HW_OK)
        rc = wo_order_touch(db, id, now);
    if (rc == HW_OK)
        rc = wo_clocks_schedule(db, &after);
    if (rc == HW_OK && ch.notify_user && ch.notify_user != who->user_id) {
        char link[48];
        wo_link(id, link);
        rc = notify_user(db, ch.notify_user, "work_order", "新工单 / A new order", NULL, link);
    }
    if (rc == HW_OK && after.status != from)
        rc = wo_notify_followers(db, &after, who->user_id,
                                 "工单进展 / An order you follow has moved on");
    return rc;
}

struct plain_act {
    const struct principal *who;
    const struct wo_act_in *in;
    int64_t now;
    const char **bad;
};

static int plain_apply(struct db *db, void *ctx, int64_t *id, int64_t *district)
{
    struct plain_act *p = ctx;
    struct wo_order o;
    int rc = wo_order_load(db, *id, &o);
    *district = o.district_id;
    return rc == HW_OK ? wo_act(db, p->who, *id, p->in, p->now, p->bad) : rc;
}

static int plain_render(struct db *db, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return workorder_render_audit(db, id, out);
}

int workorder_act(struct db *db, const struct actor *a, const struct principal *who, int64_t id,
                  const struct wo_act_in *in, int64_t now, const char **bad_field)
{
    const char *ignored = NULL;
    struct plain_act p = {.who = who, .in = in, .now = now, .bad = bad_field ? bad_field : &ignored};
    const struct write_op op = {.action = "update", .entity = "work_order",
                                .apply = plain_apply, .render = plain_render};
    return db_in_txn(db) ? write_run_in(db, a, &op, &p, &id) : write_run(db, a, &op, &p, &id);
}
