#include "votes/lifecycle.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"
#include "base/text.h"
#include "kit/write.h"
#include "votes/roll.h"
#include "votes/tally.h"
#include "votes/vote.h"

static int schedule(struct db *db, const struct vote *v, const char *kind, const char *key,
                    int64_t due)
{
    char dedup[64];
    snprintf(dedup, sizeof dedup, "%s:%lld", key, (long long)v->id);
    json_t *payload = json_pack("{s:I}", "vote_id", (json_int_t)v->id);
    if (!payload)
        return HW_ENOMEM;
    int rc = jobs_schedule(db, kind, payload, due, dedup, v->district_id, NULL);
    json_decref(payload);
    return rc;
}

int vote_publish(struct db *db, int64_t id, int64_t now, const char **bad_field)
{
    struct vote v;
    int rc = vote_load(db, id, &v);
    if (rc != HW_OK)
        return rc;
    if (v.status != VOTE_DRAFT && v.status != VOTE_PUBLISHED) {
        *bad_field = "status";
        return HW_EINVAL;
    }
    if (now >= v.opens_at) { /* the owners must see the roll before voting starts */
        *bad_field = "opens_at";
        return HW_EINVAL;
    }
    struct vote_roll r;
    rc = vote_roll_read(db, v.place_id, &r);
    if (rc == HW_OK && (!r.nunits || (r.e.flags & VOTE_FLAGS_BLOCKING))) {
        *bad_field = "electorate";
        rc = HW_EINVAL;
    }
    if (rc == HW_OK)
        rc = vote_roll_freeze(db, id, &r);
    vote_roll_free(&r);
    if (rc == HW_OK) {
        int64_t n = db_run(db,
                           "UPDATE votes SET status = 'published', published_at = $2,"
                           " updated_at = $2 WHERE id = $1",
                           "ii", id, now);
        rc = n < 0 ? (int)n : HW_OK;
    }
    if (rc == HW_OK)
        rc = schedule(db, &v, VOTES_OPEN_JOB, "vote-open", v.opens_at);
    if (rc == HW_OK)
        rc = schedule(db, &v, VOTES_CLOSE_JOB, "vote-close", v.closes_at);
    return rc;
}

int vote_cancel(struct db *db, int64_t id, const char *reason, int64_t now,
                const char **bad_field)
{
    struct vote v;
    int rc = vote_load(db, id, &v);
    if (rc != HW_OK)
        return rc;
    size_t len = reason ? strlen(reason) : 0;
    if (!len || len > VOTE_TEXT_MAX || text_chars(reason, true) < 1) {
        *bad_field = "reason";
        return HW_EINVAL;
    }
    if (v.status != VOTE_DRAFT && v.status != VOTE_PUBLISHED && v.status != VOTE_OPEN) {
        *bad_field = "status";
        return HW_EINVAL;
    }
    int64_t n = db_run(db,
                       "UPDATE votes SET status = 'cancelled', cancel_reason = $2,"
                       " updated_at = $3 WHERE id = $1",
                       "isi", id, reason, now);
    return n < 0 ? (int)n : HW_OK;
}

static int pending_objections(struct db *db, int64_t id, const char *stage, int64_t *n)
{
    return db_scalar_int(db, n,
                         "SELECT count(*) FROM vote_objections WHERE vote_id = $1"
                         " AND stage = $2 AND status = 'pending'",
                         "is", id, stage);
}

int vote_open_if_ready(struct db *db, int64_t id, int64_t now)
{
    struct vote v;
    int64_t pending = 0;
    int rc = vote_load(db, id, &v);
    if (rc != HW_OK || v.status != VOTE_PUBLISHED || now < v.opens_at || now >= v.closes_at)
        return rc;
    if ((rc = pending_objections(db, id, "electorate", &pending)) != HW_OK || pending)
        return rc;
    int64_t n = db_run(db,
                       "UPDATE votes SET status = 'open', opened_at = $2, updated_at = $2"
                       " WHERE id = $1 AND status = 'published'",
                       "ii", id, now);
    return n < 0 ? (int)n : HW_OK;
}

static int sum_choice(struct db *db, int64_t id, const char *choice, struct vote_weight *w)
{
    struct db_stmt *st;
    int rc = db_query_row(db, &st,
                          "SELECT count(*), COALESCE(sum(area_cm2), 0) FROM vote_ballots"
                          " WHERE vote_id = $1 AND choice = $2",
                          "is", id, choice);
    if (rc != HW_OK)
        return rc;
    w->heads = db_col_int(st, 0);
    w->area_cm2 = db_col_int(st, 1);
    db_reset(st);
    return HW_OK;
}

