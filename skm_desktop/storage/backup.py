"""Consistent copies with the SQLite online backup API. Restoring a copy over the
database (which must wait until no other program has it open) is in
:mod:`skm_desktop.storage.recovery`: this module sits below storage.database,
which backs the file up before a migration."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from .files import atomic_write


def copy_into(src: Path, tmp: Path) -> None:
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
        copy_into(src, tmp)
    return dest


def backup_before_migration(path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return backup_file(path, path.with_name(f"{path.stem}.sebelum-migrasi-{stamp}{path.suffix}"))
