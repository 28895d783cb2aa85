#!/usr/bin/env bash
# Creates .venv, installs SKM Desktop, fills a demo database and opens the app on it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build/system-deps.sh
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
.venv/bin/python -m pip install -q -e .
mkdir -p demo
[ -s demo/demo.db ] || .venv/bin/skm-desktop demo --db demo/demo.db
exec .venv/bin/skm-desktop --db demo/demo.db
