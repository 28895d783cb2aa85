"""State shared by the pages of the operator app: the service objects bound to
the open database, the current unit and period, the operator's name, and
change notifications.

Pages talk to the services only (``ctx.setup``, ``ctx.results``,
``ctx.audit``); transactions and Sessions are private to them.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from skm_desktop.services.auditing import AuditService
from skm_desktop.services.results import ResultsService
from skm_desktop.services.setup import SetupService


class AppContext(QObject):
    #: the current period changed (new id)
    periodeChanged = Signal(int)
    #: questionnaires were added, changed or deleted in the current period
    dataChanged = Signal()
    #: unit profile, layanan, periods, unsur set or choice lists changed
    setupChanged = Signal()

    def __init__(self, db, unit_id: int | None = None, periode_id: int | None = None,
                 operator: str = "", parent: QObject | None = None) -> None:
        """``db``: the open :class:`~skm_desktop.storage.database.Database`."""
        super().__init__(parent)
        self._db = db
        self.setup = SetupService(db)
        self.results = ResultsService(db)
        self.audit = AuditService(db)
        self.unit_id = unit_id
        self._periode_id = periode_id
        self.operator = operator

    @property
    def db(self):
        """The raw database, only for the pages still being converted to service
        objects in parallel (the allow-list of tests/test_architecture.py)."""
        return self._db

    @property
    def database_path(self) -> Path:
        return Path(self._db.path)

    def close_database(self) -> None:
        """Release the file (e.g. before a backup is restored over it)."""
        self._db.close()

    @property
    def periode_id(self) -> int | None:
        return self._periode_id

    def set_periode(self, periode_id: int | None) -> None:
        if periode_id != self._periode_id:
            self._periode_id = periode_id
            self.periodeChanged.emit(periode_id if periode_id is not None else -1)
