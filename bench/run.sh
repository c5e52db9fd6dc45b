#!/usr/bin/env bash
# The registry benchmarks of docs/benchmarks.md.
#
#   bench/run.sh all                 machine, import, then latency for each
#                                    backend in BENCH_BACKENDS x size in BENCH_SIZES
#   bench/run.sh machine             what the machine is
#   bench/run.sh import              import throughput beside the SQL reference load
#                                    (bench/import_reference.sql) and sqlite3's .import
#   bench/run.sh import pg           the same import on a throwaway PostgreSQL cluster
#   bench/run.sh import-wait         writes and sign-ins beside a 300,000-row import,
#                                    and 4 concurrent 60 MiB uploads' memory
#   bench/run.sh import-wait pg      the writes and sign-ins on a throwaway PostgreSQL
#                                    (BENCH_WAIT_ARGS=--id-numbers: the writers'
#                                    people have ID numbers)
#   bench/run.sh latency sqlite N    latency on a SQLite city of N dwellings
#   bench/run.sh latency pg N        the same on a throwaway PostgreSQL cluster
#   bench/run.sh table FILE...       median / p99 per query from result files
#   bench/run.sh writes sqlite|pg    creating residents with concurrent clients
#   bench/run.sh pages sqlite|pg     a page of 50 residents, logged against masked
#   bench/run.sh sync                creating residents with --sync full, then normal
#
# writes and pages measure the build in BENCH_BUILD and, when BENCH_BASELINE
# names another build directory, that build too, one run of each in turn
# (BENCH_REPEAT rounds), so both see the same machine; then medians.
#
# BENCH_KEEP=1 keeps a SQLite city after the run; BENCH_REUSE=1 measures a
# kept one again instead of loading it anew. latency with BENCH_BASELINE
# measures the baseline build's server on the same city too, before this
# build's, in BENCH_ROUNDS rounds (default 1): latency-*-baseline[-N].txt
# beside latency-*[-N].txt. The baseline's bench_latency is taken from
# BENCH_BASELINE_LATENCY (default BENCH_BASELINE/bench/bench_latency): the
# benchmark programs of this tree built against the baseline's library time
# the same queries both ways.
# Programs come from BENCH_BUILD (default build-bench: `make bench` builds it),
# data and results go under BENCH_DATA (default var/bench, not in git). Every
# result file is plain key=value / "result ..." lines; docs/benchmarks.md
# quotes them.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${BENCH_BUILD:-$ROOT/build-bench}" && pwd)
HONGWU=$BUILD/hongwu
GEN=$BUILD/bench/gen_city
LAT=$BUILD/bench/bench_latency
LOAD=$BUILD/bench/bench_load
BASELINE=${BENCH_BASELINE:+$(cd "$BENCH_BASELINE" && pwd)}
DATA=${BENCH_DATA:-$ROOT/var/bench}
mkdir -p "$DATA"
DATA=$(cd "$DATA" && pwd)
OUT=${BENCH_OUT:-$DATA/results}
mkdir -p "$OUT"
SIZES=${BENCH_SIZES:-1000000}
BACKENDS=${BENCH_BACKENDS:-sqlite}
REQUESTS=${BENCH_REQUESTS:-2000}
WARMUP=${BENCH_WARMUP:-200}
ACCOUNTS=${BENCH_ACCOUNTS:-8}
RPD=${BENCH_RESIDENTS_PER_DWELLING:-1.0}
IMPORT_DWELLINGS=${BENCH_IMPORT_DWELLINGS:-250000}
REPEAT=${BENCH_REPEAT:-5}
PORT=${BENCH_PORT:-18080}
# PostgreSQL for tens of millions of rows on a 2-core, 24 GiB machine: a
# sixth of RAM as shared buffers, room for sorts and index builds, fewer
# checkpoints during the bulk load, and no WAL for index builds (minimal WAL:
# a throwaway cluster has no replicas). Planner costs stay at their defaults.
PG_SETTINGS=${BENCH_PG_SETTINGS:-shared_buffers=4GB work_mem=32MB maintenance_work_mem=2GB
effective_cache_size=16GB max_wal_size=4GB checkpoint_timeout=30min wal_level=minimal
max_wal_senders=0 max_connections=50}

log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2];
                             else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

