#include "ledger/entry.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/err.h"
#include "base/text.h"
#include "base/validate.h"
#include "kit/chain.h"
#include "ledger/ledger_chain.h"
#include "meetings/meeting.h"
#include "store/db_json.h"

enum { CST_OFFSET_S = 8 * 3600 }; /* China Standard Time, UTC+8 */

void ledger_date_of(int64_t epoch, char out[LEDGER_DATE_SIZE])
{
    time_t t = (time_t)(epoch + CST_OFFSET_S);
    struct tm tm;
    if (!gmtime_r(&t, &tm))
        tm = (struct tm){.tm_year = 70, .tm_mday = 1};
    /* Each field clamped to its width, so the date always fits. */
    snprintf(out, LEDGER_DATE_SIZE, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1900) % 10000u,
             (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u);
}

/* 1 to LEDGER_TEXT_MAX characters (text_chars refuses the noncharacters
 * that would break the statement's workbook), not only blanks, and nothing
 * that shows nothing: a published ledger says plainly what each entry is,
 * and a direction override could make an amount in the text read otherwise. */
static bool text_ok(const char *s)
{
    long n = s ? text_chars(s, true) : -1;
    if (n < 1 || n > LEDGER_TEXT_MAX || text_has_invisible(s))
        return false;
    size_t w;
    while ((w = text_blank_at(s)) > 0)
        s += w;
    return *s != '\0';
}

int ledger_policy_get(struct db *db, int64_t district_id, enum ledger_policy *out)
{
    *out = LEDGER_REFUSE;
    struct db_stmt *st;
    int rc = db_query_row(db, &st, "SELECT unauthorised FROM ledger_settings WHERE district_id = $1",
                          "i", district_id);
    if (rc == HW_ENOTFOUND)
        return HW_OK;
    if (rc != HW_OK)
        return rc;
    rc = ledger_policy_parse(db_col_text(st, 0), out);
    db_reset(st);
    return rc == HW_OK ? HW_OK : HW_EDB;
}

int ledger_policy_set(struct db *db, int64_t district_id, enum ledger_policy p, int64_t user_id,
                      int64_t now)
{
    int64_t n = db_run(db,
                       "INSERT INTO ledger_settings (district_id, unauthorised, updated_by, updated_at)"
                       " VALUES ($1, $2, NULLIF($3, CAST(0 AS BIGINT)), $4)"
                       " ON CONFLICT (district_id) DO UPDATE SET unauthorised = excluded.unauthorised,"
                       " updated_by = excluded.updated_by, updated_at = excluded.updated_at",
                       "isii", district_id, ledger_policy_name(p), user_id, now);
    return n < 0 ? (int)n : HW_OK;
}

/* What the database says of the vote or decision e cites. */
static int link_facts(struct db *db, const struct ledger_entry_new *e, int64_t district,
                      struct ledger_link_facts *f)
{
    *f = (struct ledger_link_facts){.kind = e->vote_id      ? LEDGER_LINK_VOTE
                                            : e->decision_id ? LEDGER_LINK_DECISION
                                                             : LEDGER_LINK_NONE};
    if (f->kind == LEDGER_LINK_NONE)
        return HW_OK;
    struct db_stmt *st;
    int rc = f->kind == LEDGER_LINK_VOTE
                 ? db_query_row(db, &st,
                                "SELECT status = 'final' AND outcome = 'passed', compound_id"
                                " FROM votes WHERE id = $1 AND district_id = $2",
                                "ii", e->vote_id, district)
                 : db_query_row(db, &st,
                                "SELECT m.status = 'held', p.compound_id FROM meeting_decisions d"
                                " JOIN meetings m ON m.id = d.meeting_id"
                                " JOIN places p ON p.id = d.place_id"
                                " WHERE d.id = $1 AND d.district_id = $2",
                                "ii", e->decision_id, district);
    if (rc == HW_ENOTFOUND)
        return HW_OK;
    if (rc != HW_OK)
        return rc;
    f->found = true;
    f->settled = !db_col_is_null(st, 0) && db_col_bool(st, 0);
    f->same_compound = !db_col_is_null(st, 1) && db_col_int(st, 1) == e->compound_id;
    db_reset(st);
    return HW_OK;
}

