"""The operator app shell: start-up through run(), the main window's pages,
period selector, operator, menus and the first-start wizard hand-off."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from skm_desktop import __version__
from skm_desktop.services import survey
from skm_desktop.services.demo import create_demo
from skm_desktop.storage.database import open_database
from skm_desktop.ui import app as app_mod
from skm_desktop.ui import main_window as mw
from skm_desktop.ui import pages
from skm_desktop.ui.entry.page import EntryPage


@pytest.fixture
def demo_db(tmp_path):
    path = tmp_path / "demo.db"
    db = open_database(path)
    create_demo(db, n=60)
    db.close()
    return path


@pytest.fixture
def quiet(monkeypatch):
    """No modal operator question, no process-wide exception hook inside the test run."""
    monkeypatch.setattr(mw, "ask_operator", lambda parent=None: "Rina")
    import skm_desktop.ui.safety as safety

    monkeypatch.setattr(safety, "install_exception_hook", lambda *a, **k: None)


def run_and_inspect(qtbot, path, inspect):
    seen = {}

    def check():
        try:
            w = next(w for w in QApplication.topLevelWidgets() if isinstance(w, mw.MainWindow) and w.isVisible())
            seen["ok"] = inspect(w)
        except Exception as e:  # reported below, outside the event loop
            seen["error"] = e
        finally:
            QApplication.instance().quit()  # closes the windows, then ends run()'s event loop

    QTimer.singleShot(300, check)
    code = app_mod.run(str(path))
    QApplication.removePostedEvents(QApplication.instance(), QEvent.Type.Quit)
    qtbot.wait(50)
    if "error" in seen:
        raise seen["error"]
    return code, seen


def test_run_opens_main_window_on_demo(qtbot, demo_db, quiet):
    def inspect(w: mw.MainWindow):
        assert "Kelurahan Sukamaju" in w.windowTitle()
        assert "#entryGrid" in QApplication.instance().styleSheet()
        assert "Semester II 2024" in w.windowTitle() and "demo.db" in w.windowTitle()
        assert w.tabs.tabText(0).startswith("Entri Kuesioner")
        assert isinstance(w.pages[0], EntryPage) and w.pages[0].isVisible()
        assert w.ctx.operator == "Rina" and "Rina" in w.operator_label.text()
        menus = [a.text().replace("&", "") for a in w.menuBar().actions()]
        assert menus == ["Berkas", "Bantuan"]
        berkas = [a.text().replace("&", "") for a in w.menuBar().actions()[0].menu().actions() if a.text()]
        assert berkas == [
            "Basis data baru…",
            "Buka…",
            "Sambungkan ke server…",
            "Terbaru",
            "Impor…",
            "Ekspor…",
            "Templat impor…",
            "Pindai kuesioner…",
            "Cadangkan…",
            "Pulihkan…",
            "Keluar",
        ]
        page = w.pages[0]
        assert page.session.count == 60
        assert w.width() <= 1366
        return True

    code, seen = run_and_inspect(qtbot, demo_db, inspect)
    assert code == 0 and seen["ok"]


def test_pages_shortcuts_and_period_selector(qtbot, demo_db):
    db = open_database(demo_db)
    try:
        w = mw.MainWindow(db, "Agus")
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        shortcuts = {a.shortcut().toString(): a for a in w.actions() if not a.shortcut().isEmpty()}
        assert [f"Ctrl+{i}" in shortcuts for i in range(1, w.tabs.count() + 1)] == [True] * w.tabs.count()
        if w.tabs.count() > 1:
            assert w.pages[1] is None  # built when first shown
            shortcuts["Ctrl+2"].trigger()
            assert w.tabs.currentIndex() == 1 and w.pages[1] is not None and w.pages[1].isVisible()
            shortcuts["Ctrl+1"].trigger()
        assert w.tabs.currentIndex() == 0
        page = w.pages[0]
        assert w.periode_combo.count() == 2
        assert w.periode_combo.currentText() == "Semester II 2024"
        w.periode_combo.setCurrentIndex(0)
        assert page.session.periode_nama == "Semester I 2024"
        assert page.session.count == 45
        assert "Semester I 2024" in w.windowTitle()
    finally:
        db.close()


def test_empty_database_runs_the_wizard_first(qtbot, tmp_path, quiet, monkeypatch):
    import skm_desktop.ui.wizard as wizard

    shown = []

    class FakeWizard:
        def __init__(self, db, parent=None):
            self.db = db

        def exec(self):
            shown.append(True)
            with self.db.session() as s:
                u = survey.create_unit(s, "Puskesmas Uji")
                survey.add_layanan(s, u.id, "Poli Umum")
                survey.create_periode(s, u.id, "Triwulan I 2025", None, dt.date(2025, 1, 1), dt.date(2025, 3, 31))
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(wizard, "SetupWizard", FakeWizard)
    code, seen = run_and_inspect(
        qtbot,
        tmp_path / "baru.db",
        lambda w: "Puskesmas Uji" in w.windowTitle() and "Triwulan I 2025" in w.windowTitle(),
    )
    assert shown and code == 0 and seen["ok"]


def test_cancelled_wizard_ends_quietly(qtbot, tmp_path, quiet, monkeypatch):
    import skm_desktop.ui.wizard as wizard

    class Cancelled:
        def __init__(self, db, parent=None):
            pass

        def exec(self):
            return QDialog.DialogCode.Rejected

    monkeypatch.setattr(wizard, "SetupWizard", Cancelled)
    assert app_mod.run(str(tmp_path / "kosong.db")) == 1


def test_operator_is_asked_and_remembered(qtbot):
    QSettings().setValue("operator/last", "Rina")

    def answer():
        dlg = next(w for w in QApplication.topLevelWidgets() if isinstance(w, mw.OperatorDialog) and w.isVisible())
        edit = dlg.findChild(QLineEdit, "operatorName")
        assert edit.text() == "Rina"
        edit.selectAll()
        qtbot.keyClicks(edit, "Budi Santoso")
        qtbot.keyClick(edit, Qt.Key.Key_Return)

    QTimer.singleShot(200, answer)
    assert mw.ask_operator() == "Budi Santoso"
    assert QSettings().value("operator/last") == "Budi Santoso"


def test_about_names_the_version(qtbot, demo_db, monkeypatch):
    db = open_database(demo_db)
    try:
        w = mw.MainWindow(db, "Agus")
        qtbot.addWidget(w)
        got = []
        monkeypatch.setattr(mw.QMessageBox, "about", lambda parent, title, text: got.append((title, text)))
        w.about()
        assert got[0][0] == "Tentang SKM Desktop" and __version__ in got[0][1]
    finally:
        db.close()


def test_every_page_is_a_widget_class_imported_only_when_asked_for():
    """pages.py names each page once in TITLES and once in page_class: every title resolves,
    and a page's module is not loaded before its page is built (the window opens fast)."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QWidget\n"
        "from skm_desktop.ui import main_window, pages\n"
        "assert 'skm_desktop.ui.dokumen' not in sys.modules\n"
        "assert 'skm_desktop.ui.kualitas' not in sys.modules\n"
        "print([issubclass(pages.page_class(t), QWidget) for t in pages.TITLES])\n"
        "print('skm_desktop.ui.dokumen' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split("\n")[:2] == [str([True] * len(pages.PAGES)), "True"]
    with pytest.raises(KeyError):
        pages.page_class("Tidak ada")
