"""After a document or an export is written, the operator is told where it is: when the
system cannot open the document (no PDF viewer, no spreadsheet program), the message
names the file and offers Buka folder — for every path of the GUI that writes one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLineEdit

from skm_desktop.services import demo, survey
from skm_desktop.ui import bantuan
from skm_desktop.ui.context import AppContext
from skm_desktop.ui.dokumen import DokumenPage
from skm_desktop.ui.kualitas import VerifikasiPage
from tests.safety.helpers import ModalDriver, run_with_dialogs


@pytest.fixture
def demo_ctx(db):
    demo.create_demo(db, n=60)
    with db.read_session() as s:
        unit = survey.get_unit(s)
        periods = survey.periode_list(s, unit.id)
    return AppContext(db, unit.id, periods[-1].id, "Rina")


@pytest.fixture
def folders_opened(monkeypatch):
    """The system's file manager, which cannot open anything either."""
    asked: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: asked.append(url.toLocalFile()) or False)
    return asked


def assert_told_where(driver: ModalDriver, path: Path, opened: list[str]) -> None:
    """First box: cannot be opened, here it is (Buka folder clicked); second: the folder
    cannot be opened either, and the path is said again."""
    assert "tidak dapat membukanya" in driver.texts[0] and str(path) in driver.texts[0]
    assert opened == [str(path.parent)]
    assert "tidak dapat dibuka" in driver.texts[1] and str(path) in driver.texts[1]


def test_dokumen_page_document_that_cannot_be_opened(qtbot, demo_ctx, tmp_path, folders_opened):
    page = DokumenPage(demo_ctx)
    page.set_default_folder(tmp_path)
    qtbot.addWidget(page)
    page.show()
    tried = []
    page.export.opener = lambda p: tried.append(p) or False  # no PDF viewer on this PC
    ex = page.export
    ex.kind.setCurrentIndex(ex.kind.findData("kuesioner"))
    assert ex.open_after.isChecked()
    with qtbot.waitSignal(ex.done, timeout=60_000) as sig:
        d = run_with_dialogs(
            qtbot,
            lambda: qtbot.mouseClick(ex.button, Qt.MouseButton.LeftButton),
            ["openFolderButton", "okButton"],
        )
    path = Path(sig.args[0])
    assert tried == [str(path)] and path.is_file()
    assert_told_where(d, path, folders_opened)


def test_dokumen_page_document_opened_says_nothing_more(qtbot, demo_ctx, tmp_path, folders_opened):
    page = DokumenPage(demo_ctx)
    page.set_default_folder(tmp_path)
    qtbot.addWidget(page)
    page.show()
    page.export.opener = lambda p: True
    page.export.kind.setCurrentIndex(page.export.kind.findData("kuesioner"))
    with qtbot.waitSignal(page.export.done, timeout=60_000):
        qtbot.mouseClick(page.export.button, Qt.MouseButton.LeftButton)
    assert folders_opened == [] and "Dokumen tersimpan" in page.export.status.text()


def test_key_card_that_cannot_be_opened(qtbot, demo_ctx, tmp_path, folders_opened):
    out = tmp_path / "kartu.pdf"
    d = run_with_dialogs(
        qtbot,
        lambda: bantuan.save_kartu_tombol(
            None, demo_ctx, ask=lambda default: str(tmp_path / "kartu"), opener=lambda p: False
        ),
        ["openFolderButton", "okButton"],
    )
    assert out.is_file()
    assert_told_where(d, out, folders_opened)


def test_verifikasi_pdf_through_its_button_says_where_it_is(qtbot, demo_ctx, tmp_path, folders_opened):
    QSettings().setValue("berkas/folder_kinerja", str(tmp_path))
    page = VerifikasiPage(demo_ctx)
    qtbot.addWidget(page)
    page.show()
    page.tabs.setCurrentIndex(1)

    def type_name(d):
        d.findChild(QLineEdit, "fileNameEdit").setText(str(tmp_path / "kinerja"))  # no suffix typed

    d = run_with_dialogs(
        qtbot,
        lambda: qtbot.mouseClick(page.pdf_btn, Qt.MouseButton.LeftButton),
        [(type_name, "fileAcceptButton"), "openFolderButton", "okButton"],
    )
    out = tmp_path / "kinerja.pdf"
    assert out.read_bytes().startswith(b"%PDF")
    assert str(out) in d.texts[0] and folders_opened == [str(tmp_path)]
    assert "tidak dapat dibuka" in d.texts[1] and str(out) in d.texts[1]
