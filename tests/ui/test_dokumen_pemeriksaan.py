"""The pre-flight dialog on the Dokumen page: before an incomplete laporan or publikasi
is made, the operator sees what is missing, opens the place to fill it in, or makes it
anyway ("Buat juga") or not ("Batal") — with clicks and keys, as an operator would."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from skm_desktop.services import demo, laporan_teks, survey
from skm_desktop.storage.models import Unit
from skm_desktop.ui.context import AppContext
from skm_desktop.ui.dokumen import DokumenPage


@pytest.fixture
def page(qtbot, db, tmp_path):
    demo.create_demo(db, n=120)
    with db.session() as s:
        unit = survey.get_unit(s)
        s.get(Unit, unit.id).pejabat_nip = ""  # the demo unit without its official's NIP
        pid = survey.periode_list(s, unit.id)[-1].id
        for r in laporan_teks.list_rtl(s, pid):
            if r.unsur_kode == "U9":
                laporan_teks.delete_rtl(s, r.id)
        ctx = AppContext(db, unit.id, pid, "Rina")
    w = DokumenPage(ctx)
    w.set_default_folder(tmp_path / "keluar")
    (tmp_path / "keluar").mkdir()
    w.resize(1280, 700)
    qtbot.addWidget(w)
    w.show()
    w.export.refresh()
    w.export.opener = lambda p: None
    return w


def _ask(qtbot, page, kind: str):
    ex = page.export
    ex.kind.setCurrentIndex(ex.kind.findData(kind))
    qtbot.mouseClick(ex.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ex.check is not None and ex.check.isVisible())
    return ex.check


def test_dialog_lists_the_findings_and_batal_makes_nothing(qtbot, page, tmp_path):
    dlg = _ask(qtbot, page, "publikasi")
    texts = {k: b.toolTip() for k, b in dlg.buka.items()}
    assert set(texts) == {"nip", "rtl:U9"}
    assert texts["nip"] == "Buka Pengaturan › Profil Unit untuk mengisinya"
    shown = " ".join(w.text() for w in dlg.findChildren(QLabel))
    assert "Publikasi hasil (1 halaman)</b> masih kekurangan 2 isian" in shown
    assert "Isi di Dokumen › Rencana Tindak Lanjut" in shown
    assert "NIP pejabat penandatangan belum diisi." in shown
    assert "Rencana tindak lanjut untuk unsur prioritas U9 Sarana dan prasarana belum diisi." in shown
    # Enter is Batal (the default button): an incomplete document is never made by accident
    qtbot.keyClick(dlg, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.export.check is None)
    assert page.export.thread is None and page.export.button.isEnabled()
    assert list((tmp_path / "keluar").iterdir()) == []


def test_buat_juga_makes_the_document(qtbot, page, tmp_path):
    dlg = _ask(qtbot, page, "publikasi")
    with qtbot.waitSignal(page.export.done, timeout=60000) as sig:
        qtbot.mouseClick(dlg.buat, Qt.MouseButton.LeftButton)
    path = Path(sig.args[0])
    assert path.exists() and path.read_bytes()[:4] == b"%PDF"


def test_escape_cancels(qtbot, page, tmp_path):
    dlg = _ask(qtbot, page, "laporan")
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.export.check is None)
    assert page.export.thread is None
    assert list((tmp_path / "keluar").iterdir()) == []


def test_buka_opens_the_rtl_editor_and_the_text(qtbot, page):
    dlg = _ask(qtbot, page, "laporan")
    assert "pelaksana" in dlg.buka
    qtbot.mouseClick(dlg.buka["rtl:U9"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.export.check is None)
    assert page.tabs.currentIndex() == page.TAB_RTL
    assert page.export.thread is None
    page.tabs.setCurrentIndex(page.TAB_BUAT)
    dlg = _ask(qtbot, page, "laporan")
    qtbot.mouseClick(dlg.buka["pelaksana"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.export.check is None)
    assert page.tabs.currentIndex() == page.TAB_TEKS
    assert page.teks.key() == "pelaksana"


def test_complete_document_goes_straight_to_the_export(qtbot, page, db):
    with db.session() as s:
        unit = survey.get_unit(s)
        s.get(Unit, unit.id).pejabat_nip = "19700512 199803 1 004"
        laporan_teks.add_rtl(s, page.periode_id(), "U9", "Memperbaiki ruang tunggu", "TW II", "Kasi Umum")
    ex = page.export
    ex.kind.setCurrentIndex(ex.kind.findData("publikasi"))
    with qtbot.waitSignal(ex.done, timeout=60000):
        qtbot.mouseClick(ex.button, Qt.MouseButton.LeftButton)
        assert ex.check is None


def test_buka_in_the_main_window_opens_pengaturan_profil(qtbot, db, tmp_path):
    from skm_desktop.ui.main_window import MainWindow
    from skm_desktop.ui.pages import PAGES

    demo.create_demo(db, n=60)
    with db.session() as s:
        s.get(Unit, survey.get_unit(s).id).pejabat_nip = ""
    w = MainWindow(db, "Rina")
    qtbot.addWidget(w)
    w.show()
    names = [t for t, _ in PAGES]
    w.show_page(names.index("Dokumen"))
    dok = w.page(names.index("Dokumen"))
    dok.set_default_folder(tmp_path)
    dlg = _ask(qtbot, dok, "publikasi")
    qtbot.mouseClick(dlg.buka["nip"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.tabs.currentIndex() == names.index("Pengaturan"))
    peng = w.page(names.index("Pengaturan"))
    assert peng.tabs.currentWidget() is peng.profil
    w.close()
