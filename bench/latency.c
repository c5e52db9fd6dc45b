/* bench_latency: lookup and list latency of a hongwu server, one request at
 * a time on one keep-alive connection, and of the same work done in-process
 * (see queries.h), so the cost of HTTP and of the read log is visible. */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/err.h"
#include "bench_time.h"
#include "explain.h"
#include "http_client.h"
#include "queries.h"
#include "samples.h"
#include "stats.h"
#include "store/db.h"

static const char usage[] =
    "usage: bench_latency plan --db URL [--accounts K] [--seed S]\n"
    "       bench_latency run --db URL [--url BASE] [--requests N] [--warmup N]\n"
    "                         [--only NAME,...] [--no-http] [--no-direct] [--seed S]\n"
    "       bench_latency explain --db URL [--only NAME,...] [--seed S]\n\n"
    "plan prints the accounts to create (LOGIN ROLE KIND:ID, one per line) for\n"
    "`hongwu user add LOGIN --role ROLE --scope KIND:ID` with the password\n" BENCH_PASSWORD
    ".\nrun times each query N times after N warm-up requests, over HTTP at BASE\n"
    "(e.g. http://127.0.0.1:8080) and in-process on the database, and prints one\n"
    "line per query and mode: result query=... mode=... median_ms=... p99_ms=...\n"
    "explain runs each query once in-process and prints the plans of its SQL\n"
    "(EXPLAIN QUERY PLAN on SQLite, auto_explain's EXPLAIN ANALYZE on PostgreSQL).\n";

struct args {
    const char *cmd, *db, *url, *only;
    int accounts, requests, warmup;
    int http, direct;
    uint64_t seed;
};

static int parse(int argc, char **argv, struct args *a)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"url", required_argument, NULL, 'u'},
        {"accounts", required_argument, NULL, 'a'},
        {"requests", required_argument, NULL, 'n'},
        {"warmup", required_argument, NULL, 'w'},
        {"only", required_argument, NULL, 'o'},
        {"no-http", no_argument, NULL, 'H'},
        {"no-direct", no_argument, NULL, 'D'},
        {"seed", required_argument, NULL, 's'},
        {"help", no_argument, NULL, 'h'},
        {0},
    };
    *a = (struct args){
        .accounts = 8, .requests = 2000, .warmup = 200, .http = 1, .direct = 1, .seed = 4242};
    if (argc < 2)
        return -1;
    a->cmd = argv[1];
    optind = 2;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': a->db = optarg; break;
        case 'u': a->url = optarg; break;
        case 'a': a->accounts = atoi(optarg); break;
        case 'n': a->requests = atoi(optarg); break;
        case 'w': a->warmup = atoi(optarg); break;
        case 'o': a->only = optarg; break;
        case 'H': a->http = 0; break;
        case 'D': a->direct = 0; break;
        case 's': a->seed = strtoull(optarg, NULL, 10); break;
        case 'h': fputs(usage, stdout); exit(0);
        default: return -1;
        }
    }
    if (optind != argc || !a->db || a->accounts < 1 || a->accounts > BENCH_ACCOUNTS_MAX ||
        a->requests < 1 || a->warmup < 0)
        return -1;
    if (strcmp(a->cmd, "plan") != 0 && strcmp(a->cmd, "run") != 0 && strcmp(a->cmd, "explain") != 0)
        return -1;
    if (strcmp(a->cmd, "run") == 0 && a->http && !a->url)
        return -1;
    return 0;
}

