"""Pieces shared by the Pengaturan tabs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLayout, QTableWidget, QTableWidgetItem, QWidget

from skm_desktop import palette
from skm_desktop.domain.errors import DomainError

from ..context import AppContext
from ..parts import column
from ..unsaved import UnsavedChanges, save_pending
from ..widgets import StatusLabel, read_only_table


def table(headers: list[str], stretch: int = 0) -> QTableWidget:
    return read_only_table(headers, stretch)


class Tab(QWidget, UnsavedChanges):
    """A Pengaturan tab: runs a change, shows the refusal or the confirmation,
    and tells the other pages that the set-up changed. It is an
    :class:`~skm_desktop.ui.unsaved.UnsavedChanges` editor: ``reload()`` ends
    with ``mark_clean()``; ``save()`` returns True when everything was stored."""

    TITLE = ""  # the tab's title, also used in the unsaved-changes question

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.message = StatusLabel()

    def run(self, action: Callable[[], object], done: str) -> bool:
        try:
            action()
        except DomainError as e:  # ServiceError is a DomainError
            self.message.error(str(e))
            return False
        self.message.ok(done)
        self.ctx.setupChanged.emit()
        return True

    def change(self, action: Callable[[], object], done: str) -> bool:
        """:meth:`run`, and when stored, read the tab back (it shows the values as stored)."""
        ok = self.run(action, done)
        if ok:
            self.reload()
        return ok

    def selected_row(self):
        """The row of ``self._rows`` selected in ``self.table`` (None when nothing is)."""
        r = self.table.currentRow()
        return self._rows[r] if 0 <= r < len(self._rows) and self.table.selectedItems() else None

    # tabs with a table of rows (jenis layanan, periode) ------------------------
    def use_table(self, headers: list[str], tip: tuple[int, str], stretch: int = 0) -> None:
        """The tab's table of rows (``tip``: a column's header and its tooltip); the
        buttons follow the selected row."""
        self._rows: list = []
        self.table = table(headers, stretch)
        column, text = tip
        self.table.horizontalHeaderItem(column).setToolTip(text)
        self.table.itemSelectionChanged.connect(self._selection_changed)

    def lay_out(self, *parts: QWidget | QLayout) -> None:
        """The tab top to bottom: ``parts`` (the table takes the spare height), then the message."""
        column(self, *parts, self.message, grow=self.table)
        self._selection_changed()

    def reload_rows(self, rows: Callable[[int], list], cells, keep: int | None = None, **shown) -> bool:
        """Fill the table with ``rows(unit_id)`` (see :meth:`show_rows`), the selected row
        (else the row with id ``keep``) selected again; False when no unit is open."""
        if self.ctx.unit_id is None:
            return False
        current = self.selected_row()
        self.show_rows(
            rows(self.ctx.unit_id), cells, keep=self.row_id(current) if current is not None else keep, **shown
        )
        return True

    @staticmethod
    def row_id(row) -> int:
        return row.id

    def select_id(self, row_id: int | None) -> None:
        for r, row in enumerate(self._rows):
            if self.row_id(row) == row_id:
                self.table.selectRow(r)

    def show_rows(self, rows: list, cells, right: tuple[int, ...] = (), keep: int | None = None, dim=None) -> None:
        """Fill the table with ``rows`` (``cells(row)``: its texts; ``right``: number columns;
        ``dim(row)``: shown greyed), select again the row with id ``keep``, update the buttons."""
        self._rows = rows
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            grey = dim is not None and dim(row)
            for c, text in enumerate(cells(row)):
                it = QTableWidgetItem(text)
                if c in right:
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if grey:
                    it.setForeground(QColor(palette.TEXT_INACTIVE))
                self.table.setItem(r, c, it)
        self.select_id(keep)
        self._selection_changed()

    def _selection_changed(self) -> None:  # pragma: no cover - overridden by the table tabs
        pass

    def reload(self) -> None:  # pragma: no cover - overridden
        pass

    def save(self) -> bool:  # pragma: no cover - overridden
        return True

    def unsaved_label(self) -> str:
        return f"Pengaturan > {self.TITLE}"

    def has_unsaved(self) -> bool:
        """True while the operator has typed something not yet stored."""
        return self.has_unsaved_changes()

    def pieces(self) -> tuple:
        """``(pending, save)`` pairs of a tab made of several small forms; none: the tab is one form."""
        return ()

    def has_unsaved_changes(self) -> bool:
        pieces = self.pieces()
        return any(pending() for pending, _save in pieces) if pieces else super().has_unsaved_changes()

    def save_changes(self) -> bool:
        pieces = self.pieces()
        if pieces:
            return save_pending(*pieces)
        return bool(self.save()) and not self.has_unsaved_changes()

    def discard_changes(self) -> None:
        self.reload()
        self.mark_clean()
        self.message.clear_message()
