"""Refresh a page only when it is looked at: keying emits ``dataChanged`` after every
questionnaire, and recomputing a hidden page each time would slow keying down."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class RefreshWhenShown(QObject):
    """Call :meth:`request` when the page's data changed: ``refresh`` runs at once while
    ``page`` is visible, otherwise once at its next show."""

    def __init__(self, page: QWidget, refresh: Callable[[], object], pending: bool = False) -> None:
        super().__init__(page)
        self._page = page
        self._refresh = refresh
        #: a refresh is owed (the page was hidden when its data changed)
        self.pending = pending
        page.installEventFilter(self)

    def request(self) -> None:
        if self._page.isVisible():
            self.run()
        else:
            self.pending = True

    def run(self) -> None:
        self.pending = False
        self._refresh()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self._page and event.type() == QEvent.Type.Show and self.pending:
            self.run()
        return False
