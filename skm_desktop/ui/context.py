"""State shared by the pages of the operator app: the service objects bound to
the open database, the current unit and period, the operator's name, and
change notifications.

Pages talk to the services only (``ctx.setup``, ``ctx.results``,
``ctx.audit``); transactions and Sessions are private to them.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from skm_desktop.services.auditing import AuditService
    from skm_desktop.services.berkas import BerkasService
    from skm_desktop.services.pindai import PindaiService
    from skm_desktop.services.results import ResultsService
    from skm_desktop.services.setup import SetupService
    from skm_desktop.services.tahunan import TahunanService


class AppContext(QObject):
    #: the current period changed (new id)
    periodeChanged = Signal(int)
    #: questionnaires were added, changed or deleted in the current period
    dataChanged = Signal()
    #: unit profile, layanan, periods, unsur set or choice lists changed
    setupChanged = Signal()

    def __init__(
        self,
        db,
        unit_id: int | None = None,
        periode_id: int | None = None,
        operator: str = "",
        parent: QObject | None = None,
    ) -> None:
        """``db``: the open :class:`~skm_desktop.storage.database.Database`."""
        super().__init__(parent)
        self._db = db
        self._setup: SetupService | None = None
        self._results: ResultsService | None = None
        self._audit: AuditService | None = None
        self._berkas: BerkasService | None = None
        self._pindai: PindaiService | None = None
        self.unit_id = unit_id
        self._periode_id = periode_id
        self.operator = operator

    # The services are made (and their modules imported) on first use, so that opening
    # the window loads only what its first page needs.
    @property
    def setup(self) -> SetupService:
        """Unit profile, layanan, periods, targets, unsur set and choice lists."""
        if self._setup is None:
            from skm_desktop.services.setup import SetupService

            self._setup = SetupService(self._db)
        return self._setup

    @property
    def results(self) -> ResultsService:
        """The figures of a selection (Hasil)."""
        if self._results is None:
            from skm_desktop.services.results import ResultsService

            self._results = ResultsService(self._db)
        return self._results

    @property
    def tahunan(self) -> TahunanService:
        """The figures of a whole year, every respondent of its periods pooled (Hasil)."""
        from skm_desktop.services.tahunan import TahunanService

        if not isinstance(getattr(self, "_tahunan", None), TahunanService):
            self._tahunan = TahunanService(self._db)
        return self._tahunan

    @property
    def audit(self) -> AuditService:
        """The audit trail and restoring deletions (Jejak Audit)."""
        if self._audit is None:
            from skm_desktop.services.auditing import AuditService

            self._audit = AuditService(self._db)
        return self._audit

    @property
    def berkas(self) -> BerkasService:
        """Import, export and the import template (the Berkas menu)."""
        if self._berkas is None:
            from skm_desktop.services.berkas import BerkasService

            self._berkas = BerkasService(self._db)
        return self._berkas

    @property
    def pindai(self) -> PindaiService:
        """Scanned questionnaires: reading scans, the sheets held for review."""
        if self._pindai is None:
            from skm_desktop.services.pindai import PindaiService

            self._pindai = PindaiService(self._db)
        return self._pindai

    @property
    def db(self):
        """The raw database, only for the pages still being converted to service
        objects in parallel (the allow-list of tests/test_architecture.py)."""
        return self._db

    @property
    def is_server(self) -> bool:
        """The database is on a PostgreSQL server (no file: no file backup/restore here)."""
        return bool(getattr(self._db, "is_server", False))

    @property
    def database_label(self) -> str:
        """What the operator sees: the file path, or the server address (never a password)."""
        return str(getattr(self._db, "label", None) or self._db.path)

    @property
    def database_path(self) -> Path:
        """The database file (file databases only; see :attr:`is_server`)."""
        if self._db.path is None:
            raise ValueError("database on a server has no file path")
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
