#!/usr/bin/env bash
# Builds the .deb the way a release is built, unpacks it into a scratch root, and checks what a user gets:
# the installed segmenta-cli answers --version, the installed segmenta shows its main window (offscreen),
# the desktop entry, MIME type, metainfo and icons are in place, and the package depends on runtime
# libraries only. Usage: tst_package.sh SOURCE_DIR WORK_DIR
set -euo pipefail
src=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
# A release build of the shipped programs only, without the sanitizers of the test build.
env -u ASAN_OPTIONS -u UBSAN_OPTIONS -u LSAN_OPTIONS \
    cmake -S "$src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DSEGMENTA_BUILD_TESTS=OFF -DSEGMENTA_BUILD_BENCHMARKS=OFF -DCMAKE_INSTALL_PREFIX=/usr >"$work/configure.log"
cmake --build "$work/build" -j2 --target segmenta segmenta-cli segmenta-xls-reader segmenta_icons >"$work/build.log"
(cd "$work/build" && cpack -G DEB >"$work/cpack.log")
deb=$(ls "$work"/build/segmenta_*.deb)
echo "package: $(basename "$deb")"

fail() { echo "FAIL: $*" >&2; exit 1; }

root="$work/root"
dpkg-deb -x "$deb" "$root"
version=$(sed -n 's/^project(Segmenta VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")
[ -n "$version" ] || fail "cannot read the version from CMakeLists.txt"

out=$("$root/usr/bin/segmenta-cli" --version)
[ "$out" = "segmenta-cli $version" ] || fail "installed segmenta-cli --version printed '$out'"

# Old .xls workbooks are read by segmenta-xls-reader, which the programs find beside themselves: the headers
# in the message prove the installed helper read the file.
xls="$src/tests/data/corpus/calamine/date.xls"
[ -f "$xls" ] || fail "the test workbook $xls is missing"
out=$(env -u SEGMENTA_XLS_READER "$root/usr/bin/segmenta-cli" import --db "$work/xls.segmenta" "$xls" 2>&1 || true)
printf '%s' "$out" | grep -q "the headers are: 2021-01-01" || fail "installed segmenta-cli could not read an .xls: $out"

QT_QPA_PLATFORM=offscreen XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
    timeout 60 "$root/usr/bin/segmenta" --smoke-test >"$work/smoke.log" 2>&1 \
    || fail "installed segmenta did not show its main window: $(cat "$work/smoke.log")"
grep -q "main window shown" "$work/smoke.log" || fail "segmenta --smoke-test did not report its window"

for f in usr/share/applications/io.segmenta.Segmenta.desktop usr/share/metainfo/io.segmenta.Segmenta.metainfo.xml \
         usr/share/mime/packages/segmenta.xml usr/share/icons/hicolor/scalable/apps/segmenta.svg \
         usr/share/icons/hicolor/48x48/apps/segmenta.png usr/share/icons/hicolor/256x256/apps/segmenta.png; do
    [ -s "$root/$f" ] || fail "the package lacks $f"
done
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$root/usr/share/applications/io.segmenta.Segmenta.desktop" || fail "desktop entry invalid"
fi

info=$(dpkg-deb -I "$deb")
depends=$(printf '%s\n' "$info" | sed -n 's/^ Depends: //p')
echo "depends: $depends"
for pkg in libqt6core6 libqt6widgets6 libsqlite3-0 qt6-qpa-plugins; do
    printf '%s' "$depends" | grep -q "$pkg" || fail "Depends lacks $pkg"
done
# Independently of dpkg-shlibdeps: every shared library the installed programs need must come from a package
# named in Depends.
for binary in "$root/usr/bin/segmenta" "$root/usr/bin/segmenta-cli" "$root/usr/bin/segmenta-xls-reader"; do
    for needed in $(readelf -d "$binary" | sed -n 's/.*Shared library: \[\(.*\)\]/\1/p'); do
        path=$(ldconfig -p | awk -v lib="$needed" '$1 == lib && /x86-64/ && !found {print $NF; found = 1}')
        [ -n "$path" ] || fail "$(basename "$binary") needs $needed, which is not installed"
        owner=
        real=$(readlink -f "$path")
        # With merged /usr, dpkg may know the file under /lib or under /usr/lib.
        for candidate in "$path" "$real" "${real#/usr}" "/usr${path}"; do
            [ -n "$owner" ] || owner=$(dpkg -S "$candidate" 2>/dev/null | sed -n '1s/:.*//p' || true)
        done
        [ -n "$owner" ] || fail "no package owns $path"
        printf '%s' "$depends" | grep -q "$owner" || fail "$(basename "$binary") needs $needed from $owner, not in Depends"
    done
done
printf '%s' "$depends" | grep -q -- '-dev' && fail "Depends names a -dev package"
printf '%s' "$depends" | grep -qE 'libasan|libubsan' && fail "Depends names a sanitizer runtime"
printf '%s\n' "$info" | grep -q "^ Version: $version" || fail "package version is not $version"
echo "1 passed, 0 failed"