int ledger_entry_create(struct db *db, const struct ledger_entry_new *e, int64_t user_id,
                        int64_t now, int64_t *id, const char **bad_field)
{
    char today[LEDGER_DATE_SIZE];
    ledger_date_of(now, today);
    *bad_field = (unsigned)e->category >= LEDGER_CATEGORY_COUNT              ? "category"
                 : !e->date || !validate_date(e->date) || strcmp(e->date, today) > 0 ? "date"
                 : e->amount_fen < 1 || e->amount_fen > LEDGER_AMOUNT_MAX    ? "amount_fen"
                 : !text_ok(e->description)                                  ? "description"
                 : e->vote_id && e->decision_id                              ? "decision_id"
                                                                             : NULL;
    if (*bad_field)
        return HW_EINVAL;
    int64_t district = 0;
    int rc = db_scalar_int(db, &district,
                           "SELECT district_id FROM places WHERE id = $1 AND kind = 'compound'", "i",
                           e->compound_id);
    if (rc == HW_ENOTFOUND)
        *bad_field = "compound_id";
    if (rc != HW_OK)
        return rc == HW_ENOTFOUND ? HW_EINVAL : rc;
    enum ledger_policy policy;
    struct ledger_link_facts facts;
    if ((rc = ledger_policy_get(db, district, &policy)) != HW_OK ||
        (rc = link_facts(db, e, district, &facts)) != HW_OK)
        return rc;
    enum ledger_verdict v = ledger_authorise(!ledger_category_is_income(e->category), &facts, policy);
    if ((*bad_field = ledger_verdict_field(v, facts.kind)) != NULL)
        return HW_EINVAL;
    rc = db_scalar_int(db, id,
                       "INSERT INTO ledger_entries (district_id, compound_id, entry_date, direction,"
                       " category, amount_fen, description, vote_id, decision_id, flagged,"
                       " entered_by, entered_at) VALUES ($1, $2, $3, $4, $5, $6, $7,"
                       " NULLIF($8, CAST(0 AS BIGINT)), NULLIF($9, CAST(0 AS BIGINT)), $10,"
                       " NULLIF($11, CAST(0 AS BIGINT)), $12) RETURNING id",
                       "iisssisiibii", district, e->compound_id, e->date,
                       ledger_direction_name(e->category), ledger_category_name(e->category),
                       e->amount_fen, e->description, e->vote_id, e->decision_id,
                       (int)(v == LEDGER_FLAGGED), user_id, now);
    if (rc != HW_OK)
        return rc;
    return chain_append(db, &ledger_chain, district, *id);
}

int ledger_entry_reverse(struct db *db, int64_t id, const char *reason, int64_t user_id,
                         int64_t now, int64_t *reversal_id, const char **bad_field)
{
    if (!text_ok(reason)) {
        *bad_field = "reason";
        return HW_EINVAL;
    }
    int64_t district = 0, reverses = 0, reversed = 0;
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT e.district_id, COALESCE(e.reverses_id, 0),"
                          " (SELECT count(*) FROM ledger_entries r WHERE r.reverses_id = e.id)"
                          " FROM ledger_entries e WHERE e.id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    district = db_col_int(st, 0);
    reverses = db_col_int(st, 1);
    reversed = db_col_int(st, 2);
    db_reset(st);
    if (reverses || reversed) {
        *bad_field = "id";
        return HW_EINVAL;
    }
    char today[LEDGER_DATE_SIZE];
    ledger_date_of(now, today);
    rc = db_scalar_int(db, reversal_id,
                       "INSERT INTO ledger_entries (district_id, compound_id, entry_date, direction,"
                       " category, amount_fen, description, flagged, reverses_id, entered_by,"
                       " entered_at) SELECT district_id, compound_id, $2, direction, category,"
                       " -amount_fen, $3, FALSE, id, NULLIF($4, CAST(0 AS BIGINT)), $5"
                       " FROM ledger_entries WHERE id = $1 RETURNING id",
                       "issii", id, today, reason, user_id, now);
    if (rc == HW_ECONFLICT) /* reversed at the same moment by someone else */
        *bad_field = "id";
    if (rc != HW_OK)
        return rc == HW_ECONFLICT ? HW_EINVAL : rc;
    return chain_append(db, &ledger_chain, district, *reversal_id);
}

