#!/usr/bin/env bash
# The Debian packages (issue 10): build them with cpack, lintian without errors, the contents,
# then (as root) install them on this machine, start the installed concert-server with the
# installed configuration against a private MariaDB (200 from /api/v1/health), the installed
# kiosk offscreen until its first screen is up and the installed box office offscreen (its
# --help, then its main window up for a few seconds); finally purge them again.
#   package_test.sh BUILD_DIR SOURCE_DIR
set -uo pipefail
build=$(realpath "$1")
src=$(realpath "$2")
work="$build/package-test"
failures=0
checks=0
pass() { checks=$((checks + 1)); echo "ok   $*"; }
fail() { checks=$((checks + 1)); failures=$((failures + 1)); echo "FAIL $*"; }
check() { local what=$1; shift; if "$@" >/dev/null 2>&1; then pass "$what"; else fail "$what"; fi; }

rm -rf "$work" && mkdir -p "$work/debs"
echo "== cpack"
if ! (cd "$build" && cpack -G DEB -B "$work/debs" >"$work/cpack.log" 2>&1); then
    cat "$work/cpack.log"; echo "FAIL cpack"; exit 1
fi
server_deb=$(ls "$work"/debs/concert-server_*.deb)
kiosk_deb=$(ls "$work"/debs/concert-kiosk_*.deb 2>/dev/null || true)
boxoffice_deb=$(ls "$work"/debs/concert-boxoffice_*.deb 2>/dev/null || true)
check "cpack made concert-server" test -f "$server_deb"
check "cpack made concert-kiosk" test -f "$kiosk_deb"
check "cpack made concert-boxoffice" test -f "$boxoffice_deb"
ls "$work"/debs/*.deb | grep -q unspecified && fail "a package without component (concert-unspecified)" || pass "no concert-unspecified package"

echo "== lintian"
if command -v lintian >/dev/null; then
    lintian --no-tag-display-limit "$work"/debs/*.deb >"$work/lintian.txt" 2>&1
    cat "$work/lintian.txt"
    if grep -q '^E:' "$work/lintian.txt"; then fail "lintian reports errors"; else pass "lintian: no errors ($(grep -c '^W:' "$work/lintian.txt") warnings)"; fi
else
    fail "lintian is not installed (scripts/deps.sh installs it)"
fi

echo "== contents"
dpkg-deb -c "$server_deb" | tee "$work/server-contents.txt" | awk '{print $1, $6}'
for f in ./usr/bin/concert-server ./lib/systemd/system/concert-server.service \
    ./etc/concert/server.ini ./etc/concert/server.env ./etc/logrotate.d/concert-server \
    ./usr/share/man/man1/concert-server.1.gz ./usr/share/doc/concert-server/copyright \
    ./usr/share/doc/concert-server/changelog.gz; do
    check "concert-server holds $f" grep -q " $f\$" "$work/server-contents.txt"
done
check "server.env is mode 0600" grep -q '^-rw------- .* ./etc/concert/server.env$' "$work/server-contents.txt"
dpkg-deb -e "$server_deb" "$work/server-control"
check "conffile /etc/concert/server.ini" grep -qx /etc/concert/server.ini "$work/server-control/conffiles"
check "conffile /etc/concert/server.env" grep -qx /etc/concert/server.env "$work/server-control/conffiles"
check "conffile /etc/logrotate.d/concert-server" grep -qx /etc/logrotate.d/concert-server "$work/server-control/conffiles"
check "postinst creates the user concert" grep -q 'adduser --system' "$work/server-control/postinst"
check "depends on the QMYSQL plugin" grep -q 'libqt6sql6-mysql' "$work/server-control/control"
unit="$src/installer/systemd/concert-server.service"
for line in 'User=concert' 'Restart=on-failure' 'ProtectSystem=strict' 'NoNewPrivileges=yes' \
    'PrivateTmp=yes' 'EnvironmentFile=-/etc/concert/server.env' \
    'ExecStart=/usr/bin/concert-server --config /etc/concert/server.ini'; do
    check "unit: $line" grep -qx "$line" "$unit"
done
# Every option of --help is in server.ini, commented out with the default --help names
# ("off"/"none"/"empty" and flags without one: an empty value or false).
"$build/server/concert-server" --help >"$work/server-help.txt"
while read -r option verdict; do
    [ "$verdict" = ok ] && pass "server.ini: ;$option= with its default" || fail "server.ini: $option $verdict"
done < <(python3 - "$work/server-help.txt" "$src/installer/config/server.ini" <<'PY'
import re, sys
options, current = {}, None
for line in open(sys.argv[1]):
    m = re.match(r"^  (?:-\w, )?--([a-z-]+)(?: <[^>]+>)?\s*(.*)$", line.rstrip("\n"))
    if m:
        current = m.group(1)
        options[current] = m.group(2)
    elif current and line.startswith("   "):
        options[current] += " " + line.strip()
ini = {}
for line in open(sys.argv[2]):
    m = re.match(r"^;([a-z-]+)=(.*)$", line.rstrip("\n"))
    if m:
        ini[m.group(1)] = m.group(2)
for name, text in options.items():
    if name in ("help", "help-all", "version", "config"):
        continue
    m = re.search(r"\(default ([^)]*)\)", text)
    default = m.group(1) if m else ""
    if name not in ini:
        print(name, "missing")
    elif ini[name] == default or (default in ("off", "none", "empty", "") and ini[name] in ("", "false")):
        print(name, "ok")
    else:
        print(name, f"shows '{ini[name]}' but --help says '{default}'")
PY
)
if [ -n "$kiosk_deb" ]; then
    dpkg-deb -c "$kiosk_deb" | tee "$work/kiosk-contents.txt" | awk '{print $1, $6}'
    for f in ./usr/bin/concert-kiosk ./usr/share/applications/concert-kiosk.desktop \
        ./usr/share/icons/hicolor/scalable/apps/concert-kiosk.svg \
        ./lib/systemd/system/concert-kiosk.service ./usr/share/doc/concert-kiosk/copyright; do
        check "concert-kiosk holds $f" grep -q " $f\$" "$work/kiosk-contents.txt"
    done
    dpkg-deb -e "$kiosk_deb" "$work/kiosk-control"
    kiosk_depends=$(grep '^Depends:' "$work/kiosk-control/control")
    echo "$kiosk_depends"
    check "kiosk unit starts it under cage" grep -q '^ExecStart=/usr/bin/cage .*/usr/bin/concert-kiosk --fullscreen' "$src/installer/systemd/concert-kiosk.service"
    if command -v desktop-file-validate >/dev/null; then
        check "desktop entry is valid" desktop-file-validate "$src/installer/kiosk/concert-kiosk.desktop"
    fi
