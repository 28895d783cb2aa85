"""Consistent copies with the SQLite online backup API, and restore."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path


def backup_file(src: Path | str, dest: Path | str) -> Path:
    """Copy the database ``src`` to ``dest`` while it may be in use (online backup)."""
    src, dest = Path(src), Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".sementara")
    if tmp.exists():
        tmp.unlink()
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
        tmp.unlink(missing_ok=True)
        raise OSError(f"basis data {src.name} tidak dapat disalin ({exc})") from exc
    if ok != "ok":
        tmp.unlink(missing_ok=True)
        raise OSError(f"salinan cadangan tidak utuh ({ok})")
    os.replace(tmp, dest)
    return dest


def backup_before_migration(path: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return backup_file(path, path.with_name(f"{path.stem}.sebelum-migrasi-{stamp}{path.suffix}"))


def restore_file(backup: Path | str, db: Path | str, keep_current_as: Path | str | None = None) -> Path | None:
    """Replace ``db`` by ``backup``. The current file (if any) is backed up first;
    returns where that copy went."""
    backup, db = Path(backup), Path(db)
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
    tmp = db.with_name(db.name + ".pulih")
    backup_file(backup, tmp)
    for suffix in ("-wal", "-shm"):
        p = Path(str(db) + suffix)
        if p.exists():
            p.unlink()
    os.replace(tmp, db)
    return saved
