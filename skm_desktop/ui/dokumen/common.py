"""Shared by the Dokumen tabs: table helpers, file names, labels."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skm_desktop.domain.errors import DomainError
from skm_desktop.ui.unsaved import UnsavedChanges, confirm_leave
from skm_desktop.ui.widgets import StatusLabel, read_only_table

if TYPE_CHECKING:
    from .page import DokumenPage

W = TypeVar("W", bound=QWidget)
T = TypeVar("T")


ALL_LAYANAN = "Semua jenis layanan"
ASAL = {
    "periode": "teks khusus periode ini",
    "unit": "teks unit (berlaku untuk semua periode)",
    "bawaan": "teks bawaan",
}


class DokumenTab(QWidget):
    """A tab of the Dokumen page. ``self.page`` gives the chosen period
    (``periode_info()``) and the page's service; a tab lays itself out in
    :meth:`build` and reloads in ``refresh()``."""

    def __init__(self, page: DokumenPage) -> None:
        super().__init__()
        self.page = page
        self.build(QVBoxLayout(self))

    def build(self, v: QVBoxLayout) -> None:
        raise NotImplementedError(f"{type(self).__name__} lays out no widgets")


def stored(status: StatusLabel, action: Callable[[], object], then: Callable[[], object], done: str) -> bool:
    """Run a change through the service; refused: the reason under the form, the form as
    typed; stored: ``then()`` (read back) and ``done`` said. True when stored."""
    try:
        action()
    except DomainError as e:
        status.error(str(e))
        return False
    then()
    status.ok(done)
    return True


def words(text: str) -> str:
    """``text`` as compared for unsaved changes: spaces at the ends and doubled spaces do not count."""
    return " ".join(text.split())


class RowFormTab(DokumenTab, UnsavedChanges):
    """A Dokumen tab whose form edits the row picked in its table (``self.items``).
    The form is unsaved when it differs from the row it shows (or, with no row
    picked, when :meth:`new_pending`); picking another row asks first."""

    TITLE = ""
    table: QTableWidget
    items: list

    def unsaved_label(self) -> str:
        return f"Dokumen > {self.TITLE}"

    # what a subclass says --------------------------------------------------
    def form_values(self) -> tuple:
        raise NotImplementedError

    def item_values(self, item) -> tuple:
        raise NotImplementedError

    def show_item(self, item) -> None:
        """Put ``item`` into the form (``None``: the empty form)."""
        raise NotImplementedError

    def new_pending(self) -> bool:
        return False

    def save_form(self) -> bool:
        raise NotImplementedError

    # the protocol ------------------------------------------------------------
    shown = None  # the row the form shows

    def has_unsaved_changes(self) -> bool:
        if self.shown is None:
            return self.new_pending()
        return self.form_values() != self.item_values(self.shown)

    def save_changes(self) -> bool:
        return self.save_form()

    def discard_changes(self) -> None:
        self.show_item(self.shown)

    def connect_rows(self) -> None:
        self.table.itemSelectionChanged.connect(self._row_picked)

    def _row_of(self, item) -> int:
        ids = [i.id for i in self.items]
        return ids.index(item.id) if item is not None and item.id in ids else -1

    def _select_quietly(self, row: int) -> None:
        self.table.blockSignals(True)
        try:
            if row < 0:
                self.table.clearSelection()
            else:
                self.table.selectRow(row)
        finally:
            self.table.blockSignals(False)

    def _row_picked(self) -> None:
        picked = selected_item(self.table, self.items)
        if picked is self.shown:
            return
        if not confirm_leave(self, [self]):
            self._select_quietly(self._row_of(self.shown))  # Batal: the row being edited stays
            return
        self.shown = picked
        if picked is not None:
            self.show_item(picked)

    def follow_rows(self) -> None:
        """After the table is refilled: the form keeps its row (found again by id)."""
        row = self._row_of(self.shown)
        self.shown = self.items[row] if row >= 0 else None
        self._select_quietly(row)


def _table(headers: list[str], stretch: int) -> QTableWidget:
    return read_only_table(headers, stretch, word_wrap=True)


def named(widget: W, name: str) -> W:
    """``widget`` with its object name (the tests and the style sheet find it by that name)."""
    widget.setObjectName(name)
    return widget


def add_note(v: QBoxLayout, text: str = "") -> QLabel:
    """A word-wrapped explanation added to ``v``."""
    label = QLabel(text)
    label.setWordWrap(True)
    v.addWidget(label)
    return label


def add_table(v: QBoxLayout, headers: list[str], stretch: int, name: str) -> QTableWidget:
    """A read-only table that takes the tab's free height."""
    table = named(_table(headers, stretch), name)
    v.addWidget(table, 1)
    return table


def add_buttons_and_status(v: QBoxLayout, buttons: Sequence[QWidget]) -> StatusLabel:
    """The tab's buttons on one left-aligned row, and below them its status line."""
    row = QHBoxLayout()
    for b in buttons:
        row.addWidget(b)
    row.addStretch(1)
    v.addLayout(row)
    status = StatusLabel()
    v.addWidget(status)
    return status


def selected_item(table: QTableWidget, items: Sequence[T]) -> T | None:
    """The item of the table's selected row (rows are in the order of ``items``)."""
    rows = table.selectionModel().selectedRows()
    return items[rows[0].row()] if rows else None


def _fill(t: QTableWidget, rows: list[list[str]], right: tuple[int, ...] = (), center: tuple[int, ...] = ()) -> None:
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
