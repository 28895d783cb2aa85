"""The operator app's Kios page: settings, PIN, review of held kiosk responses."""
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from skm_desktop.services import kiosk as ks
from skm_desktop.services import results, survey
from skm_desktop.ui.context import AppContext
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


def test_registered_in_operator_app():
    assert ("Kios", "skm_desktop.ui.kiosk.settings:KioskSettingsPage") in PAGES


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
    assert ks.verify_pin(kdb, "2468")               # unchanged
    page.pin2.clear()
    qtbot.keyClicks(page.pin2, "13579")
    qtbot.mouseClick(page.pin_button, Qt.MouseButton.LeftButton)
    assert ks.verify_pin(kdb, "13579") and not ks.verify_pin(kdb, "2468")
    assert page.pin1.text() == "" and "PIN kios disimpan" in page.status.text()


def test_review_accept_and_delete(qtbot, kdb, pid, monkeypatch):
    st = ks.KioskSettings(jeda_minimum=0, detik_per_unsur=1.5)
    ok = ks.save_response(kdb, pid, ks.KioskResponse(ANS, durasi=60), settings=st)
    a = ks.save_response(kdb, pid, ks.KioskResponse(ANS, layanan="Legalisasi Dokumen", durasi=3), settings=st)
    b = ks.save_response(kdb, pid, ks.KioskResponse(ANS, durasi=2), settings=st)
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
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.table.selectRow(0)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == 0 and not page.accept_button.isEnabled()
    with kdb.read_session() as s:
        assert survey.respondent_count(s, pid, include_held=True) == 2
