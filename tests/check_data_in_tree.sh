#!/bin/bash
# Fails when a test, benchmark, fuzz, CI, documentation or install script names a path outside the source tree
# (such as ../shared beside the checkout): a clone with nothing beside it must build and pass the whole suite.
# Also checks that the corpus the tests read is here, with a licence for every source it came from.
#   tests/check_data_in_tree.sh SOURCE_DIR
set -uo pipefail
src=${1:?usage: check_data_in_tree.sh SOURCE_DIR}
cd "$src" || exit 1
status=0

# Paths that climb out of the tree: "../" right after the source dir, ../shared, or absolute paths into the
# developers' work folders. Searched in every file that tests, benchmarks, fuzzing, CI and the docs run.
pattern='(SOURCE_DIR[^[:space:]]*/\.\./|\.\./shared|\.\./\.\./\.\./|/work/|/home/[a-z])'
while IFS= read -r hit; do
    echo "path outside the source tree: $hit"
    status=1
done < <(grep -rnE "$pattern" tests .ci docs installer CMakeLists.txt CMakePresets.json \
             --include='*.cpp' --include='*.h' --include='*.sh' --include='*.py' --include='*.mjs' \
             --include='*.js' --include='CMakeLists.txt' --include='*.json' --include='run' \
             --exclude-dir=data --exclude-dir=node_modules 2>/dev/null | grep -v '^tests/check_data_in_tree.sh:')

# The corpus: each source folder with its licence, and the README that says where the files come from.
corpus=tests/data/corpus
[ -f "$corpus/README.md" ] || { echo "missing $corpus/README.md"; status=1; }
for source in calamine commons-csv csv-spectrum encodings libxlsxwriter-excel2007 sheetjs; do
    [ -d "$corpus/$source" ] || { echo "missing corpus folder $corpus/$source"; status=1; continue; }
    ls "$corpus/$source"/LICENSE* >/dev/null 2>&1 || { echo "no licence file in $corpus/$source"; status=1; }
done
# No link may lead out of the data folder.
while IFS= read -r link; do
    target=$(readlink -f "$link")
    case "$target" in "$PWD"/*) ;; *) echo "link leaves the tree: $link -> $target"; status=1 ;; esac
done < <(find tests/data -type l)

[ $status -eq 0 ] && echo "every test data path is inside the source tree"
exit $status