fi

if [ -n "$boxoffice_deb" ]; then
    dpkg-deb -c "$boxoffice_deb" | tee "$work/boxoffice-contents.txt" | awk '{print $1, $6}'
    for f in ./usr/bin/concert-boxoffice ./usr/share/applications/concert-boxoffice.desktop \
        ./usr/share/icons/hicolor/scalable/apps/concert-boxoffice.svg \
        ./usr/share/doc/concert-boxoffice/copyright ./usr/share/doc/concert-boxoffice/changelog.gz; do
        check "concert-boxoffice holds $f" grep -q " $f\$" "$work/boxoffice-contents.txt"
    done
    grep -q 'systemd' "$work/boxoffice-contents.txt" && fail "concert-boxoffice has no kiosk unit" || pass "concert-boxoffice has no kiosk unit"
    dpkg-deb -e "$boxoffice_deb" "$work/boxoffice-control"
    boxoffice_depends=$(grep '^Depends:' "$work/boxoffice-control/control")
    echo "$boxoffice_depends"
    for pkg in libqt6quickwidgets6 libqt6widgets6 qml6-module-qtquick qml6-module-qtquick-controls \
        qml6-module-qtquick-layouts qml6-module-qtquick-templates; do
        check "concert-boxoffice Depends on $pkg" grep -q "$pkg" <<<"$boxoffice_depends"
    done
    if command -v desktop-file-validate >/dev/null; then
        check "box office desktop entry is valid" desktop-file-validate "$src/installer/boxoffice/concert-boxoffice.desktop"
    fi
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "SKIP installing the packages: not root (run as root, as CI does, to install and start them)"
    echo "$((checks - failures)) passed, $failures failed"
    [ $failures -eq 0 ]; exit
