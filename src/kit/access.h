/* The one place that decides who may do what, and see where. Deny by default:
 * a route's permission is allowed only to the roles listed in access.c. Which
 * records a caller may see is the scope rule's (kit/scope.h). */
#ifndef HONGWU_KIT_ACCESS_H
#define HONGWU_KIT_ACCESS_H

#include <stdbool.h>

#include "kit/principal.h"
#include "store/db.h"

enum perm {
    PERM_PUBLIC,     /* no sign-in: health checks, login */
    PERM_SIGNED_IN,  /* any signed-in user: me, logout */
    PERM_PLACE_READ, /* browse places within one's scope */
    PERM_USER_ADMIN, /* manage accounts */
    PERM_USER_READ,  /* read one account: admins, or oneself (checked in the handler) */
    PERM_AUDIT_READ, /* read the audit log of one's sub-district */
    PERM_TEST_CLOCK, /* move the test clock (only under serve --test-clock) */
    /* The registry. Reads are further limited by scope. */
    PERM_PLACE_WRITE,    /* create places, generate buildings, move a building's grid */
    PERM_RESIDENT_READ,  /* residents and households in one's scope (masked for most) */
    PERM_RESIDENT_WRITE, /* add and edit residents, occupancies, tags, consents */
    PERM_ORG_READ,       /* organizations, party tree, party cards, posts: public */
    PERM_ORG_WRITE,      /* edit organizations, party tree, cards and posts */
    PERM_REPORT_READ,    /* coverage and other registry reports */
    PERM_IMPORT,         /* CSV import */
    PERM_EXPORT,         /* CSV / Excel export and list matching of personal data */
    /* Jobs and notifications (architecture.md). */
    PERM_JOBS_ADMIN,     /* the jobs table: list, retry (admins) */
    PERM_INBOX,          /* one's own inbox: every signed-in role */
    PERM_ANNOUNCE,       /* announcements to one's scope */
    PERM_WEBHOOK_ADMIN,  /* the webhooks of one's sub-district */
    /* Work orders (docs/api-workorders.md). Which orders is the record rule's. */
    PERM_WO_REPORT,   /* file an order, join one, add a photo: every role */
    PERM_WO_READ,     /* read orders: every role */
    PERM_WO_DISPATCH, /* dispatch, reassign, close, merge, blow the whistle */
    PERM_WO_WORK,     /* take and work orders, answer a whistle */
    PERM_WO_CONFIG,   /* categories, the deadline standard, calendar, dispatch rules */
    PERM_WO_STATS,    /* work-order statistics and exports */
    /* Grid care (docs/api-care.md). Which households is the scope rule's. */
    PERM_CARE_READ,      /* tiers, due lists, visits, compliance, the 户情图 data */
    PERM_CARE_VISIT,     /* record visits */
    PERM_CARE_TIER,      /* set tiers, record consents */
    PERM_CARE_RULES,     /* a sub-district's visit rules */
    PERM_CARE_LOG,       /* the building leader's work log */
    PERM_CARE_MEDIATION, /* dispute mediation records */
    /* Owner votes (Civil Code art. 278), deliberation, the public-revenue
     * ledger and oversight. Which compound or building is the scope rule's. */
    PERM_VOTE_READ,      /* votes, their electorate and results */
    PERM_VOTE_CALL,      /* call a vote, publish its electorate, close it */
    PERM_VOTE_CAST,      /* cast one's own ballot online */
    PERM_VOTE_RECORD,    /* record a numbered paper or proxy ballot */
    PERM_VOTE_BALLOTS,   /* the ballot list with names */
    PERM_CHAIN_VERIFY,   /* check the hash chains of ballots and the ledger */
    PERM_MEETING_READ,   /* deliberation meetings and topics */
    PERM_MEETING_WRITE,  /* hold meetings: agenda, attendance, minutes, decisions */
    PERM_TOPIC_OPEN,     /* open a topic for deliberation, comment on one */
    PERM_LEDGER_READ,    /* the public-revenue ledger and its statements */
    PERM_LEDGER_WRITE,   /* enter income and spending */
    PERM_COMPLAINT_HANDLE, /* complaints: verify, find, act (the discipline inspector) */
    PERM_RATING_READ,    /* property companies' quarterly scores, with their figures */
    PERM_RATING_WRITE,   /* third-party evaluation scores, the scoring formula */
    PERM_COUNT
};

bool access_allows(const struct principal *who, enum perm p);
/* The roles holding p, as bits (1 << role). */
unsigned access_roles(enum perm p);
const char *perm_name(enum perm p);

#endif
