#!/usr/bin/env bash
# Installs every Debian 12 package that building, testing, packaging and screenshotting Segmenta needs.
# Idempotent: when everything is present it prints nothing and exits 0. Must run as root (or via sudo).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config git file dpkg-dev
  # Qt 6 (Widgets, Charts, SVG, translations); Qt Charts' CMake package also needs OpenGL and xkbcommon headers
  qt6-base-dev qt6-charts-dev qt6-svg-dev libqt6opengl6-dev libxkbcommon-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools qt6-translations-l10n qt6-qpa-plugins
  # storage and file formats
  libsqlite3-dev sqlite3 libboost-dev libxlsxwriter-dev libzip-dev libuchardet-dev libfreexl-dev libexpat1-dev zlib1g-dev
  # prediction models: maximum likelihood (NLopt) and special functions (Boost.Math)
  libnlopt-cxx-dev libboost-math-dev
  # sanitizers' and fuzzers' runtime
  clang libclang-rt-14-dev
  # independent readers for tests and baselines
  python3 python3-openpyxl poppler-utils
  # GUI tests and screenshots
  xvfb xauth x11-apps fonts-noto-cjk fonts-dejavu-core imagemagick
  # package checks
  desktop-file-utils appstream
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$'; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then exec sudo "$0" "$@"; fi
  echo "install-deps: missing packages: ${missing[*]}; run this script as root" >&2
  exit 1
fi
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
