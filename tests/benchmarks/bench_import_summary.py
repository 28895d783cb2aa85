"""Benchmark: CLI import (CSV, XLSX) of 10,000 and 50,000 respondents including
process start, summary computation at 100 / 10,000 / 50,000, and CLI
`summary --json` at 10,000.

    .venv/bin/python tests/benchmarks/bench_import_summary.py

Targets (issue #3): import 10,000 CSV ≤ 1.5 s, XLSX ≤ 3 s; summary ≤ 0.15 s at
10,000 and ≤ 0.5 s at 50,000; CLI summary --json ≤ 1 s at 10,000.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from skm_desktop.io.respondents import write_csv, write_xlsx  # noqa: E402
from skm_desktop.services.demo import generate_records  # noqa: E402

CODES = [f"U{i}" for i in range(1, 10)]


def cli(*args) -> float:
    t = time.perf_counter()
    r = subprocess.run([sys.executable, "-m", "skm_desktop", *args], capture_output=True, text=True)
    dt = time.perf_counter() - t
    if r.returncode != 0:
        raise SystemExit(f"gagal: {args}\n{r.stderr}")
    return dt


def best(fn, n=3):
    return min(fn() for _ in range(n))


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="skm-bench-"))
    print(f"{'ukuran':>8} {'langkah':<28} {'detik':>8}")
    for n in (10_000, 50_000):
        recs = generate_records(n, seed=7)
        csv_path, xlsx_path = tmp / f"r{n}.csv", tmp / f"r{n}.xlsx"
        write_csv(csv_path, CODES, recs)
        write_xlsx(xlsx_path, CODES, recs)
        for kind, path in (("csv", csv_path), ("xlsx", xlsx_path)):

            def run():
                db = tmp / f"imp-{n}-{kind}.db"
                for suffix in ("", "-wal", "-shm"):
                    Path(str(db) + suffix).unlink(missing_ok=True)
                return cli("import", str(path), "--db", str(db), "--periode", "Bench")

            print(f"{n:>8} {'import CLI ' + kind + ' (db baru)':<28} {best(run):>8.3f}")

    from skm_desktop.services import results, survey
    from skm_desktop.services.importing import bulk_insert
    from skm_desktop.storage.database import open_database

    for n in (100, 10_000, 50_000):
        db_path = tmp / f"sum-{n}.db"
        db = open_database(db_path)
        with db.session() as s:
            u = survey.create_unit(s, "Bench")
            p = survey.create_periode(s, u.id, "Bench")
            for name in (
                "Surat Keterangan Domisili",
                "Pengantar KTP-el dan KK",
                "Surat Keterangan Tidak Mampu",
                "Surat Pengantar Nikah",
                "Legalisasi Dokumen",
            ):
                survey.add_layanan(s, u.id, name)
            bulk_insert(s, p, generate_records(n, seed=3))
            pid = p.id
        times = []
        for _ in range(5):
            with db.read_session() as s:
                t = time.perf_counter()
                results.summary(s, pid)
                times.append(time.perf_counter() - t)
        print(f"{n:>8} {'summary (hitung, median)':<28} {statistics.median(times):>8.3f}")
        times = []
        for _ in range(3):
            with db.read_session() as s:
                t = time.perf_counter()
                results.summary_dict(s, pid)
                times.append(time.perf_counter() - t)
        print(f"{n:>8} {'summary + karakteristik':<28} {statistics.median(times):>8.3f}")
        db.close()
        if n == 10_000:
            print(
                f"{n:>8} {'CLI summary --json':<28} {best(lambda: cli('summary', '--db', str(db_path), '--json')):>8.3f}"
            )


if __name__ == "__main__":
    main()
