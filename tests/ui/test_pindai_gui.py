"""Berkas › Pindai kuesioner… and the review of doubtful sheets, driven as an operator
would: the menu action, the dialogs' buttons, then only the keyboard (1–4, Space, Enter)."""

from __future__ import annotations

import json
import random

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

from skm_desktop.domain.pindai import Cetakan
from skm_desktop.io import pindai as ip
from skm_desktop.services import pindai, results, survey
from skm_desktop.services.pindai import PindaiService
from skm_desktop.storage.database import open_database
from skm_desktop.ui import main_window as mw
from skm_desktop.ui.pindai.tinjau import TinjauDialog
from tests.helpers.dialogs import drive, file_step, files_step
from tests.helpers.pindai_scan import distort, mark, render
from tests.helpers.units import unit_with_periode


@pytest.fixture
def scanned(tmp_path):
    """A database, and a 2-page scan: sheet 1 with two marks on unsur 2 and half an age,
    sheet 2 with two marks on unsur 5."""
    db = open_database(tmp_path / "skm.db")
    _, pid = unit_with_periode(db, layanan=("KTP",))
    pdf, side = pindai.cetak(db, Cetakan(pid, 2, 1), tmp_path / "k.pdf")
    db.close()
    lay = json.loads(side.read_text(encoding="utf-8"))
    g = ip.groups(lay)
    r = random.Random(9)
    pages = render(pdf, 150)
    for key, boxes in g.items():
        if key == "usia:satuan":
            continue  # sheet 1: only the tens of the age
        mark(pages[0], boxes[0 if key != "u2" else 1], 150, "x")
        mark(pages[1], boxes[0], 150, "v", "biru")
    mark(pages[1], g["usia:satuan"][2], 150, "v", "biru")
    mark(pages[0], g["u2"][3], 150, "x")  # u2: boxes 2 and 4
    mark(pages[1], g["u5"][2], 150, "x")  # u5: boxes 1 and 3
    scans = [distort(p, r) for p in pages]
    scan = tmp_path / "pindai.pdf"
    scans[0].save(scan, save_all=True, append_images=scans[1:], resolution=150)
    for i, page in enumerate(scans, 1):  # the same pages as images, one file each
        page.save(tmp_path / f"hal{i}.png", dpi=(150, 150))
    return tmp_path / "skm.db", pid, scan


def _keys(qtbot, w, *keys):
    for k in keys:
        qtbot.keyClick(w, k)


def test_review_by_keyboard_stores_the_confirmed_sheets(qtbot, scanned):
    path, pid, scan = scanned
    db = open_database(path)
    try:
        r = pindai.baca(db, scan)
        assert (r.stored, r.review) == (0, 2)
        dlg = TinjauDialog(pindai.PindaiService(db), "Rina")
        qtbot.addWidget(dlg)
        dlg.show()
        qtbot.waitExposed(dlg)
        assert "no. 1" in dlg.title.text() and "Pertanyaan 2" in dlg.title.text()
        assert dlg.crop.pixmap() is not None and not dlg.crop.pixmap().isNull()
        _keys(qtbot, dlg, Qt.Key.Key_Return)  # nothing chosen yet: refused, stays
        assert "Pilih jawaban" in dlg.error.text() and dlg.confirmed == 0
        _keys(qtbot, dlg, Qt.Key.Key_4, Qt.Key.Key_Return)  # u2 = 4
        assert "Usia" in dlg.title.text()
        _keys(qtbot, dlg, Qt.Key.Key_3, Qt.Key.Key_7, Qt.Key.Key_Return)  # usia 37
        assert dlg.confirmed == 1 and "no. 2" in dlg.title.text()
        _keys(qtbot, dlg, Qt.Key.Key_Space, Qt.Key.Key_Return)  # u5 left blank
        assert dlg.confirmed == 2 and "Semua lembar" in dlg.title.text()
        with db.read_session() as s:
            recs = {rec.no_kuesioner: rec for _, rec in survey.load_records(s, pid)}
            assert results.summary(s, pid).respondents == 2
        assert recs[1].answers[1] == 4 and recs[1].usia == 37 and recs[1].sumber == "pindai"
        assert recs[2].answers[4] is None and recs[2].answers[0] == 1 and recs[2].usia == 12
        assert pindai.antrean(db) == []
    finally:
        db.close()


