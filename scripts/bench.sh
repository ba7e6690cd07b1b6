#!/usr/bin/env bash
# The benchmark of issue 4 in one command (README.md, section Benchmark):
#   scripts/bench.sh [--scale F] [--only 1,2,...,11] [--wrk-duration S]
# Builds concert-server and the benchmark in Release, then concert-bench starts a private
# MariaDB per phase, the servers and wrk (all on 127.0.0.1), runs every scenario and writes
# bench-results/report.md and bench-results/report.json (raw files in bench-results/raw/).
# Needs: wrk, mariadb-server, Qt 6 dev packages, cmake, ninja. About 25-30 minutes on 2 cores.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${CONCERT_BENCH_BUILD_DIR:-$root/build-bench}
out=${CONCERT_BENCH_OUT:-$root/bench-results}

for tool in wrk mariadbd mariadb-install-db cmake ninja; do
    if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
        echo "bench.sh: '$tool' is missing (Debian: apt-get install wrk mariadb-server cmake ninja-build)" >&2
        exit 2
    fi
done

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCONCERT_BUILD_KIOSK=OFF >/dev/null
cmake --build "$build" --target concert-server bench-minimal-server concert-bench
exec "$build/tests/bench/concert-bench" --out "$out" "$@"
