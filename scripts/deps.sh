#!/usr/bin/env bash
# Installs the Debian 12 packages the project builds, runs and tests with (needs root or sudo).
# Skips apt entirely when everything is already installed.
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-declarative-dev qt6-declarative-dev-tools
    libqt6sql6-mysql libqt6quickwidgets6 libgl-dev libglx-dev libegl-dev
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts
    qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qttest
    qml6-module-qtqml-workerscript qml6-module-qtqml
    qt6-tools-dev qt6-l10n-tools libqrencode-dev fonts-nanum
    mariadb-server mariadb-client
    curl wrk clang-format
    nginx openssl
    prometheus-cpp-dev help2man lintian python3 python3-jsonschema
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "installing: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