fi

echo "== install on this machine"
dpkg --purge concert-server concert-kiosk concert-boxoffice >/dev/null 2>&1 || true
if DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "$server_deb" ${kiosk_deb:+"$kiosk_deb"} ${boxoffice_deb:+"$boxoffice_deb"} >"$work/apt.log" 2>&1; then
    pass "apt-get install ./concert-*.deb"
else
    cat "$work/apt.log"; fail "apt-get install ./concert-*.deb"
fi
check "user concert exists" getent passwd concert
check "installed --version" sh -c '/usr/bin/concert-server --version | grep -qx "concert-server [0-9.]*"'
check "man page installed" test -f /usr/share/man/man1/concert-server.1.gz

db="$work/mariadb"
server_pid=""
kiosk_pid=""
boxoffice_pid=""
cleanup() {
    [ -n "$kiosk_pid" ] && kill "$kiosk_pid" 2>/dev/null
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
    "$src/scripts/mariadb.sh" stop "$db" >/dev/null 2>&1
    [ -n "$boxoffice_pid" ] && kill "$boxoffice_pid" 2>/dev/null
    dpkg --purge concert-server concert-kiosk concert-boxoffice >/dev/null 2>&1
    cp -f "$work/server.env.orig" /etc/concert/server.env 2>/dev/null || true
}
trap cleanup EXIT
port=$((20000 + RANDOM % 20000))
if "$src/scripts/mariadb.sh" start "$db" "$port" >"$work/mariadb.log" 2>&1; then
    chmod 755 "$db"
    # As an operator would (README "Install on a server"): a password for the database user,
    # secrets in /etc/concert/server.env, everything else from the installed server.ini.
    mariadb --no-defaults -uroot --socket="$db/mysqld.sock" \
        -e "ALTER USER 'concert'@'localhost' IDENTIFIED BY 'pkg-test-password';"
    cp /etc/concert/server.env "$work/server.env.orig"
    printf 'CONCERT_DB_PASSWORD=pkg-test-password\nCONCERT_ADMIN_KEY=pkg-test-admin\nCONCERT_DB_SOCKET=%s\n' \
        "$db/mysqld.sock" >>/etc/concert/server.env
    set -a; . /etc/concert/server.env; set +a
    runuser -u concert -- /usr/bin/concert-server --config /etc/concert/server.ini --port 0 \
        --access-log - >"$work/server.out" 2>"$work/server.err" &
    server_pid=$!
    url=""
    for _ in $(seq 1 300); do
        url=$(grep -oE 'http://[0-9.]+:[0-9]+' "$work/server.out" | head -1)
        [ -n "$url" ] && break
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    if [ -n "$url" ]; then
        pass "installed concert-server listens ($url) as user concert"
        health=""
        for _ in $(seq 1 100); do
            health=$(curl -s -o /dev/null -w '%{http_code}' "$url/api/v1/health")
            [ "$health" = 200 ] && break
            sleep 0.1
        done
        [ "$health" = 200 ] && pass "GET /api/v1/health -> 200" || { cat "$work/server.err"; fail "GET /api/v1/health -> $health"; }
        check "GET /metrics -> concert_http_requests_total" sh -c "curl -sf '$url/metrics' | grep -q '^concert_http_requests_total{'"
        check "admin key from server.env works" sh -c "curl -s -XPOST '$url/api/v1/admin/concerts' -H 'X-Admin-Key: pkg-test-admin' -d '{\"title\":\"T\",\"venue\":\"V\",\"dates\":[{\"date\":\"2030-01-01\",\"price\":1}]}' | grep -q '\"id\"'"
    else
        cat "$work/server.err"; fail "installed concert-server did not print its listening line"
    fi
