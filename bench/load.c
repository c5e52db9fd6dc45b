/* bench_load: N concurrent keep-alive HTTP clients against a hongwu server,
 * each sending its next request as soon as the previous answer is in (a
 * closed loop), for a fixed time after a warm-up. Prints the throughput and
 * the latency distribution (median, p90, p99, max) of the measured window.
 *
 *   bench_load create --url BASE --login L --password P --dwellings ID,ID,...
 *                     [--clients N] [--sessions K] [--seconds S] [--warmup S]
 *       POST /api/v1/residents: a new person each time (a name, a valid and
 *       unused GB 11643 ID number, a phone), into the dwellings given in turn.
 *   bench_load get --url BASE --login L --password P --path PATH [...]
 *       GET PATH.
 *
 * One thread, epoll and plain sockets: the generator shares the machine with
 * the server, so it must cost as little as possible. Little's law holds for a
 * closed loop: clients = throughput x mean latency, so the mean latency at N
 * clients is N / throughput whatever the server does. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <jansson.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench_time.h"
#include "http_client.h"
#include "stats.h"

enum { CLIENTS_MAX = 1024, SESSIONS_MAX = 64, DWELLINGS_MAX = 4096, REQ_MAX = 4096 };

static const char usage[] =
    "usage: bench_load create --url BASE --login L --password P --dwellings ID[,ID...]\n"
    "                         [--clients N] [--sessions K] [--seconds S] [--warmup S]\n"
    "                         [--seed 0-9] [--slow-ms MS] [--server-pid PID]\n"
    "       bench_load get --url BASE --login L --password P --path PATH\n"
    "                      [--clients N] [--sessions K] [--seconds S] [--warmup S]\n"
    "Prints one line: result mode=... clients=N requests=... rate_per_s=...\n"
    "median_ms=... p90_ms=... p99_ms=... max_ms=... errors=... (status:count ...)\n"
    "--slow-ms MS prints each measured request slower than MS to stderr, with the\n"
    "time it started (seconds since the start). --server-pid PID: the server's CPU\n"
    "time (user + system, /proc/PID/stat) per request in the window, server_cpu_ms.\n";

struct args {
    const char *mode, *url, *login, *password, *path, *dwellings_text;
    int clients, sessions;
    double seconds, warmup, slow_ms;
    unsigned seed;
    int server_pid;
};

struct conn {
    int fd, session;
    char req[REQ_MAX];
    size_t req_len, sent;
    char *in;
    size_t in_len, in_cap;
    double started;
    bool busy;
    double sum_ms; /* measured requests of this client: their time, and count */
    long done;
};

static struct args A;
static char host[256];
static char host_header[300];
static struct sockaddr_in addr;
static char tokens[SESSIONS_MAX][128];
static int64_t dwellings[DWELLINGS_MAX];
static int ndwellings;
static uint64_t person_seq;
static long statuses[600];
static long failures;
static int first_items = -1;

/* CPU seconds (user + system) the process has used so far, -1 if unknown. */
static double process_cpu(int pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    FILE *f = pid > 0 ? fopen(path, "r") : NULL;
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    /* Fields 14 and 15 (utime, stime) follow the ")" closing the name. */
    char *p = strrchr(buf, ')');
    unsigned long long ut, st;
    if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &st) != 2)
        return -1;
    return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

static char *find_crlf2(char *p, size_t n)
{
    for (size_t i = 0; i + 4 <= n; i++)
        if (p[i] == '\r' && p[i + 1] == '\n' && p[i + 2] == '\r' && p[i + 3] == '\n')
            return p + i;
    return NULL;
}

