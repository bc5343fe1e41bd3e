#!/bin/bash
# DuckDB on the same data as bench_metrics and bench_rules (and bench_import, when import_baselines.sh has made
# its file), for README's side-by-side figures.
#   tests/bench/duckdb_baseline.sh WORKSPACE OUTDIR [RUNS]
# WORKSPACE: a demo shop (segmenta-cli demo --db W --customers 1000000) whose metrics are current (run
# bench_metrics or bench_rules on it first). OUTDIR receives the exported CSV files; an OUTDIR/orders.csv
# written by import_baselines.sh is timed as the import too.
# DuckDB's Node package ships its engine: install it once with
#   (cd tests/bench && npm install --no-save @duckdb/node-api)
set -euo pipefail
ws=${1:?usage: duckdb_baseline.sh WORKSPACE OUTDIR [RUNS]}
out=${2:?usage: duckdb_baseline.sh WORKSPACE OUTDIR [RUNS]}
runs=${3:-5}
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
[ -d "$here/node_modules/@duckdb/node-api" ] || { echo "run: (cd $here && npm install --no-save @duckdb/node-api)" >&2; exit 2; }

asof=$(sqlite3 "$ws" "SELECT value FROM settings WHERE key = 'lifecycle_stages_as_of'")
[ -n "$asof" ] || { echo "the workspace's metrics are not computed: run bench_metrics on it first" >&2; exit 2; }
sqlite3 -csv -header "$ws" "SELECT id, customer_key, gender, birth_date, age, city, channel, email, tags, signup_date
                            FROM customers" > "$out/customers.csv"
sqlite3 -csv -header "$ws" "SELECT customer_id, order_date, amount, is_valid, is_refund FROM orders" > "$out/metrics-orders.csv"
sqlite3 -csv -header "$ws" "SELECT customer_id, orders_count, total_spend, lifecycle_stage, value_tier, r_score, f_score,
                            m_score FROM customer_metrics" > "$out/metrics.csv"
# duckdb_baseline.mjs reads orders.csv for the metrics and import.csv for the import.
mkdir -p "$out/duckdb"
ln -sf "$out/customers.csv" "$out/duckdb/customers.csv"
ln -sf "$out/metrics-orders.csv" "$out/duckdb/orders.csv"
ln -sf "$out/metrics.csv" "$out/duckdb/metrics.csv"
[ -f "$out/orders.csv" ] && ln -sf "$out/orders.csv" "$out/duckdb/import.csv"
node "$here/duckdb_baseline.mjs" "$out/duckdb" "$asof" "$runs"
