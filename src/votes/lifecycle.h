/* A vote's steps after the draft (votes/vote.h), each inside the caller's
 * write transaction, and the jobs that take them at their times:
 * votes.open at opens_at, votes.close at the deadline (the preliminary
 * result, published as the vote closes), votes.final when the objection
 * period ends. */
#ifndef HONGWU_VOTES_LIFECYCLE_H
#define HONGWU_VOTES_LIFECYCLE_H

#include <stdint.h>

#include "kit/jobs_core.h"
#include "store/db.h"

#define VOTES_OPEN_JOB "votes.open"
#define VOTES_CLOSE_JOB "votes.close"
#define VOTES_FINAL_JOB "votes.final"

/* Freezes the electorate from the register (again, while published and not
 * yet open) and schedules the opening and the count. HW_EINVAL with
 * *bad_field "electorate" while a unit lacks its area or is the developer's
 * yet owned, "opens_at" when the opening has passed, "status" after. */
int vote_publish(struct db *db, int64_t id, int64_t now, const char **bad_field);

/* Cancels a vote not yet counted, with the reason. */
int vote_cancel(struct db *db, int64_t id, const char *reason, int64_t now,
                const char **bad_field);

/* Each returns HW_OK having done nothing when the vote is not ready: */
/* published → open once opens_at has come and no objection to the
 * electorate is pending. */
int vote_open_if_ready(struct db *db, int64_t id, int64_t now);
/* published or open → preliminary at the deadline: counts the ballots,
 * publishes the preliminary result and the objection period. */
int vote_count(struct db *db, int64_t id, int64_t now);
/* preliminary → final once the objection period is over and no objection
 * to the result is pending: the outcome, passed or failed. */
int vote_finalize_if_ready(struct db *db, int64_t id, int64_t now);

/* The jobs (payload {"vote_id": N}), audited as the job's doing. */
int votes_open_job_run(struct db *db, const struct job *job);
int votes_close_job_run(struct db *db, const struct job *job);
int votes_final_job_run(struct db *db, const struct job *job);

#endif
