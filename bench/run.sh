#!/usr/bin/env bash
# The registry benchmarks of docs/benchmarks.md.
#
#   bench/run.sh all                 machine, import, then latency for each
#                                    backend in BENCH_BACKENDS x size in BENCH_SIZES
#   bench/run.sh machine             what the machine is
#   bench/run.sh import              import throughput beside sqlite3's .import
#   bench/run.sh latency sqlite N    latency on a SQLite city of N dwellings
#   bench/run.sh latency pg N        the same on a throwaway PostgreSQL cluster
#   bench/run.sh table FILE...       median / p99 per query from result files
#
# BENCH_KEEP=1 keeps a SQLite city after the run; BENCH_REUSE=1 measures a
# kept one again instead of loading it anew.
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

import_bench() {
    local d=$DATA/import f=$OUT/import.txt
    if ! "$HONGWU" import --help >/dev/null 2>&1; then
        echo "import=not measured: this hongwu has no import command" | tee "$f"
        return 0
    fi
    rm -rf "$d"
    mkdir -p "$d"
    "$HONGWU" migrate --db "$d/template.db" 2>/dev/null
    log "import: generating $IMPORT_DWELLINGS dwellings in one community"
    {
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
    for i in $(seq "$REPEAT"); do
        cp "$d/template.db" "$d/run.db"
        rm -f "$d/run.db-wal" "$d/run.db-shm" "$d/plain.db"
        log "import: run $i of $REPEAT"
        local t0 t1 t2 t3
        t0=$(now)
        "$HONGWU" import residents "$d/residents.csv" --community "$community" --db "$d/run.db" \
            >"$d/import-$i.log" 2>&1 || { cat "$d/import-$i.log" >&2; return 1; }
        t1=$(now)
        t2=$(now)
        sqlite3 "$d/plain.db" ".import --csv $d/residents.csv t"
        t3=$(now)
        local got plain
        got=$(sqlite3 "$d/run.db" "SELECT count(*) FROM residents")
        plain=$(sqlite3 "$d/plain.db" "SELECT count(*) FROM t")
        if [ "$got" != "$rows" ] || [ "$plain" != "$rows" ]; then
            echo "import: expected $rows rows, hongwu has $got, sqlite3 has $plain" >&2
            return 1
        fi
        echo "run=$i hongwu_seconds=$(elapsed "$t0" "$t1") sqlite3_seconds=$(elapsed "$t2" "$t3")" >>"$f"
    done
    local h s
    h=$(grep '^run=' "$f" | sed 's/.*hongwu_seconds=\([^ ]*\).*/\1/' | median)
    s=$(grep '^run=' "$f" | sed 's/.*sqlite3_seconds=\([^ ]*\).*/\1/' | median)
    awk -v rows="$rows" -v h="$h" -v s="$s" 'BEGIN {
        printf "median_hongwu_seconds=%s\nmedian_sqlite3_seconds=%s\n", h, s
        printf "hongwu_rows_per_s=%.0f\nsqlite3_rows_per_s=%.0f\nratio=%.3f\n",
               rows / h, rows / s, s / h }' >>"$f"
    cat "$f"
    rm -rf "$d"
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
    local url=$1 login role scope
    "$LAT" plan --db "$url" --accounts "$ACCOUNTS" | while read -r login role scope; do
        # An account left by an earlier run on the same database is kept.
        echo "bench-password-2025" |
            "$HONGWU" user add "$login" --role "$role" --scope "$scope" --db "$url" >/dev/null 2>&1 ||
            true
    done
}

# Accounts, a server, the timed queries and their plans, on a loaded database.
measure() {
    local url=$1 f=$2
    make_accounts "$url"
    "$HONGWU" serve --db "$url" --listen 127.0.0.1 --port "$PORT" --web "$DATA/no-web" \
        >"${f%.txt}-server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 100); do
        curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break
        sleep 0.2
    done
    log "latency: measuring ($REQUESTS requests per query and mode)"
    echo "loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$f"
    "$LAT" run --db "$url" --url "http://127.0.0.1:$PORT" --requests "$REQUESTS" \
        --warmup "$WARMUP" | tee -a "$f"
    echo "loadavg_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$f"
    stop_server
    "$LAT" explain --db "$url" >"${f%.txt}-plans.txt" 2>&1 || true
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
        measure "$db" "$f"
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
    measure "$db" "$f"
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
    measure "$url" "$f"
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

case "${1:-all}" in
machine) machine ;;
import) import_bench ;;
latency)
    case "${2:-}" in
    sqlite) latency_sqlite "${3:?size}" ;;
    pg) latency_pg "${3:?size}" ;;
    *) echo "usage: $0 latency sqlite|pg DWELLINGS" >&2; exit 2 ;;
    esac
    ;;
latency-pg-inside) latency_pg_inside "${2:?size}" ;;
table) shift; table "$@" ;;
all)
    machine
    import_bench
    for b in $BACKENDS; do
        for n in $SIZES; do
            if [ "$b" = pg ]; then latency_pg "$n"; else latency_sqlite "$n"; fi
        done
    done
    ;;
*) sed -n '2,19p' "$0" >&2; exit 2 ;;
esac
