#include "votes/ballot_chain.h"

/* Every column a ballot is counted by, in a fixed order, numbers as text:
 * the same text on SQLite and PostgreSQL. */
#define BALLOT_PAYLOAD                                                                            \
    "'ballot|' || CAST(id AS TEXT) || '|' || CAST(vote_id AS TEXT) || '|'"                        \
    " || CAST(head_id AS TEXT) || '|' || choice || '|' || CAST(area_cm2 AS TEXT) || '|'"          \
    " || CAST(heads AS TEXT) || '|' || channel || '|' || COALESCE(paper_number, '') || '|'"      \
    " || COALESCE(CAST(authorization_id AS TEXT), '') || '|' || CAST(user_id AS TEXT) || '|'"    \
    " || receipt_hash || '|' || CAST(cast_at AS TEXT)"

const struct chain_def vote_ballot_chain = {
    .name = "vote_ballots",
    .table = "vote_ballots",
    .payload_sql = "SELECT " BALLOT_PAYLOAD " FROM vote_ballots WHERE id = $1",
    .rows_sql = "SELECT id, " BALLOT_PAYLOAD ", prev_hash, hash FROM vote_ballots"
                " WHERE district_id = $1 ORDER BY id",
};
