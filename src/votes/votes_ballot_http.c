/* Ballots: an owner's online ballot, a paper or proxy ballot recorded by
 * staff, the named list for the committee, the anonymised list and the
 * receipt check for everyone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "base/clock.h"
#include "base/err.h"
#include "http/body.h"
#include "http/problem.h"
#include "http/response.h"
#include "kit/principal.h"
#include "kit/record_routes.h"
#include "votes/ballot.h"
#include "votes/roll.h"
#include "votes/vote.h"
#include "votes/voter.h"
#include "votes/votes_http.h"

struct cast_ctx {
    struct vote_ballot_new b;
    char receipt[VOTE_RECEIPT_CODE_SIZE];
    const char *bad;
};

static int apply_cast(struct request *req, void *ctx, int64_t *id, int64_t *district)
{
    struct cast_ctx *c = ctx;
    int rc = db_scalar_int(req->db, district, "SELECT district_id FROM votes WHERE id = $1", "i",
                           c->b.vote_id);
    if (rc == HW_OK)
        rc = vote_ballot_cast(req->db, &c->b, clock_now(), id, c->receipt, &c->bad);
    return rc == HW_ECONFLICT ? rc : write_model_error(req, rc, c->bad);
}

/* The answer carries the receipt's code, shown once: the database keeps
 * only its hash. */
static int render_cast(struct request *req, void *ctx, int64_t id, json_t **out)
{
    const struct cast_ctx *c = ctx;
    char hash[VOTE_RECEIPT_HASH_HEX];
    int rc = vote_receipt_hash(c->b.vote_id, c->receipt, hash);
    struct db_stmt *st;
    if (rc == HW_OK)
        rc = db_query_row(req->db, &st,
                          "SELECT choice, area_cm2, heads, channel, cast_at FROM vote_ballots"
                          " WHERE id = $1",
                          "i", id);
    if (rc != HW_OK)
        return rc;
    char at[32];
    clock_format_rfc3339(db_col_int(st, 4), at);
    *out = json_pack("{s:I, s:I, s:s, s:s, s:s, s:I, s:I, s:s, s:s}", "id", (json_int_t)id,
                     "vote_id", (json_int_t)c->b.vote_id, "receipt_code", c->receipt,
                     "receipt_hash", hash, "choice", db_col_text(st, 0), "area_cm2",
                     (json_int_t)db_col_int(st, 1), "heads", (json_int_t)db_col_int(st, 2),
                     "channel", db_col_text(st, 3), "at", at);
    db_reset(st);
    return *out ? HW_OK : HW_ENOMEM;
}

static int render_audit(struct request *req, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return vote_ballot_audit_json(req->db, id, out);
}

static int cast(struct request *req, struct cast_ctx *c)
{
    static const struct audited_write w = {.action = "create", .entity = "vote_ballot",
                                           .apply = apply_cast, .render = render_cast,
                                           .audit_render = render_audit};
    int rc = audited_write_run(req, &w, c, 0);
    sodium_memzero(c->receipt, sizeof c->receipt);
    if (rc != HW_ECONFLICT)
        return rc;
    if (c->bad && strcmp(c->bad, "status") == 0)
        return problem_send(req, PROBLEM_CONFLICT,
                            "The vote takes no ballots now: not open, or past its deadline.");
    return problem_send(req, PROBLEM_CONFLICT,
                        "This owner has voted already, or the paper ballot's number is taken.");
}

struct cast_body {
    const char *choice, *paper_number;
    struct opt_int dwelling_id, authorization_id;
    struct opt_bool proxy;
};
static const struct body_field cast_fields[] = {
    BODY_FIELD(struct cast_body, choice, BODY_STRING, true, 16),
};
static const struct body_field record_fields[] = {
    BODY_FIELD(struct cast_body, choice, BODY_STRING, true, 16),
    BODY_FIELD(struct cast_body, dwelling_id, BODY_INT, true, 0),
    BODY_FIELD(struct cast_body, paper_number, BODY_STRING, true, VOTE_PAPER_NUMBER_MAX),
    BODY_FIELD(struct cast_body, proxy, BODY_BOOL, false, 0),
    BODY_FIELD(struct cast_body, authorization_id, BODY_INT, false, 0),
};

