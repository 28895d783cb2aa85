"""Shared by the Dokumen tabs: table helpers, file names, labels."""
from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

from skm_desktop.ui.widgets import read_only_table


ALL_LAYANAN = "Semua jenis layanan"
ASAL = {"periode": "teks khusus periode ini", "unit": "teks unit (berlaku untuk semua periode)",
        "bawaan": "teks bawaan"}


def _table(headers: list[str], stretch: int) -> QTableWidget:
    return read_only_table(headers, stretch, word_wrap=True)

def _fill(t: QTableWidget, rows: list[list[str]], right: tuple[int, ...] = (),
          center: tuple[int, ...] = ()) -> None:
    """Fill a read-only table; ``right``: number columns (right-aligned), ``center``: short codes."""
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            it = QTableWidgetItem(text)
            it.setToolTip(text)
            if c in right:
                it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            elif c in center:
                it.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            t.setItem(r, c, it)
    t.resizeRowsToContents()


def safe_filename(text: str) -> str:
    return re.sub(r"[^\w\-]+", "-", text, flags=re.UNICODE).strip("-")[:80] or "dokumen"
