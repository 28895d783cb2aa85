#!/usr/bin/env bash
# Creates .venv, installs SKM Desktop with its test tools (pinned by
# build/requirements.lock), runs the whole test suite, on SQLite and on a
# throw-away PostgreSQL server (build/pg-test-cluster.sh, SKM_TEST_PG_URL).
# Used by the README's test command and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash build/system-deps.sh
bash build/test-deps.sh
bash build/venv.sh test
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
# lint, format and types first: a finding stops the run before the tests
echo "ruff (lint + format) dan mypy (ketat pada domain/ dan services/) ..."
.venv/bin/ruff check skm_desktop tests build
.venv/bin/ruff format --check skm_desktop tests build
.venv/bin/mypy skm_desktop/domain skm_desktop/services
# the PostgreSQL-parametrised tests need a real server: a throw-away one lives for this run
exec bash build/pg-test-cluster.sh .venv/bin/python -m pytest "$@"