static int selected(const struct args *a, const char *name)
{
    if (!a->only)
        return 1;
    size_t n = strlen(name);
    for (const char *p = a->only; (p = strstr(p, name)); p += n)
        if ((p == a->only || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
            return 1;
    return 0;
}

struct outcome {
    struct samples s;
    size_t errors, items;
};

static void report(const struct query *q, const char *mode, struct outcome *o)
{
    struct summary m = samples_summary(&o->s);
    printf("result query=%s mode=%s n=%zu median_ms=%.3f p99_ms=%.3f mean_ms=%.3f max_ms=%.3f"
           " errors=%zu items=%.1f\n",
           q->name, mode, m.n, m.median, m.p99, m.mean, m.max, o->errors,
           m.n ? (double)o->items / (double)m.n : 0.0);
    fflush(stdout);
}

static size_t answer_items(struct http *h)
{
    size_t len;
    const char *body = http_body(h, &len);
    json_t *j = json_loadb(body, len, 0, NULL);
    json_t *items = json_object_get(j, "items");
    size_t n = items ? json_array_size(items) : j ? 1 : 0;
    json_decref(j);
    return n;
}

/* One request of q over HTTP; returns 0 when answered 200. */
static int time_http(struct http *h, const struct query *q, const struct target *t, double *ms,
                     size_t *items)
{
    char path[512];
    q->path(t, path, sizeof path);
    long status = http_get(h, path, t->acc->token, ms);
    if (status != 200) {
        size_t len;
        fprintf(stderr, "bench_latency: %s %s: HTTP %ld %.300s\n", q->name, path, status,
                http_body(h, &len));
        return -1;
    }
    *items = answer_items(h);
    return 0;
}

static int time_direct(struct db *db, const struct query *q, const struct target *t, double *ms,
                       size_t *items)
{
    double t0 = seconds_now();
    int rc = q->direct(db, t, items);
    *ms = (seconds_now() - t0) * 1000;
    if (rc != HW_OK)
        fprintf(stderr, "bench_latency: %s direct: %s\n", q->name, hw_strerror(rc));
    return rc == HW_OK ? 0 : -1;
}

static int run_query(const struct args *a, const struct query *q, struct bench_accounts *acc,
                     struct db *db, struct http *h, uint64_t seed)
{
    struct outcome o = {.errors = 0};
    /* Warm-up and measured requests draw from the same random stream. */
    struct rng r = {seed};
    for (int i = 0; i < a->warmup + a->requests; i++) {
        struct target t = {0};
        q->draw(&r, acc, &t);
        double ms;
        size_t items = 0;
        int rc = h ? time_http(h, q, &t, &ms, &items) : time_direct(db, q, &t, &ms, &items);
        if (i < a->warmup)
            continue;
        if (rc) {
            if (++o.errors >= 20)
                break;
            continue;
        }
        o.items += items;
        if (samples_add(&o.s, ms))
            return -1;
    }
    report(q, h ? "http" : "direct", &o);
    samples_free(&o.s);
    return 0;
}

static int login_all(struct http *h, struct bench_accounts *acc)
{
    struct bench_account *all[4 * BENCH_ACCOUNTS_MAX];
    size_t n = 0;
    for (size_t i = 0; i < acc->nstaff; i++)
        all[n++] = &acc->staff[i];
    for (size_t i = 0; i < acc->ngrid; i++)
        all[n++] = &acc->grid[i];
    for (size_t i = 0; i < acc->nleader; i++)
        all[n++] = &acc->leader[i];
    for (size_t i = 0; i < acc->nofficer; i++)
        all[n++] = &acc->officer[i];
    for (size_t i = 0; i < n; i++)
        if (http_login(h, all[i]->who->login, BENCH_PASSWORD, all[i]->token, sizeof all[i]->token))
            return -1;
    return 0;
}

static int run(const struct args *a, struct db *db)
{
    struct bench_accounts acc;
    int rc = accounts_load(db, &acc);
    if (rc != HW_OK) {
        fprintf(stderr, "bench_latency: loading the accounts: %s\n", hw_strerror(rc));
        return 1;
    }
    struct http *h = NULL;
    if (a->http && (!(h = http_open(a->url)) || login_all(h, &acc))) {
        http_close(h);
        accounts_free(&acc);
        return 1;
    }
    fprintf(stderr,
            "bench_latency: %zu staff, %zu grid worker, %zu building leader,"
            " %zu sub-district officer accounts\n",
            acc.nstaff, acc.ngrid, acc.nleader, acc.nofficer);
    for (size_t i = 0; rc == HW_OK && i < nqueries; i++) {
        if (!selected(a, queries[i].name))
            continue;
        /* The two modes draw different targets from the same pools, so
         * neither runs on pages the other just read. */
        if (a->direct && run_query(a, &queries[i], &acc, db, NULL, a->seed * 31 + i))
            rc = HW_ENOMEM;
        if (rc == HW_OK && h && run_query(a, &queries[i], &acc, db, h, a->seed * 37 + i))
            rc = HW_ENOMEM;
    }
    http_close(h);
    accounts_free(&acc);
    return rc == HW_OK ? 0 : 1;
}

static int explain(const struct args *a, struct db *db)
{
    struct bench_accounts acc;
    int rc = accounts_load(db, &acc);
    if (rc == HW_OK)
        rc = explain_session(db);
    for (size_t i = 0; rc == HW_OK && i < nqueries; i++) {
        const struct query *q = &queries[i];
        if (!selected(a, q->name))
            continue;
        struct rng r = {a->seed + i};
        struct target t = {0};
        q->draw(&r, &acc, &t);
        char path[512];
        q->path(&t, path, sizeof path);
        printf("\n== %s: %s as %s\n", q->name, path, t.acc->who->login);
        fflush(stdout);
        explain_reset();
        size_t items = 0;
        double ms;
        if (time_direct(db, q, &t, &ms, &items) == 0)
            rc = explain_print(db, a->db);
        printf("  (%zu rows, %.3f ms)\n", items, ms);
    }
    explain_reset();
    accounts_free(&acc);
    return rc == HW_OK ? 0 : 1;
}

int main(int argc, char **argv)
{
    struct args a;
    if (parse(argc, argv, &a)) {
        fputs(usage, stderr);
        return 2;
    }
    if (strcmp(a.cmd, "explain") == 0)
        explain_enable(stdout);
    struct db *db;
    int rc = db_open(a.db, &db);
    if (rc != HW_OK) {
        fprintf(stderr, "bench_latency: cannot open the database: %s\n", hw_strerror(rc));
        return 1;
    }
    int status;
    if (strcmp(a.cmd, "plan") == 0)
        status = accounts_plan(db, a.accounts, a.seed, stdout) == HW_OK ? 0 : 1;
    else if (strcmp(a.cmd, "explain") == 0)
        status = explain(&a, db);
    else
        status = run(&a, db);
    db_close(db);
    return status;
}
