#include "workorder/lifecycle.h"

#include <string.h>

#include "base/err.h"

static const char *const status_names[WO_STATUS_COUNT] = {
    [WO_REPORTED] = "reported", [WO_DISPATCHED] = "dispatched", [WO_TAKEN] = "taken",
    [WO_ON_SITE] = "on_site",   [WO_RESOLVED] = "resolved",     [WO_RATED] = "rated",
    [WO_CLOSED] = "closed",     [WO_SUSPENDED] = "suspended",
};

static const char *const action_names[WO_ACTION_COUNT] = {
    [WO_ACT_DISPATCH] = "dispatch", [WO_ACT_REASSIGN] = "reassign",
    [WO_ACT_TAKE] = "take",         [WO_ACT_ARRIVE] = "arrive",
    [WO_ACT_PLAN] = "plan",         [WO_ACT_RESOLVE] = "resolve",
    [WO_ACT_RATE] = "rate",         [WO_ACT_VISIT] = "visit",
    [WO_ACT_CLOSE] = "close",       [WO_ACT_SEND_BACK] = "send_back",
    [WO_ACT_SUSPEND] = "suspend",   [WO_ACT_RESUME] = "resume",
    [WO_ACT_CLASSIFY] = "classify", [WO_ACT_REOPEN] = "reopen",
    [WO_ACT_MERGE] = "merge",       [WO_ACT_UNMERGE] = "unmerge",
};

const char *wo_status_name(enum wo_status s)
{
    return (unsigned)s < WO_STATUS_COUNT ? status_names[s] : NULL;
}

int wo_status_parse(const char *s, enum wo_status *out)
{
    for (int i = 0; s && i < WO_STATUS_COUNT; i++)
        if (strcmp(s, status_names[i]) == 0) {
            *out = (enum wo_status)i;
            return HW_OK;
        }
    return HW_EINVAL;
}

const char *wo_action_name(enum wo_action a)
{
    return (unsigned)a < WO_ACTION_COUNT ? action_names[a] : NULL;
}

int wo_action_parse(const char *s, enum wo_action *out)
{
    for (int i = 0; s && i < WO_ACTION_COUNT; i++)
        if (strcmp(s, action_names[i]) == 0) {
            *out = (enum wo_action)i;
            return HW_OK;
        }
    return HW_EINVAL;
}

bool wo_status_open(enum wo_status s) { return s != WO_CLOSED; }

#define S(status) (1u << (status))

