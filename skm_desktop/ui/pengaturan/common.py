"""Pieces shared by the Pengaturan tabs."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTableWidget, QWidget

from skm_desktop.domain.errors import DomainError

from ..context import AppContext
from ..widgets import StatusLabel, read_only_table


def table(headers: list[str], stretch: int = 0) -> QTableWidget:
    return read_only_table(headers, stretch)


class Tab(QWidget):
    """A Pengaturan tab: runs a change, shows the refusal or the confirmation,
    and tells the other pages that the set-up changed."""

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

    def reload(self) -> None:  # pragma: no cover - overridden
        pass

    def has_unsaved(self) -> bool:
        """True while the operator has typed something not yet stored."""
        return False
