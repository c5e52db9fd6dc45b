#include "votes/ballot.h"

#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/text.h"
#include "base/validate.h"
#include "kit/chain.h"
#include "place/place.h"
#include "votes/ballot_chain.h"
#include "votes/names.h"
#include "votes/vote.h"
#include "votes/voter.h"

static bool choice_valid(const char *c)
{
    return c && (strcmp(c, "yes") == 0 || strcmp(c, "no") == 0 || strcmp(c, "abstain") == 0);
}

static bool paper_number_valid(const char *p)
{
    size_t n = p ? strlen(p) : 0;
    return n && n <= VOTE_PAPER_NUMBER_MAX && text_chars(p, false) > 0 && !text_untrimmed(p) &&
           !text_has_invisible(p);
}

/* The head that dwelling belongs to in the frozen electorate. */
static int head_of(struct db *db, int64_t vote_id, int64_t dwelling, int64_t *head, int64_t *area)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT h.id, h.area_cm2 FROM vote_head_units u"
                          " JOIN vote_heads h ON h.id = u.head_id"
                          " WHERE u.vote_id = $1 AND u.dwelling_id = $2",
                          "ii", vote_id, dwelling);
    if (rc != HW_OK)
        return rc;
    *head = db_col_int(st, 0);
    *area = db_col_int(st, 1);
    db_reset(st);
    return HW_OK;
}

static int check_channel(struct db *db, const struct vote_ballot_new *b, int64_t head,
                         const char **bad_field)
{
    bool online = strcmp(b->channel, "online") == 0, proxy = strcmp(b->channel, "proxy") == 0;
    if (online) {
        /* Only an owner votes (votes/voter.h): not a tenant's or a family
         * member's account, and nobody for a unit no one owned when frozen. */
        struct vote_voter_facts f;
        int64_t of_head;
        int rc = vote_voter_read(db, b->vote_id, b->dwelling_id, b->user_id, &f, &of_head);
        if (rc != HW_OK)
            return rc;
        switch (vote_voter_standing(&f)) {
        case VOTER_OWNER: return HW_OK;
        case VOTER_NOT_LINKED:
        case VOTER_NOT_OWNER: *bad_field = "owner"; return HW_EINVAL;
        default: *bad_field = "dwelling_id"; return HW_EINVAL;
        }
    }
    if (!paper_number_valid(b->paper_number)) {
        *bad_field = "paper_number";
        return HW_EINVAL;
    }
    int64_t n = 0;
    int rc = db_scalar_int(db, &n,
                           "SELECT count(*) FROM vote_ballots WHERE vote_id = $1"
                           " AND paper_number = $2",
                           "is", b->vote_id, b->paper_number);
    if (rc != HW_OK)
        return rc;
    if (n) {
        *bad_field = NULL;
        return HW_ECONFLICT;
    }
    if (!proxy && b->authorization_id) { /* an owner's own paper needs none */
        *bad_field = "authorization_id";
        return HW_EINVAL;
    }
    if (!proxy)
        return HW_OK;
    /* A proxy votes only on a signed authorization from this head, on file. */
    n = 0;
    if (b->authorization_id)
        rc = db_scalar_int(db, &n,
                           "SELECT count(*) FROM vote_authorizations WHERE id = $1"
                           " AND vote_id = $2 AND head_id = $3",
                           "iii", b->authorization_id, b->vote_id, head);
    if (rc != HW_OK)
        return rc;
    if (!n) {
        *bad_field = "authorization_id";
        return HW_EINVAL;
    }
    return HW_OK;
}

