"""Timing of the Hasil and Pengaturan pages with 50,000 questionnaires in the
period. Slow to prepare (bulk insert), so it runs only on request:

    SKM_BENCH=1 QT_QPA_PLATFORM=offscreen python -m pytest tests/ui/test_hasil_timing.py -q -s
"""
from __future__ import annotations

import datetime as dt
import os
import time

import pytest

from skm_desktop.services import setup
from skm_desktop.services.demo import LAYANAN, generate_records
from skm_desktop.services.forms import standard_unsur_set
from skm_desktop.services.importing import bulk_insert
from skm_desktop.storage.models import Periode
from skm_desktop.ui.context import AppContext
from skm_desktop.ui.hasil import HasilPage
from skm_desktop.ui.pengaturan import PengaturanPage

pytestmark = pytest.mark.skipif(not os.environ.get("SKM_BENCH"), reason="benchmark: set SKM_BENCH=1")
N = 50_000


def test_pages_with_50000_questionnaires(qtbot, db):
    uid, pid = setup.create_unit_setup(db, setup.SetupPlan(
        setup.UnitProfile(nama="Unit Uji"), [n for n, _ in LAYANAN], "Tahun 2024",
        dt.date(2024, 1, 1), dt.date(2024, 12, 31), standard_unsur_set()))
    with db.session() as s:
        bulk_insert(s, s.get(Periode, pid), generate_records(N, 1, 2024))
    ctx = AppContext(db, uid, pid)
    timings = {}
    t = time.perf_counter()
    hasil, peng = HasilPage(ctx), PengaturanPage(ctx)
    qtbot.addWidget(hasil)
    qtbot.addWidget(peng)
    timings["both pages built (hidden)"] = time.perf_counter() - t
    t = time.perf_counter()
    hasil.show()
    timings["Hasil shown: IKM per Unsur"] = time.perf_counter() - t
    assert hasil.f_responden.value.text() == "50.000"
    for i in range(1, hasil.tabs.count()):
        t = time.perf_counter()
        hasil.tabs.setCurrentIndex(i)
        timings[f"Hasil tab {hasil.tabs.tabText(i).replace('&&', '&')}"] = time.perf_counter() - t
    t = time.perf_counter()
    peng.show()
    for i in range(1, peng.tabs.count()):
        peng.tabs.setCurrentIndex(i)
    timings["Pengaturan shown + every tab opened"] = time.perf_counter() - t
    for k, v in timings.items():
        print(f"{k}: {v * 1000:.0f} ms")
    assert timings["both pages built (hidden)"] < 1.0  # nothing is computed before a page is shown
    assert timings["Hasil shown: IKM per Unsur"] < 3.0
