#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster (pg_virtualenv from
# postgresql-common), exporting HONGWU_TEST_PG=postgresql://user:pass@host:port
# for the test fixtures, which create a fresh database per server.
# The cluster is dropped when the command ends, whatever its outcome.
set -euo pipefail
# -t: a temporary cluster directory even as root, so two runs never collide.
exec pg_virtualenv -t -o "max_connections=200" bash -c '
  export HONGWU_TEST_PG="postgresql://${PGUSER}:${PGPASSWORD}@${PGHOST}:${PGPORT}"
  echo "PostgreSQL $(psql -tAc "SHOW server_version") on port ${PGPORT}"
  exec "$@"' bash "$@"