@pytest.mark.parametrize("chosen", ["one PDF", "several images"])
def test_berkas_menu_reads_a_scan_and_opens_the_review(qtbot, scanned, monkeypatch, chosen):
    """Pilih berkas… takes one PDF, or several images (ExistingFiles): every one is read."""
    path, pid, scan = scanned
    images = [scan.with_name("hal1.png"), scan.with_name("hal2.png")]
    step = file_step(scan) if chosen == "one PDF" else files_step(images)
    db = open_database(path)
    opened = []
    monkeypatch.setattr(
        "skm_desktop.ui.pindai.tinjau_dialog",
        lambda parent, ctx: opened.append(len(ctx.service(PindaiService).antrean())),
    )
    try:
        w = mw.MainWindow(db, "Rina")
        qtbot.addWidget(w)
        w.show()
        driver = drive(qtbot, w.pindai_action, ["pindaiBerkas", step, "pindaiOk"])
        assert "2 halaman dibaca: 0 kuesioner disimpan, 2 menunggu pemeriksaan, 0 ditolak." in driver.texts[-1]
        assert opened == [2]
        w.close()
    finally:
        db.close()


def _review(qtbot, db) -> TinjauDialog:
    dlg = TinjauDialog(pindai.PindaiService(db), "Rina")
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    return dlg


def _first_sheet(db, pid) -> tuple:
    """(unsur 2, usia) stored for kuesioner no. 1."""
    with db.read_session() as s:
        recs = {rec.no_kuesioner: rec for _, rec in survey.load_records(s, pid)}
    return recs[1].answers[1], recs[1].usia


def test_a_refused_sheet_shows_its_first_field_again(qtbot, scanned):
    """konfirmasi refuses (an age of 999): the dialog goes back to the first doubtful field
    and shows it (title, choices), so the next keys answer the field on screen."""
    path, pid, scan = scanned
    db = open_database(path)
    try:
        pindai.baca(db, scan)
        dlg = _review(qtbot, db)
        _keys(qtbot, dlg, Qt.Key.Key_4, Qt.Key.Key_Return)  # u2 = 4
        assert "Usia" in dlg.title.text()
        _keys(qtbot, dlg, Qt.Key.Key_9, Qt.Key.Key_9, Qt.Key.Key_9, Qt.Key.Key_Return)
        assert dlg.confirmed == 0 and "999" in dlg.error.text()
        assert "Pertanyaan 2" in dlg.title.text() and "Usia" not in dlg.title.text()
        assert "Pertanyaan 2" in dlg.choices.text() and "Spasi" in dlg.choices.text()
        _keys(qtbot, dlg, Qt.Key.Key_4, Qt.Key.Key_Return, Qt.Key.Key_3, Qt.Key.Key_7, Qt.Key.Key_Return)
        assert dlg.confirmed == 1 and "no. 2" in dlg.title.text()
        assert _first_sheet(db, pid) == (4, 37)
    finally:
        db.close()


def _typed(w, chars):
    """Key presses carrying these characters, as a keyboard layout with them sends
    (QTest.keyClicks aborts on characters outside Latin-1)."""
    for ch in chars:
        key = Qt.Key.Key_3 if ch == "3" else Qt.Key.Key_unknown
        QApplication.sendEvent(w, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, ch))


def test_non_ascii_digits_are_ignored_and_the_file_name_is_shown_as_text(qtbot, scanned):
    """'²' or an Arabic-Indic digit passes str.isdigit() but not int(): the keys do nothing;
    a file name with '<' shows as written, not as markup."""
    path, pid, scan = scanned
    odd = scan.with_name("scan <i>x&y.pdf")
    scan.rename(odd)
    db = open_database(path)
    try:
        pindai.baca(db, odd)
        dlg = _review(qtbot, db)
        assert "scan &lt;i&gt;x&amp;y.pdf" in dlg.title.text()
        _typed(dlg, "²٣")  # on u2: no choice made, no traceback
        assert "●" not in dlg.choices.text().split("Spasi")[0]
        _keys(qtbot, dlg, Qt.Key.Key_4, Qt.Key.Key_Return)
        _typed(dlg, "³3")  # on usia: only the ASCII 3 is typed
        assert ">3<" in dlg.choices.text()
        _keys(qtbot, dlg, Qt.Key.Key_7, Qt.Key.Key_Return)
        assert dlg.confirmed == 1
        assert _first_sheet(db, pid) == (4, 37)
    finally:
        db.close()
