"""State shared by the pages of the operator app: the open database, the
current unit and period, the operator's name, and change notifications."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from skm_desktop.storage.database import Database


class AppContext(QObject):
    #: the current period changed (new id)
    periodeChanged = Signal(int)
    #: questionnaires were added, changed or deleted in the current period
    dataChanged = Signal()
    #: unit profile, layanan, periods, unsur set or choice lists changed
    setupChanged = Signal()

    def __init__(self, db: Database, unit_id: int | None = None, periode_id: int | None = None,
                 operator: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.unit_id = unit_id
        self._periode_id = periode_id
        self.operator = operator

    @property
    def periode_id(self) -> int | None:
        return self._periode_id

    def set_periode(self, periode_id: int | None) -> None:
        if periode_id != self._periode_id:
            self._periode_id = periode_id
            self.periodeChanged.emit(periode_id if periode_id is not None else -1)
