#!/usr/bin/env bash
# Work orders under concurrent load, beside nginx serving a static file of
# the same size (docs/benchmarks.md, "Work orders under concurrent load").
#
#   bench/workorders.sh all              sqlite, then pg (the default)
#   bench/workorders.sh sqlite           the runs on a SQLite database
#   bench/workorders.sh pg               the same in a throwaway PostgreSQL cluster
#   bench/workorders.sh profile sqlite|pg CLIENTS [create|queue]
#                                        perf record -g of the server during one
#                                        create (or queue) run at CLIENTS clients
#   bench/workorders.sh medians FILE     medians and ratios of a result file
#   bench/workorders.sh table FILE...    the medians and ratios as one markdown table
#
# What each round measures, at each client count of BENCH_CLIENTS, with wrk
# (keep-alive connections, as many as clients, on 127.0.0.1):
#   create: POST /api/v1/work-orders as demo-resident for their own dwelling,
#           each request a distinct order (bench/wo_create.lua), on a fresh
#           copy of a demo database and a fresh server per client count;
#   queue:  GET /api/v1/work-orders?sort=due&status=open&limit=50 as
#           demo-community-staff (a dispatcher) after the round filled the
#           queue with BENCH_QUEUE_ORDERS open orders (bench/wo_seed.lua);
#   nginx:  the same client count against nginx serving, as a static file,
#           the bytes of a create answer (beside create) and of the queue's
#           page (beside queue); the servers take turns going first.
# With BENCH_BASELINE (the build directory of another hongwu, the baseline)
# every run is made against it too, in turn with the others: "baseline"
# beside "hongwu" in the results, each with its ratio to nginx.
# Every run records requests/s, p50 and p99 latency, errors (wrk counts any
# answer of 400 or more as one; create runs also compare the orders in the
# database with the answers), the server's peak RSS (VmHWM, summed over
# nginx's master and workers) and CPU time. Then medians over the rounds and
# the ratios to nginx.
#
# Settings (environment): BENCH_BUILD (build directory, default
# build-wobench), BENCH_BASELINE (none), BENCH_OUT (results, default var/bench/workorders),
# BENCH_CLIENTS ("1 8 32 64"), BENCH_ROUNDS (3), BENCH_SECONDS (10, after
# BENCH_WARMUP_S of 2 not counted), BENCH_QUEUE_ORDERS (3000), BENCH_PORT
# (18480; nginx on the next port).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
BUILD=$(cd "${BENCH_BUILD:-$ROOT/build-wobench}" && pwd)
HONGWU=$BUILD/hongwu
BASELINE=""
[ -z "${BENCH_BASELINE:-}" ] || BASELINE=$(cd "$BENCH_BASELINE" && pwd)/hongwu
OUT=${BENCH_OUT:-$ROOT/var/bench/workorders}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
CLIENTS=${BENCH_CLIENTS:-1 8 32 64}
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_SECONDS:-10}
WARMUP=${BENCH_WARMUP_S:-2}
QUEUE_ORDERS=${BENCH_QUEUE_ORDERS:-3000}
PORT=${BENCH_PORT:-18480}
NGINX_PORT=$((PORT + 1))
BASELINE_PORT=$((PORT + 2))
QUEUE_PATH="/api/v1/work-orders?sort=due&status=open&limit=50"
# The first deadline of an order filed now falls due soon after 4 minutes
# (on site within 5, marked due soon 1 minute before): the queue's runs of a
# round must end before then, or the scheduler's jobs run during them.
QUEUE_WINDOW_S=240

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

# wrk and nginx come from Debian; they are only needed here.
if ! command -v wrk >/dev/null || ! command -v nginx >/dev/null; then
    log "bench/workorders.sh needs wrk and nginx; installing the Debian packages wrk and nginx-light"
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo=sudo
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wrk nginx-light
fi

