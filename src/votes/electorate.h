/* Who counts in an owners' vote, and for how much: the exclusive units of
 * the compound or building grouped into heads (法释〔2009〕7号 arts. 8-9).
 *
 * - Area: each unit's registered exclusive area (art. 8).
 * - Heads: one per exclusive unit, except that all the units of one buyer
 *   count as one owner, and the developer's unsold or undelivered units
 *   count as one owner together (art. 9).
 * - A unit owned by several people in common is one unit: one head, one
 *   ballot, cast by one of them.
 * Units linked by a shared owner join one head, so a buyer who owns one unit
 * alone and another with a spouse is still one owner. A unit with no owner on
 * the register still counts as its own head (the law counts every unit) and
 * is flagged for the register to be completed. Pure: no database. */
#ifndef HONGWU_VOTES_ELECTORATE_H
#define HONGWU_VOTES_ELECTORATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One exclusive unit (a dwelling) as the register has it. */
struct vote_unit {
    int64_t dwelling_id;
    int64_t area_cm2; /* -1: not registered */
    bool developer;   /* marked as the developer's unsold or undelivered unit */
    const int64_t *owners; /* resident ids of its current owners */
    size_t nowners;
};

/* What the register must fix before the electorate can be frozen, or should. */
enum vote_unit_flag {
    VOTE_FLAG_NO_OWNER = 1u << 0,  /* counted as its own head; registry incomplete */
    VOTE_FLAG_NO_AREA = 1u << 1,   /* blocks publication: the area decides the count */
    VOTE_FLAG_DEVELOPER_OWNED = 1u << 2, /* marked unsold but has owners: blocks publication */
};
#define VOTE_FLAGS_BLOCKING (VOTE_FLAG_NO_AREA | VOTE_FLAG_DEVELOPER_OWNED)

struct vote_head {
    int64_t area_cm2; /* the units' areas summed (unknown areas count 0) */
    size_t units;     /* how many units */
    bool developer;   /* the developer's units */
    unsigned flags;   /* of its units, or-ed */
};

struct vote_electorate {
    size_t nunits, nheads;
    size_t *head_of;         /* per unit, in the input's order: its head's index */
    struct vote_head *heads; /* ordered by each head's first unit in the input */
    int64_t area_cm2;        /* every head's area */
    unsigned flags;          /* every unit's flags, or-ed */
    size_t flagged[3];       /* units with each flag: no owner, no area, developer's but owned */
};

/* Groups units[0..n) into heads. HW_ENOMEM, or HW_EINVAL for a negative area
 * other than -1 or a sum past INT64_MAX; out is freed with
 * vote_electorate_free whatever the result. */
int vote_electorate_count(const struct vote_unit *units, size_t n, struct vote_electorate *out);

void vote_electorate_free(struct vote_electorate *e);

#endif
