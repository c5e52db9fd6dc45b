/* What the capability's own files share beyond workorder.h. */
#ifndef HONGWU_WORKORDER_WORKORDER_INTERNAL_H
#define HONGWU_WORKORDER_WORKORDER_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "kit/notify_core.h"
#include "workorder/params.h"
#include "workorder/order.h"
#include "workorder/workorder.h"

/* Files an order inside the caller's transaction (workorder_create without
 * its audit): number, deadlines and their jobs, the first event, and the
 * dispatch a rule makes. */
int wo_insert(struct db *db, const struct principal *who, const struct workorder_new *n,
              int64_t now, int64_t *id, int64_t *district, const char **bad);

/* Dispatches o by the sub-district's rules, when one applies. */
int wo_auto_dispatch(struct db *db, const struct wo_order *o, int64_t now);

/* Whether who sees the reporter's name and phone whole: the reporter, the
 * assignee, and the staff who see identifiers (kit/privacy.h) but not a
 * resident (a supporter sees someone else's order). */
bool wo_sees_reporter(const struct principal *who, int64_t reporter_user_id,
                      int64_t assignee_user_id);

/* t as "2026-11-21T09:30:00+08:00" (size >= 32). */
void wo_time_text(int64_t t, char *out, size_t size);

/* A whistle row: h.id, h.org_id, o.name, h.note, h.due_at, h.responded_at,
 * h.response, h.overdue. */
json_t *wo_whistle_row(struct db_stmt *st);

/* A photo row: id, mime, bytes, user_id, created_at of wo_photos. */
json_t *wo_photo_row(struct db_stmt *st);

/* The order's clocks as answered, at now. */
json_t *wo_clocks_json(const struct wo_order *o, int64_t now);

/* What an order's answer shows of its row, in columns 0 .. WO_ANSWER_NCOLUMNS
 * - 1: the order w, its place p, its category c and its assignee a (a LEFT
 * JOIN). */
#define WO_ANSWER_COLUMNS                                                                          \
    "w.id, w.number, w.district_id, w.channel, w.reporter_kind, w.reporter_user_id,"              \
    " w.reporter_resident_id, w.reporter_name, w.reporter_phone, w.place_id, p.kind,"            \
    " w.place_text, w.lat_e6, w.lon_e6, w.community_id, w.grid_id, w.category_id, c.code,"       \
    " c.name_zh, c.name_en, w.description, w.difficulty, w.classified_by, w.classified_at,"      \
    " w.status, w.suspended_from, w.level, w.closed_level, w.assignee_user_id, a.name,"          \
    " w.team_id, w.grab, w.outcome, w.outcome_note, w.responsible, w.duplicate_of,"              \
    " w.reported_at, w.dispatched_at, w.taken_at, w.on_site_at, w.plan_at, w.resolved_at,"      \
    " w.rated_at, w.closed_at, w.paused_s, w.due_soon, w.overdue, w.reopen_count,"              \
    " w.sendback_count, w.rating, w.rating_comment, w.visit_note, w.version,"                    \
    " (SELECT count(*) FROM wo_supporters s WHERE s.order_id = w.id)"
enum { WO_ANSWER_NCOLUMNS = 54 };

/* The columns of WO_ANSWER_COLUMNS as JSON, without the place's label, the
 * photos and whistles, and what depends on the caller; the reporter shown
 * whole or masked for who (NULL: whole, as the audit's own render masks
 * it). Sets *disclosed when someone else's phone was shown whole. */
json_t *wo_answer_row(struct db_stmt *st, const struct principal *who, bool *disclosed);

/* Orders rendered together, with a fixed number of statements however many
 * they are: the rows of ids_sql, a query over p's values whose columns are
 * "id" and "k" (the page's key), in the order `order` gives over them
 * ("page.k, page.id"). */
enum { WO_RENDER_MAX = 200 };
struct wo_render_set {
    const char *ids_sql;
    const char *order;
    struct wo_params *p;
};
struct wo_rendered {
    json_t *order; /* a new reference */
    int64_t id, key;
    bool disclosed; /* someone else's phone shown whole: a read to log */
};
/* Renders the set's orders as who sees them at now (who NULL: as the audit
 * log keeps them, without photos, whistles and what depends on a caller)
 * into out[0 .. *n), at most WO_RENDER_MAX. On failure nothing is left to
 * release. */
int wo_render_set(struct db *db, const struct principal *who, int64_t now,
                  const struct wo_render_set *set, struct wo_rendered *out, int *n);

#endif