int vote_count(struct db *db, int64_t id, int64_t now)
{
    struct vote v;
    int rc = vote_load(db, id, &v);
    if (rc != HW_OK || (v.status != VOTE_PUBLISHED && v.status != VOTE_OPEN) || now < v.closes_at)
        return rc;
    struct vote_tally t = {0};
    if ((rc = sum_choice(db, id, "yes", &t.yes)) != HW_OK ||
        (rc = sum_choice(db, id, "no", &t.no)) != HW_OK ||
        (rc = sum_choice(db, id, "abstain", &t.abstain)) != HW_OK)
        return rc;
    /* The arithmetic's own check that the counts fit the electorate. */
    rc = db_scalar_int(db, &t.electorate.heads, "SELECT electorate_heads FROM votes WHERE id = $1",
                       "i", id);
    if (rc == HW_OK)
        rc = db_scalar_int(db, &t.electorate.area_cm2,
                           "SELECT electorate_area_cm2 FROM votes WHERE id = $1", "i", id);
    struct vote_result r;
    if (rc == HW_OK)
        rc = vote_result_compute(&t, v.special, &r);
    if (rc != HW_OK)
        return rc;
    int64_t until = now + v.objection_days * VOTE_DAY_S;
    int64_t n = db_run(db,
                       "UPDATE votes SET status = 'preliminary', preliminary_at = $2,"
                       " objections_until = $3, yes_heads = $4, yes_area_cm2 = $5, no_heads = $6,"
                       " no_area_cm2 = $7, abstain_heads = $8, abstain_area_cm2 = $9,"
                       " updated_at = $2 WHERE id = $1",
                       "iiiiiiiii", id, now, until, t.yes.heads, t.yes.area_cm2, t.no.heads,
                       t.no.area_cm2, t.abstain.heads, t.abstain.area_cm2);
    if (n < 0)
        return (int)n;
    v.objections_until = until;
    return schedule(db, &v, VOTES_FINAL_JOB, "vote-final", until);
}

int vote_finalize_if_ready(struct db *db, int64_t id, int64_t now)
{
    struct vote v;
    int64_t pending = 0;
    int rc = vote_load(db, id, &v);
    if (rc != HW_OK || v.status != VOTE_PRELIMINARY || now < v.objections_until)
        return rc;
    if ((rc = pending_objections(db, id, "result", &pending)) != HW_OK || pending)
        return rc;
    struct db_stmt *st;
    rc = db_query_row(db, &st,
                      "SELECT electorate_heads, electorate_area_cm2, yes_heads, yes_area_cm2,"
                      " no_heads, no_area_cm2, abstain_heads, abstain_area_cm2 FROM votes"
                      " WHERE id = $1",
                      "i", id);
    if (rc != HW_OK)
        return rc;
    struct vote_tally t = {{db_col_int(st, 1), db_col_int(st, 0)},
                           {db_col_int(st, 3), db_col_int(st, 2)},
                           {db_col_int(st, 5), db_col_int(st, 4)},
                           {db_col_int(st, 7), db_col_int(st, 6)}};
    db_reset(st);
    struct vote_result r;
    if ((rc = vote_result_compute(&t, v.special, &r)) != HW_OK)
        return rc;
    int64_t n = db_run(db,
                       "UPDATE votes SET status = 'final', outcome = $2, final_at = $3,"
                       " updated_at = $3 WHERE id = $1",
                       "isi", id, r.passed ? "passed" : "failed", now);
    return n < 0 ? (int)n : HW_OK;
}

/* ---- the jobs ------------------------------------------------------------ */

struct step {
    int (*take)(struct db *db, int64_t id, int64_t now);
    int64_t now;
    bool changed;
};

static int step_apply(struct db *db, void *ctx, int64_t *id, int64_t *district)
{
    struct step *s = ctx;
    struct vote before, after;
    int rc = vote_load(db, *id, &before);
    if (rc != HW_OK)
        return rc;
    *district = before.district_id;
    if ((rc = s->take(db, *id, s->now)) == HW_OK && (rc = vote_load(db, *id, &after)) == HW_OK)
        s->changed = after.status != before.status;
    return rc;
}

/* A step not yet due (an objection pending) leaves no audit entry. */
static bool step_unchanged(const void *ctx)
{
    return !((const struct step *)ctx)->changed;
}

static int step_render(struct db *db, void *ctx, int64_t id, json_t **out)
{
    (void)ctx;
    return vote_json(db, id, out);
}

static int run_step(struct db *db, const struct job *job, int (*take)(struct db *, int64_t, int64_t))
{
    json_int_t id = json_integer_value(json_object_get(job->payload, "vote_id"));
    if (id <= 0) {
        jobs_set_error(job, "%s: no vote_id", job->kind);
        return HW_EINVAL;
    }
    char ip[48];
    snprintf(ip, sizeof ip, "job:%s", job->kind);
    const struct actor a = {.kind = ACTOR_JOB, .ip = ip};
    struct step s = {.take = take, .now = clock_now()};
    const struct write_op op = {.action = "update", .entity = "vote", .apply = step_apply,
                                .render = step_render, .unchanged = step_unchanged};
    int64_t vote = (int64_t)id;
    int rc = write_run_in(db, &a, &op, &s, &vote);
    if (rc != HW_OK)
        jobs_set_error(job, "%s: vote %lld: %s", job->kind, (long long)id, hw_strerror(rc));
    return rc;
}

int votes_open_job_run(struct db *db, const struct job *job)
{
    return run_step(db, job, vote_open_if_ready);
}

int votes_close_job_run(struct db *db, const struct job *job)
{
    return run_step(db, job, vote_count);
}

int votes_final_job_run(struct db *db, const struct job *job)
{
    return run_step(db, job, vote_finalize_if_ready);
}
