"""Recovery of a damaged database file (issue #12): checking a file or a backup
read-only, setting a damaged file aside untouched, and restoring a backup over
it. Renaming and replacing happen only while no other program has the file
open (:func:`skm_desktop.storage.database.replacing`)."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from pathlib import Path

from .backup import backup_file, copy_into
from .database import DatabaseError, _check_existing, replacing
from .files import atomic_write

log = logging.getLogger(__name__)


def schema_revision(path: Path | str) -> str | None:
    """Inspect ``path`` read-only: its schema revision, None for an empty SQLite file.
    Raises DatabaseError (Indonesian message) when it is no SKM database or is damaged."""
    return _check_existing(Path(path))


def is_good_backup(path: Path | str) -> bool:
    """A non-empty SKM database that passes the integrity check."""
    path = Path(path)
    try:
        return path.is_file() and path.stat().st_size > 0 and _check_existing(path) is not None
    except (DatabaseError, OSError):
        return False


def restore_file(backup: Path | str, db: Path | str, keep_current_as: Path | str | None = None) -> Path | None:
    """Replace ``db`` by ``backup``. The current file (if any) is backed up first;
    returns where that copy went."""
    backup, db = Path(backup), Path(db)
    with replacing(db, "Pemulihan basis data"):
        return _restore_unshared(backup, db, keep_current_as)


def _restore_unshared(backup: Path, db: Path, keep_current_as: Path | str | None) -> Path | None:
    saved = None
    if db.exists() and db.stat().st_size > 0:
        if keep_current_as is None:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            keep_current_as = db.with_name(f"{db.stem}.sebelum-pulih-{stamp}{db.suffix}")
        try:
            saved = backup_file(db, keep_current_as)
        except OSError:
            # a damaged file cannot be copied through SQLite: keep its raw bytes (with its WAL)
            saved = Path(keep_current_as)
            for suffix in ("", "-wal"):
                src = Path(str(db) + suffix)
                if src.exists():
                    shutil.copy2(src, Path(str(saved) + suffix))
    with atomic_write(db) as tmp:
        copy_into(backup, tmp)
        for suffix in ("-wal", "-shm"):  # they belong to the old content (kept in ``saved``)
            p = Path(str(db) + suffix)
            if p.exists():
                p.unlink()
    return saved


def _move_set(src_base: Path, dest_base: Path, suffixes=("-wal", "-shm", "")) -> None:
    for suffix in suffixes:
        src = Path(str(src_base) + suffix)
        if src.exists():
            os.replace(src, Path(str(dest_base) + suffix))


def set_aside_damaged(db_path: Path | str) -> Path:
    """Rename the damaged file (with its -wal/-shm) out of the way, untouched; returns its new name."""
    db_path = Path(db_path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = db_path.with_name(f"{db_path.stem}.rusak-{stamp}{db_path.suffix}")
    with replacing(db_path, "Pemulihan basis data"):
        _move_set(db_path, aside)
    return aside


def restore_damaged(db_path: Path | str, backup: Path | str) -> Path:
    """Keep the damaged file aside (raw: it cannot be backed up with SQLite) and restore
    ``backup`` in its place; returns where the damaged file went. On failure the damaged
    file is put back (an empty path would become a new, empty database)."""
    db_path, backup = Path(db_path), Path(backup)
    aside = set_aside_damaged(db_path)
    log.warning("basis data rusak %s disimpan sebagai %s; dipulihkan dari %s", db_path, aside, backup)
    try:
        restore_file(backup, db_path)
    except BaseException:
        if not db_path.exists():
            _move_set(aside, db_path, ("", "-wal", "-shm"))
        raise
    return aside
