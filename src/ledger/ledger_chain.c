#include "ledger/ledger_chain.h"

/* An entry's canonical content: every column but the hashes, numbers cast
 * to text, NULL as nothing, the free text last and length-prefixed; the same
 * text on SQLite and PostgreSQL. */
#define LEDGER_PAYLOAD                                                                             \
    "CAST(id AS TEXT) || '|' || CAST(district_id AS TEXT) || '|' || CAST(compound_id AS TEXT)"    \
    " || '|' || entry_date || '|' || direction || '|' || category || '|'"                         \
    " || CAST(amount_fen AS TEXT) || '|' || COALESCE(CAST(vote_id AS TEXT), '') || '|'"          \
    " || COALESCE(CAST(decision_id AS TEXT), '') || '|' || CASE WHEN flagged THEN '1' ELSE '0'"  \
    " END || '|' || COALESCE(CAST(reverses_id AS TEXT), '') || '|'"                              \
    " || COALESCE(CAST(entered_by AS TEXT), '') || '|' || CAST(entered_at AS TEXT) || '|'"       \
    " || CAST(length(description) AS TEXT) || ':' || description"

const struct chain_def ledger_chain = {
    .name = "ledger",
    .table = "ledger_entries",
    .payload_sql = "SELECT " LEDGER_PAYLOAD " FROM ledger_entries WHERE id = $1",
    .rows_sql = "SELECT id, " LEDGER_PAYLOAD ", prev_hash, hash FROM ledger_entries"
                " WHERE district_id = $1 ORDER BY id",
};
