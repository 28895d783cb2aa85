"""Shared helpers of the data-safety tests."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services import survey
from skm_desktop.storage.database import open_database


def make_db(path: Path, n: int, std_set) -> int:
    """A database with one unit, one period and ``n`` questionnaires; returns the period id."""
    db = open_database(path)
    with db.session() as s:
        u = survey.create_unit(s, "Puskesmas Uji")
        pid = survey.create_periode(s, u.id, "2026", std_set).id
    add(db, pid, range(1, n + 1))
    db.close()
    return pid


def add(db, pid: int, numbers) -> None:
    for no in numbers:
        survey.save_respondent(db, pid, RespondentRecord(no_kuesioner=no, answers=(3,) * 9, sumber="kertas"))


def count(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT count(*) FROM responden").fetchone()[0]
    finally:
        con.close()


def corrupt(path: Path) -> None:
    """Overwrite the middle of the file (table pages) with garbage, as a failing disk would."""
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, page):
        data[start + 8 : start + 200] = b"\xde\xad\xbe\xef" * 48
    path.write_bytes(bytes(data))


class ModalDriver:
    """Clicks, in order, the named buttons of the modal dialogs that appear; records their texts.
    A step may be ``(prepare, button_name)``: ``prepare(dialog)`` runs first (e.g. typing)."""

    DEADLINE_S = 30.0  # a step that never comes: close the dialogs so the test fails, never hangs

    def __init__(self, qtbot, buttons: list[str]):
        import time

        self._t0 = time.monotonic()
        self.timed_out = False
        self.qtbot = qtbot
        self.buttons = list(buttons)
        self.texts: list[str] = []
        self._last = None
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self):
        import time

        w = QApplication.activeModalWidget()
        if self.buttons and time.monotonic() - self._t0 > self.DEADLINE_S:
            self.timed_out = True
            if w is not None:
                (w.reject if hasattr(w, "reject") else w.close)()
            return
        if w is None or w is self._last or not self.buttons:
            return
        step = self.buttons[0]
        if isinstance(step, tuple):  # (callable run on the dialog first, then the button to click)
            prepare, name = step
        else:
            prepare, name = None, step
        btn = w.findChild(QAbstractButton, name)
        if btn is None or not btn.isVisible():
            return
        self._last = w
        if isinstance(w, QMessageBox):
            self.texts.append(w.text() + "\n" + w.informativeText())
        self.buttons.pop(0)
        if prepare is not None:
            prepare(w)
        # click after this tick returns: the click may open a nested modal dialog, and a
        # timer's slot is not re-entered while it runs
        QTimer.singleShot(0, lambda: self.qtbot.mouseClick(btn, Qt.MouseButton.LeftButton))

    def done(self) -> bool:
        return not self.buttons

    def stop(self):
        self._timer.stop()


def run_with_dialogs(qtbot, start, steps: list, timeout_ms: int = 60_000) -> ModalDriver:
    """Call ``start()`` (e.g. an action's trigger) and answer the modal dialogs it opens with
    ``steps`` (see :class:`ModalDriver`); the driver, with the texts it saw."""
    driver = ModalDriver(qtbot, steps)
    try:
        start()
        qtbot.waitUntil(driver.done, timeout=timeout_ms)
        qtbot.wait(50)
    finally:
        driver.stop()
    assert not driver.timed_out
    return driver