int ledger_authorisation_json(struct db *db, int64_t vote_id, int64_t decision_id, json_t **out)
{
    if (decision_id) {
        json_t *d;
        int rc = meeting_decision_json(db, decision_id, &d);
        if (rc != HW_OK)
            return rc;
        *out = json_pack("{s:s, s:o}", "kind", "decision", "decision", d);
        return *out ? HW_OK : HW_ENOMEM;
    }
    if (!vote_id) {
        *out = json_null();
        return HW_OK;
    }
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT id, title, status, outcome, final_at FROM votes WHERE id = $1", "i",
                          vote_id);
    if (rc != HW_OK)
        return rc;
    *out = json_pack("{s:s, s:{s:o, s:o, s:o, s:o, s:o}}", "kind", "vote", "vote", "id",
                     db_json_int(st, 0), "title", db_json_text(st, 1), "status",
                     db_json_text(st, 2), "outcome", db_json_text(st, 3), "final_at",
                     db_json_time(st, 4));
    db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}

int ledger_entry_json(struct db *db, int64_t id, json_t **out)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT e.id, e.compound_id, p.name, e.entry_date, e.direction,"
                          " e.category, e.amount_fen, e.description, e.vote_id, e.decision_id,"
                          " e.flagged, e.reverses_id,"
                          " (SELECT r.id FROM ledger_entries r WHERE r.reverses_id = e.id),"
                          " u.name, e.entered_at, e.hash FROM ledger_entries e"
                          " JOIN places p ON p.id = e.compound_id"
                          " LEFT JOIN users u ON u.id = e.entered_by WHERE e.id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    int64_t vote = db_col_is_null(st, 8) ? 0 : db_col_int(st, 8);
    int64_t decision = db_col_is_null(st, 9) ? 0 : db_col_int(st, 9);
    char yuan[LEDGER_YUAN_SIZE];
    ledger_yuan_format(db_col_int(st, 6), yuan);
    json_t *o = json_pack(
        "{s:o, s:{s:o, s:o}, s:o, s:o, s:o, s:o, s:s, s:o, s:b, s:o, s:o, s:o, s:o, s:o}", "id",
        db_json_int(st, 0), "compound", "id", db_json_int(st, 1), "name", db_json_text(st, 2),
        "date", db_json_text(st, 3), "direction", db_json_text(st, 4), "category",
        db_json_text(st, 5), "amount_fen", db_json_int(st, 6), "amount_yuan", yuan, "description",
        db_json_text(st, 7), "flagged", db_col_bool(st, 10), "reverses_id", db_json_int(st, 11),
        "reversed_by", db_json_int(st, 12), "entered_by", db_json_text(st, 13), "entered_at",
        db_json_time(st, 14), "hash", db_json_text(st, 15));
    db_reset(st);
    json_t *auth = NULL;
    rc = o ? ledger_authorisation_json(db, vote, decision, &auth) : HW_ENOMEM;
    if (rc != HW_OK) {
        json_decref(o);
        return rc;
    }
    json_object_set_new(o, "authorisation", auth);
    *out = o;
    return HW_OK;
}