machine() {
    {
        echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
        echo "nproc=$(nproc)"
        echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
        echo "mem_total=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
        echo "disk_free=$(df -h --output=avail "$DATA" | tail -1 | tr -d ' ')"
        echo "disk_device=$(df --output=source "$DATA" | tail -1)"
        echo "os=$(. /etc/os-release && echo "$PRETTY_NAME") kernel $(uname -r)"
        echo "sqlite3=$(sqlite3 --version | cut -d' ' -f1)"
        echo "postgresql=$(ls /usr/lib/postgresql | sort -n | tail -1)"
        echo "hongwu=$("$HONGWU" --version), built $(stat -c %y "$HONGWU" | cut -d. -f1)" \
            "from a working tree at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)"
        echo "cflags=$(grep -m1 CMAKE_BUILD_TYPE: "$BUILD/CMakeCache.txt" | cut -d= -f2)"
    } | tee "$OUT/machine.txt"
}

# ---- import throughput ----------------------------------------------------

# import_run LABEL BIN CSV COMMUNITY DB: one timed `hongwu import residents`;
# prints the seconds.
import_run() {
    local t0 t1
    t0=$(now)
    "$2" import residents "$3" --community "$4" --db "$5" >"$DATA/import/$1.log" 2>&1 ||
        { cat "$DATA/import/$1.log" >&2; return 1; }
    t1=$(now)
    elapsed "$t0" "$t1"
}

# Import throughput on SQLite: each round, one after the other on fresh
# copies of the same database, `hongwu import residents` (BENCH_BUILD, and
# BENCH_BASELINE's when given), the SQL reference load of the same rows into
# hongwu's tables with the sqlite3 command line (bench/import_reference.sql),
# and sqlite3's .import into one plain table; each checks its row count.
import_bench() {
    local d=$DATA/import f=$OUT/import.txt
    if ! "$HONGWU" import --help >/dev/null 2>&1; then
        echo "import=not measured: this hongwu has no import command" | tee "$f"
        return 0
    fi
    rm -rf "$d"
    mkdir -p "$d"
    "$HONGWU" migrate --db "$d/template.db" 2>/dev/null
    [ -z "$BASELINE" ] || "$BASELINE/hongwu" migrate --db "$d/template.db" >/dev/null 2>&1
    log "import: generating $IMPORT_DWELLINGS dwellings in one community"
    {
        machine 2>/dev/null
        echo "# gen_city --dwellings $IMPORT_DWELLINGS --one-community" \
            "--residents-per-dwelling $RPD --sqlite template.db --skeleton-only --csv residents.csv"
        "$GEN" --dwellings "$IMPORT_DWELLINGS" --one-community --residents-per-dwelling "$RPD" \
            --sqlite "$d/template.db" --skeleton-only --csv "$d/residents.csv"
    } >"$f"
    local rows community
    rows=$(($(wc -l <"$d/residents.csv") - 1))
    community=$(sqlite3 "$d/template.db" "SELECT id FROM places WHERE kind = 'community'")
    echo "csv_rows=$rows" >>"$f"
    echo "csv_bytes=$(stat -c %s "$d/residents.csv")" >>"$f"
    local check="SELECT count(*) FROM residents"
    for i in $(seq "$REPEAT"); do
        log "import: run $i of $REPEAT"
        local line="run=$i loadavg=$(cut -d' ' -f1 /proc/loadavg)" label bin t got
        for label in hongwu reference baseline plain; do
            rm -f "$d/run.db" "$d/run.db-wal" "$d/run.db-shm"
            cp "$d/template.db" "$d/run.db"
            case $label in
            hongwu) t=$(import_run hongwu "$HONGWU" "$d/residents.csv" "$community" "$d/run.db") ;;
            baseline)
                [ -n "$BASELINE" ] || continue
                t=$(import_run baseline "$BASELINE/hongwu" "$d/residents.csv" "$community" \
                    "$d/run.db")
                ;;
            reference)
                local t0 t1
                t0=$(now)
                (cd "$d" && sqlite3 run.db <"$ROOT/bench/import_reference.sql" >/dev/null)
                t1=$(now)
                t=$(elapsed "$t0" "$t1")
                ;;
            plain)
                rm -f "$d/run.db"
                local t0 t1
                t0=$(now)
                sqlite3 "$d/run.db" ".import --csv $d/residents.csv t"
                t1=$(now)
                t=$(elapsed "$t0" "$t1")
                check="SELECT count(*) FROM t"
                ;;
            esac
            got=$(sqlite3 "$d/run.db" "$check")
            check="SELECT count(*) FROM residents"
            if [ "$got" != "$rows" ]; then
                echo "import: $label: expected $rows rows, found $got" >&2
                return 1
            fi
            line="$line ${label}_seconds=$t"
        done
        echo "$line" >>"$f"
    done
    local label
    declare -A med
    for label in hongwu reference baseline plain; do
        grep -q "${label}_seconds=" "$f" || continue
        med[$label]=$(grep '^run=' "$f" | sed "s/.*${label}_seconds=\([^ ]*\).*/\1/" | median)
        awk -v l="$label" -v m="${med[$label]}" -v rows="$rows" \
            'BEGIN { printf "median_%s_seconds=%s %s_rows_per_s=%.0f\n", l, m, l, rows / m }' >>"$f"
    done
    # The ratios asked for: how fast hongwu is beside the reference load.
    for label in hongwu baseline; do
        [ -n "${med[$label]:-}" ] || continue
        awk -v r="${med[reference]}" -v h="${med[$label]}" -v p="${med[plain]}" -v l="$label" \
            'BEGIN { printf "ratio_reference_over_%s=%.3f ratio_plain_over_%s=%.3f\n", l, r / h, l, p / h }' >>"$f"
    done
    cat "$f"
    rm -rf "$d"
}

