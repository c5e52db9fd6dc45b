/* The demo's public revenue of 紫薇花园 (docs/domain.md FU-1): a year of
 * parking and advertising income, an advertising entry entered twice and
 * reversed, the sewer main replaced on the deliberation meeting's decision,
 * and the elevator's design fee on the owners' vote when the votes demo
 * holds a passed one; and one entry in 盐渎街道's 惠民小区. */
#include <stdio.h>

#include "base/err.h"
#include "base/log.h"
#include "ledger/entry.h"
#include "ledger/ledger_capability.h"

#define ZIWEI "新都街道/聚龙湖社区/紫薇花园"
enum { DAY = 86400, MONTHS = 12 };

struct who {
    int64_t property, committee;
};

static int enter(struct db *db, const struct demo_env *env, int64_t user, int64_t compound,
                 int64_t days_ago, enum ledger_category c, int64_t fen, const char *what,
                 int64_t vote, int64_t decision, int64_t *id)
{
    char date[LEDGER_DATE_SIZE];
    ledger_date_of(env->now - days_ago * DAY, date);
    struct ledger_entry_new e = {.compound_id = compound, .date = date, .category = c,
                                 .amount_fen = fen, .description = what, .vote_id = vote,
                                 .decision_id = decision};
    const char *bad = NULL;
    int rc = ledger_entry_create(db, &e, user, env->now, id, &bad);
    if (rc != HW_OK)
        log_error("ledger demo: %s: %s", what, bad ? bad : hw_strerror(rc));
    return rc;
}

/* A month's parking, and each quarter the advertising screens in the lifts. */
static int income(struct db *db, const struct demo_env *env, const struct who *w, int64_t compound)
{
    /* Parking varies with the month's occupancy of the 56 ground spaces. */
    static const int64_t parking_fen[MONTHS] = {412000, 398000, 405000, 420000, 415000, 388000,
                                                402000, 426000, 431000, 409000, 417000, 423000};
    int rc = HW_OK;
    int64_t id;
    for (int m = MONTHS; rc == HW_OK && m >= 1; m--) {
        char what[96], date[LEDGER_DATE_SIZE];
        ledger_date_of(env->now - 30L * m * DAY, date);
        snprintf(what, sizeof what, "地面停车位临时停车费（%.4s年%.2s月）", date, date + 5);
        rc = enter(db, env, w->property, compound, 30L * m, LEDGER_PARKING,
                   parking_fen[MONTHS - m], what, 0, 0, &id);
        if (rc == HW_OK && m % 3 == 0)
            rc = enter(db, env, w->property, compound, 30L * m - 2, LEDGER_ADVERTISING, 600000,
                       "电梯轿厢广告屏季度租金", 0, 0, &id);
    }
    /* The last quarter's advertising, entered twice by mistake and reversed. */
    int64_t twice, reversal;
    const char *bad = NULL;
    if (rc == HW_OK)
        rc = enter(db, env, w->property, compound, 88, LEDGER_ADVERTISING, 600000,
                   "电梯轿厢广告屏季度租金", 0, 0, &twice);
    if (rc == HW_OK)
        rc = ledger_entry_reverse(db, twice, "重复录入，冲正", w->property, env->now, &reversal, &bad);
    if (rc == HW_OK)
        rc = enter(db, env, w->property, compound, 20, LEDGER_RENT, 150000,
                   "物业用房外摆摊位场地租金", 0, 0, &id);
    return rc;
}

static int spending(struct db *db, const struct demo_env *env, const struct who *w,
                    int64_t compound)
{
    int64_t decision = 0, vote = 0, id;
    int rc = db_scalar_int(db, &decision,
                           "SELECT d.id FROM meeting_decisions d JOIN meetings m ON m.id = d.meeting_id"
                           " WHERE m.place_id = $1 AND m.topic = '污水主管塌陷抢修协商会'",
                           "i", compound);
    if (rc != HW_OK) {
        log_error("ledger demo: no decision on the sewer main");
        return rc;
    }
    rc = enter(db, env, w->committee, compound, 40, LEDGER_REPAIR, 4860000,
               "更换2幢北侧塌陷污水主管（施工单位结算）", 0, decision, &id);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    rc = db_query_row(db, &st,
                      "SELECT id, title FROM votes WHERE compound_id = $1 AND title LIKE '%电梯%'"
                      " AND status = 'final' AND outcome = 'passed' ORDER BY id DESC LIMIT 1",
                      "i", compound);
    if (rc == HW_ENOTFOUND) {
        log_info("ledger demo: no passed elevator vote in 紫薇花园; its spending is left out");
        return HW_OK;
    }
    if (rc != HW_OK)
        return rc;
    char what[LEDGER_TEXT_MAX];
    vote = db_col_int(st, 0);
    snprintf(what, sizeof what, "%s：前期勘测设计费", db_col_text(st, 1));
    db_reset(st);
    return enter(db, env, w->committee, compound, 5, LEDGER_OTHER_SPENDING, 800000, what, vote, 0,
                 &id);
}

/* The neighbouring sub-district's compound has a ledger of its own. */
static int other_district(struct db *db, const struct demo_env *env)
{
    int64_t compound, staff, id;
    int rc = demo_place_at(db, "盐渎街道/健康社区/惠民小区", &compound);
    if (rc == HW_OK)
        rc = demo_user_id(db, "demo2-community-staff", &staff);
    if (rc == HW_OK)
        rc = enter(db, env, staff, compound, 15, LEDGER_PARKING, 120000, "临时停车费", 0, 0, &id);
    return rc;
}

int ledger_demo(struct db *db, const struct demo_env *env)
{
    struct who w;
    int64_t compound;
    int rc = demo_user_id(db, "demo-property-staff", &w.property);
    if (rc == HW_OK)
        rc = demo_user_id(db, "demo-owners-committee", &w.committee);
    if (rc == HW_OK)
        rc = demo_place_at(db, ZIWEI, &compound);
    if (rc == HW_OK)
        rc = income(db, env, &w, compound);
    if (rc == HW_OK)
        rc = spending(db, env, &w, compound);
    if (rc == HW_OK)
        rc = other_district(db, env);
    return rc;
}