else
    cat "$work/mariadb.log"; fail "private MariaDB did not start"
fi

if [ -n "$kiosk_deb" ] && [ -x /usr/bin/concert-kiosk ]; then
    export XDG_RUNTIME_DIR="$work/xdg" && mkdir -p -m 0700 "$XDG_RUNTIME_DIR"
    QT_QPA_PLATFORM=offscreen QML_IMPORT_TRACE=1 QT_LOGGING_RULES="qt.scenegraph.time.renderloop=true" \
        /usr/bin/concert-kiosk --server "${url:-http://127.0.0.1:9}" >"$work/kiosk.out" 2>"$work/kiosk.err" &
    kiosk_pid=$!
    up=no
    for _ in $(seq 1 300); do
        kill -0 "$kiosk_pid" 2>/dev/null || break
        # The first frame of the window was rendered (Qt logs each frame with this category).
        if grep -q 'Frame rendered' "$work/kiosk.err"; then up=yes; break; fi
        sleep 0.1
    done
    sleep 1 # it must still be running a moment after its first frame (no QML error exit)
    if [ $up = yes ] && kill -0 "$kiosk_pid" 2>/dev/null; then
        pass "installed concert-kiosk shows its first screen offscreen"
    else
        tail -30 "$work/kiosk.err"; fail "installed concert-kiosk did not show its first screen"
    fi
    # Every QML module it loaded from the system comes from a package in its Depends.
    for dir in $(grep -oE '/usr/lib/[^ "]*/qt6/qml/[^ "]*/qmldir' "$work/kiosk.err" | sort -u); do
        pkg=$(dpkg -S "$dir" 2>/dev/null | cut -d: -f1 | head -1)
        [ -z "$pkg" ] && continue
        case "$kiosk_depends" in *"$pkg"*) pass "kiosk Depends has $pkg ($dir)" ;; *) fail "kiosk loads $dir but Depends lacks $pkg" ;; esac
    done
fi

if [ -n "$boxoffice_deb" ] && [ -x /usr/bin/concert-boxoffice ]; then
    export XDG_RUNTIME_DIR="$work/xdg" && mkdir -p -m 0700 "$XDG_RUNTIME_DIR"
    check "installed concert-boxoffice --help" sh -c 'QT_QPA_PLATFORM=offscreen /usr/bin/concert-boxoffice --help | grep -q -- "--server"'
    QT_QPA_PLATFORM=offscreen /usr/bin/concert-boxoffice --server "${url:-http://127.0.0.1:9}" \
        >"$work/boxoffice.out" 2>"$work/boxoffice.err" &
    boxoffice_pid=$!
    # Its main window is up and it keeps running: polled for 3 s (30 x 0.1 s), any exit fails.
    alive=yes
    for _ in $(seq 1 30); do
        kill -0 "$boxoffice_pid" 2>/dev/null || { alive=no; break; }
        sleep 0.1
    done
    if [ $alive = yes ] && ! grep -qiE 'is not installed|module .* not found|cannot load' "$work/boxoffice.err"; then
        pass "installed concert-boxoffice runs offscreen"
    else
        tail -30 "$work/boxoffice.err"; fail "installed concert-boxoffice did not keep running offscreen"
    fi
fi

echo "$((checks - failures)) passed, $failures failed"
[ $failures -eq 0 ]