machine() {
    echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "nproc=$(nproc)"
    echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "mem_total=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
    echo "os=$(. /etc/os-release && echo "$PRETTY_NAME") kernel $(uname -r)"
    echo "wrk=$(wrk -v 2>&1 | head -1 | cut -d' ' -f2)"
    echo "nginx=$(nginx -v 2>&1 | cut -d/ -f2)"
    echo "hongwu=$("$HONGWU" --version), built $(stat -c %y "$HONGWU" | cut -d. -f1)," \
        "$(grep -m1 CMAKE_BUILD_TYPE: "$BUILD/CMakeCache.txt" | cut -d= -f2), $BUILD"
    [ -z "$BASELINE" ] || echo "baseline=$("$BASELINE" --version), built" \
        "$(stat -c %y "$BASELINE" | cut -d. -f1)," \
        "$(grep -m1 CMAKE_BUILD_TYPE: "${BASELINE%/hongwu}/CMakeCache.txt" | cut -d= -f2)," \
        "${BASELINE%/hongwu}"
    local tree=clean
    [ -z "$(git -C "$ROOT" status --porcelain)" ] || tree=dirty
    echo "commit=$(git -C "$ROOT" rev-parse --short HEAD) work_tree=$tree"
    echo "loadavg=$(cut -d' ' -f1-3 /proc/loadavg)"
}

# ---- databases --------------------------------------------------------------

is_pg() { [ -n "${PGHOST:-}" ]; }
pg_url() { echo "postgresql://${PGUSER}:${PGPASSWORD}@${PGHOST}:${PGPORT}/$1"; }

sql() { # SQL: one answer, from the run's database
    if is_pg; then psql "$RUN_DB" -tAc "$1"; else sqlite3 "$RUN_DB" "$1"; fi
}

# The demo, once per backend: every run starts from a copy of it.
make_template() {
    if is_pg; then
        dropdb --if-exists wo_template && createdb wo_template
        TEMPLATE=$(pg_url wo_template)
    else
        TEMPLATE=$OUT/template.db
        rm -f "$TEMPLATE" "$TEMPLATE-wal" "$TEMPLATE-shm"
    fi
    "$HONGWU" migrate --db "$TEMPLATE" >/dev/null 2>&1
    "$HONGWU" demo --db "$TEMPLATE" >"$OUT/demo-passwords.txt"
}

# A fresh copy of the demo in RUN_DB.
fresh_db() {
    if is_pg; then
        dropdb --if-exists wo_run && createdb -T wo_template wo_run
        RUN_DB=$(pg_url wo_run)
    else
        RUN_DB=$OUT/run.db
        rm -rf "$RUN_DB" "$RUN_DB-wal" "$RUN_DB-shm" "$OUT"/files-*
        cp "$TEMPLATE" "$RUN_DB"
    fi
}

password() { awk -v l="$1" '$1 == l { print $2 }' "$OUT/demo-passwords.txt"; }

# ---- servers ----------------------------------------------------------------

# The program and port of a server: hongwu (BUILD) or baseline (BENCH_BASELINE).
server_bin() { if [ "$1" = baseline ]; then echo "$BASELINE"; else echo "$HONGWU"; fi; }
server_port() { if [ "$1" = baseline ]; then echo "$BASELINE_PORT"; else echo "$PORT"; fi; }

