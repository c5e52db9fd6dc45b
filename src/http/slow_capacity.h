/* Open files and how many connections they allow.
 *
 * Every connection holds a socket, and a static file while it is being
 * sent; every worker thread holds its database connection's files. A
 * process that runs out of open files fails accept() (EMFILE) and every
 * open() at once, so the connection limit is sized to fit the open-file
 * limit, after raising that limit's soft value to its hard value. */
#ifndef HONGWU_HTTP_SLOW_CAPACITY_H
#define HONGWU_HTTP_SLOW_CAPACITY_H

struct slow_capacity {
    unsigned long files_before; /* RLIMIT_NOFILE's soft limit found at start */
    unsigned long files;        /* the soft limit now */
    unsigned conns;             /* connections the server will take at once */
    unsigned header_conns;      /* of which waiting for their headers */
};

/* Raises the open-file limit and fits wanted_conns connections (and
 * wanted_header_conns, 0: half of the connections) to it for threads worker
 * threads. HW_EINVAL when the limit cannot hold even a few connections. */
int slow_capacity_fit(unsigned threads, unsigned wanted_conns, unsigned wanted_header_conns,
                      struct slow_capacity *out);

#endif
