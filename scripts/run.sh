#!/usr/bin/env bash
# Builds concert-server and runs it with the demo catalogue on a private MariaDB
# (data in .run/mariadb, socket .run/mariadb/mysqld.sock). Ctrl-C stops both.
#   scripts/run.sh [concert-server options...]   e.g. scripts/run.sh --port 9090
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build "$build" -j "$(nproc)" --target concert-server

data=.run/mariadb
scripts/mariadb.sh start "$data" "${MARIADB_PORT:-3307}"
trap 'scripts/mariadb.sh stop "$data"' EXIT
"$build/server/concert-server" --db-socket "$data/mysqld.sock" --demo-data \
    --admin-key "${CONCERT_ADMIN_KEY:-change-me}" "$@"