static int parse_args(int argc, char **argv)
{
    static const struct option opts[] = {
        {"url", required_argument, NULL, 'u'},      {"login", required_argument, NULL, 'l'},
        {"password", required_argument, NULL, 'p'}, {"path", required_argument, NULL, 'P'},
        {"dwellings", required_argument, NULL, 'd'}, {"clients", required_argument, NULL, 'c'},
        {"sessions", required_argument, NULL, 's'}, {"seconds", required_argument, NULL, 't'},
        {"warmup", required_argument, NULL, 'w'},   {"seed", required_argument, NULL, 'S'},
        {"slow-ms", required_argument, NULL, 'L'}, {"server-pid", required_argument, NULL, 'p' + 256},
        {"help", no_argument, NULL, 'h'},           {0},
    };
    A = (struct args){.clients = 1, .sessions = 8, .seconds = 10, .warmup = 2, .seed = 1};
    if (argc < 2)
        return -1;
    A.mode = argv[1];
    optind = 2;
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'u': A.url = optarg; break;
        case 'l': A.login = optarg; break;
        case 'p': A.password = optarg; break;
        case 'P': A.path = optarg; break;
        case 'd': A.dwellings_text = optarg; break;
        case 'c': A.clients = atoi(optarg); break;
        case 's': A.sessions = atoi(optarg); break;
        case 't': A.seconds = atof(optarg); break;
        case 'w': A.warmup = atof(optarg); break;
        case 'S': A.seed = (unsigned)strtoul(optarg, NULL, 10); break;
        case 'L': A.slow_ms = atof(optarg); break;
        case 'p' + 256: A.server_pid = atoi(optarg); break;
        case 'h': fputs(usage, stdout); exit(0);
        default: return -1;
        }
    }
    bool create = strcmp(A.mode, "create") == 0, get = strcmp(A.mode, "get") == 0;
    if (optind != argc || (!create && !get) || !A.url || !A.login || !A.password ||
        (create && !A.dwellings_text) || (get && !A.path) || A.clients < 1 ||
        A.clients > CLIENTS_MAX || A.sessions < 1 || A.sessions > SESSIONS_MAX ||
        A.seconds <= 0 || A.warmup < 0)
        return -1;
    if (A.sessions > A.clients)
        A.sessions = A.clients;
    if (create) {
        char *copy = strdup(A.dwellings_text), *save = NULL;
        for (char *t = strtok_r(copy, ",", &save); t && ndwellings < DWELLINGS_MAX;
             t = strtok_r(NULL, ",", &save))
            dwellings[ndwellings++] = strtoll(t, NULL, 10);
        free(copy);
        if (!ndwellings)
            return -1;
    }
    return 0;
}

/* http://HOST:PORT, HOST an IPv4 address or a name. */
static int resolve(const char *url)
{
    const char *p = strncmp(url, "http://", 7) == 0 ? url + 7 : NULL;
    if (!p)
        return -1;
    const char *colon = strchr(p, ':');
    const char *end = p + strcspn(p, "/");
    if (!colon || colon > end || (size_t)(colon - p) >= sizeof host)
        return -1;
    memcpy(host, p, (size_t)(colon - p));
    host[colon - p] = '\0';
    int port = atoi(colon + 1);
    snprintf(host_header, sizeof host_header, "%s:%d", host, port);
    struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM}, *res;
    if (getaddrinfo(host, NULL, &hints, &res) != 0)
        return -1;
    addr = *(struct sockaddr_in *)res->ai_addr;
    addr.sin_port = htons((uint16_t)port);
    freeaddrinfo(res);
    return 0;
}

/* ---- the people created ---- */

/* A valid GB 11643 number, region 320902, the same for no two k below
 * 10,950,000: birth day 1940-01-01 + k / 500 days (60 years of days),
 * sequence k % 500 doubled (+1 for men), the check character computed. */
