"""Benchmark: the database on a PostgreSQL server (issue #16).

- storing one form through the operator's own path (KeyingSession.commit) with 1
  and with 5 keyers at the same moment (separate processes), p50/p95 per form;
- `summary --json` of 50,000 respondents on the server (the whole CLI process);
- `pindah` of 50,000 respondents file -> server and server -> file.

Needs a server: run it through the throw-away cluster,

    bash build/pg-test-cluster.sh .venv/bin/python tests/benchmarks/bench_server.py

(the script creates and drops its own databases on the server in SKM_TEST_PG_URL).
Targets: p95 < 100 ms with 5 keyers on loopback; summary < 1 s.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from skm_desktop.services.demo import create_demo  # noqa: E402
from skm_desktop.services.pindah import pindah  # noqa: E402
from skm_desktop.storage.database import open_database  # noqa: E402
from skm_desktop.storage.server import parse_server_url  # noqa: E402

FORMS_PER_KEYER = 200


def admin_execute(url: str, sql: str) -> None:
    import psycopg

    s = parse_server_url(url)
    with psycopg.connect(host=s.host, port=s.port, user=s.user, dbname=s.database, autocommit=True) as c:
        c.execute(sql)


def fresh_database(base: str, name: str) -> str:
    admin_execute(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin_execute(base, f'CREATE DATABASE "{name}"')
    s = parse_server_url(base)
    return f"postgresql://{s.user}@{s.host}:{s.port}/{name}"


def keyer(url: str, periode_id: int, index: int, start, out) -> None:
    from skm_desktop.domain.respondent import RespondentRecord
    from skm_desktop.services.entry import KeyingSession

    db = open_database(url, program=f"bench-keyer-{index}")
    k = KeyingSession.open(db, periode_id, operator=f"pengetik{index}")
    start.wait()
    times = []
    for j in range(FORMS_PER_KEYER):
        rec = RespondentRecord(no_kuesioner=60_000 + index * 1_000 + j, answers=(4, 3, 4, 3, 4, 3, 4, 3, 4))
        t = time.perf_counter()
        k.commit(rec)
        times.append((time.perf_counter() - t) * 1000)
    db.close()
    out.put(times)


def keying(url: str, periode_id: int, keyers: int) -> list[float]:
    ctx = mp.get_context("spawn")
    start, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=keyer, args=(url, periode_id, i, start, out)) for i in range(keyers)]
    for p in procs:
        p.start()
    time.sleep(3)  # every keyer has opened its session
    start.set()
    times = [t for _ in procs for t in out.get(timeout=600)]
    for p in procs:
        p.join()
    return times


def main() -> None:
    base = os.environ.get("SKM_TEST_PG_URL")
    if not base:
        raise SystemExit("SKM_TEST_PG_URL belum di-set: jalankan lewat build/pg-test-cluster.sh")
    tmp = Path(tempfile.mkdtemp(prefix="skm-bench-server-"))
    print(f"{'langkah':<44} {'hasil':>14}")

    for keyers in (1, 5):
        url = fresh_database(base, f"skm_bench_keying_{keyers}")
        with open_database(url) as db:
            create_demo(db, n=1_000)
        with open_database(url) as db, db.read_session() as s:
            from skm_desktop.storage.models import Periode

            pid = max(p.id for p in s.query(Periode).all())
        times = keying(url, pid, keyers)
        q = statistics.quantiles(times, n=20)
        print(
            f"{f'simpan 1 kuesioner, {keyers} pengetik (p50/p95 ms)':<44} {statistics.median(times):6.1f} / {q[18]:5.1f}"
        )

    big = tmp / "r50k.db"
    with open_database(big) as db:
        create_demo(db, n=50_000)
    url = fresh_database(base, "skm_bench_50k")
    t = time.perf_counter()
    pindah(big, url)
    print(f"{'pindah 50.000 responden berkas -> server (s)':<44} {time.perf_counter() - t:14.2f}")
    back = tmp / "kembali.db"
    t = time.perf_counter()
    pindah(url, back)
    print(f"{'pindah 50.000 responden server -> berkas (s)':<44} {time.perf_counter() - t:14.2f}")
    best = float("inf")
    for _ in range(3):
        t = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "skm_desktop", "summary", "--db", url, "--json"], capture_output=True)
        best = min(best, time.perf_counter() - t)
        if r.returncode:
            raise SystemExit(r.stderr.decode())
    print(f"{'summary --json 50.000 di server, proses CLI (s)':<44} {best:14.2f}")
    for name in ("skm_bench_keying_1", "skm_bench_keying_5", "skm_bench_50k"):
        admin_execute(base, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
