#!/usr/bin/env bash
# Creates (or re-creates, when its Python differs) .venv and installs SKM Desktop
# with the extras given (e.g. "test", "test,build") pinned by build/requirements.lock.
# Usage: bash build/venv.sh [EXTRAS]
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-}"
py="$(bash build/python.sh)"
want="$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
if [ -x .venv/bin/python ]; then
  have="$(.venv/bin/python -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null || echo none)"
  [ "$have" = "$want" ] || rm -rf .venv
fi
[ -x .venv/bin/python ] || "$py" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
target="."
[ -n "$extras" ] && target=".[$extras]"
.venv/bin/python -m pip install -q -c build/requirements.lock -e "$target"
