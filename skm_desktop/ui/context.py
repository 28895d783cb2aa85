"""State shared by the pages of the operator app: the service objects bound to
the open database, the current unit and period, the operator's name, and
change notifications.

Pages talk to the services only (``ctx.setup``, ``ctx.service(ResultsService)``…);
transactions and Sessions are private to them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from skm_desktop.services.setup import SetupService

S = TypeVar("S")


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
        self._services: dict[type, object] = {}
        self.unit_id = unit_id
        self._periode_id = periode_id
        self.operator = operator

    # The services are made (and their modules imported) on first use, so that opening
    # the window loads only what its first page needs: a page asks for the service it
    # uses, importing its module itself.
    def service(self, cls: type[S]) -> S:
        """The one ``cls`` service object bound to the open database, made on first use."""
        made = self._services.get(cls)
        if made is None:
            made = self._services[cls] = cls(self._db)
        return made

    @property
    def setup(self) -> SetupService:
        """Unit profile, layanan, periods, targets, unsur set and choice lists (every page)."""
        from skm_desktop.services.setup import SetupService

        return self.service(SetupService)

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

    def follow(
        self,
        reload: Callable[[], object],
        on_data: Callable[[], object],
        on_periode: Callable[[int], object] | None = None,
    ) -> None:
        """Wire a page to the change notifications and load it once now: ``reload`` when the
        setup changes (and the period, unless ``on_periode`` is given), ``on_data`` when
        questionnaires change."""
        self.periodeChanged.connect(on_periode or (lambda _id: reload()))
        self.setupChanged.connect(reload)
        self.dataChanged.connect(on_data)
        reload()

    @property
    def periode_id(self) -> int | None:
        return self._periode_id

    def set_periode(self, periode_id: int | None) -> None:
        if periode_id != self._periode_id:
            self._periode_id = periode_id
            self.periodeChanged.emit(periode_id if periode_id is not None else -1)


class Page(QWidget):
    """A page of the main window: it works on the shared context, under the object name
    ``name`` (style sheet, tests)."""

    def __init__(self, ctx: AppContext, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.ctx = ctx
