"""The Rekap page with a province of units (a script, not a test; issue #15).

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_rekap_page.py [--units 600] [--keep DIR]

Writes one summary sheet (two years of Tahunan rows, real-length unit names), adds it
through RekapService, then times what an operator does on the page: show it (the
years and the newest year's recap), choose the other year, sort by every column
(both ways), filter by a kelompok and by a search text, open the settings dialog —
and the process's memory (VmRSS) before and after. Target: every interaction under
about 200 ms (loading a year reads the database and computes: under 1 s).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=600)
    ap.add_argument("--keep", type=Path, help="folder for the database (kept afterwards)")
    args = ap.parse_args()

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from skm_desktop.services.rekap import RekapService
    from skm_desktop.storage.database import open_database
    from skm_desktop.ui.context import AppContext
    from skm_desktop.ui.rekap import RekapPage
    from skm_desktop.ui.rekap.model import COLUMNS
    from tests.helpers.rekap_city import make_city

    app = QApplication.instance() or QApplication([])
    folder = args.keep or Path(tempfile.mkdtemp(prefix="skm-bench-rekap-page-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = open_database(folder / "provinsi.db")
    t0 = time.perf_counter()
    if not RekapService(db).years():
        make_city(db, folder, args.units)
    print(f"{args.units} units added from one summary sheet: {time.perf_counter() - t0:.2f} s")
    rows: list[tuple[str, float]] = []

    def timed(what: str, fn) -> None:
        t = time.perf_counter()
        fn()
        app.processEvents()
        rows.append((what, (time.perf_counter() - t) * 1000))

    before = rss_mb()
    page = RekapPage(AppContext(db, None, None, "Bench"))
    page.resize(1366, 700)
    timed("page shown (years + newest year)", page.show)
    timed("other year chosen", lambda: page.year_combo.setCurrentIndex(1))
    timed("newest year chosen again", lambda: page.year_combo.setCurrentIndex(0))
    sorts = []
    for col in range(len(COLUMNS)):
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            t = time.perf_counter()
            page.view.sortByColumn(col, order)
            app.processEvents()
            sorts.append(((time.perf_counter() - t) * 1000, COLUMNS[col]))
    worst = max(sorts)
    rows.append((f"sort, slowest of {len(sorts)} (column {worst[1]})", worst[0]))
    timed(
        "filter: one kelompok", lambda: page.kelompok_combo.setCurrentIndex(page.kelompok_combo.findData("Puskesmas"))
    )
    timed("filter: all kelompok", lambda: page.kelompok_combo.setCurrentIndex(0))
    for text in ("p", "pu", "pus", "puskesmas pontianak"):
        timed(f"search typed: '{text}'", lambda text=text: page.search.setText(text))
    timed("search cleared", page.search.clear)
    timed("a unit selected (detail)", lambda: page.view.selectRow(3))
    timed("tab Grafik", lambda: page.tabs.setCurrentIndex(2))
    timed("tab Unit", lambda: page.tabs.setCurrentIndex(0))
    dialogs = []
    timed(
        "settings dialog opened",
        lambda: dialogs.append(page.settings_dialog(int(page.year_combo.currentData()))) or dialogs[-1].show(),
    )
    timed("settings dialog: search typed", lambda: dialogs[-1].search.setText("kelurahan"))
    dlg = dialogs[-1]
    dlg.search.clear()
    dlg.table.item(5, 2).setText(str(int(dlg.table.item(5, 2).text() or 0) + 1))
    timed("settings dialog: a target stored (Simpan)", dlg.save)
    ed = dlg.kelompok_dialog()
    ed.show()
    ed.list.setCurrentRow(ed.list.count() - 3)  # Puskesmas
    old, new = ed.current(), ed.current() + " X"
    ed.name.setText(new)
    timed(f"kelompok list: '{old}' renamed (units, page follow)", ed.rename)
    ed.name.setText(old)
    ed.rename()
    ed.done(0)
    dlg.done(0)
    after = rss_mb()
    for what, ms in rows:
        print(f"{what:<50} {ms:8.1f} ms")
    print(f"{'memory (VmRSS) before / after the page':<50} {before:.0f} MB / {after:.0f} MB")
    db.close()


if __name__ == "__main__":
    main()
