#!/bin/bash
# Builds the libFuzzer targets with clang (the `fuzz` preset) and runs each for SECONDS (default 60), seeded
# from the spreadsheet corpus, after replaying every input in tests/fuzz/regressions/. Exit status non-zero
# on any finding; the input that caused it is left in build/fuzz/findings/.
#   tests/fuzz/run_fuzzers.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
corpus=tests/data/corpus
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target fuzz_csvreader fuzz_xlsxreader fuzz_ruletext >/dev/null
bin=build/fuzz/tests/fuzz
mkdir -p build/fuzz/findings build/fuzz/seeds-csv build/fuzz/seeds-xlsx
for f in "$corpus"/csv-spectrum/csvs/*.csv "$corpus"/encodings/*.csv "$corpus"/encodings/*.txt; do
    cp -f "$f" "build/fuzz/seeds-csv/$(basename "$(dirname "$f")")-$(basename "$f")"
done
find "$corpus"/sheetjs "$corpus"/calamine -maxdepth 1 -size -200k \( -name '*.xlsx' -o -name '*.xlsm' -o -name '*.xls' -o -name '*.ods' \) \
    -exec cp -f {} build/fuzz/seeds-xlsx/ \;
export ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1
export LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp
regressions=(tests/fuzz/regressions/*)
for target in csv xlsx; do
    if [ -e "${regressions[0]}" ]; then
        "$bin/fuzz_${target}reader" -rss_limit_mb=2048 "${regressions[@]}" >/dev/null 2>&1 \
            || { echo "fuzz_${target}reader: a regression input fails again"; exit 1; }
    fi
    "$bin/fuzz_${target}reader" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=262144 \
        -artifact_prefix=build/fuzz/findings/ build/fuzz/seeds-$target 2>build/fuzz/fuzz_$target.log \
        || { echo "fuzz_${target}reader found a problem:"; tail -40 build/fuzz/fuzz_$target.log; exit 1; }
    grep -E "^(Done|#[0-9]+ +DONE)" build/fuzz/fuzz_$target.log | tail -1 || true
done
# The rule text parser, seeded with the rules of the playbook and the README's examples.
mkdir -p build/fuzz/seeds-rules
printf '%s' 'total_spend >= 1000 and (city in ("上海", "北京") or last_order_date in last 90 days) and not email is empty' > build/fuzz/seeds-rules/readme
printf '%s' '`订单付款时间` after 2024-01-01' > build/fuzz/seeds-rules/quoted
printf '%s' 'total_spend in top 10% and birth_date anniversary within 30 days and not in segment "VIP"' > build/fuzz/seeds-rules/more
printf '%s' 'lifecycle_stage in ("at_risk") and value_tier in ("high", "mid") or orders_count between 2 and 4' > build/fuzz/seeds-rules/stages
# Purchase conditions (issue 20): counts, amounts, periods and where-groups.
printf '%s' 'ordered at least 2 times in last 180 days where product contains "Python"' > build/fuzz/seeds-rules/ordered
printf '%s' 'spent >= 500 in last 365 days where category in ("红茶", "绿茶")' > build/fuzz/seeds-rules/spent
printf '%s' 'not ordered in last 90 days where channel is "WeChat"' > build/fuzz/seeds-rules/not-ordered
printf '%s' 'city is "上海" and ordered where (category is "茶具" and amount >= 200)' > build/fuzz/seeds-rules/where-group
printf '%s' 'spent between 1 and 2 between 2024-01-01 and 2024-12-31 where not (sku is empty or none(status is "x"))' > build/fuzz/seeds-rules/spent-between
printf '%s' 'ordered exactly 0 times more than 30 days ago or ordered at most 3 times before 2025-01-01 where `备注` = 1' > build/fuzz/seeds-rules/counts
"$bin/fuzz_ruletext" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=4096 \
    -artifact_prefix=build/fuzz/findings/ build/fuzz/seeds-rules 2>build/fuzz/fuzz_ruletext.log \
    || { echo "fuzz_ruletext found a problem:"; tail -40 build/fuzz/fuzz_ruletext.log; exit 1; }
grep -E "^(Done|#[0-9]+ +DONE)" build/fuzz/fuzz_ruletext.log | tail -1 || true
