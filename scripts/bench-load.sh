#!/usr/bin/env bash
# Runs the benches that put load on a served budgetbox from an independent generator (wrk),
# after installing what they need by package name when it is missing: wrk (Debian), and
# pgbench (Debian's postgresql-client) for the PostgreSQL baseline.
#
# usage: scripts/bench-load.sh throughput|mixed|receipts [VAR=VALUE ...]
#   throughput  ballots per second against pgbench (PostgreSQL) or one-row transactions from
#               as many threads (SQLite); CONNECTIONS, SECONDS, CODES, PROFILE, SPANS
#   mixed       200 clients: pages and ballots at once; CLIENTS, VOTERS, SECONDS, PROPOSALS,
#               THINK_MS (mean pause between a client's requests), WARM_UP
#   receipts    receipt lookups, one client then many at once; SIZES, RECEIPT_CONNECTIONS,
#               RECEIPT_SECONDS
# PostgreSQL runs too when BUDGETBOX_TEST_POSTGRES_URL names a server (a scratch database is
# created there and dropped afterwards).
set -euo pipefail
cd "$(dirname "$0")/.."

bench=${1:-}
case "$bench" in
  throughput|mixed|receipts) shift ;;
  *) sed -n '2,14p' "$0"; exit 2 ;;
esac

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v pgbench >/dev/null || need+=(postgresql-client)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

env "$@" cargo bench --bench "$bench"