static void id_number_for(uint64_t k, bool male, char out[19], char birth[11])
{
    static const int weights[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    static const char check[11] = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
    /* days since 1970-01-01 -> civil date (Howard Hinnant's algorithm);
     * 1940-01-01 is day -10958. */
    long z = -10958 + (long)((k / 500) % (60 * 365)) + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    unsigned yy = (unsigned)y % 10000u, mm = (unsigned)m % 100u, dd = (unsigned)d % 100u;
    snprintf(birth, 11, "%04u-%02u-%02u", yy, mm, dd);
    int seq = (int)(k % 500) * 2 + (male ? 1 : 0);
    snprintf(out, 19, "320902%04u%02u%02u%03u", yy, mm, dd, (unsigned)seq % 1000u);
    int sum = 0;
    for (int i = 0; i < 17; i++)
        sum += (out[i] - '0') * weights[i];
    out[17] = check[sum % 11];
    out[18] = '\0';
}

static size_t create_body(char *out, size_t size)
{
    static const char *chars[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                  "秀", "英", "华", "明", "国", "建", "军", "平", "芳", "强"};
    /* --seed 0..9: ten runs on one database without a repeated ID number. */
    uint64_t k = person_seq++ + (uint64_t)(A.seed % 10) * 1000000u;
    char id[19], birth[11];
    bool male = k % 2;
    id_number_for(k, male, id, birth);
    int64_t dwelling = dwellings[k % (uint64_t)ndwellings];
    return (size_t)snprintf(out, size,
                            "{\"name\":\"%s%s%s\",\"id_number\":\"%s\",\"phone\":\"139%08llu\","
                            "\"dwelling_id\":%lld,\"relation\":\"family\"}",
                            chars[k % 10], chars[10 + (k / 10) % 10], chars[10 + (k / 100) % 10],
                            id, (unsigned long long)(k % 100000000ull), (long long)dwelling);
}

static void build_request(struct conn *c)
{
    const char *token = tokens[c->session];
    if (strcmp(A.mode, "create") == 0) {
        char body[512];
        size_t n = create_body(body, sizeof body);
        c->req_len = (size_t)snprintf(c->req, sizeof c->req,
                                      "POST /api/v1/residents HTTP/1.1\r\nHost: %s\r\n"
                                      "Authorization: Bearer %s\r\n"
                                      "Content-Type: application/json\r\n"
                                      "Content-Length: %zu\r\n\r\n%s",
                                      host_header, token, n, body);
    } else {
        c->req_len = (size_t)snprintf(c->req, sizeof c->req,
                                      "GET %s HTTP/1.1\r\nHost: %s\r\n"
                                      "Authorization: Bearer %s\r\n\r\n",
                                      A.path, host_header, token);
    }
    c->sent = 0;
}

/* ---- connections ---- */

static int conn_open(struct conn *c, int ep, int index)
{
    c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (c->fd < 0)
        return -1;
    int one = 1;
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(c->fd, (struct sockaddr *)&addr, sizeof addr) != 0 && errno != EINPROGRESS)
        return -1;
    struct epoll_event ev = {.events = EPOLLIN | EPOLLOUT, .data.u32 = (uint32_t)index};
    return epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev);
}

static void conn_close(struct conn *c, int ep)
{
    if (c->fd >= 0) {
        epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
        close(c->fd);
    }
    c->fd = -1;
}

static void want(struct conn *c, int ep, int index, bool out)
{
    struct epoll_event ev = {.events = EPOLLIN | (out ? EPOLLOUT : 0), .data.u32 = (uint32_t)index};
    epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
}

/* Bytes of a complete response at the start of c->in, 0 if incomplete, -1
 * if it cannot be read (no Content-Length). *status, *close_after set. */
static long response_complete(struct conn *c, int *status, bool *close_after)
{
    if (c->in_len < 12)
        return 0;
    char *end = find_crlf2(c->in, c->in_len);
    if (!end)
        return 0;
    size_t head = (size_t)(end - c->in) + 4;
    *status = atoi(c->in + 9);
    long length = -1;
    *close_after = false;
    for (char *line = strstr(c->in, "\r\n") + 2; line < end; line = strstr(line, "\r\n") + 2) {
        if (strncasecmp(line, "Content-Length:", 15) == 0)
            length = strtol(line + 15, NULL, 10);
        else if (strncasecmp(line, "Connection:", 11) == 0 && strstr(line, "close") &&
                 strstr(line, "close") < strstr(line, "\r\n"))
            *close_after = true;
    }
    if (length < 0)
        return -1;
    return c->in_len >= head + (size_t)length ? (long)(head + (size_t)length) : 0;
}

