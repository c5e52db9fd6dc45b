#include "http/offload.h"

#include <pthread.h>

#include "base/err.h"
#include "base/log.h"
#include "http/problem.h"
#include "http/router.h"
#include "store/db.h"

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t all_done = PTHREAD_COND_INITIALIZER;
static int running;

static void *offload_run(void *arg)
{
    struct request *req = arg;
    /* The I/O thread's database connection stays with it: this thread
     * opens its own (closed when the thread ends). */
    int rc = db_thread(&req->db);
    if (rc == HW_OK)
        router_dispatch(req);
    else
        problem_from_error(req, rc);
    struct MHD_Connection *conn = req->conn;
    /* From here on req belongs to the I/O thread again. */
    pthread_mutex_lock(&mu);
    MHD_resume_connection(conn);
    if (--running == 0)
        pthread_cond_broadcast(&all_done);
    pthread_mutex_unlock(&mu);
    return NULL;
}

bool offload_start(struct request *req)
{
    pthread_mutex_lock(&mu);
    if (running >= OFFLOAD_MAX) {
        pthread_mutex_unlock(&mu);
        return false;
    }
    running++;
    req->deferred = true;
    MHD_suspend_connection(req->conn);
    pthread_attr_t attr;
    pthread_t t;
    bool made = pthread_attr_init(&attr) == 0;
    if (made) {
        pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
        made = pthread_create(&t, &attr, offload_run, req) == 0;
        pthread_attr_destroy(&attr);
    }
    if (!made) {
        MHD_resume_connection(req->conn);
        req->deferred = false;
        running--;
        log_warn("http: cannot start a thread for a long request");
    }
    pthread_mutex_unlock(&mu);
    return made;
}

void offload_answer(struct request *req)
{
    req->deferred = false;
    struct MHD_Response *r = req->kept;
    req->kept = NULL;
    if (!r)
        return;
    if (MHD_queue_response(req->conn, req->kept_status, r) != MHD_YES)
        log_warn("http: cannot queue the answer of a long request");
    MHD_destroy_response(r);
}

void offload_drain(void)
{
    pthread_mutex_lock(&mu);
    while (running > 0)
        pthread_cond_wait(&all_done, &mu);
    pthread_mutex_unlock(&mu);
}
