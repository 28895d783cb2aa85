"""The operator app's Kios page: settings, PIN, review of held kiosk responses."""

import sys

from PySide6.QtCore import QPoint, QProcess, Qt

from skm_desktop.services import kiosk as ks
from skm_desktop.services import results, survey
from skm_desktop.ui.context import AppContext
from skm_desktop.ui.kiosk import settings as settings_mod
from skm_desktop.ui.kiosk.settings import KioskSettingsPage
from skm_desktop.ui.pages import PAGES

ANS = (4, 3, 3, 4, 2, 3, 4, 1, 3)


def make(qtbot, db, pid):
    ctx = AppContext(db, periode_id=pid, operator="Rina")
    page = KioskSettingsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    return page, ctx


def test_registered_in_operator_app(qtbot, kdb, pid):
    page = dict(PAGES)["Kios"](AppContext(kdb, periode_id=pid), None)
    qtbot.addWidget(page)
    assert isinstance(page, KioskSettingsPage)


def test_settings_saved_from_the_form(qtbot, kdb, pid):
    page, _ = make(qtbot, kdb, pid)
    assert page.boxes["tanya_usia"].isChecked()
    qtbot.mouseClick(page.boxes["tanya_usia"], Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    page.idle.selectAll()
    qtbot.keyClicks(page.idle, "45")
    page.gap.selectAll()
    qtbot.keyClicks(page.gap, "30")
    qtbot.mouseClick(page.high_contrast, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    page.welcome.selectAll()
    qtbot.keyClicks(page.welcome, "Selamat datang di Puskesmas")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    st = ks.load_settings(kdb)
    assert st.tanya_usia is False and st.batas_diam == 45 and st.jeda_minimum == 30
    assert st.kontras_tinggi is True and st.teks_sambutan == "Selamat datang di Puskesmas"
    assert "disimpan" in page.status.text()


def test_pin_set_and_mismatch(qtbot, kdb, pid):
    page, _ = make(qtbot, kdb, pid)
    assert "sudah diatur" in page.pin_state.text()
    qtbot.keyClicks(page.pin1, "13579")
    qtbot.keyClicks(page.pin2, "13570")
    qtbot.mouseClick(page.pin_button, Qt.MouseButton.LeftButton)
    assert "tidak sama" in page.status.text()
    assert ks.verify_pin(kdb, "2468")  # unchanged
    page.pin2.clear()
    qtbot.keyClicks(page.pin2, "13579")
    qtbot.mouseClick(page.pin_button, Qt.MouseButton.LeftButton)
    assert ks.verify_pin(kdb, "13579") and not ks.verify_pin(kdb, "2468")
    assert page.pin1.text() == "" and "PIN kios disimpan" in page.status.text()


def test_review_accept_and_delete(qtbot, kdb, pid, monkeypatch):
    st = ks.KioskSettings(jeda_minimum=0, detik_per_unsur=1.5)
    ok = ks.save_response(kdb, pid, ks.KioskResponse.of(ANS, durasi=60), settings=st)
    a = ks.save_response(kdb, pid, ks.KioskResponse.of(ANS, layanan="Legalisasi Dokumen", durasi=3), settings=st)
    b = ks.save_response(kdb, pid, ks.KioskResponse.of(ANS, durasi=2), settings=st)
    assert not ok.ditahan and a.ditahan and b.ditahan
    page, ctx = make(qtbot, kdb, pid)
    assert page.table.rowCount() == 2
    assert "1 kuesioner kios dihitung" in page.counts.text() and "2 ditahan" in page.counts.text()
    assert "terlalu cepat" in page.table.item(0, 4).text()
    assert page.table.item(0, 2).text() == "Legalisasi Dokumen"
    changed = []
    ctx.dataChanged.connect(lambda: changed.append(1))
    page.table.selectRow(0)
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    assert changed and page.table.rowCount() == 1
    with kdb.read_session() as s:
        assert results.summary(s, pid).respondents == 2
    asked = []
    monkeypatch.setattr(settings_mod, "ask", lambda *a, **k: asked.append((a, k)) or True)
    page.table.selectRow(0)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == 0 and not page.accept_button.isEnabled()
    assert asked and asked[0][1]["yes"] == "Hapus" and "tidak dapat dibatalkan" in asked[0][0][2]
    with kdb.read_session() as s:
        assert survey.respondent_count(s, pid, include_held=True) == 2


def test_open_kiosk_button_starts_a_separate_process(qtbot, kdb, pid, monkeypatch):
    calls = []
    monkeypatch.setattr(
        QProcess, "startDetached", staticmethod(lambda prog, args: calls.append((prog, args)) or (True, 4321))
    )
    page, _ = make(qtbot, kdb, pid)
    assert page.launch_button.text() == "Buka mode kios"
    assert all("--kiosk" not in label.text() for label in page.findChildren(type(page.status)))
    monkeypatch.delattr(sys, "frozen", raising=False)
    qtbot.mouseClick(page.launch_button, Qt.MouseButton.LeftButton)
    assert calls == [(sys.executable, ["-m", "skm_desktop", "--kiosk", "--db", str(kdb.path)])]
    assert "sedang dibuka" in page.status.text()
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    qtbot.mouseClick(page.launch_button, Qt.MouseButton.LeftButton)
    assert calls[1] == (sys.executable, ["--kiosk", "--db", str(kdb.path)])


def test_open_kiosk_failure_and_missing_pin_explained(qtbot, kdb, pid, monkeypatch):
    monkeypatch.setattr(QProcess, "startDetached", staticmethod(lambda prog, args: (False, -1)))
    page, _ = make(qtbot, kdb, pid)
    qtbot.mouseClick(page.launch_button, Qt.MouseButton.LeftButton)
    assert "gagal dibuka" in page.status.text()
    monkeypatch.setattr(settings_mod.ks, "has_pin", lambda db: False)
    calls = []
    monkeypatch.setattr(QProcess, "startDetached", staticmethod(lambda *a: calls.append(a) or (True, 1)))
    qtbot.mouseClick(page.launch_button, Qt.MouseButton.LeftButton)
    assert not calls and "PIN keluar kios belum diatur" in page.status.text()


def test_held_table_headers_shown_in_full(qtbot, kdb, pid):
    page, _ = make(qtbot, kdb, pid)
    hh = page.table.horizontalHeader()
    for c in range(4):
        text = page.table.horizontalHeaderItem(c).text()
        assert "…" not in text
        assert hh.sectionSize(c) >= hh.fontMetrics().horizontalAdvance(text)


def test_unusable_stored_pin_is_shown_and_blocks_the_kiosk(qtbot, kdb, pid, monkeypatch):
    import json

    from skm_desktop.storage.models import Pengaturan

    with kdb.session() as s:
        row = s.get(Pengaturan, ks.PIN_KEY)
        d = json.loads(row.nilai)
        d["iterasi"] = 1  # tampered with: far too weak
        row.nilai = json.dumps(d)
    calls = []
    monkeypatch.setattr(QProcess, "startDetached", staticmethod(lambda *a: calls.append(a) or (True, 1)))
    page, _ = make(qtbot, kdb, pid)
    assert "mengatur PIN lagi" in page.pin_state.text()
    qtbot.mouseClick(page.launch_button, Qt.MouseButton.LeftButton)
    assert not calls and "mengatur PIN lagi" in page.status.text()
