"""Consistent copies with the SQLite online backup API, and restore (refused while
another program has the database open: :func:`storage.database.replacing`)."""
from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

from .database import replacing
from .files import atomic_write


def _copy_into(src: Path, tmp: Path) -> None:
    """SQLite online backup of ``src`` into the fresh file ``tmp`` (rollback journal, checked)."""
    try:
        s = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
        d = sqlite3.connect(str(tmp))
        try:
            s.backup(d)
            d.execute("PRAGMA journal_mode=DELETE")
            ok = d.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            d.close()
            s.close()
    except sqlite3.Error as exc:  # e.g. a damaged source: no half-written copy stays behind
        raise OSError(f"basis data {src.name} tidak dapat disalin ({exc})") from exc
    if ok != "ok":
        raise OSError(f"salinan cadangan tidak utuh ({ok})")


def backup_file(src: Path | str, dest: Path | str) -> Path:
    """Copy the database ``src`` to ``dest`` while it may be in use (online backup)."""
    src, dest = Path(src), Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(dest) as tmp:
        _copy_into(src, tmp)
    return dest


def backup_before_migration(path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return backup_file(path, path.with_name(f"{path.stem}.sebelum-migrasi-{stamp}{path.suffix}"))


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
        _copy_into(backup, tmp)
        for suffix in ("-wal", "-shm"):  # they belong to the old content (kept in ``saved``)
            p = Path(str(db) + suffix)
            if p.exists():
                p.unlink()
    return saved
