/* The public-revenue ledger's rules (docs/api-ledger.md): which spending is
 * authorised, the statement's arithmetic in whole fen, periods and yuan. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/err.h"
#include "ledger/rules.h"

static const struct ledger_link_facts none = {.kind = LEDGER_LINK_NONE};

static void spending_without_a_link_follows_the_policy(void **state)
{
    (void)state;
    assert_int_equal(ledger_authorise(true, &none, LEDGER_REFUSE), LEDGER_MISSING);
    assert_int_equal(ledger_authorise(true, &none, LEDGER_FLAG), LEDGER_FLAGGED);
    assert_string_equal(ledger_verdict_field(LEDGER_MISSING, LEDGER_LINK_NONE), "authorisation");
    assert_null(ledger_verdict_field(LEDGER_FLAGGED, LEDGER_LINK_NONE));
}

static void a_passed_vote_or_held_decision_of_the_compound_authorises(void **state)
{
    (void)state;
    struct ledger_link_facts vote = {LEDGER_LINK_VOTE, true, true, true};
    struct ledger_link_facts decision = {LEDGER_LINK_DECISION, true, true, true};
    assert_int_equal(ledger_authorise(true, &vote, LEDGER_REFUSE), LEDGER_AUTHORISED);
    assert_int_equal(ledger_authorise(true, &decision, LEDGER_REFUSE), LEDGER_AUTHORISED);
    assert_null(ledger_verdict_field(LEDGER_AUTHORISED, LEDGER_LINK_VOTE));
}

static void a_false_link_is_refused_whatever_the_policy(void **state)
{
    (void)state;
    for (int p = LEDGER_REFUSE; p <= LEDGER_FLAG; p++) {
        struct ledger_link_facts failed = {LEDGER_LINK_VOTE, true, true, false};
        assert_int_equal(ledger_authorise(true, &failed, (enum ledger_policy)p), LEDGER_NOT_PASSED);
        struct ledger_link_facts elsewhere = {LEDGER_LINK_VOTE, true, false, true};
        assert_int_equal(ledger_authorise(true, &elsewhere, (enum ledger_policy)p),
                         LEDGER_OTHER_PLACE);
        struct ledger_link_facts missing = {LEDGER_LINK_DECISION, false, false, false};
        assert_int_equal(ledger_authorise(true, &missing, (enum ledger_policy)p), LEDGER_NOT_FOUND);
    }
    assert_string_equal(ledger_verdict_field(LEDGER_NOT_PASSED, LEDGER_LINK_VOTE), "vote_id");
    assert_string_equal(ledger_verdict_field(LEDGER_OTHER_PLACE, LEDGER_LINK_DECISION),
                        "decision_id");
}

static void income_needs_and_takes_no_link(void **state)
{
    (void)state;
    assert_int_equal(ledger_authorise(false, &none, LEDGER_REFUSE), LEDGER_AUTHORISED);
    struct ledger_link_facts vote = {LEDGER_LINK_VOTE, true, true, true};
    assert_int_equal(ledger_authorise(false, &vote, LEDGER_FLAG), LEDGER_NOT_SPENDING);
}

static void categories_have_a_direction(void **state)
{
    (void)state;
    enum ledger_category c;
    assert_int_equal(ledger_category_parse("advertising", &c), HW_OK);
    assert_true(ledger_category_is_income(c));
    assert_int_equal(ledger_category_parse("repair", &c), HW_OK);
    assert_string_equal(ledger_direction_name(c), "spending");
    assert_int_equal(ledger_category_parse("maintenance_fund", &c), HW_EINVAL);
    assert_int_equal(ledger_category_parse(NULL, &c), HW_EINVAL);
}

static void a_statement_adds_up(void **state)
{
    (void)state;
    /* Before the period: 1,000.00 parking in, 300.00 repair out. Within it:
     * 500.00 parking, 200.00 advertising and its 200.00 reversal, 120.50 repair. */
    struct ledger_sum sums[] = {
        {true, LEDGER_PARKING, 100000},      {true, LEDGER_REPAIR, 30000},
        {false, LEDGER_PARKING, 50000},      {false, LEDGER_ADVERTISING, 0},
        {false, LEDGER_REPAIR, 12050},
    };
    struct ledger_statement s;
    assert_int_equal(ledger_statement_sum(sums, 5, &s), HW_OK);
    assert_int_equal(s.opening_fen, 70000);
    assert_int_equal(s.income_fen, 50000);
    assert_int_equal(s.spending_fen, 12050);
    assert_int_equal(s.by_category[LEDGER_PARKING], 50000);
    assert_int_equal(s.by_category[LEDGER_REPAIR], 12050);
    assert_int_equal(s.by_category[LEDGER_RENT], 0);
    assert_int_equal(s.closing_fen, 70000 + 50000 - 12050);
}

