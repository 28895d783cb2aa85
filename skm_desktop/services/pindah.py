"""Moving a whole database between a SQLite file and a PostgreSQL server
(``skm-desktop pindah``), and backing a server database up into a portable
SQLite file that ``restore`` and ``pindah`` read back."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from skm_desktop.storage.database import Database, DatabaseError, open_database
from skm_desktop.storage.files import atomic_write, users_dir
from skm_desktop.storage.server import is_server_url
from skm_desktop.storage.transfer import TargetNotEmpty, TransferReport, content_counts, copy_database

__all__ = ["TargetNotEmpty", "TransferReport", "backup_to_file", "pindah", "restore_into_server"]

Progress = Callable[[str, int], None]


def pindah(
    source: str | Path,
    target: str | Path,
    *,
    replace: bool = False,
    progress: Progress | None = None,
    program: str = "pindah",
) -> TransferReport:
    """Copy the database ``source`` into ``target`` (each a file path or a server URL).

    A SQLite target that does not exist yet is created whole in a temporary file and
    renamed at the end, so an interrupted copy leaves no half database behind."""
    if str(source) == str(target):
        raise DatabaseError("Sumber dan tujuan adalah basis data yang sama.")
    with open_database(source, create=False, program=program) as src:
        if is_server_url(target):
            with open_database(target, create=True, program=program) as dst:
                return copy_database(src, dst, replace=replace, progress=progress)
        path = Path(target)
        if path.exists() and path.stat().st_size > 0:
            with open_database(path, create=False, program=program) as dst:
                return copy_database(src, dst, replace=replace, progress=progress)
        return _copy_to_new_file(src, path, progress, program)


def backup_to_file(source: str, out: str | Path, *, progress: Progress | None = None) -> TransferReport:
    """A server database (or any database) copied into a new portable SQLite file ``out``."""
    with open_database(source, create=False, program="cadangan") as src:
        return _copy_to_new_file(src, Path(out), progress, "cadangan", overwrite=True)


def restore_into_server(backup: str | Path, target: str, *, safety_copy: Path) -> TransferReport:
    """Replace the server database ``target`` with the SQLite backup ``backup``.

    The server's present content is first saved into ``safety_copy`` (a portable
    file): the replacement itself is one transaction on the server."""
    with open_database(target, create=True, program="pemulihan") as dst:
        if any(content_counts(dst).values()):
            _copy_to_new_file(dst, safety_copy, None, "pemulihan", overwrite=True)
        with open_database(backup, create=False, program="pemulihan") as src:
            return copy_database(src, dst, replace=True)


def _copy_to_new_file(
    src: Database, path: Path, progress: Progress | None, program: str, *, overwrite: bool = False
) -> TransferReport:
    if path.exists() and path.stat().st_size > 0 and not overwrite:
        raise TargetNotEmpty(f"Berkas tujuan {path} sudah ada.")
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path) as tmp:
        try:
            with open_database(tmp, create=True, program=program) as dst:
                report = copy_database(src, dst, progress=progress)
        finally:  # the temporary file's users folder (its lock, its clean-close stamp) goes with it
            shutil.rmtree(users_dir(tmp), ignore_errors=True)
        _finish_file(tmp)
    return report


def _finish_file(path: Path) -> None:
    """One self-contained file (no -wal beside it), checked before it takes its name."""
    con = sqlite3.connect(str(path))
    try:
        con.execute("PRAGMA journal_mode=DELETE")
        ok = con.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        con.close()
    if ok != "ok":
        raise DatabaseError(f"Salinan {path.name} tidak utuh ({ok}).")