# Import throughput on PostgreSQL (inside pg_virtualenv): the same file into
# a fresh copy of a template database each round, hongwu then, when given,
# the baseline; beside SQLite's figure from the same build in the same run.
import_pg_inside() {
    local d=$DATA/import-pg f=$OUT/import-pg.txt
    rm -rf "$d"
    mkdir -p "$d" "$DATA/import"
    local base="postgresql://${PGUSER}:${PGPASSWORD}@${PGHOST}:${PGPORT}"
    dropdb --if-exists bench_import_template && createdb bench_import_template
    "$HONGWU" migrate --db "$base/bench_import_template" >/dev/null 2>&1
    [ -z "$BASELINE" ] || "$BASELINE/hongwu" migrate --db "$base/bench_import_template" >/dev/null 2>&1
    "$HONGWU" migrate --db "$d/template.db" >/dev/null 2>&1
    {
        machine 2>/dev/null
        echo "postgresql=$(psql -tAc 'SHOW server_version')"
        "$GEN" --dwellings "$IMPORT_DWELLINGS" --one-community --residents-per-dwelling "$RPD" \
            --pg "$base/bench_import_template" --skeleton-only --csv "$d/residents.csv"
        "$GEN" --dwellings "$IMPORT_DWELLINGS" --one-community --residents-per-dwelling "$RPD" \
            --sqlite "$d/template.db" --skeleton-only --csv "$d/residents-sqlite.csv"
    } >"$f"
    cmp -s "$d/residents.csv" "$d/residents-sqlite.csv" || { echo "import-pg: files differ" >&2; return 1; }
    local rows community
    rows=$(($(wc -l <"$d/residents.csv") - 1))
    community=$(psql -tAc "SELECT id FROM places WHERE kind = 'community'" bench_import_template)
    echo "csv_rows=$rows" >>"$f"
    for i in $(seq "$REPEAT"); do
        log "import-pg: run $i of $REPEAT"
        local line="run=$i loadavg=$(cut -d' ' -f1 /proc/loadavg)" label bin t got
        for label in hongwu baseline sqlite; do
            case $label in
            baseline) [ -n "$BASELINE" ] || continue; bin=$BASELINE/hongwu ;;
            *) bin=$HONGWU ;;
            esac
            if [ "$label" = sqlite ]; then
                rm -f "$d/run.db" "$d/run.db-wal" "$d/run.db-shm"
                cp "$d/template.db" "$d/run.db"
                t=$(import_run "$label" "$bin" "$d/residents.csv" \
                    "$(sqlite3 "$d/run.db" "SELECT id FROM places WHERE kind = 'community'")" \
                    "$d/run.db")
                got=$(sqlite3 "$d/run.db" "SELECT count(*) FROM residents")
            else
                dropdb --if-exists bench_import && createdb -T bench_import_template bench_import
                t=$(import_run "$label" "$bin" "$d/residents.csv" "$community" "$base/bench_import")
                got=$(psql -tAc "SELECT count(*) FROM residents" bench_import)
            fi
            [ "$got" = "$rows" ] || { echo "import-pg: $label: $got of $rows rows" >&2; return 1; }
            line="$line ${label}_seconds=$t"
        done
        echo "$line" >>"$f"
    done
    local label m
    for label in hongwu baseline sqlite; do
        grep -q "${label}_seconds=" "$f" || continue
        m=$(grep '^run=' "$f" | sed "s/.*${label}_seconds=\([^ ]*\).*/\1/" | median)
        awk -v l="$label" -v m="$m" -v rows="$rows" \
            'BEGIN { printf "median_%s_seconds=%s %s_rows_per_s=%.0f\n", l, m, l, rows / m }' >>"$f"
    done
    cat "$f"
    rm -rf "$d"
}

