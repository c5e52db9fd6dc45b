/* Durable jobs and timers (docs/architecture.md, "Jobs and notifications").
 *
 * A job is a row of the jobs table: a kind, a JSON payload, the time it
 * falls due. jobs_schedule() inserts one inside the caller's transaction, so
 * it exists exactly when the change that asked for it commits. The scheduler
 * of every `hongwu serve` (jobs_scheduler.h) claims due jobs and runs each
 * kind's handler inside the transaction that marks the job done: the job's
 * effects and its completion commit together, or neither does. */
#ifndef HONGWU_KIT_JOBS_CORE_H
#define HONGWU_KIT_JOBS_CORE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/db.h"

enum {
    JOBS_DEFAULT_MAX_ATTEMPTS = 5,
    JOBS_BACKOFF_BASE_S = 30,  /* the wait after the first failed attempt */
    JOBS_BACKOFF_CAP_S = 3600, /* no wait is longer */
    JOBS_LEASE_S = 120,        /* a claim older than this is taken to have died */
    JOBS_ERROR_MAX = 300,      /* bytes of last_error kept */
    JOBS_TOKEN_LEN = 40,       /* a claim's locked_by, with its NUL */
};

/* A handler's answer besides HW_OK (done) and a negative hw_err (its
 * effects are rolled back; retried later): keep its effects (a delivery
 * log line), but count the attempt as failed and retry with backoff. */
enum { JOB_RETRY = 1 };

struct job {
    int64_t id;
    const char *kind;
    json_t *payload;     /* the parsed payload (an object), owned by the scheduler */
    int64_t district_id; /* 0: none */
    int64_t due_at;
    int attempts; /* including this one */
    int max_attempts;
    bool last_attempt; /* attempts == max_attempts: a failure now is final */
    char locked_by[JOBS_TOKEN_LEN];
    /* JOBS_ERROR_MAX bytes a handler that fails or retries may fill (with
     * jobs_set_error): what last_error keeps. */
    char *error;
    /* What prepare() hands run() (released by the scheduler). */
    json_t *outcome;
};

struct job_kind {
    const char *name; /* "announcement.deliver" */
    /* Runs inside the write transaction that marks the job done; HW_OK,
     * JOB_RETRY or a negative hw_err (rolled back). Must not commit. */
    int (*run)(struct db *db, const struct job *job);
    /* Optional, before that transaction and outside any: work that must not
     * hold the write lock (a network call); its result in job->outcome. */
    int (*prepare)(struct db *db, struct job *job);
};

struct job_new {
    const char *kind;
    json_t *payload;       /* borrowed; NULL: {} */
    int64_t due_at;        /* clock_now() epoch seconds */
    const char *dedup_key; /* NULL: none; else scheduled at most once, ever */
    int64_t district_id;   /* 0: none */
    int max_attempts;      /* 0: JOBS_DEFAULT_MAX_ATTEMPTS */
};

/* Records why job failed, if nothing was recorded yet (printf format). */
void jobs_set_error(const struct job *job, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Inserts the job inside the caller's transaction. With a dedup key already
 * used, nothing is inserted and *id (may be NULL) is the existing job's. */
int jobs_schedule_new(struct db *db, const struct job_new *j, int64_t *id);
int jobs_schedule(struct db *db, const char *kind, json_t *payload, int64_t due_at,
                  const char *dedup_key, int64_t district_id, int64_t *id);

/* Seconds to wait after attempt number `attempt` (1-based) failed:
 * base * 2^(attempt-1), at most the cap. Pure. */
int64_t jobs_backoff_s(int attempt);
/* When a job that failed attempt `attempt` at `now` is due again. Pure. */
int64_t jobs_retry_due(int64_t now, int attempt);

/* Parses a due time: RFC 3339 ("2025-03-01T09:00:00+08:00", "...Z", with
 * optional fractional seconds, dropped) into epoch seconds. HW_EINVAL when
 * malformed. Pure. */
int jobs_parse_time(const char *text, int64_t *out);

/* Whether kind is one of kinds[0..n). */
const struct job_kind *jobs_find_kind(const struct job_kind *const *kinds, size_t n,
                                      const char *kind);

/* One round of the claim protocol on db (a connection of the caller's own,
 * no transaction open): claims the job due first, runs it, and records the
 * outcome. *ran is set when a job was claimed. */
int jobs_run_one(struct db *db, const struct job_kind *const *kinds, size_t nkinds, bool *ran);

/* Runs every job due now, one at a time, at most max of them: `hongwu
 * demo` and tests use it; servers have the scheduler thread. */
int jobs_run_due(struct db *db, const struct job_kind *const *kinds, size_t nkinds, int max,
                 int *count);

#endif
