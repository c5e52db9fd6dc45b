#include "ledger/statement.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "ledger/entry.h"
#include "place/place.h"

int ledger_statement_load(struct db *db, int64_t compound_id, const struct ledger_period *p,
                          struct ledger_statement *out)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT entry_date < $2, category, CAST(SUM(amount_fen) AS BIGINT)"
                      " FROM ledger_entries WHERE compound_id = $1 AND entry_date < $3"
                      " GROUP BY entry_date < $2, category",
                      "iss", compound_id, p->from, p->until);
    if (rc != HW_OK)
        return rc;
    struct ledger_sum sums[2 * LEDGER_CATEGORY_COUNT];
    size_t n = 0;
    while (n < sizeof sums / sizeof sums[0] && (rc = db_step(st)) == DB_ROW) {
        sums[n].before = db_col_bool(st, 0);
        sums[n].fen = db_col_int(st, 2);
        if (ledger_category_parse(db_col_text(st, 1), &sums[n].category) != HW_OK)
            rc = HW_EDB;
        else
            n++;
        if (rc < 0)
            break;
    }
    db_reset(st);
    if (rc < 0)
        return rc;
    return ledger_statement_sum(sums, n, out);
}

/* Every entry of the period, in date order, rendered whole. */
static int add_entries(struct db *db, int64_t compound_id, const struct ledger_period *p,
                       json_t *list)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT id FROM ledger_entries WHERE compound_id = $1 AND entry_date >= $2"
                      " AND entry_date < $3 ORDER BY entry_date, id LIMIT $4",
                      "issi", compound_id, p->from, p->until,
                      (int64_t)LEDGER_STATEMENT_ENTRIES_MAX + 1);
    if (rc != HW_OK)
        return rc;
    /* Ids first: rendering runs statements of its own on this connection. */
    int64_t *ids = malloc(sizeof *ids * (LEDGER_STATEMENT_ENTRIES_MAX + 1));
    size_t n = 0;
    while (ids && n <= LEDGER_STATEMENT_ENTRIES_MAX && (rc = db_step(st)) == DB_ROW)
        ids[n++] = db_col_int(st, 0);
    db_reset(st);
    rc = !ids ? HW_ENOMEM : rc < 0 ? rc : n > LEDGER_STATEMENT_ENTRIES_MAX ? HW_ELIMIT : HW_OK;
    for (size_t i = 0; rc == HW_OK && i < n; i++) {
        json_t *e;
        if ((rc = ledger_entry_json(db, ids[i], &e)) == HW_OK && json_array_append_new(list, e) != 0)
            rc = HW_ENOMEM;
    }
    free(ids);
    return rc;
}

static json_t *figures_json(const struct ledger_statement *s)
{
    json_t *cats = json_array();
    for (int c = 0; cats && c < LEDGER_CATEGORY_COUNT; c++)
        json_array_append_new(cats, json_pack("{s:s, s:s, s:I}", "category",
                                              ledger_category_name((enum ledger_category)c),
                                              "direction",
                                              ledger_direction_name((enum ledger_category)c),
                                              "amount_fen", (json_int_t)s->by_category[c]));
    return json_pack("{s:I, s:I, s:I, s:I, s:o}", "opening_fen", (json_int_t)s->opening_fen,
                     "income_fen", (json_int_t)s->income_fen, "spending_fen",
                     (json_int_t)s->spending_fen, "closing_fen", (json_int_t)s->closing_fen,
                     "categories", cats);
}

int ledger_statement_json(struct db *db, int64_t compound_id, const struct ledger_period *p,
                          json_t **out)
{
    struct ledger_statement s;
    int rc = ledger_statement_load(db, compound_id, p, &s);
    if (rc != HW_OK)
        return rc;
    char label[PLACE_LABEL_MAX] = "";
    if ((rc = place_label(db, compound_id, label, sizeof label)) != HW_OK)
        return rc;
    json_t *o = figures_json(&s);
    json_t *entries = json_array();
    if (o && entries)
        json_object_set_new(o, "compound",
                            json_pack("{s:I, s:s}", "id", (json_int_t)compound_id, "name", label));
    if (o && entries)
        json_object_set_new(o, "period",
                            json_pack("{s:s, s:s, s:s, s:s}", "name", p->name, "kind",
                                      p->year ? "year" : "month", "from", p->from, "to", p->to));
    rc = o && entries ? add_entries(db, compound_id, p, entries) : HW_ENOMEM;
    if (rc != HW_OK) {
        json_decref(o);
        json_decref(entries);
        return rc;
    }
    json_object_set_new(o, "entries", entries);
    *out = o;
    return HW_OK;
}