# Writes beside a large import, and concurrent uploads' memory, for
# BENCH_BUILD and BENCH_BASELINE in turn (bench/import_wait.py).
import_wait_bench() {
    local f=$OUT/import-wait${1:+-$1}.txt
    : >"$f"
    machine >>"$f" 2>/dev/null
    for r in $(seq "$REPEAT"); do
        builds | while read -r label bin; do
            log "import-wait${1:+ $1}: round $r, $label"
            python3 "$ROOT/bench/import_wait.py" --bin "$bin" --gen "$GEN" ${1:+--pg} \
                --dir "$DATA/import-wait" --dwellings "${BENCH_WAIT_DWELLINGS:-300000}" \
                ${BENCH_WAIT_ARGS:-} |
                sed "s/^result /result build=$label round=$r /" | tee -a "$f"
        done
    done
    rm -rf "$DATA/import-wait"
}

# ---- latency ----------------------------------------------------------------

SERVER_PID=
stop_server() {
    if [ -n "$SERVER_PID" ]; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=
    fi
}
trap stop_server EXIT

make_accounts() {
    local url=$1 hongwu=${2:-$HONGWU} lat=${3:-$LAT} login role scope
    "$lat" plan --db "$url" --accounts "$ACCOUNTS" | while read -r login role scope; do
        # An account left by an earlier run on the same database is kept.
        echo "bench-password-2025" |
            "$hongwu" user add "$login" --role "$role" --scope "$scope" --db "$url" >/dev/null 2>&1 ||
            true
    done
}

# Accounts, a server, the timed queries and their plans, on a loaded database:
# measure URL FILE [HONGWU BENCH_LATENCY] (this build's by default).
measure() {
    local url=$1 f=$2 hongwu=${3:-$HONGWU} lat=${4:-$LAT}
    make_accounts "$url" "$hongwu" "$lat"
    "$hongwu" serve --db "$url" --listen 127.0.0.1 --port "$PORT" --web "$DATA/no-web" \
        >"${f%.txt}-server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 100); do
        curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break
        sleep 0.2
    done
    log "latency: measuring ($REQUESTS requests per query and mode)"
    echo "loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$f"
    "$lat" run --db "$url" --url "http://127.0.0.1:$PORT" --requests "$REQUESTS" \
        --warmup "$WARMUP" | tee -a "$f"
    echo "loadavg_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$f"
    stop_server
    "$lat" explain --db "$url" >"${f%.txt}-plans.txt" 2>&1 || true
}

# The baseline (BENCH_BASELINE), then this build, BENCH_ROUNDS times, on the
# same loaded database; without a baseline, this build once into FILE.
measure_all() {
    local url=$1 f=$2 rounds=${BENCH_ROUNDS:-1} r suffix
    if [ -z "$BASELINE" ]; then
        measure "$url" "$f"
        return
    fi
    local base_lat=${BENCH_BASELINE_LATENCY:-$BASELINE/bench/bench_latency}
    for r in $(seq "$rounds"); do
        suffix=$([ "$rounds" -gt 1 ] && echo "-$r" || true)
        echo "# baseline $BASELINE/hongwu, round $r" >"${f%.txt}-baseline$suffix.txt"
        measure "$url" "${f%.txt}-baseline$suffix.txt" "$BASELINE/hongwu" "$base_lat"
        [ -z "$suffix" ] || cp "$f" "${f%.txt}$suffix.txt"
        measure "$url" "${f%.txt}$suffix.txt"
    done
}

latency_sqlite() {
    local n=$1 db=$DATA/sqlite-$1.db f=$OUT/latency-sqlite-$1.txt
    if [ -n "${BENCH_REUSE:-}" ] && [ -f "$db" ]; then
        # A database kept by an earlier run (BENCH_KEEP=1): measure again only.
        f=$OUT/latency-sqlite-$n-again.txt
        echo "# measured again on $db" >"$f"
        # New accounts for this run's plan (sessions first: they reference users).
        sqlite3 "$db" "DELETE FROM sessions WHERE user_id IN
            (SELECT id FROM users WHERE login LIKE 'bench-%');
            DELETE FROM users WHERE login LIKE 'bench-%'"
        measure_all "$db" "$f"
        return
    fi
    rm -f "$db" "$db-wal" "$db-shm"
    "$HONGWU" migrate --db "$db" 2>/dev/null
    log "latency: loading $n dwellings into SQLite"
    {
        echo "# gen_city --dwellings $n --residents-per-dwelling $RPD --sqlite $db"
        "$GEN" --dwellings "$n" --residents-per-dwelling "$RPD" --sqlite "$db"
        echo "db_bytes=$(stat -c %s "$db")"
        echo "disk_free_after_load=$(df -h --output=avail "$DATA" | tail -1 | tr -d ' ')"
    } >"$f"
    cat "$f"
    measure_all "$db" "$f"
    [ -n "${BENCH_KEEP:-}" ] || rm -f "$db" "$db-wal" "$db-shm"
}

