"""Cadangkan… and Pulihkan… from the main window's menu, as the operator uses them."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services import survey
from skm_desktop.services.autobackup import AutoBackup, list_backups
from skm_desktop.services.demo import create_demo
from skm_desktop.storage.database import open_database
from skm_desktop.ui import main_window as mw

from .helpers import ModalDriver, count


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    import skm_desktop.ui.app_paths as app_paths

    monkeypatch.setattr(app_paths, "backup_dir", lambda: tmp_path / "cadangan")
    path = tmp_path / "skm.db"
    db = open_database(path)
    create_demo(db, n=40)
    w = mw.MainWindow(db, "Agus")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w, db
    db.close()


def _action(w, text):
    for menu_action in w.menuBar().actions():
        for a in menu_action.menu().actions():
            if a.text().replace("&", "") == text:
                return a
    raise AssertionError(f"menu entry {text!r} not found")


def test_restore_from_the_menu(qtbot, tmp_path, window):
    w, db = window
    before = count(db.path)
    AutoBackup(db.path, tmp_path / "cadangan").backup_now("otomatis")
    with db.read_session() as s:
        p = survey.find_periode(s, "Semester II 2024")
        no = survey.next_no(s, p.id)
    survey.save_respondent(db, p.id, RespondentRecord(no_kuesioner=no, answers=(4,) * 9))
    assert count(db.path) == before + 1

    driver = ModalDriver(qtbot, ["pulihkanButton", "yaPulihkanButton", "okButton"])
    with qtbot.waitSignal(w.databaseRequested, timeout=5000) as sig:
        _action(w, "Pulihkan…").trigger()
    driver.stop()
    assert driver.done()
    assert sig.args == [str(db.path)]  # the window asks for the file to be reopened
    assert count(db.path) == before
    kept = [e for e in list_backups(tmp_path / "cadangan", "skm") if e.reason == "sebelum_pulih"]
    assert len(kept) == 1 and count(kept[0].path) == before + 1


def test_backup_from_the_menu(qtbot, tmp_path, window):
    w, db = window
    out = tmp_path / "flashdisk.db"

    def type_path(dlg):
        edit = dlg.findChild(QLineEdit, "tujuanEdit")
        edit.selectAll()
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
        qtbot.keyClicks(edit, str(out))

    driver = ModalDriver(qtbot, [(type_path, "cadangkanButton"), "okButton"])
    _action(w, "Cadangkan…").trigger()
    driver.stop()
    assert driver.done()
    assert count(out) == count(db.path) > 0
