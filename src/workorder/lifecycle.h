/* The work-order lifecycle as data: which action may be taken on an order
 * in which status by whom, and where it leads (docs/api-workorders.md,
 * "Transitions"). Pure functions: no database, no clock. */
#ifndef HONGWU_WORKORDER_LIFECYCLE_H
#define HONGWU_WORKORDER_LIFECYCLE_H

#include <stdbool.h>
#include <stddef.h>

enum wo_status {
    WO_REPORTED,
    WO_DISPATCHED,
    WO_TAKEN,
    WO_ON_SITE,
    WO_RESOLVED,
    WO_RATED,
    WO_CLOSED,
    WO_SUSPENDED,
    WO_STATUS_COUNT
};
const char *wo_status_name(enum wo_status s);
int wo_status_parse(const char *s, enum wo_status *out); /* HW_EINVAL when unknown */

enum wo_action {
    WO_ACT_DISPATCH,
    WO_ACT_REASSIGN,
    WO_ACT_TAKE,
    WO_ACT_ARRIVE,
    WO_ACT_PLAN,
    WO_ACT_RESOLVE,
    WO_ACT_RATE,
    WO_ACT_VISIT,
    WO_ACT_CLOSE,
    WO_ACT_SEND_BACK,
    WO_ACT_SUSPEND,
    WO_ACT_RESUME,
    WO_ACT_CLASSIFY,
    WO_ACT_REOPEN,
    WO_ACT_MERGE,
    WO_ACT_UNMERGE,
    WO_ACTION_COUNT
};
const char *wo_action_name(enum wo_action a);
int wo_action_parse(const char *s, enum wo_action *out); /* HW_EINVAL when unknown */

/* What the caller is to this order: bits, several may hold at once. */
enum wo_capacity {
    WO_AS_DISPATCHER = 1u << 0, /* holds wo_dispatch and sees the order */
    WO_AS_ASSIGNEE = 1u << 1,   /* the order is assigned to them */
    WO_AS_GRABBER = 1u << 2,    /* holds wo_work and sees the order in the grab pool */
    WO_AS_REPORTER = 1u << 3,   /* filed it, or is the resident it was filed for */
};

/* What else about the order the table needs. */
struct wo_facts {
    enum wo_status status;
    bool closed_duplicate;  /* closed with the outcome duplicate (merged) */
    bool difficult;         /* a plan, not a solution, stops its resolve clock */
    bool resolve_stopped;   /* the resolve clock has stopped (a plan was made) */
    bool within_reopen;     /* now is within reopen_days of resolving or closing */
};

/* Whether the caller with capacities caps may take action a on an order
 * with facts f. */
bool wo_action_allowed(const struct wo_facts *f, unsigned caps, enum wo_action a);

/* The actions allowed, in enum order, into out (room for WO_ACTION_COUNT);
 * returns how many. */
size_t wo_actions_allowed(const struct wo_facts *f, unsigned caps, enum wo_action *out);

/* The status action a leads to from f->status (an allowed action).
 * resume_to: the status a suspended order left (for resume), and the one a
 * merged order had (for unmerge). */
enum wo_status wo_action_target(const struct wo_facts *f, enum wo_action a,
                                enum wo_status resume_to);

/* Open: any status but closed. */
bool wo_status_open(enum wo_status s);

#endif