# Runs inside pg_virtualenv (latency_pg).
latency_pg_inside() {
    local n=$1 f=$OUT/latency-pg-$1.txt
    local url="postgresql://${PGUSER}:${PGPASSWORD}@${PGHOST}:${PGPORT}/${PGDATABASE}"
    "$HONGWU" migrate --db "$url" 2>/dev/null
    log "latency: loading $n dwellings into PostgreSQL"
    {
        echo "# gen_city --dwellings $n --residents-per-dwelling $RPD --pg URL"
        echo "postgresql=$(psql -tAc 'SHOW server_version')"
        echo "pg_settings=$(psql -tAc "SELECT string_agg(name || '=' || current_setting(name), ' ')
            FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size',
            'random_page_cost', 'max_wal_size', 'maintenance_work_mem', 'wal_level')")"
        "$GEN" --dwellings "$n" --residents-per-dwelling "$RPD" --pg "$url"
        echo "db_bytes=$(psql -tAc 'SELECT pg_database_size(current_database())')"
        echo "disk_free_after_load=$(df -h --output=avail "$DATA" | tail -1 | tr -d ' ')"
    } >"$f"
    cat "$f"
    measure_all "$url" "$f"
    # BENCH_PG_AFTER: a program run with the URL before the cluster is dropped
    # (to try a query or an index on the loaded city).
    if [ -n "${BENCH_PG_AFTER:-}" ]; then
        "$BENCH_PG_AFTER" "$url" >"${f%.txt}-after.txt" 2>&1 || true
    fi
}

latency_pg() {
    local opts=() s
    for s in $PG_SETTINGS; do opts+=(-o "$s"); done
    mkdir -p "$DATA/pg"
    # -t: the cluster lives in a temporary directory under TMPDIR, dropped at the end.
    TMPDIR=$DATA/pg BENCH_OUT=$OUT pg_virtualenv -t "${opts[@]}" "$0" latency-pg-inside "$1"
}

# A markdown table of median / p99 ms per query from result files, one
# column pair (in-process, HTTP) per file: bench/run.sh table FILE...
table() {
    awk '
    FNR == 1 { nf++; name[nf] = FILENAME; sub(/.*latency-/, "", name[nf]); sub(/\.txt$/, "", name[nf]) }
    /^result / {
        for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        q = v["query"]
        if (!(q in seen)) { seen[q] = 1; order[++nq] = q }
        cell[q, nf, v["mode"]] = sprintf("%.2f / %.2f", v["median_ms"], v["p99_ms"])
        if (v["errors"] > 0) cell[q, nf, v["mode"]] = cell[q, nf, v["mode"]] " (" v["errors"] " errors)"
    }
    END {
        printf "| query |"; for (f = 1; f <= nf; f++) printf " %s in-process | %s HTTP |", name[f], name[f]; print ""
        printf "|---|"; for (f = 1; f <= nf; f++) printf "---:|---:|"; print ""
        for (k = 1; k <= nq; k++) {
            q = order[k]; printf "| %s |", q
            for (f = 1; f <= nf; f++) printf " %s | %s |", cell[q, f, "direct"], cell[q, f, "http"]
            print ""
        }
    }' "$@"
}

# ---- concurrent load: writes and logged pages ------------------------------

# Both builds, labelled: "after" (BENCH_BUILD) and, if given, "baseline".
builds() {
    [ -n "$BASELINE" ] && echo "baseline $BASELINE/hongwu"
    echo "after $HONGWU"
}

# serve BIN URL LOG [ARG...]: a server on PORT with its default worker threads.
serve() {
    local bin=$1 url=$2 out=$3
    shift 3
    "$bin" serve --db "$url" --listen 127.0.0.1 --port "$PORT" --web "$DATA/no-web" "$@" >"$out" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 100); do
        curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return 0
        sleep 0.1
    done
    echo "server did not start: $3" >&2
    return 1
}