int vote_ballot_cast(struct db *db, const struct vote_ballot_new *b, int64_t now, int64_t *id,
                     char receipt[VOTE_RECEIPT_CODE_SIZE], const char **bad_field)
{
    *bad_field = NULL;
    if (!choice_valid(b->choice)) {
        *bad_field = "choice";
        return HW_EINVAL;
    }
    struct vote v;
    int rc = vote_load(db, b->vote_id, &v);
    if (rc != HW_OK)
        return rc;
    if (!vote_accepts_ballots(&v, now)) {
        *bad_field = "status";
        return HW_ECONFLICT;
    }
    int64_t head, area;
    rc = head_of(db, v.id, b->dwelling_id, &head, &area);
    if (rc == HW_ENOTFOUND) {
        *bad_field = "dwelling_id";
        return HW_EINVAL;
    }
    if (rc == HW_OK)
        rc = check_channel(db, b, head, bad_field);
    if (rc != HW_OK)
        return rc;
    char hash[VOTE_RECEIPT_HASH_HEX];
    vote_receipt_code(receipt);
    rc = vote_receipt_hash(v.id, receipt, hash);
    bool paper = strcmp(b->channel, "online") != 0;
    if (rc == HW_OK)
        rc = db_scalar_int(
            db, id,
            "INSERT INTO vote_ballots (district_id, vote_id, head_id, choice, area_cm2, heads,"
            " channel, paper_number, authorization_id, user_id, receipt_hash, cast_at)"
            " VALUES ($1, $2, $3, $4, $5, 1, $6, $7, NULLIF(CAST($8 AS BIGINT), 0), $9, $10, $11)"
            " RETURNING id",
            "iiisissiisi", v.district_id, v.id, head, b->choice, area, b->channel,
            paper ? b->paper_number : NULL, b->authorization_id, b->user_id, hash, now);
    if (rc == HW_OK)
        rc = chain_append(db, &vote_ballot_chain, v.district_id, *id);
    return rc;
}

int vote_ballot_audit_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT b.id, b.vote_id, h.position, b.channel, b.paper_number,"
                          " b.authorization_id, b.cast_at, b.hash FROM vote_ballots b"
                          " JOIN vote_heads h ON h.id = b.head_id WHERE b.id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    char at[32];
    clock_format_rfc3339(db_col_int(st, 6), at);
    *out = json_pack("{s:I, s:I, s:I, s:s, s:s?, s:o, s:s, s:s?}", "id",
                     (json_int_t)db_col_int(st, 0), "vote_id", (json_int_t)db_col_int(st, 1),
                     "head", (json_int_t)db_col_int(st, 2), "channel", db_col_text(st, 3),
                     "paper_number", db_col_text(st, 4), "authorization_id",
                     db_col_is_null(st, 5) ? json_null() : json_integer(db_col_int(st, 5)), "at",
                     at, "hash", db_col_text(st, 7));
    db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}

/* The homes of a head, labelled, and their owners' names. */
static int head_homes(struct db *db, const struct principal *who, int64_t head, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT dwelling_id FROM vote_head_units WHERE head_id = $1"
                      " ORDER BY dwelling_id LIMIT 64",
                      "i", head);
    if (rc != HW_OK)
        return rc;
    int64_t ids[64];
    size_t n = 0;
    while (n < 64 && (rc = db_step(st)) == DB_ROW)
        ids[n++] = db_col_int(st, 0);
    db_reset(st);
    if (rc < 0)
        return rc;
    json_t *homes = json_array();
    rc = homes ? HW_OK : HW_ENOMEM;
    for (size_t i = 0; rc == HW_OK && i < n; i++) {
        char label[PLACE_LABEL_MAX];
        json_t *owners = NULL;
        rc = place_label(db, ids[i], label, sizeof label);
        if (rc == HW_OK)
            rc = votes_owner_names(db, who, ids[i], head, &owners);
        if (rc == HW_OK && json_array_append_new(homes, json_pack("{s:I, s:s, s:o}", "dwelling_id",
                                                                  (json_int_t)ids[i], "label", label,
                                                                  "owners", owners)) != 0)
            rc = HW_ENOMEM;
    }
    if (rc != HW_OK) {
        json_decref(homes);
        return rc;
    }
    *out = homes;
    return HW_OK;
}

