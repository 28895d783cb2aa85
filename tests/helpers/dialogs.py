"""Answering the file dialogs and message boxes a menu action opens, as an operator
would (shared by the Berkas, Rekap and Pindai tests)."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from tests.safety.helpers import run_with_dialogs


def file_step(path: Path):
    """Answer a file dialog: type the name in, then the accept button."""

    def prepare(d):
        assert isinstance(d, QFileDialog)
        # typed into the name field as an operator would (selectFile leaves "Buka" disabled
        # until Qt's file model has listed the folder, which it may not do in time offscreen)
        d.findChild(QLineEdit, "fileNameEdit").setText(str(path))

    return (prepare, "fileAcceptButton")


def files_step(paths: list[Path]):
    """Answer a dialog of several files: their names typed in quotes, then the accept button."""

    def prepare(d):
        assert isinstance(d, QFileDialog) and d.fileMode() == QFileDialog.FileMode.ExistingFiles
        d.findChild(QLineEdit, "fileNameEdit").setText(" ".join(f'"{p}"' for p in paths))

    return (prepare, "fileAcceptButton")


def drive(qtbot, action, steps: list):
    return run_with_dialogs(qtbot, action.trigger, steps, timeout_ms=20_000)


def click_message_button(qtbot, text: str, deadline_s: float = 20.0):
    """Click the button labelled ``text`` of the next message box (a deadline: never hangs)."""
    t0 = time.monotonic()
    timer = QTimer()

    def tick():
        w = QApplication.activeModalWidget()
        if time.monotonic() - t0 > deadline_s:
            timer.stop()
            if w is not None:
                w.reject()
            return
        if isinstance(w, QMessageBox):
            for b in w.buttons():
                if b.text() == text:
                    timer.stop()
                    QTimer.singleShot(0, b.click)

    timer.timeout.connect(tick)
    timer.start(20)
    return timer