static void a_balance_may_be_negative_and_an_empty_one_is_zero(void **state)
{
    (void)state;
    struct ledger_statement s;
    assert_int_equal(ledger_statement_sum(NULL, 0, &s), HW_OK);
    assert_int_equal(s.opening_fen, 0);
    assert_int_equal(s.closing_fen, 0);
    struct ledger_sum over[] = {{false, LEDGER_OTHER_SPENDING, 1}};
    assert_int_equal(ledger_statement_sum(over, 1, &s), HW_OK);
    assert_int_equal(s.closing_fen, -1);
}

static void sums_that_do_not_fit_are_refused(void **state)
{
    (void)state;
    struct ledger_statement s;
    struct ledger_sum big[] = {{false, LEDGER_PARKING, INT64_MAX}, {false, LEDGER_RENT, 1}};
    assert_int_equal(ledger_statement_sum(big, 2, &s), HW_ELIMIT);
    struct ledger_sum deep[] = {{true, LEDGER_REPAIR, INT64_MAX}, {true, LEDGER_REPAIR, 2}};
    assert_int_equal(ledger_statement_sum(deep, 2, &s), HW_ELIMIT);
    struct ledger_sum unknown[] = {{false, LEDGER_CATEGORY_COUNT, 1}};
    assert_int_equal(ledger_statement_sum(unknown, 1, &s), HW_EINVAL);
}

static void periods_are_months_or_years(void **state)
{
    (void)state;
    struct ledger_period p;
    assert_int_equal(ledger_period_parse("2024-02", &p), HW_OK);
    assert_string_equal(p.from, "2024-02-01");
    assert_string_equal(p.to, "2024-02-29"); /* a leap year */
    assert_string_equal(p.until, "2024-03-01");
    assert_false(p.year);
    assert_int_equal(ledger_period_parse("2100-02", &p), HW_OK);
    assert_string_equal(p.to, "2100-02-28"); /* a century, not a leap year */
    assert_int_equal(ledger_period_parse("2026-12", &p), HW_OK);
    assert_string_equal(p.until, "2027-01-01");
    assert_int_equal(ledger_period_parse("2026", &p), HW_OK);
    assert_true(p.year);
    assert_string_equal(p.from, "2026-01-01");
    assert_string_equal(p.to, "2026-12-31");
    assert_string_equal(p.until, "2027-01-01");
    const char *bad[] = {"2026-13", "2026-00", "26-05", "2026-5", "1999", "2026-05-01", "", "abcd"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(ledger_period_parse(bad[i], &p), HW_EINVAL);
    assert_int_equal(ledger_period_parse(NULL, &p), HW_EINVAL);
}

static void yuan_have_two_decimals(void **state)
{
    (void)state;
    char out[LEDGER_YUAN_SIZE];
    ledger_yuan_format(4860000, out);
    assert_string_equal(out, "48600.00");
    ledger_yuan_format(5, out);
    assert_string_equal(out, "0.05");
    ledger_yuan_format(-12050, out);
    assert_string_equal(out, "-120.50");
    ledger_yuan_format(INT64_MIN, out);
    assert_string_equal(out, "-92233720368547758.08");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(spending_without_a_link_follows_the_policy),
        cmocka_unit_test(a_passed_vote_or_held_decision_of_the_compound_authorises),
        cmocka_unit_test(a_false_link_is_refused_whatever_the_policy),
        cmocka_unit_test(income_needs_and_takes_no_link),
        cmocka_unit_test(categories_have_a_direction),
        cmocka_unit_test(a_statement_adds_up),
        cmocka_unit_test(a_balance_may_be_negative_and_an_empty_one_is_zero),
        cmocka_unit_test(sums_that_do_not_fit_are_refused),
        cmocka_unit_test(periods_are_months_or_years),
        cmocka_unit_test(yuan_have_two_decimals),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