int vote_ballots_page(struct db *db, const struct principal *who, int64_t vote_id, int64_t after,
                      int64_t limit, json_t **items, int64_t *next)
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT b.id, b.head_id, h.position, b.choice, b.channel, b.paper_number,"
                      " a.proxy_name, b.cast_at, v.secret, h.area_cm2 FROM vote_ballots b"
                      " JOIN vote_heads h ON h.id = b.head_id JOIN votes v ON v.id = b.vote_id"
                      " LEFT JOIN vote_authorizations a ON a.id = b.authorization_id"
                      " WHERE b.vote_id = $1 AND b.id > $2 ORDER BY b.id LIMIT $3",
                      "iii", vote_id, after, limit + 1);
    if (rc != HW_OK)
        return rc;
    *items = json_array();
    *next = 0;
    int64_t n = 0, last = 0;
    while (*items && (rc = db_step(st)) == DB_ROW) {
        if (n++ == limit) {
            *next = last;
            break;
        }
        last = db_col_int(st, 0);
        char at[32], m2[32];
        clock_format_rfc3339(db_col_int(st, 7), at);
        area_format(db_col_int(st, 9), m2, sizeof m2);
        bool secret = db_col_bool(st, 8);
        json_array_append_new(
            *items,
            json_pack("{s:I, s:I, s:I, s:s?, s:s, s:s?, s:s?, s:s, s:s, s:I}", "id",
                      (json_int_t)last, "head_id", (json_int_t)db_col_int(st, 1), "position",
                      (json_int_t)db_col_int(st, 2), "choice", secret ? NULL : db_col_text(st, 3),
                      "channel", db_col_text(st, 4), "paper_number", db_col_text(st, 5),
                      "proxy_name", db_col_text(st, 6), "at", at, "area_m2", m2, "heads",
                      (json_int_t)1));
    }
    db_reset(st);
    if (!*items)
        return HW_ENOMEM;
    rc = rc < 0 ? rc : HW_OK;
    size_t i;
    json_t *o;
    json_array_foreach(*items, i, o) {
        json_t *homes = NULL;
        if (rc == HW_OK)
            rc = head_homes(db, who, json_integer_value(json_object_get(o, "head_id")), &homes);
        if (rc == HW_OK)
            json_object_set_new(o, "homes", homes);
    }
    if (rc != HW_OK) {
        json_decref(*items);
        *items = NULL;
    }
    return rc;
}

static json_t *line_json(struct db_stmt *st)
{
    char m2[32];
    area_format(db_col_int(st, 2), m2, sizeof m2);
    return json_pack("{s:s, s:s, s:I, s:s, s:I}", "receipt_hash", db_col_text(st, 0), "choice",
                     db_col_text(st, 1), "area_cm2", (json_int_t)db_col_int(st, 2), "area_m2", m2,
                     "heads", (json_int_t)db_col_int(st, 3));
}

int vote_lines_page(struct db *db, int64_t vote_id, const char *after, int64_t limit,
                    json_t **items, char next[VOTE_RECEIPT_HASH_HEX])
{
    struct db_stmt *st;
    int rc = db_query(db, &st,
                      "SELECT receipt_hash, choice, area_cm2, heads FROM vote_ballots"
                      " WHERE vote_id = $1 AND receipt_hash > $2 ORDER BY receipt_hash LIMIT $3",
                      "isi", vote_id, after, limit + 1);
    if (rc != HW_OK)
        return rc;
    *items = json_array();
    next[0] = '\0';
    int64_t n = 0;
    while (*items && (rc = db_step(st)) == DB_ROW) {
        if (n++ == limit) {
            json_t *last = json_array_get(*items, json_array_size(*items) - 1);
            snprintf(next, VOTE_RECEIPT_HASH_HEX, "%s",
                     json_string_value(json_object_get(last, "receipt_hash")));
            break;
        }
        json_array_append_new(*items, line_json(st));
    }
    db_reset(st);
    if (!*items)
        return HW_ENOMEM;
    if (rc < 0) {
        json_decref(*items);
        *items = NULL;
        return rc;
    }
    return HW_OK;
}

int vote_receipt_line(struct db *db, int64_t vote_id, const char *code, json_t **out)
{
    char printed[VOTE_RECEIPT_CODE_SIZE], hash[VOTE_RECEIPT_HASH_HEX];
    int rc = vote_receipt_normalize(code, printed);
    if (rc == HW_OK)
        rc = vote_receipt_hash(vote_id, printed, hash);
    struct db_stmt *st;
    if (rc == HW_OK)
        rc = db_query_row(db, &st,
                          "SELECT receipt_hash, choice, area_cm2, heads FROM vote_ballots"
                          " WHERE vote_id = $1 AND receipt_hash = $2",
                          "is", vote_id, hash);
    if (rc != HW_OK)
        return rc;
    *out = line_json(st);
    db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}
