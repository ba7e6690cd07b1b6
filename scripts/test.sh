#!/usr/bin/env bash
# Checks the C++ formatting (scripts/format.sh --check), then builds everything and runs every
# test (unit, service, end-to-end, kiosk, bench smoke).
# Each suite starts its own private MariaDB and real servers; nothing on the machine is used.
#   scripts/test.sh [ctest arguments...]      e.g. scripts/test.sh -L e2e
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
# A tracked C++ file that differs from clang-format fails the run before anything is built.
scripts/format.sh --check
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j "$(nproc)"
export QT_QPA_PLATFORM=offscreen
export XDG_RUNTIME_DIR=${XDG_RUNTIME_DIR:-$(mktemp -d)}
cd "$build"
ctest --output-on-failure --timeout 900 "$@"
