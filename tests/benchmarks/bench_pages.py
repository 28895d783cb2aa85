"""Benchmark of the Hasil and Pengaturan pages (a script, not a test) with
50,000 questionnaires in the period: building both pages (hidden), showing
Hasil, opening each of its tabs, showing Pengaturan and opening every tab.

Run:  QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_pages.py [--n 50000]

Targets: both pages built (hidden) < 1 s (nothing is computed before a page is
shown); Hasil shown (IKM per Unsur) < 3 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

TARGETS = {"both pages built (hidden)": 1.0, "Hasil shown: IKM per Unsur": 3.0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=50_000, help="questionnaires in the period")
    n = ap.parse_args().n

    from PySide6.QtWidgets import QApplication

    from skm_desktop.services import setup
    from skm_desktop.services.demo import LAYANAN, generate_records
    from skm_desktop.services.forms import standard_unsur_set
    from skm_desktop.services.importing import bulk_insert
    from skm_desktop.storage.database import open_database
    from skm_desktop.storage.models import Periode
    from skm_desktop.ui.context import AppContext
    from skm_desktop.ui.hasil import HasilPage
    from skm_desktop.ui.pengaturan import PengaturanPage

    app = QApplication.instance() or QApplication([])
    tmp = Path(tempfile.mkdtemp(prefix="skm-bench-pages-"))
    with open_database(tmp / "skm.db") as db:
        uid, pid = setup.create_unit_setup(
            db,
            setup.SetupPlan(
                setup.UnitProfile(nama="Unit Uji"),
                [name for name, _ in LAYANAN],
                "Tahun 2024",
                dt.date(2024, 1, 1),
                dt.date(2024, 12, 31),
                standard_unsur_set(),
            ),
        )
        with db.session() as s:
            bulk_insert(s, s.get(Periode, pid), generate_records(n, 1, 2024))
        ctx = AppContext(db, uid, pid)
        timings: dict[str, float] = {}
        t = time.perf_counter()
        hasil, peng = HasilPage(ctx), PengaturanPage(ctx)
        timings["both pages built (hidden)"] = time.perf_counter() - t
        t = time.perf_counter()
        hasil.show()
        app.processEvents()
        timings["Hasil shown: IKM per Unsur"] = time.perf_counter() - t
        print(f"responden di halaman Hasil: {hasil.f_responden.value.text()}")
        for i in range(1, hasil.tabs.count()):
            t = time.perf_counter()
            hasil.tabs.setCurrentIndex(i)
            app.processEvents()
            timings[f"Hasil tab {hasil.tabs.tabText(i).replace('&&', '&')}"] = time.perf_counter() - t
        t = time.perf_counter()
        peng.show()
        for i in range(1, peng.tabs.count()):
            peng.tabs.setCurrentIndex(i)
        app.processEvents()
        timings["Pengaturan shown + every tab opened"] = time.perf_counter() - t
        hasil.close()
        peng.close()
    print(f"{'langkah':<44} {'ms':>8}  target")
    for k, v in timings.items():
        target = TARGETS.get(k)
        verdict = "" if target is None else f"< {target * 1000:.0f} ms {'ok' if v < target else 'LAMBAT'}"
        print(f"{k:<44} {v * 1000:>8.0f}  {verdict}")


if __name__ == "__main__":
    main()
