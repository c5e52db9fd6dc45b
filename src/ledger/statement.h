/* Monthly and yearly statements of a compound's public revenue, for the
 * owners (docs/api-ledger.md, "Statements"): opening and closing balance,
 * income and spending by category, and every entry of the period with what
 * authorised it; as JSON and as a spreadsheet. */
#ifndef HONGWU_LEDGER_STATEMENT_H
#define HONGWU_LEDGER_STATEMENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "ledger/rules.h"
#include "store/db.h"
#include "transfer/table.h"

/* Entries one statement lists at most: a busy compound's year is hundreds. */
enum { LEDGER_STATEMENT_ENTRIES_MAX = 5000 };

/* The figures of compound's statement for period. */
int ledger_statement_load(struct db *db, int64_t compound_id, const struct ledger_period *p,
                          struct ledger_statement *out);

/* The statement whole. HW_ELIMIT past LEDGER_STATEMENT_ENTRIES_MAX. */
int ledger_statement_json(struct db *db, int64_t compound_id, const struct ledger_period *p,
                          json_t **out);

/* The statement as a file at path (a workbook or CSV, transfer/table.h), in
 * Chinese or English; *rows gets the rows written. */
int ledger_statement_sheet(struct db *db, int64_t compound_id, const struct ledger_period *p,
                           enum table_format format, bool english, const char *path,
                           int64_t *rows);

#endif
