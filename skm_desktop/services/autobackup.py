"""Automatic, rotated backups of the open database (SQLite online backup API).

``AutoBackup.maybe_backup()`` is cheap to call after every save: it copies the
database at most once every ``every_minutes`` minutes, and only when something
changed since the last copy. ``backup_now(reason)`` copies at once (on close,
or the operator's Cadangkan). Rotation keeps the newest ``keep`` copies plus
the newest copy of every calendar month, so an old month can always be
recovered while the folder stays small.

File names: ``<db stem>-<key>-YYYYMMDD-HHMMSS-<reason>.db`` in the backup folder,
where ``<key>`` is a short hash of the database's full resolved path
(:func:`db_key`): two databases with the same file name in different folders
(``a/data.db``, ``b/data.db``) never see, rotate or get offered each other's
backups. Older versions named backups ``<db stem>-YYYYMMDD-HHMMSS-<reason>.db``
(by name only); such a file does not record which database it came from (it is
a plain copy: ``backup_info`` can only count its contents), so it is never
matched to a database automatically — it is left in the folder untouched, and
can still be chosen by hand ("Pilih berkas lain…" / ``skm-desktop restore``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from skm_desktop.storage.backup import backup_file

log = logging.getLogger(__name__)

_NAME = re.compile(
    r"^(?P<stem>.+?)(?:-(?P<key>[0-9a-f]{10}))?-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?"
    r"-(?P<reason>[a-z0-9_]+)\.db$"
)
KEY_LENGTH = 10
REASON_LABELS = {
    "otomatis": "otomatis",
    "tutup": "saat menutup",
    "manual": "manual",
    "sebelum_pulih": "sebelum pemulihan",
    "sebelum_impor": "sebelum impor",
}


@dataclass(frozen=True)
class BackupEntry:
    path: Path
    taken: dt.datetime
    reason: str
    key: str | None = None  # db_key of the database it was taken of; None: old name, origin unknown

    @property
    def reason_label(self) -> str:
        return REASON_LABELS.get(self.reason, self.reason)


def db_key(db_path: Path | str) -> str:
    """A short, stable key of a database's full path (resolved, case-folded where the OS ignores case)."""
    p = Path(db_path).expanduser()
    try:
        p = p.resolve()
    except (OSError, RuntimeError):  # e.g. a symlink loop: the absolute path still tells files apart
        p = p.absolute()
    full = os.path.normcase(str(p))
    return hashlib.sha256(full.encode("utf-8", "surrogatepass")).hexdigest()[:KEY_LENGTH]


def backup_name(db_path: Path | str, stamp: str, reason: str, n: int = 0) -> str:
    """The file name of a backup of ``db_path``; ``n`` > 0 when the same second is already taken."""
    p = Path(db_path)
    return f"{p.stem}-{db_key(p)}-{stamp}{f'-{n}' if n else ''}-{reason}.db"


def list_backups(
    backup_dir: Path | str, db_stem: str | None = None, *, db_path: Path | str | None = None
) -> list[BackupEntry]:
    """Backups in ``backup_dir``, newest first.

    ``db_path``: only the backups of that very database (its full path; use this for
    anything offered to the operator). ``db_stem`` alone: every backup whose file name
    starts with that name, of any folder and old-style ones included (for display only)."""
    d = Path(backup_dir)
    if not d.is_dir():
        return []
    key = None
    if db_path is not None:
        key = db_key(db_path)
        db_stem = Path(db_path).stem
    out = []
    for p in d.iterdir():
        m = _NAME.match(p.name)
        if not m:
            continue
        stem, k = m["stem"], m["key"]
        if key is not None and (k != key or stem != db_stem):
            continue
        if db_stem is not None and stem != db_stem:
            continue
        try:
            if not p.is_file():
                continue
            taken = dt.datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S")
        except (ValueError, OSError):
            continue
        out.append(BackupEntry(p, taken, m["reason"], k))
    out.sort(key=lambda e: (e.taken, e.path.name), reverse=True)
    return out


def unproven_backups(backup_dir: Path | str, db_path: Path | str) -> list[BackupEntry]:
    """Old-style backups (named by file name only) with the file name of ``db_path``, newest first.

    Whether they were taken of this database or of another one with the same name cannot be
    told, so they are never offered automatically; the UI may mention that they exist."""
    return [e for e in list_backups(backup_dir, Path(db_path).stem) if e.key is None]


def rotate(backup_dir: Path | str, db_path: Path | str, keep: int) -> list[Path]:
    """Delete old backups of the database ``db_path``: keep the newest ``keep`` and the newest of each month.

    Only backups named with that database's key are touched; old-style backups and
    those of other databases (even of the same file name) are left alone."""
    entries = list_backups(backup_dir, db_path=db_path)
    keep_paths = {e.path for e in entries[:keep]}
    months: set[tuple[int, int]] = set()
    for e in entries:  # newest first: the first seen of a month is its newest
        ym = (e.taken.year, e.taken.month)
        if ym not in months:
            months.add(ym)
            keep_paths.add(e.path)
    removed = []
    for e in entries:
        if e.path not in keep_paths:
            try:
                e.path.unlink()
                removed.append(e.path)
            except OSError as exc:  # e.g. opened by an antivirus scanner: try next time
                log.warning("cadangan lama %s tidak dapat dihapus: %s", e.path, exc)
    return removed


