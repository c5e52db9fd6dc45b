#include "votes/voter.h"

#include "base/err.h"

enum vote_voter vote_voter_standing(const struct vote_voter_facts *f)
{
    if (!f->on_roll)
        return VOTER_NOT_ON_ROLL;
    if (!f->linked)
        return VOTER_NOT_LINKED;
    if (!f->owns_unit)
        return VOTER_NOT_OWNER;
    return f->frozen_owners ? VOTER_OWNER : VOTER_NO_OWNER;
}

const char *vote_voter_name(enum vote_voter v)
{
    static const char *const names[] = {
        [VOTER_OWNER] = "owner",         [VOTER_NOT_ON_ROLL] = "not_on_roll",
        [VOTER_NOT_LINKED] = "not_linked", [VOTER_NOT_OWNER] = "not_owner",
        [VOTER_NO_OWNER] = "no_owner",
    };
    return (unsigned)v < sizeof names / sizeof names[0] ? names[v] : "not_owner";
}

int vote_voter_read(struct db *db, int64_t vote_id, int64_t dwelling_id, int64_t user_id,
                    struct vote_voter_facts *out, int64_t *head_id)
{
    *out = (struct vote_voter_facts){0};
    *head_id = 0;
    struct db_stmt *st;
    int rc = db_query_row(
        db, &st,
        "SELECT u.head_id, (SELECT count(*) FROM vote_head_owners h WHERE h.head_id = u.head_id),"
        " (SELECT count(*) FROM resident_accounts a WHERE a.user_id = $3),"
        " (SELECT count(*) FROM resident_accounts a JOIN occupancies o"
        " ON o.resident_id = a.resident_id JOIN vote_head_units hu ON hu.dwelling_id = o.dwelling_id"
        " WHERE a.user_id = $3 AND hu.head_id = u.head_id AND o.relation = 'owner'"
        " AND o.moved_out IS NULL)"
        " FROM vote_head_units u WHERE u.vote_id = $1 AND u.dwelling_id = $2",
        "iii", vote_id, dwelling_id, user_id);
    if (rc == HW_ENOTFOUND) {
        int64_t linked = 0;
        rc = db_scalar_int(db, &linked, "SELECT count(*) FROM resident_accounts WHERE user_id = $1",
                           "i", user_id);
        out->linked = linked > 0;
        return rc;
    }
    if (rc != HW_OK)
        return rc;
    out->on_roll = true;
    *head_id = db_col_int(st, 0);
    out->frozen_owners = db_col_int(st, 1);
    out->linked = db_col_int(st, 2) > 0;
    out->owns_unit = db_col_int(st, 3) > 0;
    db_reset(st);
    return HW_OK;
}

int vote_voter_owns(struct db *db, const struct principal *who, int64_t dwelling_id, bool *owns)
{
    *owns = false;
    if (who->role != ROLE_RESIDENT)
        return HW_OK;
    int64_t n = 0;
    int rc = db_scalar_int(db, &n,
                           "SELECT count(*) FROM resident_accounts a JOIN occupancies o"
                           " ON o.resident_id = a.resident_id WHERE a.user_id = $1"
                           " AND o.dwelling_id = $2 AND o.relation = 'owner'"
                           " AND o.moved_out IS NULL",
                           "ii", who->user_id, dwelling_id);
    *owns = n > 0;
    return rc;
}