# ROUND: the servers in the order they go that round (each goes first in turn).
turns() {
    local all=(hongwu nginx)
    [ -z "$BASELINE" ] || all=(hongwu baseline nginx)
    local n=${#all[@]} i out=()
    for ((i = 0; i < n; i++)); do out+=("${all[$(((i + $1) % n))]}"); done
    echo "${out[@]}"
}

# hongwu (or SERVER: baseline) on RUN_DB with its default worker threads:
# HONGWU_PID (BASELINE_PID).
start_hongwu() {
    local server=${1:-hongwu} port pid
    port=$(server_port "$server")
    "$(server_bin "$server")" serve --db "$RUN_DB" --listen 127.0.0.1 --port "$port" \
        --web "$OUT/no-web" --files "$OUT/files-$server" >>"$OUT/$server-$BACKEND.log" 2>&1 &
    pid=$!
    if [ "$server" = baseline ]; then BASELINE_PID=$pid; else HONGWU_PID=$pid; fi
    for _ in $(seq 100); do
        if curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; then
            sleep 1 # the demo's overdue deadlines are acted on at start
            return 0
        fi
        sleep 0.1
    done
    log "hongwu did not start: $OUT/hongwu-$BACKEND.log"
    return 1
}

stop_hongwu() {
    if [ "${1:-hongwu}" = baseline ]; then
        kill "$BASELINE_PID" 2>/dev/null || true
        wait "$BASELINE_PID" 2>/dev/null || true
        BASELINE_PID=
        return
    fi
    kill "$HONGWU_PID" 2>/dev/null || true
    wait "$HONGWU_PID" 2>/dev/null || true
    HONGWU_PID=
}

# nginx on 127.0.0.1, one worker per core, no access log, serving FILE as
# /answer.json: NGINX_PID (the master).
start_nginx() {
    local dir=$OUT/nginx
    rm -rf "$dir" && mkdir -p "$dir/www"
    chmod 755 "$dir" "$dir/www"
    cp "$1" "$dir/www/answer.json" && chmod 644 "$dir/www/answer.json"
    cat >"$dir/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    keepalive_requests 1000000;
    default_type application/json;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $dir/www;
    }
}
EOF
    nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
    NGINX_PID=$!
    for _ in $(seq 100); do
        curl -sf "http://127.0.0.1:$NGINX_PORT/answer.json" >/dev/null && return 0
        sleep 0.1
    done
    log "nginx did not start: $dir/error.log"
    return 1
}

stop_nginx() {
    kill -QUIT "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=
}

# A process and its children (nginx's workers): their pids.
family() { echo "$1"; pgrep -P "$1" || true; }

# Peak resident memory in kB, summed over the family.
peak_rss_kb() {
    local sum=0 p kb
    for p in $(family "$1"); do
        kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
        sum=$((sum + ${kb:-0}))
    done
    echo "$sum"
}

# CPU time used so far in ms (user + system, all threads), summed over the family.
cpu_ms() {
    local sum=0 p ticks
    local hz
    hz=$(getconf CLK_TCK)
    for p in $(family "$1"); do
        ticks=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)
        sum=$((sum + ${ticks:-0}))
    done
    echo $((sum * 1000 / hz))
}

login() { # LOGIN [PORT]: a bearer token
    curl -sf -X POST "http://127.0.0.1:${2:-$PORT}/api/v1/auth/login" \
        -H 'Content-Type: application/json' \
        -d "{\"login\":\"$1\",\"password\":\"$(password "$1")\"}" | jq -r .token
}

# ---- measuring ---------------------------------------------------------------

# wrk at CLIENTS connections (two threads, one for a single client) for
# WARMUP seconds not counted, then DURATION seconds measured, against a
# server (PID) at URL with a wrk script and its arguments. Prints one line
# of figures: wrk's, then the server's CPU time and peak RSS. The scripts
# see BENCH_PHASE (warmup or measured), so no two requests repeat.
measure() {
    local pid=$1 url=$2 clients=$3 script=$4
    shift 4
    local threads=2
    [ "$clients" -ge 2 ] || threads=1
    local common=(-t "$threads" -c "$clients" --timeout 10s -s "$BENCH/$script" "$url")
    BENCH_PHASE=warmup wrk -d "${WARMUP}s" "${common[@]}" -- "$@" >/dev/null
    wait_drained "$url"
    local cpu0 line
    cpu0=$(cpu_ms "$pid")
    line=$(BENCH_PHASE=measured wrk -d "${DURATION}s" "${common[@]}" -- "$@" | grep '^wrk ')
    echo "${line#wrk } server_cpu_ms=$(($(cpu_ms "$pid") - cpu0)) rss_peak_kb=$(peak_rss_kb "$pid")"
}

