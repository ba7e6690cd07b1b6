#!/usr/bin/env bash
# A private MariaDB for development and benchmarks, never the system's server.
#   scripts/mariadb.sh start DIR [PORT]   # data in DIR, socket DIR/mysqld.sock, user concert
#   scripts/mariadb.sh stop DIR
set -euo pipefail

cmd=${1:?usage: mariadb.sh start|stop DIR [PORT]}
dir=$(realpath -m "${2:?usage: mariadb.sh start|stop DIR [PORT]}")
port=${3:-3307}
sock="$dir/mysqld.sock"

case "$cmd" in
start)
    mkdir -p "$dir"
    if [ ! -d "$dir/data/mysql" ]; then
        mariadb-install-db --no-defaults --user="$(id -un)" --datadir="$dir/data" \
            --auth-root-authentication-method=normal --skip-test-db >"$dir/install.log" 2>&1
    fi
    if mariadb-admin --no-defaults -uroot --socket="$sock" ping >/dev/null 2>&1; then
        echo "mariadb already running on $sock"
        exit 0
    fi
    mariadbd --no-defaults --user="$(id -un)" --datadir="$dir/data" --socket="$sock" \
        --port="$port" --bind-address=127.0.0.1 --pid-file="$dir/mysqld.pid" \
        --log-error="$dir/mysqld.err" --skip-name-resolve --skip-log-bin \
        --innodb-buffer-pool-size=256M --innodb-log-file-size=128M \
        --innodb-flush-log-at-trx-commit=2 --max-connections=1000 &
    for _ in $(seq 1 600); do
        if mariadb-admin --no-defaults -uroot --socket="$sock" ping >/dev/null 2>&1; then
            mariadb --no-defaults -uroot --socket="$sock" -e "
                CREATE DATABASE IF NOT EXISTS concert;
                CREATE USER IF NOT EXISTS 'concert'@'localhost' IDENTIFIED BY '';
                CREATE USER IF NOT EXISTS 'concert'@'127.0.0.1' IDENTIFIED BY '';
                GRANT ALL ON concert.* TO 'concert'@'localhost';
                GRANT ALL ON concert.* TO 'concert'@'127.0.0.1';"
            echo "mariadb ready: socket $sock, port $port, database concert, user concert"
            exit 0
        fi
        sleep 0.1
    done
    echo "mariadb did not start; see $dir/mysqld.err" >&2
    exit 1
    ;;
stop)
    if [ -f "$dir/mysqld.pid" ]; then
        kill "$(cat "$dir/mysqld.pid")" 2>/dev/null || true
        for _ in $(seq 1 300); do
            [ -f "$dir/mysqld.pid" ] || break
            sleep 0.1
        done
    fi
    ;;
*)
    echo "usage: mariadb.sh start|stop DIR [PORT]" >&2
    exit 2
    ;;
esac
