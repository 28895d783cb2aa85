"""Answering the file dialogs and message boxes a menu action opens, as an operator
would (shared by the Berkas, Rekap and Pindai tests)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLineEdit

from tests.safety.helpers import run_with_dialogs


def file_step(path: Path):
    """Answer a file dialog: type the name in, then the accept button."""

    def prepare(d):
        assert isinstance(d, QFileDialog)
        # typed into the name field as an operator would (selectFile leaves "Buka" disabled
        # until Qt's file model has listed the folder, which it may not do in time offscreen)
        d.findChild(QLineEdit, "fileNameEdit").setText(str(path))

    return (prepare, "fileAcceptButton")


def drive(qtbot, action, steps: list):
    return run_with_dialogs(qtbot, action.trigger, steps, timeout_ms=20_000)