# Medians over the rounds of result lines "result build=B ... key=value ...":
# one line per group of the fields named in $1 (e.g. "build clients").
medians() {
    local keys=$1 f=$2
    awk -v keys="$keys" '
    /^result / {
        delete v
        for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        n = split(keys, k, " "); g = ""
        for (i = 1; i <= n; i++) g = g (i > 1 ? " " : "") k[i] "=" v[k[i]]
        if (!(g in seen)) { seen[g] = 1; order[++ng] = g }
        c = ++cnt[g]
        rate[g, c] = v["rate_per_s"]; p50[g, c] = v["median_ms"]; p99[g, c] = v["p99_ms"]
        cpu[g, c] = v["server_cpu_ms"] + 0
        err[g] += v["errors"]
    }
    function med(a, g, n,    i, j, t, x) {
        for (i = 1; i <= n; i++) x[i] = a[g, i]
        for (i = 2; i <= n; i++) for (j = i; j > 1 && x[j - 1] + 0 > x[j] + 0; j--) {
            t = x[j]; x[j] = x[j - 1]; x[j - 1] = t }
        return n % 2 ? x[(n + 1) / 2] : (x[n / 2] + x[n / 2 + 1]) / 2
    }
    END {
        for (i = 1; i <= ng; i++) {
            g = order[i]
            printf "median %s rounds=%d rate_per_s=%.0f median_ms=%.2f p99_ms=%.2f server_cpu_ms=%.3f errors=%d\n",
                g, cnt[g], med(rate, g, cnt[g]), med(p50, g, cnt[g]), med(p99, g, cnt[g]),
                med(cpu, g, cnt[g]), err[g]
        }
    }' "$f"
}

# A fresh database with the demo for one build: URL on stdout, the demo's
# passwords in $2. $1: the hongwu binary; $3: sqlite FILE or pg NAME.
writes_db() {
    local bin=$1 pw=$2 where=$3
    if [ -n "${PGHOST:-}" ]; then
        dropdb --if-exists "$where" && createdb "$where"
        local url="postgresql://${PGUSER}:${PGPASSWORD}@${PGHOST}:${PGPORT}/$where"
        "$bin" migrate --db "$url" >/dev/null 2>&1
        "$bin" demo --db "$url" >"$pw"
        echo "$url"
    else
        rm -f "$where" "$where-wal" "$where-shm"
        "$bin" migrate --db "$where" >/dev/null 2>&1
        "$bin" demo --db "$where" >"$pw"
        echo "$where"
    fi
}

sql_value() { # URL SQL: one value, from sqlite3 or psql
    if db_is_pg "$1"; then psql "$1" -tAc "$2"; else sqlite3 "$1" "$2"; fi
}
db_is_pg() { case "$1" in postgres*) return 0 ;; *) return 1 ;; esac; }

