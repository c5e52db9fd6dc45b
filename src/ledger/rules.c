#include "ledger/rules.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "base/validate.h"

static const char *const categories[LEDGER_CATEGORY_COUNT] = {
    [LEDGER_PARKING] = "parking", [LEDGER_ADVERTISING] = "advertising", [LEDGER_RENT] = "rent",
    [LEDGER_OTHER_INCOME] = "other_income", [LEDGER_REPAIR] = "repair",
    [LEDGER_OTHER_SPENDING] = "other_spending",
};

const char *ledger_category_name(enum ledger_category c)
{
    return (unsigned)c < LEDGER_CATEGORY_COUNT ? categories[c] : "unknown";
}

int ledger_category_parse(const char *s, enum ledger_category *out)
{
    for (int i = 0; s && i < LEDGER_CATEGORY_COUNT; i++)
        if (strcmp(s, categories[i]) == 0) {
            *out = (enum ledger_category)i;
            return HW_OK;
        }
    return HW_EINVAL;
}

bool ledger_category_is_income(enum ledger_category c) { return c <= LEDGER_OTHER_INCOME; }

const char *ledger_direction_name(enum ledger_category c)
{
    return ledger_category_is_income(c) ? "income" : "spending";
}

const char *ledger_policy_name(enum ledger_policy p) { return p == LEDGER_FLAG ? "flag" : "refuse"; }

int ledger_policy_parse(const char *s, enum ledger_policy *out)
{
    if (s && strcmp(s, "refuse") == 0)
        return *out = LEDGER_REFUSE, HW_OK;
    if (s && strcmp(s, "flag") == 0)
        return *out = LEDGER_FLAG, HW_OK;
    return HW_EINVAL;
}

enum ledger_verdict ledger_authorise(bool spending, const struct ledger_link_facts *f,
                                     enum ledger_policy policy)
{
    if (!spending)
        return f->kind == LEDGER_LINK_NONE ? LEDGER_AUTHORISED : LEDGER_NOT_SPENDING;
    if (f->kind == LEDGER_LINK_NONE)
        return policy == LEDGER_FLAG ? LEDGER_FLAGGED : LEDGER_MISSING;
    /* A wrong link is refused whatever the policy: the policy forgives a
     * missing authorisation, never a false one. */
    if (!f->found)
        return LEDGER_NOT_FOUND;
    if (!f->same_compound)
        return LEDGER_OTHER_PLACE;
    if (!f->settled)
        return LEDGER_NOT_PASSED;
    return LEDGER_AUTHORISED;
}

const char *ledger_verdict_field(enum ledger_verdict v, enum ledger_link kind)
{
    switch (v) {
    case LEDGER_AUTHORISED:
    case LEDGER_FLAGGED:
        return NULL;
    case LEDGER_MISSING:
        return "authorisation";
    default:
        return kind == LEDGER_LINK_DECISION ? "decision_id" : "vote_id";
    }
}

int ledger_statement_sum(const struct ledger_sum *sums, size_t n, struct ledger_statement *out)
{
    *out = (struct ledger_statement){0};
    for (size_t i = 0; i < n; i++) {
        enum ledger_category c = sums[i].category;
        if ((unsigned)c >= LEDGER_CATEGORY_COUNT)
            return HW_EINVAL;
        int64_t fen = sums[i].fen;
        bool income = ledger_category_is_income(c);
        bool overflow;
        if (sums[i].before) {
            overflow = income ? __builtin_add_overflow(out->opening_fen, fen, &out->opening_fen)
                              : __builtin_sub_overflow(out->opening_fen, fen, &out->opening_fen);
        } else {
            int64_t *side = income ? &out->income_fen : &out->spending_fen;
            overflow = __builtin_add_overflow(out->by_category[c], fen, &out->by_category[c]) ||
                       __builtin_add_overflow(*side, fen, side);
        }
        if (overflow)
            return HW_ELIMIT;
    }
    int64_t closing;
    if (__builtin_add_overflow(out->opening_fen, out->income_fen, &closing) ||
        __builtin_sub_overflow(closing, out->spending_fen, &closing))
        return HW_ELIMIT;
    out->closing_fen = closing;
    return HW_OK;
}

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

int ledger_period_parse(const char *text, struct ledger_period *out)
{
    *out = (struct ledger_period){0};
    size_t len = text ? strlen(text) : 0;
    if ((len != 4 && len != 7) || !digits(text, 4) || (len == 7 && (text[4] != '-' || !digits(text + 5, 2))))
        return HW_EINVAL;
    int year = atoi(text);
    if (year < 2000 || year > 2999)
        return HW_EINVAL;
    snprintf(out->name, sizeof out->name, "%s", text);
    if (len == 4) {
        out->year = true;
        bool ok = date_write(year, 1, 1, out->from) && date_write(year, 12, 31, out->to) &&
                  date_write(year + 1, 1, 1, out->until);
        return ok ? HW_OK : HW_EINVAL;
    }
    int month = atoi(text + 5);
    if (month < 1 || month > 12)
        return HW_EINVAL;
    int last = date_month_days(year, month);
    bool ok = date_write(year, month, 1, out->from) && date_write(year, month, last, out->to) &&
              (month == 12 ? date_write(year + 1, 1, 1, out->until)
                           : date_write(year, month + 1, 1, out->until));
    return ok ? HW_OK : HW_EINVAL;
}

void ledger_yuan_format(int64_t fen, char out[LEDGER_YUAN_SIZE])
{
    /* The magnitude as unsigned, so INT64_MIN has one too. */
    uint64_t m = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
    snprintf(out, LEDGER_YUAN_SIZE, "%s%" PRIu64 ".%02" PRIu64, fen < 0 ? "-" : "", m / 100, m % 100);
}
