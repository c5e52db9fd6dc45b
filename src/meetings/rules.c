#include "meetings/rules.h"

#include <string.h>

#include "base/err.h"
#include "base/text.h"
#include "kit/privacy.h"

static const char *const statuses[] = {
    [MEETING_PLANNED] = "planned", [MEETING_HELD] = "held", [MEETING_CANCELLED] = "cancelled"};

const char *meeting_status_name(enum meeting_status s)
{
    return (unsigned)s < sizeof statuses / sizeof statuses[0] ? statuses[s] : "unknown";
}

int meeting_status_parse(const char *s, enum meeting_status *out)
{
    for (size_t i = 0; s && i < sizeof statuses / sizeof statuses[0]; i++)
        if (strcmp(s, statuses[i]) == 0) {
            *out = (enum meeting_status)i;
            return HW_OK;
        }
    return HW_EINVAL;
}

bool meeting_may(enum meeting_status s, enum meeting_act act)
{
    switch (act) {
    case MEETING_SET_AGENDA:
    case MEETING_HOLD:
    case MEETING_CANCEL:
        return s == MEETING_PLANNED;
    case MEETING_ATTENDANCE:
        return s == MEETING_PLANNED || s == MEETING_HELD;
    case MEETING_DECIDE:
    case MEETING_ADD_TASK:
        return s == MEETING_HELD;
    }
    return false;
}

static const char *const party_kinds[PARTY_KIND_COUNT] = {
    [PARTY_COMMUNITY] = "community",         [PARTY_OWNERS_COMMITTEE] = "owners_committee",
    [PARTY_PROPERTY_COMPANY] = "property_company", [PARTY_RESIDENT] = "resident",
    [PARTY_UNIT] = "unit",
};

const char *meeting_party_kind_name(enum meeting_party_kind k)
{
    return (unsigned)k < PARTY_KIND_COUNT ? party_kinds[k] : "unknown";
}

int meeting_party_kind_parse(const char *s, enum meeting_party_kind *out)
{
    for (int i = 0; s && i < PARTY_KIND_COUNT; i++)
        if (strcmp(s, party_kinds[i]) == 0) {
            *out = (enum meeting_party_kind)i;
            return HW_OK;
        }
    return HW_EINVAL;
}

bool meeting_party_org_fits(enum meeting_party_kind k, const char *org_kind)
{
    if (!org_kind)
        return false;
    switch (k) {
    case PARTY_OWNERS_COMMITTEE:
    case PARTY_PROPERTY_COMPANY:
        return strcmp(org_kind, party_kinds[k]) == 0;
    case PARTY_UNIT: /* a unit of the area: any organization but these two */
        return strcmp(org_kind, "alliance_unit") == 0 || strcmp(org_kind, "social_org") == 0 ||
               strcmp(org_kind, "resident_unit") == 0;
    default: /* the community and residents are named, not registry organizations */
        return false;
    }
}

bool meeting_sees_author(const struct principal *who, int64_t author_id)
{
    if (!who)
        return false;
    if (who->user_id && who->user_id == author_id)
        return true;
    return who->role != ROLE_RESIDENT && privacy_sees_identifiers(who);
}

bool meeting_text_ok(const char *s, long max, bool multiline)
{
    if (!s)
        return false;
    long n = text_chars(s, multiline);
    if (n < 1 || n > max)
        return false;
    size_t w;
    while ((w = text_blank_at(s)) > 0)
        s += w;
    return *s != '\0';
}