# POST /api/v1/residents as demo-community-staff: a fresh demo database per
# run, BENCH_CLIENTS concurrent keep-alive clients (8 sessions), spread over
# every dwelling of the community.
writes_bench() {
    local backend=$1 f=$OUT/writes-$1.txt d=$DATA/writes
    mkdir -p "$d"
    local clients=${BENCH_CLIENTS:-1 16 64} seconds=${BENCH_SECONDS:-10} warm=${BENCH_WARMUP_S:-2}
    : >"$f"
    machine >>"$f" 2>/dev/null
    echo "# writes $backend: clients $clients, $seconds s after $warm s, $REPEAT rounds" | tee -a "$f"
    for r in $(seq "$REPEAT"); do
        for c in $clients; do
            builds | while read -r label bin; do
                local where=$d/run.db
                [ -n "${PGHOST:-}" ] && where=bench_writes
                local url
                url=$(writes_db "$bin" "$d/pw.txt" "$where")
                local pw dwellings
                pw=$(awk '$1 == "demo-community-staff" { print $2 }' "$d/pw.txt")
                local agg="group_concat(p.id)"
                db_is_pg "$url" && agg="string_agg(CAST(p.id AS TEXT), ',')"
                dwellings=$(sql_value "$url" "SELECT $agg FROM places p
                    JOIN users u ON p.community_id = u.scope_id
                    WHERE u.login = 'demo-community-staff' AND p.kind = 'dwelling'")
                serve "$bin" "$url" "$d/server-$label.log"
                log "writes $backend: round $r, $c clients, $label"
                local load
                load=$(awk '{ print $1 }' /proc/loadavg)
                "$LOAD" create --url "http://127.0.0.1:$PORT" --login demo-community-staff \
                    --password "$pw" --dwellings "$dwellings" --clients "$c" \
                    --seconds "$seconds" --warmup "$warm" --server-pid "$SERVER_PID" |
                    sed "s/^result /result build=$label round=$r loadavg=$load /" | tee -a "$f"
                stop_server
            done
        done
    done
    medians "build clients" "$f" | tee -a "$f"
}

# A page of 50 residents of one grid (GET /api/v1/residents?grid_id=G&limit=50),
# the same query for three accounts: an inspector of the sub-district sees the
# 50 residents masked (nothing logged): page=masked; a sub-district officer
# of the same sub-district sees their ID and phone numbers, each of the 50
# reads logged in sensitive_reads: page=logged, the fair pair (same scope
# kind, so the same SQL and rows; only masking and the log differ); and a
# grid worker of that grid, also logged: page=grid (the grid's own scope
# test). A synthetic city of BENCH_PAGE_DWELLINGS (100,000) dwellings; a
# fresh copy of it for each server.
pages_bench() {
    local backend=$1 f=$OUT/pages-$1.txt d=$DATA/pages n=${BENCH_PAGE_DWELLINGS:-100000}
    mkdir -p "$d"
    local clients=${BENCH_CLIENTS:-1 4} seconds=${BENCH_SECONDS:-10} warm=${BENCH_WARMUP_S:-2}
    : >"$f"
    machine >>"$f" 2>/dev/null
    local tmpl url
    if [ -n "${PGHOST:-}" ]; then
        tmpl=bench_pages_template
        dropdb --if-exists "$tmpl" && createdb "$tmpl"
        url="postgresql://${PGUSER}:${PGPASSWORD}@${PGHOST}:${PGPORT}/$tmpl"
        "$HONGWU" migrate --db "$url" >/dev/null 2>&1
        "$GEN" --dwellings "$n" --pg "$url" >>"$f"
    else
        tmpl=$d/template.db
        rm -f "$tmpl" "$tmpl-wal" "$tmpl-shm"
        "$HONGWU" migrate --db "$tmpl" >/dev/null 2>&1
        "$GEN" --dwellings "$n" --sqlite "$tmpl" >>"$f"
        url=$tmpl
    fi
    [ -z "$BASELINE" ] || "$BASELINE/hongwu" migrate --db "$url" >/dev/null 2>&1
    # The grid in the middle of the city, and its sub-district.
    local grid district
    grid=$(sql_value "$url" "SELECT id FROM places WHERE kind = 'grid' ORDER BY id
        LIMIT 1 OFFSET (SELECT count(*) / 2 FROM places WHERE kind = 'grid')")
    district=$(sql_value "$url" "SELECT district_id FROM places WHERE id = $grid")
    echo "bench-password-2025" | "$HONGWU" user add bench-page-grid --role grid_worker \
        --scope "grid:$grid" --db "$url" >/dev/null
    echo "bench-password-2025" | "$HONGWU" user add bench-page-inspector --role inspector \
        --scope "subdistrict:$district" --db "$url" >/dev/null
    echo "bench-password-2025" | "$HONGWU" user add bench-page-officer \
        --role subdistrict_officer --scope "subdistrict:$district" --db "$url" >/dev/null
    if [ -n "${PGHOST:-}" ]; then psql -qc "VACUUM ANALYZE" "$url"; fi
    local path="/api/v1/residents?grid_id=$grid&limit=50"
    echo "# pages $backend: $path; clients $clients, $seconds s after $warm s, $REPEAT rounds" |
        tee -a "$f"
    for r in $(seq "$REPEAT"); do
        for c in $clients; do
            builds | while read -r label bin; do
                local run=$d/run.db
                if [ -n "${PGHOST:-}" ]; then
                    dropdb --if-exists bench_pages && createdb -T "$tmpl" bench_pages
                    run="postgresql://${PGUSER}:${PGPASSWORD}@${PGHOST}:${PGPORT}/bench_pages"
                else
                    rm -f "$run-wal" "$run-shm"
                    cp "$tmpl" "$run"
                fi
                serve "$bin" "$run" "$d/server-$label.log"
                # Each page goes first in turn.
                local order="masked logged grid"
                [ $((r % 3)) -eq 2 ] && order="logged grid masked"
                [ $((r % 3)) -eq 0 ] && order="grid masked logged"
                for who in $order; do
                    local login=bench-page-grid
                    [ "$who" = masked ] && login=bench-page-inspector
                    [ "$who" = logged ] && login=bench-page-officer
                    log "pages $backend: round $r, $c clients, $label, $who"
                    local load
                    load=$(awk '{ print $1 }' /proc/loadavg)
                    "$LOAD" get --url "http://127.0.0.1:$PORT" --login "$login" \
                        --password bench-password-2025 --path "$path" --clients "$c" \
                        --sessions 1 --seconds "$seconds" --warmup "$warm" \
                        --server-pid "$SERVER_PID" |
                        sed "s/^result /result build=$label page=$who round=$r loadavg=$load /" |
                        tee -a "$f"
                done
                echo "sensitive_reads_rows=$(sql_value "$run" "SELECT count(*) FROM sensitive_reads")" \
                    "build=$label round=$r clients=$c" >>"$f"
                stop_server
            done
        done
    done
    medians "build page clients" "$f" | tee -a "$f"
    # The ratio asked for: a logged page's rate over the masked page's.
    grep '^median ' "$f" | awk '
        { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
          r[v["build"], v["clients"], v["page"]] = v["rate_per_s"]; b[v["build"], v["clients"]] = 1 }
        END { for (k in b) { split(k, x, SUBSEP)
              printf "ratio build=%s clients=%s logged_over_masked=%.3f grid_over_masked=%.3f\n",
                     x[1], x[2], r[x[1], x[2], "logged"] / r[x[1], x[2], "masked"],
                     r[x[1], x[2], "grid"] / r[x[1], x[2], "masked"] } }' | sort | tee -a "$f"
}

# Creating residents as `writes` does, with SQLite's commits synced to disk
# (--sync full) and at checkpoints only (--sync normal), in turn.
sync_bench() {
    local f=$OUT/sync-sqlite.txt d=$DATA/sync
    mkdir -p "$d"
    local clients=${BENCH_CLIENTS:-1 16 64} seconds=${BENCH_SECONDS:-10} warm=${BENCH_WARMUP_S:-2}
    : >"$f"
    machine >>"$f" 2>/dev/null
    echo "# sync: clients $clients, $seconds s after $warm s, $REPEAT rounds" | tee -a "$f"
    for r in $(seq "$REPEAT"); do
        for c in $clients; do
            for mode in full normal; do
                local url pw dwellings load
                url=$(writes_db "$HONGWU" "$d/pw.txt" "$d/run.db")
                pw=$(awk '$1 == "demo-community-staff" { print $2 }' "$d/pw.txt")
                dwellings=$(sqlite3 "$url" "SELECT group_concat(p.id) FROM places p
                    JOIN users u ON p.community_id = u.scope_id
                    WHERE u.login = 'demo-community-staff' AND p.kind = 'dwelling'")
                serve "$HONGWU" "$url" "$d/server-$mode.log" --sync "$mode"
                log "sync: round $r, $c clients, --sync $mode"
                load=$(awk '{ print $1 }' /proc/loadavg)
                "$LOAD" create --url "http://127.0.0.1:$PORT" --login demo-community-staff \
                    --password "$pw" --dwellings "$dwellings" --clients "$c" \
                    --seconds "$seconds" --warmup "$warm" --server-pid "$SERVER_PID" |
                    sed "s/^result /result build=$mode round=$r loadavg=$load /" | tee -a "$f"
                stop_server
            done
        done
    done
    medians "build clients" "$f" | tee -a "$f"
}

# Inside a throwaway PostgreSQL cluster (pg_virtualenv): writes or pages.
load_pg() {
    mkdir -p "$DATA/pg"
    TMPDIR=$DATA/pg BENCH_OUT=$OUT pg_virtualenv -t -o max_connections=50 "$0" "$1-pg-inside"
}

case "${1:-all}" in
machine) machine ;;
import)
    case "${2:-sqlite}" in
    sqlite) import_bench ;;
    pg)
        mkdir -p "$DATA/pg"
        TMPDIR=$DATA/pg BENCH_OUT=$OUT pg_virtualenv -t "$0" import-pg-inside
        ;;
    *) echo "usage: $0 import [sqlite|pg]" >&2; exit 2 ;;
    esac
    ;;
