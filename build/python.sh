#!/usr/bin/env bash
# Prints the Python interpreter the set-up scripts use: the newest of 3.13/3.12
# when present, otherwise python3 (3.10 or newer). 3.12+ is preferred because
# its immortal True/False make a PySide6 6.12 reference-count bug harmless
# (see skm_desktop/ui/app.py: guard_pyside_refcounts); the frozen Windows and
# Linux bundles are always built on 3.12+ (build/build-linux.sh checks it).
set -euo pipefail
for py in "${PYTHON:-}" python3.12 python3.13 python3; do
  [ -n "$py" ] || continue
  command -v "$py" >/dev/null 2>&1 || continue
  if "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' 2>/dev/null; then
    command -v "$py"; exit 0
  fi
done
echo "Perlu Python 3.10 atau lebih baru (python3)." >&2
exit 1
