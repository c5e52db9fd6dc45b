/* The scheduler thread of every `hongwu serve`: it claims due jobs on a
 * connection of its own and runs them (kit/jobs_core.h's claim protocol),
 * so several processes on one database share the work safely. */
#ifndef HONGWU_KIT_JOBS_SCHEDULER_H
#define HONGWU_KIT_JOBS_SCHEDULER_H

#include <stdbool.h>
#include <stddef.h>

#include "kit/capability.h"

enum {
    JOBS_POLL_MS = 1000, /* looks for due jobs at least this often */
    JOBS_BATCH = 50,     /* jobs run in a row before it checks for a stop */
    JOBS_KINDS_MAX = 64,
};

/* Collects the job kinds of every capability (caps[0..n)) and starts the
 * thread on db_url. HW_EINVAL when two capabilities name the same kind. */
int jobs_scheduler_start(const char *db_url, const struct capability *const *caps, size_t n);
/* Wakes the thread now (a job fell due, the test clock moved). Safe from
 * any thread, and before start or after stop. */
void jobs_scheduler_wake(void);
/* Whether a stop was asked: long work in a job (a webhook's POST) gives up. */
bool jobs_scheduler_stopping(void);
/* Lets the job in progress finish, then stops the thread. */
void jobs_scheduler_stop(void);

/* The kinds collected at start (for `hongwu demo`, which runs without a
 * scheduler thread): fills kinds[0..max) and returns how many. */
size_t jobs_collect_kinds(const struct capability *const *caps, size_t n,
                          const struct job_kind **kinds, size_t max);

#endif
