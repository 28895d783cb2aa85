"""The kelompok list edited as an operator would: Kelompok, target dan sasaran… ›
Daftar kelompok…, add one (typed, Enter), rename one that units have (clicked, typed,
"Ganti nama") — the units, the kelompok choices of the settings table and the page's
kelompok filter show the new name at once —, remove one still in use (refused, named),
move one up, and the standard list back (asked first)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from skm_desktop.domain import rekap
from skm_desktop.ui.rekap.dialogs import COL_KELOMPOK, COL_NAMA
from skm_desktop.ui.rekap.model import COL_KELOMPOK as PAGE_COL_KELOMPOK
from tests.helpers.dialogs import click_message_button
from tests.helpers.rekap_window import rekap_window

NEW_NAME = "Pusat Kesehatan Masyarakat"


@pytest.fixture
def settings(qtbot, tmp_path):
    with rekap_window(qtbot, tmp_path, 24) as (w, n, _db):
        page = w.page(n)
        dlg = page.settings_dialog(int(page.year_combo.currentData()))
        dlg.show()
        yield page, dlg
        dlg.done(0)


def item_named(lst, name):
    return next(lst.item(i) for i in range(lst.count()) if lst.item(i).data(Qt.ItemDataRole.UserRole) == name)


def click_item(qtbot, lst, name):
    it = item_named(lst, name)
    lst.scrollToItem(it)
    qtbot.mouseClick(lst.viewport(), Qt.MouseButton.LeftButton, pos=lst.visualItemRect(it).center())
    assert lst.currentItem() is it


def names(lst):
    return [lst.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lst.count())]


def page_filter(page):
    return [page.kelompok_combo.itemData(i) for i in range(1, page.kelompok_combo.count())]


def test_kelompok_list_edited_with_clicks_and_keys(qtbot, settings):
    page, dlg = settings
    svc = page.svc
    puskesmas = sorted(u.nama for u in svc.units() if u.kelompok == "Puskesmas")
    assert len(puskesmas) == 4 and "Puskesmas" in page_filter(page)
    ed = dlg.kelompok_dialog()
    ed.show()
    lst = ed.list
    assert (
        names(lst) == list(rekap.KELOMPOK) and lst.item(names(lst).index("Puskesmas")).text() == "Puskesmas  (4 unit)"
    )

    # add one: typed, Enter (nothing chosen: Enter adds); it comes before Lainnya
    lst.setCurrentItem(None)
    ed.name.clear()
    qtbot.keyClicks(ed.name, "Rumah Sakit")
    qtbot.keyClick(ed.name, Qt.Key.Key_Return)
    assert names(lst)[-2:] == ["Rumah Sakit", "Lainnya"] and ed.current() == "Rumah Sakit"
    assert "ditambahkan" in ed.message.text() and ed.isVisible()
    assert "Rumah Sakit" in dlg.delegate._names  # the settings table's kelompok choices at once

    # rename one that units have: clicked, its name typed over, "Ganti nama"
    click_item(qtbot, lst, "Puskesmas")
    assert ed.name.text() == "Puskesmas"
    ed.name.selectAll()
    qtbot.keyClicks(ed.name, NEW_NAME)
    qtbot.mouseClick(ed.rename_button, Qt.MouseButton.LeftButton)
    assert "4 unit ikut berganti" in ed.message.text()
    assert names(lst)[names(lst).index(NEW_NAME)] == NEW_NAME and "Puskesmas" not in names(lst)
    assert sorted(u.nama for u in svc.units() if u.kelompok == NEW_NAME) == puskesmas
    # … the settings table behind shows the units' new kelompok, and offers it
    shown = {
        dlg.table.item(i, COL_NAMA).text(): dlg.table.item(i, COL_KELOMPOK).text() for i in range(dlg.table.rowCount())
    }
    assert {shown[n] for n in puskesmas} == {NEW_NAME} and not dlg.has_unsaved()
    # … and the page: its kelompok filter and its unit table
    assert NEW_NAME in page_filter(page) and "Puskesmas" not in page_filter(page)
    page.kelompok_combo.setCurrentIndex(page.kelompok_combo.findData(NEW_NAME))
    assert page.proxy.rowCount() == 4
    assert {page.proxy.index(r, PAGE_COL_KELOMPOK).data() for r in range(4)} == {NEW_NAME}

    # remove one still in use: refused, saying how many units and which
    before = names(lst)
    click_item(qtbot, lst, "Dinas")
    qtbot.mouseClick(ed.remove_button, Qt.MouseButton.LeftButton)
    assert "'Dinas' masih dipakai 4 unit" in ed.message.text() and names(lst) == before
    # an unused one goes
    click_item(qtbot, lst, "Inspektorat")
    qtbot.mouseClick(ed.remove_button, Qt.MouseButton.LeftButton)
    assert "Inspektorat" not in names(lst) and "Inspektorat" not in svc.kelompok_list()

    # move one up with the button: stored in that order
    click_item(qtbot, lst, "Rumah Sakit")
    i = names(lst).index("Rumah Sakit")
    qtbot.mouseClick(ed.up_button, Qt.MouseButton.LeftButton)
    assert names(lst).index("Rumah Sakit") == i - 1 == svc.kelompok_list().index("Rumah Sakit")
    assert ed.current() == "Rumah Sakit"

    # the standard list back: asked first; refused while units have the renamed kelompok
    timer = click_message_button(qtbot, "Kembalikan")
    qtbot.mouseClick(ed.reset_button, Qt.MouseButton.LeftButton)
    timer.stop()
    assert f"'{NEW_NAME}' masih dipakai 4 unit" in ed.message.text()
    click_item(qtbot, lst, NEW_NAME)
    ed.name.selectAll()
    qtbot.keyClicks(ed.name, "Puskesmas")
    qtbot.keyClick(ed.name, Qt.Key.Key_Enter)  # a kelompok chosen: Enter renames it
    timer = click_message_button(qtbot, "Kembalikan")
    qtbot.mouseClick(ed.reset_button, Qt.MouseButton.LeftButton)
    timer.stop()
    assert names(lst) == list(rekap.KELOMPOK) == list(svc.kelompok_list())
    assert "Puskesmas" in page_filter(page)
    qtbot.mouseClick(ed.findChild(type(ed.reset_button), "kelompokTutup"), Qt.MouseButton.LeftButton)
    assert not ed.isVisible() and dlg.isVisible()


def test_a_typed_target_survives_a_rename_and_bad_names_are_refused(qtbot, settings):
    page, dlg = settings
    t = dlg.table
    t.item(0, 2).setText("321")  # typed, not stored yet
    dlg.sasaran.setText("88")
    ed = dlg.kelompok_dialog()
    ed.show()
    click_item(qtbot, ed.list, "Kecamatan")
    ed.name.selectAll()
    qtbot.keyClicks(ed.name, "Kelurahan")  # already in the list
    qtbot.mouseClick(ed.rename_button, Qt.MouseButton.LeftButton)
    assert "'Kelurahan' sudah ada" in ed.message.text() and "Kecamatan" in page.svc.kelompok_list()
    ed.name.selectAll()
    qtbot.keyClicks(ed.name, "K" * 41)
    qtbot.mouseClick(ed.rename_button, Qt.MouseButton.LeftButton)
    assert "terlalu panjang" in ed.message.text()
    ed.name.clear()
    ed.list.setCurrentItem(None)
    qtbot.mouseClick(ed.add_button, Qt.MouseButton.LeftButton)
    assert "masih kosong" in ed.message.text()
    click_item(qtbot, ed.list, "Kecamatan")
    ed.name.selectAll()
    qtbot.keyClicks(ed.name, "Distrik")
    qtbot.mouseClick(ed.rename_button, Qt.MouseButton.LeftButton)
    assert "Distrik" in page.svc.kelompok_list()
    assert t.item(0, 2).text() == "321" and dlg.sasaran.text() == "88" and dlg.has_unsaved()
    editor_names = dlg.delegate._names
    assert "Distrik" in editor_names and "Kecamatan" not in editor_names
    # the kelompok cell's editor offers the new name
    row = next(i for i in range(t.rowCount()) if t.item(i, COL_KELOMPOK).text() == "Distrik")
    t.setCurrentCell(row, COL_KELOMPOK)
    t.setFocus()
    qtbot.keyClick(t, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox) and combo.currentText() == "Distrik"
    qtbot.keyClick(combo, Qt.Key.Key_Escape)
