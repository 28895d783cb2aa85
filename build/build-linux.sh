#!/usr/bin/env bash
# Builds the frozen Linux program: build/dist/skm-desktop/skm-desktop (one folder).
# Usage: build/build-linux.sh            (uses .venv, created by build/setup-test.sh)
#        PYTHON=/path/to/python build/build-linux.sh
# Prints the build time and the bundle size.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-.venv/bin/python}"
for tool in objdump strip ldd; do  # PyInstaller's dependency analysis and stripping
  command -v "$tool" >/dev/null || { echo "Perlu '$tool' (paket binutils/libc-bin): apt-get install binutils"; exit 1; }
done
if ! "$PY" -c "import PyInstaller" 2>/dev/null; then
  "$PY" -m pip install -q -c build/requirements.lock -e '.[build]'
fi
[ -f resources/icons/skm-desktop.png ] || QT_QPA_PLATFORM=offscreen "$PY" build/make_icon.py
start=$(date +%s.%N)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath build/dist --workpath build/work skm_desktop.spec
end=$(date +%s.%N)
size=$(du -sm build/dist/skm-desktop | cut -f1)
printf 'Build selesai dalam %.0f detik; ukuran bundel %s MB (build/dist/skm-desktop).\n' \
  "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$size"
