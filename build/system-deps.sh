#!/usr/bin/env bash
# The system libraries Qt 6 needs at run time on Debian/Ubuntu (EGL, OpenGL,
# xkbcommon, fontconfig, xcb cursor, D-Bus) and python3-venv. Installed only
# when missing; needs root or sudo the first time.
set -euo pipefail
pkgs="python3-venv libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 \
libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 \
libxcb-render-util0 libxcb-image0 fonts-dejavu-core poppler-utils"
command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# python3-venv is only a Debian package for the system python; skip it when venv already works
if python3 -c 'import ensurepip, venv' 2>/dev/null; then missing="${missing/ python3-venv/}"; fi
[ -z "${missing// /}" ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Memasang pustaka sistem:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
