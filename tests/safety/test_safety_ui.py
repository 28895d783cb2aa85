"""Opening a damaged database from the GUI, and the dialog for unexpected errors."""

import hashlib
import logging
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from skm_desktop.services.autobackup import AutoBackup
from skm_desktop.storage.database import DamagedDatabase, open_database
from skm_desktop.ui import safety

from .helpers import ModalDriver, add, corrupt, count, make_db


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def damaged(tmp_path, std_set):
    """skm.db with 12 questionnaires, a good backup holding the first 8, then the file damaged."""
    path = tmp_path / "skm.db"
    pid = make_db(path, 8, std_set)
    AutoBackup(path, tmp_path / "cadangan").backup_now("otomatis")
    db = open_database(path)
    add(db, pid, range(9, 13))
    db.close()
    corrupt(path)
    with pytest.raises(DamagedDatabase):
        open_database(path)
    return path


def test_damaged_database_restored_from_newest_good_backup(qtbot, tmp_path, damaged, std_set):
    # an older backup and a broken newer one: the newest *good* one must be offered
    from skm_desktop.services.autobackup import backup_name

    older = tmp_path / "cadangan" / backup_name(damaged, "20200101-080000", "otomatis")
    make_db(older, 2, std_set)
    broken = tmp_path / "cadangan" / backup_name(damaged, "29991231-080000", "otomatis")
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 2000)
    damaged_bytes = _digest(damaged)

    driver = ModalDriver(qtbot, ["pulihkanTerbaruButton", "okButton"])
    db = safety.open_database_interactive(damaged, None, tmp_path / "cadangan")
    driver.stop()
    assert driver.done()
    assert db is not None
    assert "rusak" in driver.texts[0] and "Cadangan utuh terbaru" in driver.texts[0]
    try:
        assert count(damaged) == 8  # the backup's content
    finally:
        db.close()
    aside = list(tmp_path.glob("skm.rusak-*.db"))
    assert len(aside) == 1 and _digest(aside[0]) == damaged_bytes  # the damaged file kept untouched
    assert "dipulihkan" in driver.texts[1] and aside[0].name in driver.texts[1]


def test_cancel_leaves_the_damaged_file_untouched(qtbot, tmp_path, damaged):
    before = _digest(damaged)
    driver = ModalDriver(qtbot, ["batalButton"])
    assert safety.open_database_interactive(damaged, None, tmp_path / "cadangan") is None
    driver.stop()
    assert driver.done()
    assert _digest(damaged) == before
    assert not list(tmp_path.glob("skm.rusak-*"))


def test_no_backup_available_says_so(qtbot, tmp_path, damaged):
    before = _digest(damaged)
    driver = ModalDriver(qtbot, ["batalButton"])
    assert safety.open_database_interactive(damaged, None, tmp_path / "kosong") is None
    driver.stop()
    assert "Tidak ada cadangan otomatis yang utuh" in driver.texts[0]
    assert _digest(damaged) == before


def test_not_an_skm_file_is_refused_and_untouched(qtbot, tmp_path):
    path = tmp_path / "catatan.db"
    path.write_text("bukan basis data")
    driver = ModalDriver(qtbot, ["tutupButton"])
    assert safety.open_database_interactive(path, None, tmp_path / "cadangan") is None
    driver.stop()
    assert "bukan basis data SKM" in driver.texts[0]
    assert path.read_text() == "bukan basis data"


def test_good_database_opens_without_questions(tmp_path, std_set):
    path = tmp_path / "skm.db"
    make_db(path, 3, std_set)
    db = safety.open_database_interactive(path, None, tmp_path / "cadangan")
    assert db is not None
    db.close()


@pytest.mark.qt_no_exception_capture
def test_unexpected_error_in_a_button_shows_a_friendly_dialog(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(safety.threading, "excepthook", safety.threading.excepthook)
    monkeypatch.setattr(safety.faulthandler, "enable", lambda *a, **k: None)
    log_file = safety.install_exception_hook(tmp_path / "log")
    assert log_file == tmp_path / "log" / "skm-desktop.log"

    w = QWidget()
    btn = QPushButton("Hitung", w)
    btn.clicked.connect(lambda: 1 / 0)
    qtbot.addWidget(w)
    w.show()
    driver = ModalDriver(qtbot, ["tutupButton"])
    qtbot.mouseClick(btn, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(driver.done, timeout=3000)
    driver.stop()
    text = driver.texts[0]
    assert "kesalahan yang tidak terduga" in text and str(log_file) in text
    for h in logging.getLogger("skm_desktop").handlers:
        h.flush()
    logged = log_file.read_text(encoding="utf-8")
    assert "ZeroDivisionError" in logged and "Traceback" in logged
    assert w.isVisible()  # the program goes on


def test_failed_restore_puts_the_damaged_file_back(tmp_path, damaged, monkeypatch):
    before = _digest(damaged)

    def fail(*a, **k):
        raise OSError("media penuh")

    import skm_desktop.storage.recovery as recovery

    monkeypatch.setattr(recovery, "restore_file", fail)
    good = safety.newest_good_backup(damaged, tmp_path / "cadangan")
    with pytest.raises(OSError):
        safety.restore_damaged(damaged, good.path)
    assert _digest(damaged) == before
    assert not list(tmp_path.glob("skm.rusak-*"))