/* An owner votes from the account of their home, linked to them. */
int votes_http_cast(struct request *req)
{
    struct cast_body b = {0};
    int rc = BODY_PARSE(req, cast_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct cast_ctx c = {.b = {.vote_id = req->params[0], .dwelling_id = req->who->scope_id,
                               .choice = b.choice, .channel = "online",
                               .user_id = req->who->user_id}};
    return cast(req, &c);
}

/* The caller as a voter, for the owner's phone page: whether their account
 * casts this vote's ballot online and, if not, why; an owner's own head. */
int votes_http_voter(struct request *req)
{
    struct vote_voter_facts f;
    int64_t head;
    int rc = vote_voter_read(req->db, req->params[0], req->who->scope_id, req->who->user_id, &f,
                             &head);
    if (rc != HW_OK)
        return rc;
    enum vote_voter standing = vote_voter_standing(&f);
    json_t *own = NULL;
    int64_t voted = 0;
    if (standing == VOTER_OWNER)
        rc = vote_head_json(req->db, req->who, head, &own);
    if (rc == HW_OK && standing == VOTER_OWNER)
        rc = db_scalar_int(req->db, &voted, "SELECT count(*) FROM vote_ballots WHERE head_id = $1",
                           "i", head);
    if (rc != HW_OK) {
        json_decref(own);
        return rc;
    }
    return respond_json(req, 200,
                        json_pack("{s:s, s:b, s:o, s:o}", "standing", vote_voter_name(standing),
                                  "owner", standing == VOTER_OWNER, "voted",
                                  standing == VOTER_OWNER ? json_boolean(voted > 0) : json_null(),
                                  "head", own ? own : json_null()));
}

/* Staff record a paper ballot: the owner's own, or with "proxy": true a
 * proxy's, on the authorization on file. */
int votes_http_record(struct request *req)
{
    struct cast_body b = {0};
    int rc = BODY_PARSE(req, record_fields, &b);
    if (rc != HW_OK)
        return rc;
    struct cast_ctx c = {.b = {.vote_id = req->params[0], .dwelling_id = b.dwelling_id.v,
                               .choice = b.choice,
                               .channel = b.proxy.set && b.proxy.v ? "proxy" : "paper",
                               .paper_number = b.paper_number,
                               .authorization_id = b.authorization_id.v,
                               .user_id = req->who->user_id}};
    return cast(req, &c);
}

int votes_http_ballots(struct request *req)
{
    int64_t limit, after;
    int rc = req_page(req, &limit, &after);
    if (rc != HW_OK)
        return rc;
    json_t *items;
    int64_t next;
    rc = vote_ballots_page(req->db, req->who, req->params[0], after, limit, &items, &next);
    return rc == HW_OK ? votes_respond_page(req, items, next) : rc;
}

static bool counted(struct db *db, int64_t vote_id, int *rc)
{
    struct vote v;
    *rc = vote_load(db, vote_id, &v);
    return *rc == HW_OK && (v.status == VOTE_PRELIMINARY || v.status == VOTE_FINAL);
}

static bool hash_valid(const char *h)
{
    if (!h || strlen(h) != VOTE_RECEIPT_HASH_HEX - 1)
        return false;
    for (const char *p = h; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    return true;
}

/* The anonymised list, published with the count: anyone can add it up. */
int votes_http_lines(struct request *req)
{
    const char *after = req_query(req, "after"), *limit_text = req_query(req, "limit");
    int64_t limit = 200;
    if (after && !hash_valid(after))
        return write_field_invalid(req, "after");
    if (limit_text) {
        char *end;
        long long n = strtoll(limit_text, &end, 10);
        if (*end || n < 1 || n > 1000)
            return write_field_invalid(req, "limit");
        limit = n;
    }
    int rc;
    if (!counted(req->db, req->params[0], &rc))
        return rc != HW_OK ? rc
                           : problem_send(req, PROBLEM_CONFLICT,
                                          "The anonymised ballots are published with the count.");
    json_t *items;
    char next[VOTE_RECEIPT_HASH_HEX];
    rc = vote_lines_page(req->db, req->params[0], after ? after : "", limit, &items, next);
    if (rc != HW_OK)
        return rc;
    return respond_json(req, 200,
                        json_pack("{s:o, s:o}", "items", items, "next_after",
                                  next[0] ? json_string(next) : json_null()));
}

struct receipt_body {
    const char *code;
};
static const struct body_field receipt_fields[] = {
    BODY_FIELD(struct receipt_body, code, BODY_STRING, true, 64),
};

/* An owner's code finds their line, whoever asks: the code is the secret. */
int votes_http_receipt(struct request *req)
{
    struct receipt_body b = {0};
    int rc = BODY_PARSE(req, receipt_fields, &b);
    if (rc != HW_OK)
        return rc;
    json_t *line = NULL;
    rc = vote_receipt_line(req->db, req->params[0], b.code, &line);
    if (rc == HW_EINVAL)
        return write_field_invalid(req, "code");
    if (rc != HW_OK && rc != HW_ENOTFOUND)
        return rc;
    bool is_counted = counted(req->db, req->params[0], &rc);
    if (rc != HW_OK) {
        json_decref(line);
        return rc;
    }
    return respond_json(req, 200,
                        json_pack("{s:b, s:o, s:b}", "found", line != NULL, "line",
                                  line ? line : json_null(), "counted", line && is_counted));
}
