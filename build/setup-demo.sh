#!/usr/bin/env bash
# Creates .venv, installs SKM Desktop (pinned by build/requirements.lock), fills a
# demo database and opens the app on it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build/system-deps.sh
bash build/venv.sh
mkdir -p demo
[ -s demo/demo.db ] || .venv/bin/skm-desktop demo --db demo/demo.db
exec .venv/bin/skm-desktop --db demo/demo.db