# Waits (at most 60 s) until no connection to URL's port is open. Requests
# of the warm-up still running when wrk stopped would otherwise hold their
# connections, and the server's limit of connections per address, into the
# measured run.
wait_drained() {
    local port=${1#http://127.0.0.1:}
    port=${port%%/*}
    for _ in $(seq 600); do
        [ "$(ss -Htn state connected "( sport = :$port )" | wc -l)" -eq 0 ] && return 0
        sleep 0.1
    done
    log "connections to port $port still open after 60 s"
}

record() { # KEY=VALUE... then a measure line: one result line in the file
    local line
    line="result backend=$BACKEND $* loadavg=$(cut -d' ' -f1 /proc/loadavg)"
    echo "$line" | tee -a "$RESULTS"
}

# The resident's dwelling and the sub-district's categories that take orders
# (enabled, without sub-categories).
categories() {
    sql "SELECT c.id FROM wo_categories c JOIN users u ON u.district_id = c.district_id
         WHERE u.login = 'demo-resident' AND c.enabled
           AND NOT EXISTS (SELECT 1 FROM wo_categories s WHERE s.parent_id = c.id)
         ORDER BY c.id" | tr '\n' ' '
}

order_count() { sql "SELECT count(*) FROM work_orders"; }
# Orders filed by a measured run (not its warm-up): bench/wo_create.lua
# writes the phase into each description.
measured_count() { sql "SELECT count(*) FROM work_orders WHERE description LIKE '%-measured-%'"; }

# One create run of SERVER (hongwu or baseline) at CLIENTS, on a fresh
# database and server.
create_hongwu() {
    local round=$1 clients=$2 server=$3 port pid
    port=$(server_port "$server")
    fresh_db
    start_hongwu "$server"
    pid=$HONGWU_PID
    [ "$server" != baseline ] || pid=$BASELINE_PID
    local token place cats created line
    token=$(login demo-resident "$port")
    place=$(curl -sf "http://127.0.0.1:$port/api/v1/auth/me" -H "Authorization: Bearer $token" |
        jq -r .user.scope.id)
    cats=$(categories)
    log "$BACKEND create: round $round, $clients clients, $server"
    # shellcheck disable=SC2086 # one argument per category
    line=$(measure "$pid" "http://127.0.0.1:$port" "$clients" wo_create.lua \
        "$token" "$place" "r$round-c$clients" $cats)
    sleep 1 # answers still in flight when wrk stopped
    created=$(measured_count)
    stop_hongwu "$server"
    record "test=create server=$server round=$round clients=$clients $line orders_created=$created"
}

# A create answer's bytes, for nginx to serve beside create.
sample_create_answer() {
    fresh_db
    start_hongwu
    local token place cat
    token=$(login demo-resident)
    place=$(curl -sf "http://127.0.0.1:$PORT/api/v1/auth/me" -H "Authorization: Bearer $token" |
        jq -r .user.scope.id)
    cat=$(categories | cut -d' ' -f1)
    curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/work-orders" -o "$OUT/create-answer.json" \
        -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"channel\":\"resident_page\",\"reporter_kind\":\"resident\",\"place_id\":$place,\"category_id\":$cat,\"description\":\"厨房水管漏水，楼下天花板在滴水（r1-c8-measured-1-100）\"}"
    stop_hongwu
    echo "create_answer_bytes=$(stat -c %s "$OUT/create-answer.json")" | tee -a "$RESULTS"
}

nginx_run() { # ROUND CLIENTS TEST FILE
    start_nginx "$4"
    log "$BACKEND $3: round $1, $2 clients, nginx"
    local line
    line=$(measure "$NGINX_PID" "http://127.0.0.1:$NGINX_PORT/answer.json" "$2" wo_get.lua \
        "not-a-session")
    stop_nginx
    record "test=$3 server=nginx round=$1 clients=$2 $line bytes=$(stat -c %s "$4")"
}

# Fills the queue with QUEUE_ORDERS orders filed by phone by the community's
# staff for its residents, each at the resident's dwelling. wrk's threads
# stop at their share, but wrk itself only at the end of its duration: it
# is ended once the orders are in.
seed_queue() {
    local token=$1 people cats target
    target=$(($(order_count) + QUEUE_ORDERS))
    people=$(sql "SELECT o.resident_id || ':' || o.dwelling_id FROM occupancies o
                  JOIN places p ON p.id = o.dwelling_id
                  JOIN users u ON u.scope_id = p.community_id
                  WHERE u.login = 'demo-community-staff' AND o.moved_out IS NULL
                  ORDER BY o.id" | paste -sd,)
    cats=$(categories | tr ' ' ',')
    wrk -t 2 -c 4 -d 600s --timeout 10s -s "$BENCH/wo_seed.lua" "http://127.0.0.1:$PORT" -- \
        "$token" $((QUEUE_ORDERS / 2)) "$people" "${cats%,}" >>"$OUT/seed-$BACKEND.log" 2>&1 &
    local wrk_pid=$!
    while [ "$(order_count)" -lt "$target" ] && kill -0 "$wrk_pid" 2>/dev/null; do
        sleep 0.5
    done
    kill "$wrk_pid" 2>/dev/null || true
    wait "$wrk_pid" 2>/dev/null || true
}

# One round of the queue: a fresh database filled, then each client count
# against hongwu and nginx in turn.
queue_round() {
    local round=$1
    fresh_db
    start_hongwu
    local token t0 open status
    token=$(login demo-community-staff)
    t0=$(date +%s)
    log "$BACKEND queue: round $round, filing $QUEUE_ORDERS orders"
    seed_queue "$token"
    open=$(sql "SELECT count(*) FROM work_orders WHERE status <> 'closed'")
    status=$(curl -s -o "$OUT/queue-answer.json" -w '%{http_code}' \
        "http://127.0.0.1:$PORT$QUEUE_PATH" -H "Authorization: Bearer $token")
    echo "queue round=$round seed_s=$(($(date +%s) - t0)) open_orders=$open" \
        "status=$status items=$(jq '.items | length' "$OUT/queue-answer.json")" \
        "bytes=$(stat -c %s "$OUT/queue-answer.json")" | tee -a "$RESULTS"
    # The baseline serves the same database beside hongwu, idle but for its turns.
    [ -z "$BASELINE" ] || start_hongwu baseline
    local c line server pid
    for c in $CLIENTS; do
        for server in $(turns "$round"); do
            if [ "$server" = nginx ]; then
                nginx_run "$round" "$c" queue "$OUT/queue-answer.json"
                continue
            fi
            pid=$HONGWU_PID
            [ "$server" != baseline ] || pid=$BASELINE_PID
            log "$BACKEND queue: round $round, $c clients, $server"
            line=$(measure "$pid" "http://127.0.0.1:$(server_port "$server")$QUEUE_PATH" "$c" \
                wo_get.lua "$token")
            record "test=queue server=$server round=$round clients=$c $line" \
                "open_orders=$open since_seed_s=$(($(date +%s) - t0))"
        done
    done
    if [ $(($(date +%s) - t0)) -ge "$QUEUE_WINDOW_S" ]; then
        echo "warning round=$round: the queue's runs ended $(($(date +%s) - t0)) s after" \
            "filing began; deadlines may have fallen during them" | tee -a "$RESULTS"
    fi
    echo "sensitive_reads_rows=$(sql "SELECT count(*) FROM sensitive_reads") round=$round" \
        >>"$RESULTS"
    stop_hongwu
    [ -z "$BASELINE" ] || stop_hongwu baseline
}

run_backend() {
    BACKEND=$1
    RESULTS=$OUT/results-$BACKEND.txt
    : >"$RESULTS"
    mkdir -p "$OUT/no-web"
    machine >>"$RESULTS"
    is_pg && echo "postgresql=$(psql -tAc 'SHOW server_version')" >>"$RESULTS"
    echo "# clients $CLIENTS; $ROUNDS rounds; ${DURATION}s after ${WARMUP}s;" \
        "queue of $QUEUE_ORDERS orders" | tee -a "$RESULTS"
    make_template
    sample_create_answer
    local r c s
    for r in $(seq "$ROUNDS"); do
        for c in $CLIENTS; do
            for s in $(turns "$r"); do
                if [ "$s" = nginx ]; then
                    nginx_run "$r" "$c" create "$OUT/create-answer.json"
                else
                    create_hongwu "$r" "$c" "$s"
                fi
            done
        done
        queue_round "$r"
    done
    echo "loadavg_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS"
    medians "$RESULTS" | tee -a "$RESULTS"
}

# Medians over the rounds per backend, test, server and client count, then
# hongwu's requests/s over nginx's at each, against the bar.
medians() {
    awk '
    /^result / {
        delete v
        for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        g = "backend=" v["backend"] " test=" v["test"] " server=" v["server"] " clients=" v["clients"]
        if (!(g in seen)) { seen[g] = 1; order[++ng] = g }
        n = ++cnt[g]
        rate[g, n] = v["rate_per_s"]; p50[g, n] = v["p50_ms"]; p99[g, n] = v["p99_ms"]
        rss[g, n] = v["rss_peak_kb"]; cpu[g, n] = v["server_cpu_ms"] / v["requests"]
        err[g] += v["errors"]
        # Orders in the database beyond the successful answers: those still in
        # flight when wrk stopped (0 .. clients); below 0, an answer without an order.
        if (v["test"] == "create" && v["server"] != "nginx")
            extra[g] += v["orders_created"] - (v["requests"] - v["status_errors"])
        key[g] = v["backend"] SUBSEP v["test"] SUBSEP v["clients"]; srv[g] = v["server"]
    }
    function med(a, g, n,    i, j, t, x) {
        for (i = 1; i <= n; i++) x[i] = a[g, i]
        for (i = 2; i <= n; i++) for (j = i; j > 1 && x[j - 1] + 0 > x[j] + 0; j--) {
            t = x[j]; x[j] = x[j - 1]; x[j - 1] = t }
        return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
    }
    END {
        for (i = 1; i <= ng; i++) {
            g = order[i]; n = cnt[g]
            m = med(rate, g, n); r[key[g], srv[g]] = m; q[key[g], srv[g]] = med(p99, g, n)
            e[key[g], srv[g]] = err[g]
            printf "median %s rounds=%d rate_per_s=%.0f p50_ms=%.2f p99_ms=%.2f errors=%d" \
                " rss_peak_mb=%.1f cpu_ms_per_request=%.3f%s\n", g, n, m, med(p50, g, n),
                med(p99, g, n), err[g], med(rss, g, n) / 1024, med(cpu, g, n),
                (g in extra) ? " orders_beyond_answers=" extra[g] : ""
        }
        for (i = 1; i <= ng; i++) {
            g = order[i]
            split(key[g], x, SUBSEP)
            if (srv[g] == "nginx" || !((x[1], x[2], x[3], "nginx") in r)) continue
            ratio = r[x[1], x[2], x[3], srv[g]] / r[x[1], x[2], x[3], "nginx"]
            if (x[2] == "create")
                met = ratio >= 0.25 && q[x[1], x[2], x[3], srv[g]] < 10 && e[x[1], x[2], x[3], srv[g]] == 0
            else
                met = ratio >= 0.5
            printf "ratio backend=%s test=%s clients=%s server=%s over_nginx=%.3f bar=%s met=%s\n",
                x[1], x[2], x[3], srv[g], ratio,
                x[2] == "create" ? "0.25,p99<10ms,0_errors" : "0.5", met ? "yes" : "no"
        }
    }' "$1"
}

# One markdown table of the median and ratio lines of result files: a row
# per backend, test, client count and server, each hongwu's with its ratio
# to nginx's requests/s at the same count.
table() {
    awk '
    /^(median|ratio) / {
        delete v
        for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        k = v["backend"] SUBSEP v["test"] SUBSEP v["clients"] SUBSEP v["server"]
        if ($1 == "ratio") { ratio[k] = v["over_nginx"]; met[k] = v["met"]; next }
        if (!(k in seen)) { seen[k] = 1; order[++n] = k }
        cell[k] = sprintf("%s | %s | %s | %s | %s | %s", v["rate_per_s"], v["p50_ms"],
                          v["p99_ms"], v["errors"], v["rss_peak_mb"], v["cpu_ms_per_request"])
    }
    END {
        print "| backend | test | clients | server | req/s | p50 ms | p99 ms | errors |" \
              " peak RSS MB | CPU ms/req | ratio to nginx | bar met |"
        print "|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|"
        for (i = 1; i <= n; i++) {
            k = order[i]; split(k, x, SUBSEP)
            printf "| %s | %s | %s | %s | %s | %s | %s |\n", x[1] == "pg" ? "PostgreSQL" : "SQLite",
                x[2], x[3], x[4], cell[k], (k in ratio) ? ratio[k] : "", (k in met) ? met[k] : ""
        }
    }' "$@"
}

# perf record -g of the server during one create run at CLIENTS clients.
profile() {
    BACKEND=$1
    local clients=$2 test=${3:-create}
    RESULTS=$OUT/profile-$BACKEND-$test.txt
    : >"$RESULTS"
    mkdir -p "$OUT/no-web"
    make_template
    fresh_db
    start_hongwu
    local token place cats path=$QUEUE_PATH args
    if [ "$test" = queue ]; then
        token=$(login demo-community-staff)
        seed_queue "$token"
        args=(wo_get.lua "$token")
    else
        token=$(login demo-resident)
        place=$(curl -sf "http://127.0.0.1:$PORT/api/v1/auth/me" -H "Authorization: Bearer $token" |
            jq -r .user.scope.id)
        cats=$(categories)
        path=""
        # shellcheck disable=SC2206 # one argument per category
        args=(wo_create.lua "$token" "$place" "profile" $cats)
    fi
    local data=$OUT/perf-$BACKEND-$test
    perf record -g -o "$data.data" -p "$HONGWU_PID" -- sleep $((DURATION + WARMUP)) \
        2>>"$data.log" &
    local perf_pid=$!
    measure "$HONGWU_PID" "http://127.0.0.1:$PORT$path" "$clients" "${args[@]}" | tee -a "$RESULTS"
    wait "$perf_pid" || true
    stop_hongwu
    perf report -i "$data.data" --no-children --sort dso,symbol --stdio \
        2>/dev/null | head -150 >"$data-self.txt"
    perf report -i "$data.data" --no-children --sort dso --stdio \
        2>/dev/null | head -40 >"$data-dso.txt"
    perf report -i "$data.data" --children --sort symbol --stdio -g none \
        2>/dev/null | head -150 >"$data-children.txt"
    log "profile: $data-self.txt, -dso.txt and -children.txt"
}

# Servers left running when the script stops early.
cleanup() {
    [ -z "${HONGWU_PID:-}" ] || stop_hongwu
    [ -z "${BASELINE_PID:-}" ] || stop_hongwu baseline
    [ -z "${NGINX_PID:-}" ] || stop_nginx
}
trap cleanup EXIT

# PostgreSQL: a throwaway cluster (pg_virtualenv -t, dropped at the end) with
# its default settings; this script runs again inside it.
in_pg() {
    BENCH_OUT=$OUT pg_virtualenv -t "$0" "$@"
}

case "${1:-all}" in
sqlite) run_backend sqlite ;;
pg) in_pg pg-inside ;;
pg-inside) run_backend pg ;;
all)
    run_backend sqlite
    in_pg pg-inside
    ;;
profile)
    case "${2:-}" in
    sqlite) profile sqlite "${3:?clients}" "${4:-create}" ;;
    pg) in_pg profile-pg-inside "${3:?clients}" "${4:-create}" ;;
    *) echo "usage: $0 profile sqlite|pg CLIENTS [create|queue]" >&2; exit 2 ;;
    esac
    ;;
profile-pg-inside) profile pg "${2:?clients}" "${3:-create}" ;;
medians) medians "${2:?result file}" ;;
table) shift; table "$@" ;;
*) sed -n '2,35p' "$0" >&2; exit 2 ;;
esac