def _free_name(backup_dir: Path, db_path: Path, stamp: str, reason: str) -> Path:
    p = backup_dir / backup_name(db_path, stamp, reason)
    n = 1
    while p.exists():
        p = backup_dir / backup_name(db_path, stamp, reason, n)
        n += 1
    return p


class AutoBackup:
    def __init__(
        self,
        db_path: Path | str,
        backup_dir: Path | str,
        every_minutes: float = 10,
        keep: int = 10,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], dt.datetime] = dt.datetime.now,
    ):
        if keep < 1:
            raise ValueError("keep must be >= 1")
        self.db_path = Path(db_path)
        self.backup_dir = Path(backup_dir)
        self.every_seconds = every_minutes * 60
        self.keep = keep
        self._clock = clock
        self._now = now
        self._last_time: float | None = None
        self._last_fingerprint = self._fingerprint() if self._has_recent_backup() else None
        self.last_error: str | None = None

    # -------------------------------------------------------------- helpers
    def _fingerprint(self) -> tuple[tuple[int, int] | None, ...]:
        parts: list[tuple[int, int] | None] = []
        for suffix in ("", "-wal"):
            p = Path(str(self.db_path) + suffix)
            try:
                st = p.stat()
                # an empty -wal (left by a reader, e.g. the backup itself) is no change
                parts.append((st.st_size, st.st_mtime_ns) if st.st_size else None)
            except OSError:
                parts.append(None)
        return tuple(parts)

    def _has_recent_backup(self) -> bool:
        entries = list_backups(self.backup_dir, db_path=self.db_path)
        if not entries:
            return False
        try:
            return entries[0].path.stat().st_mtime >= Path(self.db_path).stat().st_mtime
        except OSError:
            return False

    def _target(self, reason: str) -> Path:
        return _free_name(self.backup_dir, self.db_path, self._now().strftime("%Y%m%d-%H%M%S"), reason)

    # ------------------------------------------------------------------ API
    def changed_since_last(self) -> bool:
        return self._fingerprint() != self._last_fingerprint

    def maybe_backup(self) -> Path | None:
        """Back up if the interval has passed and the database changed. Never raises."""
        t = self._clock()
        if self._last_time is None:
            self._last_time = t  # the first interval starts when entry starts
            return None
        if t - self._last_time < self.every_seconds or not self.changed_since_last():
            return None
        return self._safe_backup("otomatis")

    def backup_on_close(self) -> Path | None:
        """Back up when anything changed since the last copy. Never raises."""
        if not self.changed_since_last():
            return None
        return self._safe_backup("tutup")

    def backup_now(self, reason: str = "manual") -> Path:
        """Copy now; raises OSError (message in ``str``) when the copy fails."""
        if not re.fullmatch(r"[a-z0-9_]+", reason):
            raise ValueError(f"bad reason {reason!r}")
        fp = self._fingerprint()
        out = backup_file(self.db_path, self._target(reason))
        self._last_time = self._clock()
        self._last_fingerprint = fp
        log.info("cadangan %s ditulis: %s", reason, out)
        rotate(self.backup_dir, self.db_path, self.keep)
        return out

    def _safe_backup(self, reason: str) -> Path | None:
        try:
            out = self.backup_now(reason)
            self.last_error = None
            return out
        except Exception as exc:  # a failed automatic copy must not disturb keying
            self.last_error = str(exc)
            self._last_time = self._clock()
            log.exception("cadangan otomatis gagal")
            return None


@dataclass(frozen=True)
class BackupInfo:
    units: int
    periods: int
    respondents: int


def backup_info(path: Path | str) -> BackupInfo | None:
    """What a backup holds (read-only); None when it is not a readable SKM database."""
    import sqlite3

    try:
        con = sqlite3.connect(f"file:{Path(path)}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        return BackupInfo(
            *(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("unit", "periode", "responden"))
        )
    except sqlite3.Error:
        return None
    finally:
        con.close()


def restore_with_backup(backup: Path | str, db_path: Path | str, backup_dir: Path | str) -> Path | None:
    """Restore ``backup`` over ``db_path``; the current file is first copied into
    ``backup_dir`` (reason ``sebelum_pulih``, listed with the others). Returns that copy."""
    from skm_desktop.storage.recovery import restore_file

    db_path = Path(db_path)
    keep = _free_name(Path(backup_dir), db_path, dt.datetime.now().strftime("%Y%m%d-%H%M%S"), "sebelum_pulih")
    saved = restore_file(backup, db_path, keep_current_as=keep)
    log.info("dipulihkan dari %s ke %s (sebelumnya disimpan: %s)", backup, db_path, saved)
    return saved
