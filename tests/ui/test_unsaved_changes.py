"""No typed value is thrown away without the question "Simpan / Buang / Batal":
Pengaturan tabs, main-window pages, the period selector and quitting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from skm_desktop.domain import sample
from skm_desktop.services import kiosk as ks
from skm_desktop.services import laporan_teks, setup
from skm_desktop.services.demo import create_demo
from skm_desktop.ui import main_window as mw
from skm_desktop.ui.pages import PAGES
from tests.ui.modal_answers import Answers, hard_timeout

PENGATURAN = [t for t, _f in PAGES].index("Pengaturan")
KIOS = [t for t, _f in PAGES].index("Kios")
QUESTION = "Ada perubahan yang belum disimpan di Pengaturan > Target Sampel. Simpan perubahan?"


@pytest.fixture(autouse=True)
def never_hang():
    with hard_timeout(120):
        yield


@pytest.fixture
def win(qtbot, db):
    create_demo(db, n=40)
    w = mw.MainWindow(db, "Tes")
    w.resize(1366, 740)
    w.show()
    qtbot.waitExposed(w)
    yield w
    # closed here, not by qtbot (which closes its widgets before fixtures end): a failed
    # test must not leave the question waiting at this close
    w.may_discard_unsaved = lambda: True
    w.close()
    w.deleteLater()


def click_tab(qtbot, tabs, index):
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())


def open_target(qtbot, w):
    click_tab(qtbot, w.tabs, PENGATURAN)
    view = w.page(PENGATURAN)
    click_tab(qtbot, view.tabs, view.tabs.indexOf(view.target))
    assert view.tabs.currentWidget() is view.target
    return view


def type_population(qtbot, view, text):
    spin = view.target._spin(0)
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, text)
    return spin


def stored_population(db, pid):
    return setup.target_rows(db, pid)[0].populasi


def answering(qtbot, *buttons):
    return Answers(qtbot, *buttons)


def finish(driver):
    return driver.finish()


def test_tab_switch_asks_batal_buang_simpan(qtbot, win, db):
    view = open_target(qtbot, win)
    pid = win.ctx.periode_id
    before = stored_population(db, pid)
    assert before != 777
    type_population(qtbot, view, "777")
    metode = setup.target_rows(db, pid)[0].metode
    assert view.target.table.item(0, 3).text() == f"{sample.target(777, metode)} (belum disimpan)"
    unsur_index = view.tabs.indexOf(view.unsur)

    # Batal: stays on the tab, the value typed stays; while asked, the tab asked about is shown
    drv = Answers(qtbot, "unsavedBatal", look=lambda: (view.tabs.currentWidget(), win.tabs.currentIndex()))
    click_tab(qtbot, view.tabs, unsur_index)
    texts = finish(drv)
    assert texts[0].startswith(QUESTION)
    assert drv.looked == [(view.target, PENGATURAN)]
    assert view.tabs.currentWidget() is view.target
    assert view.target._spin(0).value() == 777 and view.target.has_unsaved_changes()
    assert stored_population(db, pid) == before

    # Buang: goes to the other tab, nothing stored; back on the tab the stored value shows
    drv = answering(qtbot, "unsavedBuang")
    click_tab(qtbot, view.tabs, unsur_index)
    finish(drv)
    assert view.tabs.currentWidget() is view.unsur
    assert stored_population(db, pid) == before
    click_tab(qtbot, view.tabs, view.tabs.indexOf(view.target))
    assert view.target._spin(0).value() == (before or 0) and not view.target.has_unsaved_changes()

    # Simpan: stored, then the switch happens; reopening the view shows it
    type_population(qtbot, view, "777")
    drv = answering(qtbot, "unsavedSimpan")
    click_tab(qtbot, view.tabs, unsur_index)
    finish(drv)
    assert view.tabs.currentWidget() is view.unsur
    row = setup.target_rows(db, pid)[0]
    assert (row.populasi, row.target) == (777, sample.target(777, row.metode))
    click_tab(qtbot, view.tabs, view.tabs.indexOf(view.target))
    assert view.target._spin(0).value() == 777
    assert view.target.table.item(0, 3).text() == str(row.target)
    # no question once everything is stored
    drv = answering(qtbot)
    click_tab(qtbot, view.tabs, unsur_index)
    assert view.tabs.currentWidget() is view.unsur and finish(drv) == []


def test_quit_asks(qtbot, win, db):
    view = open_target(qtbot, win)
    pid = win.ctx.periode_id
    type_population(qtbot, view, "1500")
    drv = answering(qtbot, "unsavedBatal")
    assert not win.close()
    assert finish(drv)[0].startswith(QUESTION)
    assert win.isVisible() and view.target._spin(0).value() == 1500
    drv = answering(qtbot, "unsavedSimpan")
    assert win.close()
    finish(drv)
    assert not win.isVisible()
    assert stored_population(db, pid) == 1500


def test_quit_buang_closes_without_storing(qtbot, win, db):
    view = open_target(qtbot, win)
    pid = win.ctx.periode_id
    before = stored_population(db, pid)
    type_population(qtbot, view, "1500")
    drv = answering(qtbot, "unsavedBuang")
    assert win.close()
    finish(drv)
    assert stored_population(db, pid) == before


def test_page_switch_asks(qtbot, win, db):
    view = open_target(qtbot, win)
    pid = win.ctx.periode_id
    type_population(qtbot, view, "640")
    drv = Answers(qtbot, "unsavedBatal", look=win.tabs.currentIndex)
    click_tab(qtbot, win.tabs, 0)
    assert finish(drv)[0].startswith(QUESTION)
    assert drv.looked == [PENGATURAN]  # the page asked about stays in sight while asked
    assert win.tabs.currentIndex() == PENGATURAN and view.target._spin(0).value() == 640
    # Ctrl+1 (the keyboard way) asks the same; the offscreen window is never active, so
    # the shortcut's action is triggered as the key would
    drv = answering(qtbot, "unsavedSimpan")
    shortcut = {a.shortcut().toString(): a for a in win.actions()}["Ctrl+1"]
    shortcut.trigger()
    finish(drv)
    assert win.tabs.currentIndex() == 0
    assert stored_population(db, pid) == 640


def test_period_switch_asks(qtbot, win, db):
    view = open_target(qtbot, win)
    pid = win.ctx.periode_id
    assert win.periode_combo.count() >= 2
    other = next(i for i in range(win.periode_combo.count()) if win.periode_combo.itemData(i) != pid)
    type_population(qtbot, view, "321")
    drv = answering(qtbot, "unsavedBatal")
    win.periode_combo.setCurrentIndex(other)
    finish(drv)
    assert win.ctx.periode_id == pid and win.periode_combo.currentData() == pid
    assert view.target._spin(0).value() == 321
    drv = answering(qtbot, "unsavedBuang")
    win.periode_combo.setCurrentIndex(other)
    finish(drv)
    assert win.ctx.periode_id == win.periode_combo.itemData(other)
    assert not view.target.has_unsaved_changes()


def test_profile_and_kiosk_pages_ask_too(qtbot, win, db):
    click_tab(qtbot, win.tabs, PENGATURAN)
    view = win.page(PENGATURAN)
    click_tab(qtbot, view.tabs, view.tabs.indexOf(view.profil))
    view.profil.telepon.setFocus()
    qtbot.keyClick(view.profil.telepon, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(view.profil.telepon, "(021) 777-1234")
    drv = answering(qtbot, "unsavedSimpan")
    click_tab(qtbot, win.tabs, KIOS)
    assert "di Pengaturan > Profil Unit." in finish(drv)[0]
    assert setup.get_profile(db, win.ctx.unit_id).telepon == "(021) 777-1234"
    assert win.tabs.currentIndex() == KIOS

    kios = win.page(KIOS)
    kios.idle.setFocus()
    qtbot.keyClick(kios.idle, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(kios.idle, "120")
    drv = answering(qtbot, "unsavedBatal")
    click_tab(qtbot, win.tabs, 0)
    assert "di halaman Kios." in finish(drv)[0]
    assert win.tabs.currentIndex() == KIOS
    drv = answering(qtbot, "unsavedSimpan")
    click_tab(qtbot, win.tabs, 0)
    finish(drv)
    assert ks.load_settings(db).batas_diam == 120 and win.tabs.currentIndex() == 0


def test_refused_save_keeps_the_user_there(qtbot, win, db):
    """Simpan that the service refuses: the refusal is shown and nothing is switched."""
    click_tab(qtbot, win.tabs, PENGATURAN)
    view = win.page(PENGATURAN)
    click_tab(qtbot, view.tabs, view.tabs.indexOf(view.profil))
    view.profil.pejabat_nip.setFocus()
    qtbot.keyClicks(view.profil.pejabat_nip, "123")
    drv = answering(qtbot, "unsavedSimpan")
    click_tab(qtbot, view.tabs, view.tabs.indexOf(view.layanan))
    finish(drv)
    assert view.tabs.currentWidget() is view.profil
    assert "NIP" in view.profil.message.text()
    assert QApplication.activeModalWidget() is None


# ---------------------------------------------------------------- Dokumen editors
@pytest.fixture
def dok(qtbot, db, request):
    view = request.getfixturevalue("page")  # the Dokumen page of tests/ui/test_dokumen.py
    yield view
    view.close()  # the view alone asks nothing on close; the editors are left as they are


def stored_teks(view, key):
    with view.ctx.db.read_session() as s:
        return laporan_teks.get_teks(s, view.ctx.unit_id, view.ctx.periode_id, key)


def test_dokumen_texts_ask_before_another_part_tab_or_period(qtbot, dok):
    view = dok
    click_tab(qtbot, view.tabs, view.TAB_TEKS)
    t = view.teks
    keys = list(laporan_teks.TEKS_KEYS)
    t.keys.setCurrentRow(keys.index("kata_pengantar"))
    before = stored_teks(view, "kata_pengantar").isi
    t.edit.setFocus()
    t.edit.selectAll()
    qtbot.keyClicks(t.edit, "Pengantar yang belum disimpan.")
    other = t.keys.visualItemRect(t.keys.item(keys.index("analisis"))).center()

    drv = answering(qtbot, "unsavedBatal")  # another part: Batal keeps the text and the part
    qtbot.mouseClick(t.keys.viewport(), Qt.MouseButton.LeftButton, pos=other)
    assert "di Dokumen > Teks Laporan." in finish(drv)[0]
    assert t.key() == "kata_pengantar" and t.edit.toPlainText() == "Pengantar yang belum disimpan."

    drv = answering(qtbot, "unsavedBatal")  # another tab: the same
    click_tab(qtbot, view.tabs, view.TAB_RTL)
    finish(drv)
    assert view.tabs.currentIndex() == view.TAB_TEKS and t.has_unsaved_changes()

    drv = answering(qtbot, "unsavedBuang")  # Buang: the other part shows, nothing stored
    qtbot.mouseClick(t.keys.viewport(), Qt.MouseButton.LeftButton, pos=other)
    finish(drv)
    assert t.key() == "analisis" and stored_teks(view, "kata_pengantar").isi == before

    t.keys.setCurrentRow(keys.index("kata_pengantar"))
    t.edit.selectAll()
    qtbot.keyClicks(t.edit, "Pengantar final.")
    drv = answering(qtbot, "unsavedSimpan")  # Simpan: stored under the part it was typed for
    qtbot.mouseClick(t.keys.viewport(), Qt.MouseButton.LeftButton, pos=other)
    finish(drv)
    assert t.key() == "analisis" and stored_teks(view, "kata_pengantar").isi == "Pengantar final."
    assert stored_teks(view, "analisis").isi != "Pengantar final."

    t.edit.selectAll()
    qtbot.keyClicks(t.edit, "Analisis sendiri.")
    pid = view.periode_id()
    drv = answering(qtbot, "unsavedBatal")  # the period selector of the view asks too
    view.periode.setCurrentIndex(0 if view.periode.currentIndex() else 1)
    finish(drv)
    assert view.periode_id() == pid and t.edit.toPlainText() == "Analisis sendiri."


def test_dokumen_rtl_asks_before_another_row(qtbot, dok):
    view = dok
    click_tab(qtbot, view.tabs, view.TAB_RTL)
    r = view.rtl
    assert r.table.rowCount() >= 2
    r.table.selectRow(0)
    first = r.shown
    _type_line(qtbot, r.program, "Program yang diubah")
    drv = answering(qtbot, "unsavedBatal")
    r.table.selectRow(1)
    assert "di Dokumen > Rencana Tindak Lanjut." in finish(drv)[0]
    assert r.shown is first and r.program.text() == "Program yang diubah"
    assert [i.row() for i in r.table.selectionModel().selectedRows()] == [0]
    drv = answering(qtbot, "unsavedSimpan")
    r.table.selectRow(1)
    finish(drv)
    stored = {i.id: i.program for i in view.service.rtl(view.periode_id()).items}
    assert stored[first.id] == "Program yang diubah"
    # a refused save (no program) keeps the operator on the row
    r.table.selectRow(0)
    _type_line(qtbot, r.program, "")
    drv = answering(qtbot, "unsavedSimpan")
    r.table.selectRow(1)
    finish(drv)
    assert "wajib diisi" in r.status.text() and r.shown.id == first.id


def test_dokumen_ikm_lalu_asks_before_another_tab(qtbot, dok):
    view = dok
    click_tab(qtbot, view.tabs, view.TAB_IKM)
    k = view.ikm
    n = k.table.rowCount()
    _type_line(qtbot, k.label, "2020")
    _type_line(qtbot, k.value, "80,25")
    drv = answering(qtbot, "unsavedSimpan")
    click_tab(qtbot, view.tabs, view.TAB_TEKS)
    assert "di Dokumen > IKM Tahun Lalu." in finish(drv)[0]
    assert view.tabs.currentIndex() == view.TAB_TEKS
    assert "2020" in [i.label for i in view.service.ikm_lalu(view.ctx.unit_id).items]
    click_tab(qtbot, view.tabs, view.TAB_IKM)
    assert k.table.rowCount() == n + 1 and not k.has_unsaved_changes()


def _type_line(qtbot, widget, text):
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


# ---------------------------------------------------------------- stored and shown after a restart
def test_population_saved_with_the_button_is_shown_after_restart(qtbot, win, db):
    view = open_target(qtbot, win)
    pid = win.ctx.periode_id
    assert setup.target_rows(db, pid)[0].metode != "slovin-5"
    view.target._combo(0).setCurrentIndex(view.target._combo(0).findData("slovin-5"))
    type_population(qtbot, view, "2500")
    qtbot.mouseClick(view.target.save_button, Qt.MouseButton.LeftButton)
    row = setup.target_rows(db, pid)[0]
    assert (row.populasi, row.metode, row.target) == (2500, "slovin-5", sample.target(2500, "slovin-5"))
    drv = answering(qtbot)  # nothing unsaved: quitting asks nothing
    assert win.close()
    finish(drv)
    db_path = db.path
    db.close()
    from skm_desktop.storage.database import open_database

    again = open_database(db_path)
    try:
        w2 = mw.MainWindow(again, "Tes")
        w2.show()
        qtbot.waitExposed(w2)
        page2 = open_target(qtbot, w2)
        assert page2.target._spin(0).value() == 2500
        assert page2.target._combo(0).currentData() == "slovin-5"
        assert page2.target.table.item(0, 3).text() == str(sample.target(2500, "slovin-5"))
        w2.close()
        w2.deleteLater()
    finally:
        again.close()
