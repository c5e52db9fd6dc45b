/* The rules of deliberation as plain functions of plain data, unit-tested
 * in tests/unit/test_meetings_rules.c (docs/api-meetings.md). */
#ifndef HONGWU_MEETINGS_RULES_H
#define HONGWU_MEETINGS_RULES_H

#include <stdbool.h>
#include <stdint.h>

#include "kit/principal.h"

/* Lengths in characters (text_chars). */
enum {
    MEETING_TITLE_MAX = 100,
    MEETING_TEXT_MAX = 2000,
    MEETING_MINUTES_MAX = 20000,
    MEETING_NAME_MAX = 64,
    MEETING_COMMENT_MAX = 1000,
    MEETING_AGENDA_MAX = 30,  /* items of one agenda */
    MEETING_PARTIES_MAX = 60, /* invited parties of one meeting */
    MEETING_DECISIONS_MAX = 30,
};

enum meeting_status { MEETING_PLANNED, MEETING_HELD, MEETING_CANCELLED };
const char *meeting_status_name(enum meeting_status s);
int meeting_status_parse(const char *s, enum meeting_status *out); /* HW_EINVAL */

/* What is done to a meeting. */
enum meeting_act {
    MEETING_SET_AGENDA,  /* add an agenda item, invite a party */
    MEETING_ATTENDANCE,  /* who came */
    MEETING_HOLD,        /* record the minutes: planned -> held */
    MEETING_CANCEL,      /* planned -> cancelled */
    MEETING_DECIDE,      /* record a decision */
    MEETING_ADD_TASK,    /* a follow-up task */
};
/* Whether act may be done to a meeting in status s: the agenda and the
 * invitations are settled before the meeting; attendance is taken at it;
 * decisions and follow-up tasks come from a meeting that was held. */
bool meeting_may(enum meeting_status s, enum meeting_act act);

/* Who is invited: the three parties "逢三必商" names (community, owners'
 * committee, property company, docs/domain.md OV-1), residents and units. */
enum meeting_party_kind {
    PARTY_COMMUNITY,
    PARTY_OWNERS_COMMITTEE,
    PARTY_PROPERTY_COMPANY,
    PARTY_RESIDENT,
    PARTY_UNIT,
    PARTY_KIND_COUNT
};
const char *meeting_party_kind_name(enum meeting_party_kind k);
int meeting_party_kind_parse(const char *s, enum meeting_party_kind *out);
/* Whether a party of kind k may name an organization of the registry of
 * kind org_kind (organizations.kind); the community and residents are named
 * by a name only. */
bool meeting_party_org_fits(enum meeting_party_kind k, const char *org_kind);

/* Whether who sees the full name of a topic's or comment's author: the
 * author, and those who keep the registry and see identifiers (kit/privacy.h)
 * other than residents; everyone else sees "吕*" (docs/privacy.md). */
bool meeting_sees_author(const struct principal *who, int64_t author_id);

/* A text of 1..max characters (newlines allowed with multiline). */
bool meeting_text_ok(const char *s, long max, bool multiline);

#endif
