"""Cadangkan… and Pulihkan… as the operator uses them."""

from PySide6.QtCore import Qt

from skm_desktop.services.autobackup import AutoBackup, list_backups
from skm_desktop.storage.database import open_database
from skm_desktop.ui.cadangan import BackupDialog, RestoreDialog

from .helpers import ModalDriver, add, count, make_db


def _type(qtbot, edit, text):
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def test_backup_to_a_chosen_file(qtbot, tmp_path, std_set):
    path = tmp_path / "skm.db"
    make_db(path, 5, std_set)
    db = open_database(path)  # the app keeps the database open meanwhile
    dlg = BackupDialog(path)
    qtbot.addWidget(dlg)
    dlg.show()
    out = tmp_path / "flashdisk" / "cadangan-kelurahan"
    out.parent.mkdir()
    _type(qtbot, dlg.path_edit, str(out))
    driver = ModalDriver(qtbot, ["okButton"])
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(driver.done, timeout=3000)
    driver.stop()
    written = out.with_name("cadangan-kelurahan.db")
    assert dlg.result_path == written and count(written) == 5
    assert "berhasil" in driver.texts[0] and "5 kuesioner" in driver.texts[0]
    db.close()


def test_backup_to_missing_folder_is_explained(qtbot, tmp_path, std_set):
    path = tmp_path / "skm.db"
    make_db(path, 1, std_set)
    dlg = BackupDialog(path)
    qtbot.addWidget(dlg)
    dlg.show()
    _type(qtbot, dlg.path_edit, str(tmp_path / "E-tidak-ada" / "x.db"))
    driver = ModalDriver(qtbot, ["okButton"])
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(driver.done, timeout=3000)
    driver.stop()
    assert "tidak ditemukan" in driver.texts[0] and "flashdisk" in driver.texts[0]
    assert dlg.result_path is None and dlg.isVisible()


def test_backup_over_the_open_database_is_refused(qtbot, tmp_path, std_set):
    path = tmp_path / "skm.db"
    make_db(path, 1, std_set)
    dlg = BackupDialog(path)
    qtbot.addWidget(dlg)
    dlg.show()
    _type(qtbot, dlg.path_edit, str(path))
    driver = ModalDriver(qtbot, ["okButton"])
    qtbot.mouseClick(dlg.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(driver.done, timeout=3000)
    driver.stop()
    assert "sama dengan basis data" in driver.texts[0]
    assert count(path) == 1


def _with_backup(tmp_path, std_set):
    path = tmp_path / "skm.db"
    pid = make_db(path, 5, std_set)
    AutoBackup(path, tmp_path / "cadangan").backup_now("otomatis")
    db = open_database(path)
    add(db, pid, [6, 7, 8])
    db.close()
    return path


def test_restore_lists_backups_and_keeps_the_current_file(qtbot, tmp_path, std_set):
    path = _with_backup(tmp_path, std_set)
    closed = []
    dlg = RestoreDialog(path, tmp_path / "cadangan", before_restore=lambda: closed.append(True))
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.table.rowCount() == 1
    assert dlg.table.item(0, 2).text() == "5 kuesioner" and dlg.table.item(0, 1).text() == "otomatis"
    driver = ModalDriver(qtbot, ["yaPulihkanButton", "okButton"])
    qtbot.mouseClick(dlg.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(driver.done, timeout=3000)
    driver.stop()
    assert dlg.restored and closed == [True]
    assert count(path) == 5
    kept = [e for e in list_backups(tmp_path / "cadangan", "skm") if e.reason == "sebelum_pulih"]
    assert len(kept) == 1 and count(kept[0].path) == 8
    assert "Berisi 5 kuesioner" in driver.texts[0]


def test_restore_cancelled_changes_nothing(qtbot, tmp_path, std_set):
    path = _with_backup(tmp_path, std_set)
    dlg = RestoreDialog(path, tmp_path / "cadangan")
    qtbot.addWidget(dlg)
    dlg.show()
    driver = ModalDriver(qtbot, ["batalButton"])
    qtbot.mouseClick(dlg.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(driver.done, timeout=3000)
    driver.stop()
    assert not dlg.restored and count(path) == 8
    assert len(list_backups(tmp_path / "cadangan", "skm")) == 1


def test_restore_refuses_a_file_that_is_not_a_backup(qtbot, tmp_path, std_set):
    path = _with_backup(tmp_path, std_set)
    junk = tmp_path / "foto.db"
    junk.write_bytes(b"\x89PNG....")
    dlg = RestoreDialog(path, tmp_path / "cadangan")
    qtbot.addWidget(dlg)
    dlg.show()
    driver = ModalDriver(qtbot, ["okButton"])
    assert dlg.restore_from(junk) is False
    driver.stop()
    assert "bukan cadangan SKM" in driver.texts[0]
    assert count(path) == 8


def test_empty_backup_folder(qtbot, tmp_path, std_set):
    path = tmp_path / "skm.db"
    make_db(path, 1, std_set)
    dlg = RestoreDialog(path, tmp_path / "cadangan")
    qtbot.addWidget(dlg)
    dlg.show()
    assert not dlg.restore_button.isEnabled() and dlg.empty_label.isVisible()


def test_restore_lists_only_this_database_s_backups_and_mentions_old_unproven_ones(qtbot, tmp_path, std_set):
    a, b = tmp_path / "a" / "skm.db", tmp_path / "b" / "skm.db"
    for p in (a, b):
        p.parent.mkdir()
        make_db(p, 2, std_set)
    d = tmp_path / "cadangan"
    own = AutoBackup(a, d).backup_now("manual")
    AutoBackup(b, d).backup_now("manual")  # same name, other folder
    make_db(d / "skm-20200101-080000-otomatis.db", 1, std_set)  # old style: origin unknown
    dlg = RestoreDialog(a, d)
    qtbot.addWidget(dlg)
    dlg.show()
    assert [e.path for e in dlg.entries] == [own] and dlg.table.rowCount() == 1
    assert dlg.unproven_label.isVisible() and dlg.unproven_label.text().startswith("1 cadangan lama")
    plain = RestoreDialog(tmp_path / "lain.db", d)
    qtbot.addWidget(plain)
    plain.show()
    assert not plain.unproven_label.isVisible() and plain.empty_label.isVisible()
