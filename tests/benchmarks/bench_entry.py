"""Benchmark of the entry screen (a script, not a test):

1. keystroke -> live panel updated (and repainted) with 50,000 respondents in
   the period: every answer key goes through the engine's incremental tally;
2. window open: from starting ``skm-desktop --db FILE`` (a fresh Python
   process calling ``skm_desktop.ui.app.run``) until the main window is
   painted, on the demo database and on the 50,000-respondent one.

Run:  QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_entry.py [--n 50000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CHILD = r"""
import sys, time
t_start = float(sys.argv[2])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import skm_desktop.ui.main_window as mw
mw.ask_operator = lambda parent=None: "Benchmark"   # the once-per-session question is not timed
class FirstPaint(QObject):
    done = False
    def eventFilter(self, obj, ev):
        if not self.done and ev.type() == QEvent.Type.Paint and isinstance(obj, mw.MainWindow):
            self.done = True
            print(f"SHOWN {time.time() - t_start:.3f} {time.process_time():.3f}", flush=True)
            QTimer.singleShot(0, QApplication.instance().quit)
        return False
from skm_desktop.ui.app import make_application, run
app = make_application()
f = FirstPaint(); app.installEventFilter(f)
sys.exit(run(sys.argv[1]))
"""


def make_db(path: Path, n: int):
    from skm_desktop.services import demo, survey
    from skm_desktop.services.importing import bulk_insert
    from skm_desktop.storage.database import open_database

    db = open_database(path)
    with db.session() as s:
        u = survey.create_unit(s, "Kelurahan Benchmark")
        for name, _ in demo.LAYANAN:
            survey.add_layanan(s, u.id, name)
        p = survey.create_periode(s, u.id, "2024", None, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        bulk_insert(s, p, demo.generate_records(n, seed=11))
    return db


def window_open(path: Path, runs: int = 3) -> list[tuple[float, float]]:
    out = []
    for _ in range(runs):
        t0 = time.time()
        r = subprocess.run(
            [sys.executable, "-c", CHILD, str(path), repr(t0)],
            capture_output=True,
            text=True,
            timeout=120,
            env={**os.environ, "QT_QPA_PLATFORM": os.environ["QT_QPA_PLATFORM"]},
        )
        line = next((l for l in r.stdout.splitlines() if l.startswith("SHOWN")), None)
        if line is None:
            raise SystemExit(f"the window did not open:\n{r.stdout}\n{r.stderr}")
        out.append((float(line.split()[1]), float(line.split()[2])))
    return out


def keystrokes(path: Path, forms: int = 25):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from skm_desktop.storage.database import open_database
    from skm_desktop.ui.app import make_application
    from skm_desktop.ui.main_window import MainWindow

    app = make_application()
    db = open_database(path)
    w = MainWindow(db, "Benchmark")
    w.resize(1366, 740)
    w.show()
    app.processEvents()
    page = w.pages[0]
    g = page.grid
    n0 = page.session.count
    answer_ms, commit_ms = [], []
    updated = []
    page.panelUpdated.connect(lambda: updated.append(time.perf_counter()))
    for _f in range(forms):
        for k in "14234":
            QTest.keyClick(g, k)
        app.processEvents()
        for i, k in enumerate("344343432"):
            updated.clear()
            c0, t0 = time.process_time(), time.perf_counter()
            QTest.keyClick(g, k)
            page.panel.repaint()  # the figures are on screen, not only in the labels
            t1, c1 = time.perf_counter(), time.process_time()
            assert updated, "panel not updated by an answer key"
            (commit_ms if i == 8 else answer_ms).append(((t1 - t0) * 1000, (c1 - c0) * 1000))
            app.processEvents()
        QTest.keyClick(g, Qt.Key.Key_Return)
        app.processEvents()
    stored = page.session.count - n0
    w.close()
    db.close()
    return answer_ms, commit_ms, stored


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=50_000)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "besar.db"
        t = time.perf_counter()
        make_db(big, a.n).close()
        print(f"database with {a.n:,} respondents created in {time.perf_counter() - t:.1f} s")
        demo_path = Path(tmp) / "demo.db"
        from skm_desktop.services.demo import create_demo
        from skm_desktop.storage.database import open_database

        d = open_database(demo_path)
        create_demo(d)
        d.close()

        for label, path in (
            ("demo database (320 + 240 respondents)", demo_path),
            (f"{a.n:,} respondents in the period", big),
        ):
            runs = window_open(path)
            wall = [x for x, _ in runs]
            cpu = [c for _, c in runs]
            print(
                f"window open, {label}: median {statistics.median(wall):.2f} s wall "
                f"(runs {', '.join(f'{x:.2f}' for x in wall)}), {statistics.median(cpu):.2f} s CPU of the "
                f"process; target < 3 s"
            )

        ans, com, stored = keystrokes(big)
        for label, xs in (
            (f"keystroke -> panel updated+painted, {a.n:,} respondents in the period ({len(ans)} answer keys)", ans),
            (f"last answer key (row stored in one transaction, fsync, + panel), {len(com)} forms", com),
        ):
            wall = [w for w, _ in xs]
            cpu = [c for _, c in xs]
            print(
                f"{label}: wall median {statistics.median(wall):.1f} ms, p95 {pct(wall, 95):.1f} ms, "
                f"max {max(wall):.1f} ms; CPU median {statistics.median(cpu):.1f} ms, p95 {pct(cpu, 95):.1f} ms"
            )
        print(f"forms stored: {stored}")


if __name__ == "__main__":
    main()
