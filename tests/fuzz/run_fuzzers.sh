#!/bin/bash
# Builds the libFuzzer targets with clang (the `fuzz` preset) and runs each for SECONDS (default 60), seeded
# from the spreadsheet corpus, after replaying every input in tests/fuzz/regressions/. Exit status non-zero
# on any finding; the input that caused it is left in build/fuzz/findings/.
#   tests/fuzz/run_fuzzers.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}
corpus=../shared/corpus
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target fuzz_csvreader fuzz_xlsxreader >/dev/null
bin=build/fuzz/tests/fuzz
mkdir -p build/fuzz/findings build/fuzz/seeds-csv build/fuzz/seeds-xlsx
for f in "$corpus"/csv-spectrum/csvs/*.csv "$corpus"/encodings/*.csv "$corpus"/encodings/*.txt; do
    cp -f "$f" "build/fuzz/seeds-csv/$(basename "$(dirname "$f")")-$(basename "$f")"
done
find "$corpus"/sheetjs "$corpus"/calamine -maxdepth 1 -size -200k \( -name '*.xlsx' -o -name '*.xlsm' -o -name '*.xls' \) \
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
