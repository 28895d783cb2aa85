"""Benchmark of the laporan's olah-data lampiran for a large unit (issue 14).

    .venv/bin/python tests/benchmarks/bench_documents.py [--n 10000]

Builds the laporan PDF for ``--n`` respondents with the lampiran "lengkap"
(every respondent, compact landscape layout) and "ringkas" (the per-unsur
table and a pointer to the XLSX), and the standalone olah-data PDF; prints the
pages and the wall-clock seconds of each (best of 2; the machine is shared).
Without the ``lampiran`` option (older versions) it measures the one laporan.
"""

from __future__ import annotations

import argparse
import inspect
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402

from skm_desktop.services import documents  # noqa: E402
from tests.benchmarks.bench_reports import best, make_db  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000, help="respondents in the period")
    n = ap.parse_args().n
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
    tmp = Path(tempfile.mkdtemp(prefix="skm-bench-docs-"))
    db, pid = make_db(tmp / "skm.db", n)
    documents.build(db, "kuesioner", tmp / "warm.pdf", pid)  # fonts and imports loaded once
    has_choice = "lampiran" in inspect.signature(documents.build).parameters
    runs: list[tuple[str, str, dict]] = [("olah-data PDF", "olah-data", {})]
    if has_choice:
        runs += [
            ("laporan, lampiran lengkap", "laporan", {"lampiran": "lengkap"}),
            ("laporan, lampiran ringkas", "laporan", {"lampiran": "ringkas"}),
        ]
    else:
        runs.append(("laporan (one lampiran layout)", "laporan", {}))
    print(f"{'dokumen (' + format(n, ',') + ' responden)':<40} {'halaman':>8} {'detik':>7}")
    for label, kind, kw in runs:
        out = tmp / f"{kind}-{len(kw) and kw['lampiran']}.pdf"
        t = best(lambda: documents.build(db, kind, out, pid, **kw), 2)  # noqa: B023
        print(f"{label:<40} {len(PdfReader(str(out)).pages):>8} {t:>7.2f}")
    db.close()


if __name__ == "__main__":
    t0 = time.perf_counter()
    main()
    print(f"(total {time.perf_counter() - t0:.0f} s)")
