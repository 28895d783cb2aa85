"""The recap texts editor (ui/rekap/teks.py), driven with keys and clicks as an operator
would: opened from the Rekap page, the kesimpulan edited and stored, the recap PDF
printing it, the generated wording brought back; refusals named and nothing stored;
closing with changes not stored asks."""

from __future__ import annotations

import subprocess

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit, QPushButton

from skm_desktop.services import documents
from skm_desktop.services.rekap_dokumen import RekapDokumenService
from skm_desktop.storage.database import open_database
from skm_desktop.ui.rekap.teks import OTOMATIS, SENDIRI, TeksRekapDialog
from tests.helpers.pages import main_window_on
from tests.helpers.rekap_kota import make_kota
from tests.safety.helpers import run_with_dialogs

EDITED = "Pelayanan di hampir semua unit membaik."


@pytest.fixture
def kota_page(qtbot, tmp_path):
    """The Pontianak recap database opened in the main window on the Rekap page (year 2023)."""
    QSettings().remove("berkas/folder_rekap")
    db = open_database(tmp_path / "kota.db")
    make_kota(db, tmp_path)
    w, page = main_window_on(qtbot, db, "Rekap")
    page.year_combo.setCurrentIndex(page.year_combo.findData(2023))
    yield page, db
    w.close()
    db.close()


def pdf_text(db, path) -> str:
    out = documents.build(db, "rekap", path, None, tahun=2023)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def open_tab(qtbot, dlg: TeksRekapDialog, title: str) -> QPlainTextEdit:
    """Click the tab ``title``, then into its text: the editor with the keyboard focus."""
    bar = dlg.tabs.tabBar()
    i = next(i for i in range(bar.count()) if bar.tabText(i) == title)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(i).center())
    edit = dlg.tabs.currentWidget().findChild(QPlainTextEdit)
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton)
    return edit


def click(qtbot, dlg, name: str) -> None:
    qtbot.mouseClick(dlg.findChild(QPushButton, name), Qt.MouseButton.LeftButton)


def test_edit_kesimpulan_save_print_and_reset_from_the_page(qtbot, kota_page, tmp_path):
    page, db = kota_page
    svc = RekapDokumenService(db)
    seen: dict = {}

    def edit(dlg):
        seen["dialog"] = type(dlg).__name__, dlg.windowTitle()
        edit = open_tab(qtbot, dlg, "Kesimpulan")
        seen["before"] = (
            dlg.findChild(QPushButton, "teksReset_kesimpulan").isEnabled(),
            dlg.pages["kesimpulan"].state.text(),
        )
        qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(edit, EDITED)
        seen["typed"] = dlg.has_unsaved_changes(), dlg.pages["kesimpulan"].state.text()
        click(qtbot, dlg, "teksSimpan")
        seen["saved"] = dlg.has_unsaved_changes(), dlg.message.text()

    run_with_dialogs(qtbot, page.teks_action.trigger, [(edit, "teksTutup")])
    assert seen["dialog"] == ("TeksRekapDialog", "Teks laporan rekap tahun 2023")
    assert seen["before"] == (False, OTOMATIS)  # the generated wording, nothing to bring back
    assert seen["typed"] == (True, SENDIRI)
    assert seen["saved"][0] is False and "Tersimpan" in seen["saved"][1]
    t = svc.teks_rekap(2023)
    assert t["kesimpulan"].isi == EDITED and t["kesimpulan"].ditulis
    assert not any(t[k].ditulis for k in t if k != "kesimpulan")  # the untouched texts stay generated
    text = pdf_text(db, tmp_path / "r1.pdf")
    assert EDITED in text and "IKM Pemerintah Kota Uji tahun 2023 sebesar" not in text

    def reset(dlg):
        open_tab(qtbot, dlg, "Kesimpulan")
        seen["stored"] = dlg.pages["kesimpulan"].text(), dlg.pages["kesimpulan"].state.text()
        click(qtbot, dlg, "teksReset_kesimpulan")
        seen["reset"] = dlg.pages["kesimpulan"].text(), dlg.pages["kesimpulan"].state.text()
        click(qtbot, dlg, "teksSimpan")

    run_with_dialogs(qtbot, page.teks_action.trigger, [(reset, "teksTutup")])
    assert seen["stored"] == (EDITED, SENDIRI)
    generated = svc.teks_rekap(2023)["kesimpulan"]
    assert seen["reset"] == (generated.otomatis, OTOMATIS) and not generated.ditulis
    text = pdf_text(db, tmp_path / "r2.pdf")
    assert EDITED not in text and "IKM Pemerintah Kota Uji tahun 2023 sebesar" in text


def test_refusals_store_nothing_and_closing_asks(qtbot, kota_page):
    page, db = kota_page
    svc = RekapDokumenService(db)
    dlg = TeksRekapDialog(svc, 2023, page)  # closed with the window (its parent)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dlg, timeout=5000)
    assert dlg.wilayah.text() == "Pemerintah Kota Uji" and not dlg.has_unsaved_changes()
    qtbot.mouseClick(dlg.wilayah, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dlg.wilayah, Qt.Key.Key_End)
    qtbot.keyClicks(dlg.wilayah, " dan Sekitarnya" * 8)  # past the 120 letters a title page holds
    edit = open_tab(qtbot, dlg, "Jadwal pengumpulan data")
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, "Sampai Januari")
    edit.insertPlainText("\x07")  # a bell pasted from another program
    qtbot.keyClick(dlg.wilayah, Qt.Key.Key_Return)  # Enter stores (Simpan is the default button)
    msg = dlg.message.text()
    assert "Tidak disimpan" in msg and "paling panjang 120 huruf" in msg and "karakter kendali" in msg
    assert dlg.isVisible() and "Sampai Januari" in dlg.pages["jadwal"].text()  # the typing is kept
    assert svc.wilayah() == "Pemerintah Kota Uji" and not svc.teks_rekap(2023)["jadwal"].ditulis  # nothing stored
    # closing with changes not stored: Batal stays with the typing, Buang closes and stores nothing
    run_with_dialogs(qtbot, dlg.reject, ["unsavedBatal"])
    assert dlg.isVisible() and "Sampai Januari" in dlg.pages["jadwal"].text()
    run_with_dialogs(qtbot, dlg.reject, ["unsavedBuang"])
    assert not dlg.isVisible()
    assert svc.wilayah() == "Pemerintah Kota Uji" and not svc.teks_rekap(2023)["jadwal"].ditulis


def test_a_year_without_figures_is_said_not_opened(qtbot, kota_page):
    page, db = kota_page
    from skm_desktop.ui.rekap.teks import edit_teks

    said: list[str] = []

    def answer():
        w = QApplication.activeModalWidget()
        if isinstance(w, QMessageBox):
            said.append(w.text())
            w.done(0)

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(20)
    try:
        assert edit_teks(RekapDokumenService(db), 2030, page) is None
    finally:
        timer.stop()
    assert len(said) == 1 and "Belum ada unit dengan angka IKM tahun 2030" in said[0]
