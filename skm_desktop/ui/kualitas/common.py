"""Small helpers shared by the Verifikasi and Jejak Audit pages."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QTableWidget, QWidget

from skm_desktop.domain.tanggal import format_display_waktu

from ..files import file_written as file_written  # the pages call it through this module
from ..widgets import read_only_table

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter


def make_table(headers: list[str], stretch: int | None = None) -> QTableWidget:
    return read_only_table(headers, stretch)


def waktu_text(w: dt.datetime | None) -> str:
    return format_display_waktu(w)


def message(parent: QWidget | None, title: str, text: str, error: bool = True) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information,
        title,
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.button(QMessageBox.StandardButton.Ok).setText("Tutup")
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, yes: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    b_yes = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    b_no = box.addButton("Batal", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(b_no)
    box.exec()
    return box.clickedButton() is b_yes
