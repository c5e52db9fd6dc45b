#include "http/slow_capacity.h"

#include <errno.h>
#include <string.h>
#include <sys/resource.h>

#include "base/err.h"
#include "base/log.h"
#include "http/offload.h"

enum {
    /* Standard streams, the listening socket, each worker's epoll and
     * wake-up descriptors, the scheduler's and the checkpointer's database
     * connections, a webhook's socket, the log. */
    FILES_RESERVED = 64,
    /* A SQLite connection holds three (the database, its WAL and its
     * shared-memory index), a PostgreSQL one a socket; one more for a file
     * being uploaded, exported or written by a job; some to spare. */
    FILES_PER_THREAD = 8,
    /* The socket, and a static file or photo being sent. */
    FILES_PER_CONN = 2,
    MIN_CONNS = 8,
};

/* 2^20: Linux's default ceiling (fs.nr_open) when the hard limit is infinite. */
#define FILES_CEILING (1ul << 20)

static unsigned long raise_open_files(unsigned long *before)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
        *before = FILES_RESERVED;
        return *before;
    }
    *before = rl.rlim_cur == RLIM_INFINITY ? FILES_CEILING : (unsigned long)rl.rlim_cur;
    rlim_t want = rl.rlim_max == RLIM_INFINITY ? FILES_CEILING : rl.rlim_max;
    if (want > rl.rlim_cur && rl.rlim_cur != RLIM_INFINITY) {
        struct rlimit raised = {.rlim_cur = want, .rlim_max = rl.rlim_max};
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            return (unsigned long)want;
        log_warn("serve: cannot raise the open-file limit from %lu to %lu: %s", *before,
                 (unsigned long)want, strerror(errno));
    }
    return *before;
}

int slow_capacity_fit(unsigned threads, unsigned wanted_conns, unsigned wanted_header_conns,
                      struct slow_capacity *out)
{
    out->files = raise_open_files(&out->files_before);
    /* Each long request's thread has a database connection of its own. */
    unsigned long reserved =
        FILES_RESERVED + ((unsigned long)threads + OFFLOAD_MAX) * FILES_PER_THREAD;
    unsigned long fit =
        out->files > reserved ? (out->files - reserved) / FILES_PER_CONN : 0;
    if (fit < MIN_CONNS || fit < threads) {
        log_error("serve: %lu open files are too few for %u threads and %d connections;"
                  " raise the limit (systemd: LimitNOFILE=) or lower --threads",
                  out->files, threads, threads > MIN_CONNS ? (int)threads : MIN_CONNS);
        return HW_EINVAL;
    }
    out->conns = fit < wanted_conns ? (unsigned)fit : wanted_conns;
    if (out->conns < threads) /* libmicrohttpd gives each worker a share */
        out->conns = threads;
    unsigned header_conns = wanted_header_conns ? wanted_header_conns : out->conns / 2;
    if (header_conns > out->conns)
        header_conns = out->conns;
    out->header_conns = header_conns ? header_conns : 1;
    return HW_OK;
}
