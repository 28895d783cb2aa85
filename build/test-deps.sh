#!/usr/bin/env bash
# The Debian packages the test suite needs beyond the app's own (build/system-deps.sh):
# LibreOffice Calc (recomputes the olah-data XLSX formulas), Writer (converts the laporan DOCX), Xvfb, openbox, xdotool
# and x11-utils (the kiosk is tested under a real window manager), postgresql
# (build/pg-test-cluster.sh: the suite also runs on a PostgreSQL server). Installed only
# when missing; needs root or sudo the first time.
set -euo pipefail
pkgs="libreoffice-calc-nogui libreoffice-writer-nogui xvfb openbox xdotool x11-utils postgresql"
command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "${missing// /}" ] && exit 0
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "Memasang paket untuk pengujian:$missing"
for attempt in 1 2 3 4 5 6; do  # another apt may hold the lock for a while
  if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null; then
    exit 0
  fi
  sleep 10
done
echo "Gagal memasang:$missing" >&2
exit 1
