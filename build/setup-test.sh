#!/usr/bin/env bash
# Creates .venv, installs SKM Desktop with its test tools (pinned by
# build/requirements.lock), runs the whole test suite.
# Used by the README's test command and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build/system-deps.sh
bash build/test-deps.sh
bash build/venv.sh test
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
exec .venv/bin/python -m pytest "$@"
