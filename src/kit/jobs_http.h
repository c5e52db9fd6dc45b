/* The admins' view of the jobs table (listed in kit_capability.c), and a
 * job kind for tests. */
#ifndef HONGWU_KIT_JOBS_HTTP_H
#define HONGWU_KIT_JOBS_HTTP_H

#include "http/request.h"
#include "kit/jobs_core.h"
#include "kit/principal.h"

/* GET /api/v1/jobs[?state=&kind=]: newest first. */
int jobs_http_list(struct request *req);
/* GET /api/v1/jobs/{id} */
int jobs_http_get(struct request *req);
/* POST /api/v1/jobs/{id}/retry: a failed (or pending) job is due now with
 * its attempts counted afresh; 409 for one running or done. */
int jobs_http_retry(struct request *req);

/* The scope rule of a job (kit/scope.h): admins, within their sub-district. */
int jobs_record_reach(struct db *db, const struct principal *who, int64_t id, bool write);

/* POST /api/v1/test/jobs (only under `serve --test-clock`): schedules
 * test.echo jobs {"count","due_in","fail","sleep_ms","note","max_attempts"}. */
int jobs_http_test_schedule(struct request *req);

/* The job test.echo: after sleep_ms, fails when asked to, else an inbox
 * item for user_id titled note. */
#define JOBS_TEST_ECHO_JOB "test.echo"
int jobs_test_echo_run(struct db *db, const struct job *job);

#endif