import-pg-inside) import_pg_inside ;;
import-wait)
    case "${2:-}" in
    "") import_wait_bench ;;
    pg) TMPDIR=$DATA/pg pg_virtualenv -t "$0" import-wait-pg-inside ;;
    *) echo "usage: $0 import-wait [pg]" >&2; exit 2 ;;
    esac
    ;;
import-wait-pg-inside) import_wait_bench pg ;;
sync) sync_bench ;;
latency)
    case "${2:-}" in
    sqlite) latency_sqlite "${3:?size}" ;;
    pg) latency_pg "${3:?size}" ;;
    *) echo "usage: $0 latency sqlite|pg DWELLINGS" >&2; exit 2 ;;
    esac
    ;;
latency-pg-inside) latency_pg_inside "${2:?size}" ;;
table) shift; table "$@" ;;
writes | pages)
    case "${2:-}" in
    sqlite) "${1}_bench" sqlite ;;
    pg) load_pg "$1" ;;
    *) echo "usage: $0 $1 sqlite|pg" >&2; exit 2 ;;
    esac
    ;;
writes-pg-inside) writes_bench pg ;;
pages-pg-inside) pages_bench pg ;;
all)
    machine
    import_bench
    for b in $BACKENDS; do
        for n in $SIZES; do
            if [ "$b" = pg ]; then latency_pg "$n"; else latency_sqlite "$n"; fi
        done
    done
    ;;
*) sed -n '2,30p' "$0" >&2; exit 2 ;;
esac
