#include "votes/tally.h"

#include "base/err.h"

/* Civil Code art. 278, para. 2: owners holding at least 2/3 of the exclusive
 * area and at least 2/3 of the owners take part. */
static const struct vote_threshold turnout = {2, 3, true};
/* Items 6-8: at least 3/4 of the participating area and owners agree. */
static const struct vote_threshold special_approval = {3, 4, true};
/* Every other matter: more than 1/2 of the participating area and owners. */
static const struct vote_threshold ordinary_approval = {1, 2, false};

bool vote_share_reaches(int64_t part, int64_t whole, const struct vote_threshold *t)
{
    if (whole <= 0)
        return false;
    int64_t lhs = part * t->den, rhs = whole * t->num;
    return t->inclusive ? lhs >= rhs : lhs > rhs;
}

static bool weight_ok(const struct vote_weight *w)
{
    return w->area_cm2 >= 0 && w->heads >= 0 && w->heads <= VOTE_AREA_MAX_CM2;
}

int vote_result_compute(const struct vote_tally *t, bool special, struct vote_result *out)
{
    const struct vote_weight *all[] = {&t->electorate, &t->yes, &t->no, &t->abstain};
    for (int i = 0; i < 4; i++) {
        if (!weight_ok(all[i]))
            return HW_EINVAL;
        if (all[i]->area_cm2 > VOTE_AREA_MAX_CM2)
            return HW_ELIMIT;
    }
    struct vote_weight part = {t->yes.area_cm2 + t->no.area_cm2 + t->abstain.area_cm2,
                               t->yes.heads + t->no.heads + t->abstain.heads};
    if (part.area_cm2 > t->electorate.area_cm2 || part.heads > t->electorate.heads)
        return HW_EINVAL;
    const struct vote_threshold *approval = special ? &special_approval : &ordinary_approval;
    *out = (struct vote_result){.taking_part = part};
    out->threshold[VOTE_TURNOUT_AREA] = turnout;
    out->threshold[VOTE_TURNOUT_HEADS] = turnout;
    out->threshold[VOTE_APPROVAL_AREA] = *approval;
    out->threshold[VOTE_APPROVAL_HEADS] = *approval;
    out->met[VOTE_TURNOUT_AREA] = vote_share_reaches(part.area_cm2, t->electorate.area_cm2, &turnout);
    out->met[VOTE_TURNOUT_HEADS] = vote_share_reaches(part.heads, t->electorate.heads, &turnout);
    /* Approval is counted against those taking part, abstentions included. */
    out->met[VOTE_APPROVAL_AREA] = vote_share_reaches(t->yes.area_cm2, part.area_cm2, approval);
    out->met[VOTE_APPROVAL_HEADS] = vote_share_reaches(t->yes.heads, part.heads, approval);
    out->valid = out->met[VOTE_TURNOUT_AREA] && out->met[VOTE_TURNOUT_HEADS];
    out->passed = out->valid && out->met[VOTE_APPROVAL_AREA] && out->met[VOTE_APPROVAL_HEADS];
    return HW_OK;
}

const char *vote_condition_name(enum vote_condition c)
{
    static const char *const names[VOTE_CONDITIONS] = {"turnout_area", "turnout_heads",
                                                       "approval_area", "approval_heads"};
    return (unsigned)c < VOTE_CONDITIONS ? names[c] : "?";
}