static void note_items(struct conn *c, size_t total)
{
    char *body = find_crlf2(c->in, total);
    if (!body)
        return;
    body += 4;
    json_t *v = json_loadb(body, total - (size_t)(body - c->in), 0, NULL);
    json_t *items = json_object_get(v, "items");
    first_items = json_is_array(items) ? (int)json_array_size(items) : 1;
    json_decref(v);
}

int main(int argc, char **argv)
{
    if (parse_args(argc, argv) != 0 || resolve(A.url) != 0) {
        fputs(usage, stderr);
        return 2;
    }
    /* Sessions first, with libcurl: signing in is not what is measured. */
    struct http *h = http_open(A.url);
    for (int i = 0; h && i < A.sessions; i++)
        if (http_login(h, A.login, A.password, tokens[i], sizeof tokens[i]) != 0)
            return 1;
    http_close(h);

    int ep = epoll_create1(0);
    struct conn *conns = calloc((size_t)A.clients, sizeof *conns);
    struct samples lat = {0};
    if (ep < 0 || !conns)
        return 1;
    double t_start = seconds_now();
    double t_measure = t_start + A.warmup, t_end = t_measure + A.seconds;
    long completed_in_window = 0;
    for (int i = 0; i < A.clients; i++) {
        conns[i].fd = -1;
        conns[i].session = i % A.sessions;
        if (conn_open(&conns[i], ep, i) != 0) {
            perror("bench_load: connect");
            return 1;
        }
        build_request(&conns[i]);
        conns[i].started = seconds_now();
        conns[i].busy = true;
    }
    int in_flight = A.clients;
    struct epoll_event events[256];
    double cpu_start = -1, cpu_end = -1;
    while (in_flight > 0) {
        double t = seconds_now();
        if (cpu_start < 0 && t >= t_measure)
            cpu_start = process_cpu(A.server_pid);
        if (cpu_end < 0 && t >= t_end)
            cpu_end = process_cpu(A.server_pid);
        int n = epoll_wait(ep, events, 256, 1000);
        if (n < 0 && errno != EINTR)
            return 1;
        for (int e = 0; e < n; e++) {
            int i = (int)events[e].data.u32;
            struct conn *c = &conns[i];
            if (c->fd < 0 || !c->busy)
                continue;
            if ((events[e].events & (EPOLLOUT | EPOLLERR)) && c->sent < c->req_len) {
                ssize_t w = send(c->fd, c->req + c->sent, c->req_len - c->sent, MSG_NOSIGNAL);
                if (w > 0)
                    c->sent += (size_t)w;
                else if (w < 0 && errno != EAGAIN && errno != EINTR && errno != ENOTCONN)
                    goto broken;
                if (c->sent == c->req_len)
                    want(c, ep, i, false);
            }
            if (!(events[e].events & (EPOLLIN | EPOLLHUP | EPOLLERR)))
                continue;
            for (;;) {
                if (c->in_cap - c->in_len < 65536) {
                    size_t cap = c->in_cap ? c->in_cap * 2 : 131072;
                    c->in = realloc(c->in, cap);
                    c->in_cap = cap;
                }
                ssize_t r = recv(c->fd, c->in + c->in_len, c->in_cap - c->in_len - 1, 0);
                if (r > 0) {
                    c->in_len += (size_t)r;
                    c->in[c->in_len] = '\0';
                    continue;
                }
                if (r == 0 || (errno != EAGAIN && errno != EINTR))
                    goto broken;
                break;
            }
            int status = 0;
            bool close_after = false;
            long total = response_complete(c, &status, &close_after);
            if (total == 0)
                continue;
            if (total < 0)
                goto broken;
            double now = seconds_now();
            if (first_items < 0 && (status == 200 || status == 201))
                note_items(c, (size_t)total);
            if (c->started >= t_measure && c->started < t_end) {
                samples_add(&lat, (now - c->started) * 1000);
                c->sum_ms += (now - c->started) * 1000;
                c->done++;
                if (A.slow_ms > 0 && (now - c->started) * 1000 >= A.slow_ms)
                    fprintf(stderr, "slow: started at %.3f s, %.1f ms, status %d\n",
                            c->started - t_start, (now - c->started) * 1000, status);
                statuses[status > 0 && status < 600 ? status : 0]++;
            }
            if (now >= t_measure && now < t_end)
                completed_in_window++;
            memmove(c->in, c->in + total, c->in_len - (size_t)total);
            c->in_len -= (size_t)total;
            if (close_after) {
                conn_close(c, ep);
                if (now < t_end && conn_open(c, ep, i) != 0)
                    goto broken;
            }
            if (now >= t_end) {
                c->busy = false;
                in_flight--;
                conn_close(c, ep);
                continue;
            }
            build_request(c);
            c->started = now;
            if (!close_after) {
                /* Most requests go out at once; the rest wait for EPOLLOUT. */
                ssize_t w = send(c->fd, c->req, c->req_len, MSG_NOSIGNAL);
                if (w < 0 && errno != EAGAIN && errno != EINTR)
                    goto broken;
                c->sent = w > 0 ? (size_t)w : 0;
                if (c->sent < c->req_len)
                    want(c, ep, i, true);
            }
            continue;
        broken:
            failures++;
            conn_close(c, ep);
            c->in_len = 0;
            if (seconds_now() < t_end && conn_open(c, ep, i) == 0) {
                build_request(c);
                c->started = seconds_now();
            } else {
                c->busy = false;
                in_flight--;
            }
        }
        if (seconds_now() > t_end + 60) {
            fprintf(stderr, "bench_load: %d requests still open a minute after the end\n",
                    in_flight);
            break;
        }
    }
    if (cpu_end < 0)
        cpu_end = process_cpu(A.server_pid);
    struct summary s = samples_summary(&lat);
    double p90 = 0;
    if (lat.n) {
        size_t k = (size_t)(0.9 * (double)lat.n + 0.999999);
        p90 = lat.ms[(k ? k : 1) - 1];
    }
    long expected = strcmp(A.mode, "create") == 0 ? 201 : 200, errors = failures;
    char codes[256] = "";
    size_t used = 0;
    for (int st = 0; st < 600; st++) {
        if (!statuses[st])
            continue;
        if (st != expected)
            errors += statuses[st];
        used += (size_t)snprintf(codes + used, sizeof codes - used, "%s%d:%ld", used ? "," : "",
                                 st, statuses[st]);
        if (used >= sizeof codes)
            break;
    }
    /* How evenly the server served its connections: the lowest and highest
     * of the clients' own mean times. */
    double lo = 0, hi = 0;
    for (int i = 0; i < A.clients; i++) {
        if (!conns[i].done)
            continue;
        double m = conns[i].sum_ms / (double)conns[i].done;
        lo = lo == 0 || m < lo ? m : lo;
        hi = m > hi ? m : hi;
    }
    /* The server's CPU time per request completed in the window. */
    double cpu_ms = cpu_start >= 0 && cpu_end >= 0 && completed_in_window
                        ? (cpu_end - cpu_start) * 1000 / (double)completed_in_window
                        : 0;
    printf("result mode=%s clients=%d seconds=%.1f requests=%zu rate_per_s=%.0f median_ms=%.2f"
           " p90_ms=%.2f p99_ms=%.2f max_ms=%.2f mean_ms=%.2f client_mean_ms=%.2f-%.2f"
           " server_cpu_ms=%.3f errors=%ld statuses=%s items=%d\n",
           A.mode, A.clients, A.seconds, s.n, (double)completed_in_window / A.seconds, s.median,
           p90, s.p99, s.max, s.mean, lo, hi, cpu_ms, errors, codes, first_items);
    samples_free(&lat);
    for (int i = 0; i < A.clients; i++)
        free(conns[i].in);
    free(conns);
    close(ep);
    return 0;
}
