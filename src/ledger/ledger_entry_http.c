/* Ledger entries: listed, read, entered and reversed; and the compounds a
 * caller reads the ledger of. */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/response.h"
#include "kit/record_routes.h"
#include "ledger/entry.h"
#include "ledger/ledger_http.h"
#include "meetings/reach.h"
#include "meetings/reach_http.h"
#include "store/db_json.h"

static int render_entry(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return ledger_entry_json(req->db, id, out);
}

static json_t *compound_row(struct db_stmt *st)
{
    return json_pack("{s:o, s:o, s:o, s:o, s:o}", "id", db_json_int(st, 0), "name",
                     db_json_text(st, 1), "community", db_json_text(st, 2), "balance_fen",
                     db_json_int(st, 3), "entries", db_json_int(st, 4));
}

/* The compounds whose ledger the caller reads, each with its balance. */
int ledger_http_compounds(struct request *req)
{
    int64_t limit, after;
    int rc = req_page(req, &limit, &after);
    struct reach_up up;
    struct reach_sql within;
    if (rc == HW_OK)
        rc = reach_list_load(req->db, req->who, "p.id", &up, &within);
    if (rc != HW_OK)
        return rc;
    char sql[900];
    snprintf(sql, sizeof sql,
             "SELECT p.id, p.name, c.name,"
             " CAST(COALESCE((SELECT SUM(CASE WHEN e.direction = 'income' THEN e.amount_fen"
             " ELSE -e.amount_fen END) FROM ledger_entries e WHERE e.compound_id = p.id), 0)"
             " AS BIGINT),"
             " (SELECT count(*) FROM ledger_entries e WHERE e.compound_id = p.id)"
             " FROM places p LEFT JOIN places c ON c.id = p.community_id"
             " WHERE p.kind = 'compound' AND %s AND p.id > $5 ORDER BY p.id LIMIT $6",
             within.cond);
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "iiiiii", within.value, up.ids[0], up.ids[1], up.ids[2],
                  after, limit);
    return rc == HW_OK ? respond_row_page(req, st, limit, compound_row) : rc;
}

int ledger_http_entries(struct request *req)
{
    int64_t limit, after, compound = 0;
    int rc = req_page(req, &limit, &after);
    if (rc == HW_OK)
        rc = req_query_id(req, "compound_id", &compound);
    const char *category = req_query(req, "category"), *flagged = req_query(req, "flagged");
    enum ledger_category c;
    if (rc == HW_OK && category && ledger_category_parse(category, &c) != HW_OK)
        return write_field_invalid(req, "category");
    if (rc == HW_OK && flagged && strcmp(flagged, "1") != 0 && strcmp(flagged, "0") != 0)
        return write_field_invalid(req, "flagged");
    struct reach_up up;
    struct reach_sql within;
    if (rc == HW_OK)
        rc = reach_list_load(req->db, req->who, "e.compound_id", &up, &within);
    if (rc != HW_OK)
        return rc;
    char sql[900];
    snprintf(sql, sizeof sql,
             "SELECT e.id FROM ledger_entries e JOIN places p ON p.id = e.compound_id WHERE %s"
             " AND ($5 = 0 OR e.compound_id = $5) AND ($6 = '' OR e.category = $6)"
             " AND ($7 = '' OR e.flagged = ($7 = '1')) AND ($8 = 0 OR e.id < $8)"
             " ORDER BY e.id DESC LIMIT $9",
             within.cond);
    struct db_stmt *st;
    rc = db_query(req->db, &st, sql, "iiiiissii", within.value, up.ids[0], up.ids[1], up.ids[2],
                  compound, category ? category : "", flagged ? flagged : "", after, limit);
    return rc == HW_OK ? respond_id_page(req, st, limit, render_entry, NULL) : rc;
}

int ledger_http_entry(struct request *req)
{
    json_t *o;
    int rc = ledger_entry_json(req->db, req->params[0], &o);
    return rc == HW_OK ? respond_json(req, 200, o) : rc;
}

struct entry_body {
    struct opt_int compound_id, amount_fen, vote_id, decision_id;
    const char *date, *category, *description;
};
static const struct body_field entry_fields[] = {
    BODY_FIELD(struct entry_body, compound_id, BODY_INT, true, 0),
    BODY_FIELD(struct entry_body, date, BODY_STRING, true, 16),
    BODY_FIELD(struct entry_body, category, BODY_STRING, true, 32),
    BODY_FIELD(struct entry_body, amount_fen, BODY_INT, true, 0),
    BODY_FIELD(struct entry_body, description, BODY_STRING, true, 4 * LEDGER_TEXT_MAX),
    BODY_FIELD(struct entry_body, vote_id, BODY_INT, false, 0),
    BODY_FIELD(struct entry_body, decision_id, BODY_INT, false, 0),
};

static int apply_entry(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct ledger_entry_new *e = ctx;
    const char *bad = NULL;
    int rc = ledger_entry_create(req->db, e, req->who->user_id, clock_now(), id, &bad);
    return write_model_created(req, rc, bad, "ledger_entries", id, district);
}

int ledger_http_create_entry(struct request *req)
{
    struct entry_body b = {0};
    int rc = BODY_PARSE(req, entry_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct ledger_entry_new e = {.compound_id = b.compound_id.v, .date = b.date,
                                 .amount_fen = b.amount_fen.v, .description = b.description,
                                 .vote_id = b.vote_id.v, .decision_id = b.decision_id.v};
    if (ledger_category_parse(b.category, &e.category) != HW_OK)
        return write_field_invalid(req, "category");
    if ((rc = reach_place_named(req, e.compound_id, true, "compound_id")) != HW_OK)
        return rc;
    static const struct audited_write w = {.action = "create", .entity = "ledger_entry",
                                           .location = "/api/v1/ledger/entries/",
                                           .apply = apply_entry, .render = render_entry};
    return audited_write_run(req, &w, &e, 0);
}

struct reverse_ctx {
    int64_t entry;
    const char *reason;
};

static int apply_reverse(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    const struct reverse_ctx *c = ctx;
    const char *bad = NULL;
    int rc = ledger_entry_reverse(req->db, c->entry, c->reason, req->who->user_id, clock_now(), id,
                                  &bad);
    return write_model_created(req, rc, bad, "ledger_entries", id, district);
}

/* The reversal is a new entry: created, answered, and audited as one. */
int ledger_http_reverse(struct request *req)
{
    struct reverse_body {
        const char *reason;
    } b = {0};
    static const struct body_field fields[] = {
        BODY_FIELD(struct reverse_body, reason, BODY_STRING, true, 4 * LEDGER_TEXT_MAX),
    };
    int rc = BODY_PARSE(req, fields, &b);
    if (rc != HW_OK)
        return rc;
    struct reverse_ctx c = {.entry = req->params[0], .reason = b.reason};
    static const struct audited_write w = {.action = "create", .entity = "ledger_entry",
                                           .location = "/api/v1/ledger/entries/",
                                           .apply = apply_reverse, .render = render_entry};
    return audited_write_run(req, &w, &c, 0);
}
