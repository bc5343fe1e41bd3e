#!/bin/bash
# Makes the import benchmark's files and prints the commands to time side by side.
#   tests/bench/import_baselines.sh OUTDIR
# OUTDIR/orders.csv: 1,000,000 order rows x 20 columns from the demo shop (customer and order fields joined);
# OUTDIR/orders100k.xlsx: its first 100,000 rows as a workbook written by openpyxl.
set -euo pipefail
out=${1:?usage: import_baselines.sh OUTDIR}
bin=${BIN:-build/release/bin}
mkdir -p "$out"
if [ ! -f "$out/demo.segmenta" ]; then
    "$bin/segmenta-cli" demo --db "$out/demo.segmenta" --customers 200000 >/dev/null
fi
sqlite3 -csv -header "$out/demo.segmenta" "
  SELECT o.order_key AS order_id, c.customer_key AS customer_id, c.name, c.phone, c.email, c.gender, c.province, c.city,
         c.channel, o.order_date, o.amount, o.quantity, o.status, o.product, o.category, c.signup_date, c.birth_date,
         c.tags, o.is_valid AS valid, o.is_refund AS refunded
  FROM orders o JOIN customers c ON c.id = o.customer_id LIMIT 1000000" > "$out/orders.csv"
/usr/bin/python3 - "$out/orders.csv" "$out/orders100k.xlsx" <<'PY'
import csv, sys, openpyxl
workbook = openpyxl.Workbook(write_only=True)
sheet = workbook.create_sheet("orders")
with open(sys.argv[1], encoding="utf-8") as f:
    for i, row in enumerate(csv.reader(f)):
        if i > 100000:
            break
        sheet.append([float(v) if i and k in (10, 11) else v for k, v in enumerate(row)])
workbook.save(sys.argv[2])
PY
cat > "$out/openpyxl_read.py" <<'PY'
import sys, openpyxl
workbook = openpyxl.load_workbook(sys.argv[1], read_only=True)
cells = sum(1 for row in workbook.active.iter_rows(values_only=True) for v in row if v is not None)
print(cells)
PY
wc -l "$out/orders.csv"
echo "CSV:  $bin/bench_import import $out/orders.csv   vs   sqlite3 $out/baseline.db '.import --csv $out/orders.csv t'"
echo "XLSX: $bin/bench_import read $out/orders100k.xlsx   vs   /usr/bin/python3 $out/openpyxl_read.py $out/orders100k.xlsx"
