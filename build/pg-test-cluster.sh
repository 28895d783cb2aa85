#!/usr/bin/env bash
# A throw-away PostgreSQL server for the test suite.
#
# Usage: bash build/pg-test-cluster.sh COMMAND [ARGS...]
#   installs Debian's postgresql package when missing, creates a cluster in a
#   temporary folder (run as the `postgres` system user when we are root: initdb
#   refuses root), starts it on 127.0.0.1 at a free port (its Unix socket stays in
#   that folder), creates the role and database `skm_test`, exports
#   SKM_TEST_PG_URL=postgresql://skm_test@127.0.0.1:PORT/skm_test, runs COMMAND,
#   then stops the server and removes the folder (also on error or Ctrl-C).
# The cluster trusts local connections and runs with fsync off: it holds test
# data only and never outlives the command.
set -euo pipefail
[ $# -gt 0 ] || { echo "Pemakaian: bash build/pg-test-cluster.sh PERINTAH [ARGUMEN...]" >&2; exit 2; }

find_bin() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

bin="$(find_bin || true)"
if [ -z "$bin" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Memasang PostgreSQL untuk pengujian"
  for attempt in 1 2 3 4 5 6; do  # another apt may hold the lock for a while
    if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null; then
      break
    fi
    sleep 10
  done
  bin="$(find_bin || true)"
  [ -n "$bin" ] || { echo "PostgreSQL (initdb) tidak ditemukan dan gagal dipasang." >&2; exit 1; }
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/skm-pg-XXXXXX")"
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "Pengguna sistem 'postgres' tidak ada; pasang paket postgresql." >&2; exit 1; }
  chown postgres: "$tmp"
  chmod 700 "$tmp"
  as_owner=(runuser -u postgres --)
fi

cleanup() {
  local rc=$?
  if [ -f "$tmp/data/postmaster.pid" ]; then
    "${as_owner[@]}" "$bin/pg_ctl" -D "$tmp/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM  # until the command starts

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
"${as_owner[@]}" "$bin/initdb" -D "$tmp/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 \
  || "${as_owner[@]}" "$bin/initdb" -D "$tmp/data" -U postgres -A trust -E UTF8 --locale=C >"$tmp/initdb.log" 2>&1 \
  || { cat "$tmp/initdb.log" >&2; echo "initdb gagal." >&2; exit 1; }
"${as_owner[@]}" "$bin/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 start \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
  >/dev/null || { cat "$tmp/server.log" >&2; echo "Server PostgreSQL pengujian gagal dijalankan." >&2; exit 1; }
"${as_owner[@]}" "$bin/psql" -q -h "$tmp" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE skm_test LOGIN CREATEDB" -c "CREATE DATABASE skm_test OWNER skm_test" >/dev/null

export SKM_TEST_PG_URL="postgresql://skm_test@127.0.0.1:$port/skm_test"
echo "Server PostgreSQL pengujian: $SKM_TEST_PG_URL"
# the command runs as a child we wait for, so a TERM (e.g. CI's timeout) reaches it and the
# cleanup trap still stops the server; Ctrl-C reaches the whole foreground group anyway
set +e
"$@" &
child=$!
trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 143' TERM
trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 130' INT
wait "$child"
rc=$?
set -e
exit "$rc"
