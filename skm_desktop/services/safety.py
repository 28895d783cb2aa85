"""What the GUI needs to open a database safely, back it up, restore it, and
notice changes made by other programs — so that ui/ imports no storage module.

- :func:`open_for` opens a database for one program (``"operator"``,
  ``"kiosk"``, or a CLI label); the operator app also takes the exclusive
  operator lock (:func:`claim_operator`).
- :class:`ExternalChanges` answers "did another program change the file?"
  cheaply (``PRAGMA data_version`` on one dedicated connection).
"""

from __future__ import annotations

from pathlib import Path

from skm_desktop.services.autobackup import BackupEntry, list_backups, restore_with_backup  # noqa: F401
from skm_desktop.storage import files
from skm_desktop.storage.backup import backup_file  # noqa: F401
from skm_desktop.storage.changes import ExternalChanges  # noqa: F401
from skm_desktop.storage.database import (  # noqa: F401
    DamagedDatabase,
    Database,
    DatabaseError,
    DatabaseInUse,
    NewerDatabase,
    NotSkmDatabase,
    open_database,
)
from skm_desktop.storage.recovery import is_good_backup, restore_damaged, schema_revision  # noqa: F401
from skm_desktop.storage.server import is_server_url  # noqa: F401

PROGRAM_LABELS = {"operator": "aplikasi operator SKM Desktop", "kiosk": "mode kios SKM Desktop"}


class OperatorBusy(DatabaseInUse):
    """Another operator app holds the file; ``holder`` says who."""

    def __init__(self, holder: files.Pengguna):
        super().__init__(
            f"{holder.describe()}. Hanya satu aplikasi operator yang boleh membuka basis data "
            "yang sama; tutup aplikasi itu dulu, atau buka berkas lain.",
            [holder],
        )
        self.holder = holder


def program_label(program: str) -> str:
    return PROGRAM_LABELS.get(program, program)


def claim_operator(db: Database) -> None:
    """Take the exclusive operator lock for ``db`` (released by ``db.close()``).
    Raises :class:`OperatorBusy` when another operator app has the file.
    A database on a server has no lock file: several PCs work on it at once."""
    if db.is_server or db.path is None:
        return
    got = files.claim_operator(db.path, PROGRAM_LABELS["operator"])
    if isinstance(got, files.Pengguna):
        raise OperatorBusy(got)
    if got is not None:
        db.add_lock(got)


def open_for(path: Path | str, program: str = "operator", create: bool = True) -> Database:
    """Open ``path`` for ``program``; the operator app gets the operator lock too (refused,
    with :class:`OperatorBusy`, when another operator app holds it: nothing is opened)."""
    db = open_database(path, create=create, program=program_label(program))
    if program == "operator":
        try:
            claim_operator(db)
        except BaseException:
            db.close()
            raise
    return db


def other_users(path: Path | str) -> list[files.Pengguna]:
    """The other live programs that have ``path`` open."""
    return files.live_users(path)


def in_use_refusal(path: Path | str, action: str = "Pemulihan basis data") -> str | None:
    """The Indonesian refusal when another live program has ``path`` open, else None.
    (The replace itself checks again, under the gate: this is for asking early.)"""
    from skm_desktop.storage.database import in_use_message

    others = other_users(path)
    return in_use_message(others, action) if others else None


def newest_good_backup(db_path: Path | str, backup_dir: Path | str) -> BackupEntry | None:
    """The newest automatic backup of ``db_path`` that passes the integrity check."""
    for e in list_backups(backup_dir, db_path=db_path):
        if is_good_backup(e.path):
            return e
    return None


def has_unit(db: Database) -> bool:
    """Whether the database has its unit set up (a new file gets the first-start wizard)."""
    from skm_desktop.domain.errors import DomainError
    from skm_desktop.services import survey

    with db.read_session() as s:
        try:
            survey.get_unit(s)
            return True
        except DomainError:
            return False
