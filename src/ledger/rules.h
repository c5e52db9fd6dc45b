/* The public-revenue ledger's rules as plain functions of plain data,
 * unit-tested in tests/unit/test_ledger_rules.c (docs/api-ledger.md). */
#ifndef HONGWU_LEDGER_RULES_H
#define HONGWU_LEDGER_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One entry's amount: 1 fen up to 100 million yuan. */
#define LEDGER_AMOUNT_MAX INT64_C(10000000000)
enum { LEDGER_TEXT_MAX = 500, LEDGER_DATE_SIZE = 11, LEDGER_YUAN_SIZE = 32 };

/* Income from the owners' common parts (Civil Code art. 282: parking,
 * advertising, rents) and what it is spent on. */
enum ledger_category {
    LEDGER_PARKING,
    LEDGER_ADVERTISING,
    LEDGER_RENT,
    LEDGER_OTHER_INCOME,
    LEDGER_REPAIR,
    LEDGER_OTHER_SPENDING,
    LEDGER_CATEGORY_COUNT
};
const char *ledger_category_name(enum ledger_category c);
int ledger_category_parse(const char *s, enum ledger_category *out); /* HW_EINVAL */
bool ledger_category_is_income(enum ledger_category c);
const char *ledger_direction_name(enum ledger_category c); /* "income" or "spending" */

/* ---- authorisation ------------------------------------------------------ */

/* A sub-district's choice for spending that cites nothing. */
enum ledger_policy { LEDGER_REFUSE, LEDGER_FLAG };
const char *ledger_policy_name(enum ledger_policy p);
int ledger_policy_parse(const char *s, enum ledger_policy *out);

enum ledger_link { LEDGER_LINK_NONE, LEDGER_LINK_VOTE, LEDGER_LINK_DECISION };

/* What the database says of the vote or decision an entry cites. */
struct ledger_link_facts {
    enum ledger_link kind;
    bool found;         /* it exists in the entry's sub-district */
    bool same_compound; /* about the entry's compound or a building of it */
    bool settled;       /* a vote final and passed; a decision of a held meeting */
};

enum ledger_verdict {
    LEDGER_AUTHORISED,   /* spending with a good link, or income without one */
    LEDGER_FLAGGED,      /* spending without a link, accepted under LEDGER_FLAG */
    LEDGER_MISSING,      /* spending without a link, refused */
    LEDGER_NOT_FOUND,    /* the link names nothing of the sub-district */
    LEDGER_OTHER_PLACE,  /* the link is about another compound */
    LEDGER_NOT_PASSED,   /* a vote not final or failed, a meeting not held */
    LEDGER_NOT_SPENDING, /* income cites a link: income needs none */
};

/* Whether an entry may be written: spending must cite a passed vote or a
 * held meeting's decision about its compound (docs/domain.md FU-1: its use
 * is decided jointly); without one the sub-district's policy decides. */
enum ledger_verdict ledger_authorise(bool spending, const struct ledger_link_facts *f,
                                     enum ledger_policy policy);
/* The field a refusal is reported on: "vote_id", "decision_id" or
 * "authorisation"; NULL for a verdict that is no refusal. */
const char *ledger_verdict_field(enum ledger_verdict v, enum ledger_link kind);

/* ---- statements --------------------------------------------------------- */

/* The sum of one category's entries (reversals included) before the
 * period or within it. */
struct ledger_sum {
    bool before;
    enum ledger_category category;
    int64_t fen;
};

struct ledger_statement {
    int64_t opening_fen;
    int64_t by_category[LEDGER_CATEGORY_COUNT]; /* within the period */
    int64_t income_fen, spending_fen;           /* within the period */
    int64_t closing_fen;                        /* opening + income - spending */
};

/* Adds the sums up, each category at most once per side. HW_ELIMIT when a
 * figure would not fit in 64 bits, HW_EINVAL on an unknown category. */
int ledger_statement_sum(const struct ledger_sum *sums, size_t n, struct ledger_statement *out);

/* A month "2026-05" or a year "2026": its first and last day (inclusive)
 * and the day after it. */
struct ledger_period {
    char name[8];
    char from[LEDGER_DATE_SIZE], to[LEDGER_DATE_SIZE], until[LEDGER_DATE_SIZE];
    bool year;
};
int ledger_period_parse(const char *text, struct ledger_period *out); /* HW_EINVAL */

/* "-1234.50": fen as yuan with two decimals. */
void ledger_yuan_format(int64_t fen, char out[LEDGER_YUAN_SIZE]);

#endif