/* One row per action: the statuses it may start from and who may take it. */
static const struct {
    unsigned from; /* S(status) bits */
    unsigned who;  /* enum wo_capacity bits: any one suffices */
} table[WO_ACTION_COUNT] = {
    [WO_ACT_DISPATCH] = {S(WO_REPORTED), WO_AS_DISPATCHER},
    [WO_ACT_REASSIGN] = {S(WO_DISPATCHED) | S(WO_TAKEN) | S(WO_ON_SITE), WO_AS_DISPATCHER},
    [WO_ACT_TAKE] = {S(WO_DISPATCHED), WO_AS_ASSIGNEE | WO_AS_GRABBER},
    [WO_ACT_ARRIVE] = {S(WO_TAKEN), WO_AS_ASSIGNEE},
    [WO_ACT_PLAN] = {S(WO_ON_SITE), WO_AS_ASSIGNEE | WO_AS_DISPATCHER},
    [WO_ACT_RESOLVE] = {S(WO_ON_SITE), WO_AS_ASSIGNEE},
    [WO_ACT_RATE] = {S(WO_RESOLVED), WO_AS_REPORTER},
    [WO_ACT_VISIT] = {S(WO_RESOLVED) | S(WO_RATED), WO_AS_DISPATCHER},
    [WO_ACT_CLOSE] = {S(WO_REPORTED) | S(WO_DISPATCHED) | S(WO_TAKEN) | S(WO_ON_SITE) |
                          S(WO_RESOLVED) | S(WO_RATED),
                      WO_AS_DISPATCHER},
    [WO_ACT_SEND_BACK] = {S(WO_DISPATCHED) | S(WO_TAKEN) | S(WO_ON_SITE), WO_AS_ASSIGNEE},
    [WO_ACT_SUSPEND] = {S(WO_REPORTED) | S(WO_DISPATCHED) | S(WO_TAKEN) | S(WO_ON_SITE),
                        WO_AS_DISPATCHER | WO_AS_ASSIGNEE},
    [WO_ACT_RESUME] = {S(WO_SUSPENDED), WO_AS_DISPATCHER | WO_AS_ASSIGNEE},
    [WO_ACT_CLASSIFY] = {S(WO_REPORTED) | S(WO_DISPATCHED) | S(WO_TAKEN) | S(WO_ON_SITE) |
                             S(WO_RESOLVED) | S(WO_RATED) | S(WO_SUSPENDED),
                         WO_AS_DISPATCHER},
    [WO_ACT_REOPEN] = {S(WO_RESOLVED) | S(WO_RATED) | S(WO_CLOSED),
                       WO_AS_REPORTER | WO_AS_DISPATCHER},
    [WO_ACT_MERGE] = {S(WO_REPORTED) | S(WO_DISPATCHED) | S(WO_TAKEN) | S(WO_ON_SITE) |
                          S(WO_RESOLVED) | S(WO_RATED) | S(WO_SUSPENDED),
                      WO_AS_DISPATCHER},
    [WO_ACT_UNMERGE] = {S(WO_CLOSED), WO_AS_DISPATCHER},
};

bool wo_action_allowed(const struct wo_facts *f, unsigned caps, enum wo_action a)
{
    if ((unsigned)a >= WO_ACTION_COUNT || (unsigned)f->status >= WO_STATUS_COUNT)
        return false;
    if (!(table[a].from & S(f->status)) || !(table[a].who & caps))
        return false;
    switch (a) {
    case WO_ACT_PLAN: /* only a difficult order is answered by a plan, once */
        return f->difficult && !f->resolve_stopped;
    case WO_ACT_REOPEN: /* a merged order is unmerged, not reopened; the
                         * reporter only within the reopening period */
        if (f->closed_duplicate)
            return false;
        return (caps & WO_AS_DISPATCHER) || f->within_reopen;
    case WO_ACT_UNMERGE:
        return f->closed_duplicate;
    default:
        return true;
    }
}

size_t wo_actions_allowed(const struct wo_facts *f, unsigned caps, enum wo_action *out)
{
    size_t n = 0;
    for (int a = 0; a < WO_ACTION_COUNT; a++)
        if (wo_action_allowed(f, caps, (enum wo_action)a))
            out[n++] = (enum wo_action)a;
    return n;
}

enum wo_status wo_action_target(const struct wo_facts *f, enum wo_action a,
                                enum wo_status resume_to)
{
    switch (a) {
    case WO_ACT_DISPATCH:
    case WO_ACT_REASSIGN:
    case WO_ACT_REOPEN: return WO_DISPATCHED;
    case WO_ACT_TAKE: return WO_TAKEN;
    case WO_ACT_ARRIVE: return WO_ON_SITE;
    case WO_ACT_RESOLVE: return WO_RESOLVED;
    case WO_ACT_RATE:
    case WO_ACT_VISIT: return WO_RATED;
    case WO_ACT_CLOSE:
    case WO_ACT_MERGE: return WO_CLOSED;
    case WO_ACT_SEND_BACK: return WO_REPORTED;
    case WO_ACT_SUSPEND: return WO_SUSPENDED;
    case WO_ACT_RESUME:
    case WO_ACT_UNMERGE: return resume_to;
    case WO_ACT_PLAN:
    case WO_ACT_CLASSIFY:
    default: return f->status;
    }
}
