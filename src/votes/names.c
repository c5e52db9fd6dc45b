#include "votes/names.h"

#include "base/err.h"
#include "base/mask_json.h"
#include "kit/access.h"
#include "votes/voter.h"

bool votes_sees_owner_names(const struct principal *who)
{
    return access_allows(who, PERM_VOTE_CALL) || access_allows(who, PERM_VOTE_BALLOTS);
}

int votes_owner_names(struct db *db, const struct principal *who, int64_t dwelling_id,
                      int64_t head_id, json_t **out)
{
    bool whole = votes_sees_owner_names(who) ||
                 (who->role == ROLE_RESIDENT && who->scope_id == dwelling_id);
    int rc = whole ? HW_OK : vote_voter_owns(db, who, dwelling_id, &whole);
    if (rc != HW_OK)
        return rc;
    struct db_stmt *st;
    rc = head_id
                 ? db_query(db, &st,
                            "SELECT r.name FROM vote_head_owners h JOIN residents r"
                            " ON r.id = h.resident_id WHERE h.head_id = $1 AND h.dwelling_id = $2"
                            " ORDER BY h.id",
                            "ii", head_id, dwelling_id)
                 : db_query(db, &st,
                            "SELECT r.name FROM occupancies o JOIN residents r"
                            " ON r.id = o.resident_id WHERE o.dwelling_id = $1"
                            " AND o.relation = 'owner' AND o.moved_out IS NULL ORDER BY o.id",
                            "i", dwelling_id);
    if (rc != HW_OK)
        return rc;
    json_t *names = json_array();
    while (names && (rc = db_step(st)) == DB_ROW) {
        char masked[64];
        const char *name = db_col_text(st, 0);
        if (!whole) {
            mask_name(name, masked, sizeof masked);
            name = masked;
        }
        json_array_append_new(names, json_string(name));
    }
    db_reset(st);
    if (!names)
        return HW_ENOMEM;
    if (rc < 0) {
        json_decref(names);
        return rc;
    }
    *out = names;
    return HW_OK;
}
