#include "kit/access.h"

#include "base/err.h"

#define R(role) (1u << (role))
#define ALL_ROLES ((1u << ROLE_COUNT) - 1)
/* Who keeps the registry: the community, the sub-district, an admin. */
#define STAFF (R(ROLE_COMMUNITY_STAFF) | R(ROLE_SUBDISTRICT_OFFICER) | R(ROLE_ADMIN))
/* Grid workers visit households and keep their data current (docs/domain.md GR-6). */
#define GRID (R(ROLE_GRID_LEADER) | R(ROLE_GRID_WORKER))

/* Which roles hold each permission (domain.md, "Who uses it"). The discipline
 * inspector reads everything in its sub-district and writes nothing. */
static const struct {
    const char *name;
    unsigned roles;
} perms[PERM_COUNT] = {
    [PERM_PUBLIC] = {"public", ALL_ROLES},
    [PERM_SIGNED_IN] = {"signed_in", ALL_ROLES},
    [PERM_PLACE_READ] = {"place_read", ALL_ROLES},
    [PERM_USER_ADMIN] = {"user_admin", R(ROLE_ADMIN)},
    [PERM_USER_READ] = {"user_read", ALL_ROLES},
    [PERM_AUDIT_READ] = {"audit_read",
                         R(ROLE_ADMIN) | R(ROLE_INSPECTOR) | R(ROLE_SUBDISTRICT_OFFICER)},
    [PERM_TEST_CLOCK] = {"test_clock", R(ROLE_ADMIN)},
    [PERM_PLACE_WRITE] = {"place_write", STAFF},
    [PERM_RESIDENT_READ] = {"resident_read", STAFF | GRID | R(ROLE_BUILDING_LEADER) |
                                                 R(ROLE_PROPERTY_STAFF) | R(ROLE_INSPECTOR) |
                                                 R(ROLE_RESIDENT)},
    [PERM_RESIDENT_WRITE] = {"resident_write", STAFF | GRID},
    [PERM_ORG_READ] = {"org_read", ALL_ROLES},
    [PERM_ORG_WRITE] = {"org_write", STAFF},
    [PERM_REPORT_READ] = {"report_read", STAFF | R(ROLE_GRID_LEADER) | R(ROLE_INSPECTOR)},
    [PERM_IMPORT] = {"import", STAFF},
    [PERM_EXPORT] = {"export", STAFF},
    [PERM_JOBS_ADMIN] = {"jobs_admin", R(ROLE_ADMIN)},
    [PERM_INBOX] = {"inbox", ALL_ROLES},
    [PERM_ANNOUNCE] = {"announce", STAFF},
    [PERM_WEBHOOK_ADMIN] = {"webhook_admin", R(ROLE_ADMIN) | R(ROLE_SUBDISTRICT_OFFICER)},
    /* Work orders: residents order, the branch dispatches, party members and
     * cadres take the order, many parties do it (docs/domain.md WO-1). */
    [PERM_WO_REPORT] = {"wo_report", ALL_ROLES},
    [PERM_WO_READ] = {"wo_read", ALL_ROLES},
    [PERM_WO_DISPATCH] = {"wo_dispatch", STAFF | R(ROLE_GRID_LEADER)},
    [PERM_WO_WORK] = {"wo_work", GRID | R(ROLE_PROPERTY_STAFF) | R(ROLE_PARTY_MEMBER) |
                                     R(ROLE_VOLUNTEER) | R(ROLE_ALLIANCE_UNIT) |
                                     R(ROLE_COMMUNITY_STAFF)},
    [PERM_WO_CONFIG] = {"wo_config", R(ROLE_ADMIN) | R(ROLE_SUBDISTRICT_OFFICER)},
    [PERM_WO_STATS] = {"wo_stats", STAFF | R(ROLE_GRID_LEADER) | R(ROLE_INSPECTOR)},
    /* Grid care: grid workers visit, staff and grid leaders set tiers, the
     * building leader keeps the building's log, the community and grid
     * leaders mediate (docs/domain.md section 6). */
    [PERM_CARE_READ] = {"care_read", STAFF | GRID | R(ROLE_INSPECTOR)},
    [PERM_CARE_VISIT] = {"care_visit", GRID | R(ROLE_COMMUNITY_STAFF)},
    [PERM_CARE_TIER] = {"care_tier", STAFF | R(ROLE_GRID_LEADER)},
    [PERM_CARE_RULES] = {"care_rules", R(ROLE_ADMIN) | R(ROLE_SUBDISTRICT_OFFICER)},
    [PERM_CARE_LOG] = {"care_log", R(ROLE_BUILDING_LEADER) | R(ROLE_COMMUNITY_STAFF)},
    [PERM_CARE_MEDIATION] = {"care_mediation", R(ROLE_COMMUNITY_STAFF) | R(ROLE_GRID_LEADER)},
    /* Self-governance: the owners' committee or the community calls a vote,
     * owners cast their own ballots, the committee and inspectors see the
     * ballot list; complaints go to the discipline inspector alone, never to
     * those complained about (docs/domain.md section 7). */
    [PERM_VOTE_READ] = {"vote_read", ALL_ROLES},
    [PERM_VOTE_CALL] = {"vote_call", STAFF | R(ROLE_OWNERS_COMMITTEE)},
    [PERM_VOTE_CAST] = {"vote_cast", R(ROLE_RESIDENT)},
    [PERM_VOTE_RECORD] = {"vote_record", STAFF | R(ROLE_OWNERS_COMMITTEE)},
    [PERM_VOTE_BALLOTS] = {"vote_ballots", R(ROLE_OWNERS_COMMITTEE) | R(ROLE_INSPECTOR) |
                                               R(ROLE_ADMIN)},
    [PERM_CHAIN_VERIFY] = {"chain_verify", R(ROLE_INSPECTOR) | R(ROLE_ADMIN) |
                                               R(ROLE_SUBDISTRICT_OFFICER)},
    [PERM_MEETING_READ] = {"meeting_read", ALL_ROLES},
    [PERM_MEETING_WRITE] = {"meeting_write", STAFF | R(ROLE_OWNERS_COMMITTEE)},
    [PERM_TOPIC_OPEN] = {"topic_open", ALL_ROLES},
    [PERM_LEDGER_READ] = {"ledger_read", ALL_ROLES},
    /* The property company keeps and discloses the accounts of the common
     * parts' income (Civil Code art. 943, docs/domain.md FU-1). */
    [PERM_LEDGER_WRITE] = {"ledger_write", STAFF | R(ROLE_OWNERS_COMMITTEE) |
                                               R(ROLE_PROPERTY_STAFF)},
    [PERM_COMPLAINT_HANDLE] = {"complaint_handle", R(ROLE_INSPECTOR)},
    [PERM_RATING_READ] = {"rating_read", ALL_ROLES},
    [PERM_RATING_WRITE] = {"rating_write", R(ROLE_SUBDISTRICT_OFFICER) | R(ROLE_ADMIN)},
};

bool access_allows(const struct principal *who, enum perm p)
{
    if ((unsigned)p >= PERM_COUNT)
        return false;
    if (p == PERM_PUBLIC)
        return true;
    return who && (unsigned)who->role < ROLE_COUNT && (perms[p].roles & R(who->role));
}

unsigned access_roles(enum perm p) { return (unsigned)p < PERM_COUNT ? perms[p].roles : 0; }

const char *perm_name(enum perm p)
{
    return (unsigned)p < PERM_COUNT ? perms[p].name : "unknown";
}
