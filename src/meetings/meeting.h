/* Deliberation meetings (docs/api-meetings.md): halls, meetings with their
 * agenda, invited parties and attendance, minutes, decisions and follow-up
 * tasks. Plain functions of plain data, each inside the caller's write
 * transaction; a refused change returns HW_EINVAL with *bad_field naming
 * the field, before anything is written. */
#ifndef HONGWU_MEETINGS_MEETING_H
#define HONGWU_MEETINGS_MEETING_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "kit/principal.h"
#include "kit/write.h"
#include "meetings/rules.h"
#include "store/db.h"

struct meeting_hall_new {
    int64_t place_id; /* a community or compound */
    const char *name, *address; /* address NULL: none */
};
int meeting_hall_create(struct db *db, const struct meeting_hall_new *h, int64_t now, int64_t *id,
                        const char **bad_field);
int meeting_hall_json(struct db *db, int64_t id, json_t **out);

struct meeting_new {
    int64_t place_id; /* the community, compound or building the matter is of */
    int64_t hall_id;  /* a hall of that community or compound */
    const char *topic;
    int64_t starts_at;
};
int meeting_create(struct db *db, const struct meeting_new *m, int64_t user_id, int64_t now,
                   int64_t *id, const char **bad_field);

/* The meeting's status and sub-district. HW_ENOTFOUND. */
int meeting_state(struct db *db, int64_t id, enum meeting_status *status, int64_t *district);

/* An agenda item: a title, or a topic taken up (topic_id, in the meeting's
 * sub-district and still open; its title when title is NULL). */
int meeting_add_agenda(struct db *db, int64_t id, const char *title, int64_t topic_id,
                       int64_t now, const char **bad_field);

/* An invited party: an organization of the registry (org_id, its name), or
 * a name. */
int meeting_add_party(struct db *db, int64_t id, enum meeting_party_kind kind, int64_t org_id,
                      const char *name, const char **bad_field);

/* Whether party_id (a party of meeting id) came. */
int meeting_set_attendance(struct db *db, int64_t id, int64_t party_id, bool attended,
                           int64_t now, const char **bad_field);

/* The minutes: planned -> held, at held_at (not in the future). */
int meeting_hold(struct db *db, int64_t id, const char *minutes, int64_t held_at, int64_t now,
                 const char **bad_field);
int meeting_cancel(struct db *db, int64_t id, int64_t now, const char **bad_field);

/* A decision of a held meeting, numbered in order. */
int meeting_decide(struct db *db, int64_t id, const char *text, int64_t now, int64_t *decision_id,
                   const char **bad_field);

struct meeting_task_new {
    int64_t decision_id; /* 0: of the meeting as a whole */
    const char *title, *assignee, *due_date; /* assignee, due_date NULL: none */
    bool work_order;     /* file a work order for it */
    int64_t category_id; /* the order's category */
    const char *description;
    int64_t place_id; /* where the work is; 0: the meeting's place */
    int64_t reported_at; /* when the order was filed; 0: now (the demo's are earlier) */
};
/* A follow-up task of a held meeting; with work_order, files the order
 * through the work-order capability as who, in the same transaction. */
int meeting_add_task(struct db *db, const struct actor *a, const struct principal *who, int64_t id,
                     const struct meeting_task_new *t, int64_t now, int64_t *task_id,
                     const char **bad_field);
/* The task's meeting. */
int meeting_task_meeting(struct db *db, int64_t task_id, int64_t *meeting_id, int64_t *district);
int meeting_task_done(struct db *db, int64_t task_id, int64_t now, const char **bad_field);

/* The meeting whole (agenda, parties, minutes, decisions, tasks); a new
 * reference. */
int meeting_json(struct db *db, int64_t id, json_t **out);
/* The meeting as a list shows it. */
int meeting_summary_json(struct db *db, int64_t id, json_t **out);
/* One decision with its meeting: what the ledger cites. */
int meeting_decision_json(struct db *db, int64_t id, json_t **out);

#endif
