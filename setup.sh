#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# One command from a fresh Debian 12 machine to a running COP Viewer or a passing test suite:
#
#   ./setup.sh demo [viewer options...]   install what is missing, build, start the demo
#   ./setup.sh test                       install what is missing, build, run every test
#   ./setup.sh build                      install what is missing, build only
#
# Installs Debian packages only when one is missing (no apt call otherwise). Without root and
# with packages missing it prints the one apt-get line to run and stops.
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")"

# Every build and run dependency, as Debian 12 package names.
PACKAGES=(
    g++ cmake ninja-build ccache pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-positioning-dev qt6-charts-dev qt6-qpa-plugins libgl-dev
    libzmq3-dev cppzmq-dev
    libprotobuf-dev protobuf-compiler
    libgeographiclib-dev
    libsqlite3-dev sqlite3
    libgtest-dev libgmock-dev libbenchmark-dev
    fonts-dejavu-core
)
PRESET=release

usage() {
    sed -n '4,10p' "$0" | sed 's/^# \{0,1\}//'
}

missing_packages() {
    local pkg missing=()
    for pkg in "${PACKAGES[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    echo "${missing[@]:-}"
}

install_dependencies() {
    local missing
    missing=$(missing_packages)
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        echo "setup.sh: these Debian packages are missing: $missing" >&2
        echo "setup.sh: run this as root (or with sudo), then run setup.sh again:" >&2
        echo "  apt-get update && apt-get install -y --no-install-recommends $missing" >&2
        exit 1
    fi
    echo "setup.sh: installing $missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    # shellcheck disable=SC2086 # word splitting of the package list is intended
    apt-get install -y -q --no-install-recommends $missing
}

build() {
    # ccache makes rebuilds of an unchanged tree, or a fresh clone, cheap.
    export CCACHE_DIR="${CCACHE_DIR:-${HOME:-$PWD}/.cache/ccache}"
    export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
    # Paths relative to the checkout, so a second clone reuses the first one's cache.
    export CCACHE_BASEDIR="$PWD"
    export CCACHE_NOHASHDIR=true
    # A configure that failed half-way leaves a cache but no build.ninja: configure again then.
    if [ ! -f "build/$PRESET/build.ninja" ]; then
        cmake --preset "$PRESET"
    fi
    cmake --build --preset "$PRESET" -j "$(nproc)"
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
    demo)
        install_dependencies
        build
        if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
            echo "setup.sh: no display (DISPLAY and WAYLAND_DISPLAY are unset)." >&2
            echo "  Run it from a desktop session, under xvfb-run, or render a screenshot instead:" >&2
            echo "  QT_QPA_PLATFORM=offscreen ./setup.sh demo --screenshot demo.png --after 8" >&2
            exit 1
        fi
        exec "build/$PRESET/app/cop-viewer" --demo "$@"
        ;;
    test)
        install_dependencies
        build
        ctest --preset "$PRESET" -j "$(nproc)"
        ;;
    build)
        install_dependencies
        build
        ;;
    -h|--help|help)
        usage
        ;;
    *)
        usage >&2
        exit 2
        ;;
esac
