"""Files on disk: one atomic-write helper, and who has a database file open.

:func:`atomic_write` is the only way the product replaces a file it writes
(documents, exports, packages, backups, a restored database): the content goes
to a temporary file in the same folder, is flushed to disk, and only then
takes the target's name (``os.replace``, atomic on one volume); on any error
the temporary file is removed and the target is untouched.

Database users. Every program that opens a database (operator app, kiosk, a
CLI command) registers in the folder ``<db>.pengguna/`` with one file per
opening, ``pengguna-<pid>-<random>.kunci``, that holds an OS-level lock for as
long as it is open: ``fcntl.flock`` on POSIX, ``msvcrt.locking`` on Windows
(a byte far past the end of the file, so the JSON text inside stays readable).
The OS drops the lock when the process ends in any way (exit, crash, kill,
power cut), so a file whose lock can be taken belongs to a dead process: it
is stale and is removed. The file records program, user, host, pid and start
time, for the messages that name who has the database open.

``operator.kunci`` is the operator app's exclusive lock (a fixed name, never
deleted: deleting a lock file someone may be about to lock is a race).
``gerbang.kunci`` is a short-held gate: registering, scanning and replacing
the database file happen under it, so a restore that found nobody cannot be
overtaken by a program that opens the file a moment later.

Nothing here imports Qt or SQL; messages are built by the callers.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import logging
import os
import platform
import secrets
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger(__name__)

USERS_SUFFIX = ".pengguna"
USER_PREFIX = "pengguna-"
LOCK_EXT = ".kunci"
OPERATOR_FILE = "operator.kunci"
GATE_FILE = "gerbang.kunci"
MAX_INFO_BYTES = 4096  # a lock file's text; anything longer is not ours
MAX_LOCK_FILES = 1000  # scanning a folder full of junk stays bounded
GATE_TIMEOUT_S = 20.0
_LOCK_OFFSET = 1 << 30  # Windows: the locked byte, far past any text in the file


# ------------------------------------------------------------------ atomic write
def _fsync_path(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows has no directory handles to fsync; NTFS journals the rename
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def temp_name(target: Path) -> Path:
    """A fresh temporary name beside ``target`` (same folder, so the rename stays on one volume)."""
    return target.with_name(f"{target.name}.{os.getpid()}-{secrets.token_hex(4)}.sementara")


def _remove_temp(tmp: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            Path(str(tmp) + suffix).unlink(missing_ok=True)
        except OSError as exc:
            log.warning("berkas sementara %s tidak dapat dihapus: %s", tmp, exc)


@contextmanager
def atomic_write(target: Path | str) -> Iterator[Path]:
    """``with atomic_write(out) as tmp: build(tmp)`` — ``out`` gets the new content whole or not at all.

    The body writes (creates) ``tmp``; when it returns, ``tmp`` is fsynced and
    renamed over ``out`` and the folder is fsynced. Any exception removes
    ``tmp`` (and SQLite side files of it) and propagates; ``out`` is untouched.
    """
    target = Path(target)
    tmp = temp_name(target)
    try:
        yield tmp
        _fsync_path(tmp)
        os.replace(tmp, target)
    except BaseException:
        _remove_temp(tmp)
        raise
    _fsync_dir(target.parent)


# ------------------------------------------------------------------ OS locks
if sys.platform == "win32":  # pragma: no cover - exercised on Windows CI
    import msvcrt

    def _try_lock(fh: BinaryIO) -> bool:
        fh.seek(_LOCK_OFFSET)
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fh: BinaryIO) -> None:
        fh.seek(_LOCK_OFFSET)
        try:
            msvcrt.locking(fh.fileno(), msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _try_lock(fh: BinaryIO) -> bool:
        # flock (not fcntl/lockf): owned by the open file, so a second opening in the
        # same process conflicts too, and closing another descriptor does not drop it
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fh: BinaryIO) -> None:
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
        except OSError:
            pass


def _open_rw(path: Path) -> BinaryIO:
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o644)
    return os.fdopen(fd, "r+b")


# ------------------------------------------------------------------ who
@dataclass(frozen=True)
class Pengguna:
    """One program that has a database open (read back from its lock file)."""

    program: str
    user: str
    host: str
    pid: int
    started: str  # ISO local time
    lock_file: Path | None = None

    @property
    def started_label(self) -> str:
        try:
            t = dt.datetime.fromisoformat(self.started)
        except (TypeError, ValueError):
            return "waktu yang tidak diketahui"
        return f"{t:%d-%m-%Y} pukul {t:%H.%M}"

    def describe(self) -> str:
        return (
            f"Basis data ini sedang dibuka oleh {self.program} di komputer {self.host} "
            f"(pengguna {self.user}) sejak {self.started_label}"
        )

    def is_this_process(self) -> bool:
        return self.pid == os.getpid() and self.host == computer_name()


def computer_name() -> str:
    """This PC's name as its user knows it (Windows: COMPUTERNAME), for lock files and the audit trail."""
    name = os.environ.get("COMPUTERNAME", "") if os.name == "nt" else ""  # as Windows shows it
    try:
        name = name or platform.node()
    except OSError:
        pass
    return name or "tidak diketahui"


def _user() -> str:
    try:
        return getpass.getuser() or "tidak diketahui"
    except Exception:  # noqa: BLE001 - no login name (service account, odd environment)
        return "tidak diketahui"


def _me(program: str) -> dict:
    return {
        "program": program,
        "user": _user(),
        "host": computer_name(),
        "pid": os.getpid(),
        "started": dt.datetime.now().isoformat(timespec="seconds"),
    }


def _clean(v, limit: int = 120) -> str:
    s = " ".join(str(v).split()) if v is not None else ""
    return s[:limit] or "tidak diketahui"


def _parse(raw: bytes, lock_file: Path | None) -> Pengguna:
    """Text of a lock file (hostile: any bytes) -> Pengguna with printable, bounded fields."""
    try:
        d = json.loads(raw[:MAX_INFO_BYTES].decode("utf-8"))
        if not isinstance(d, dict):
            d = {}
    except (UnicodeDecodeError, ValueError):
        d = {}
    try:
        pid = int(d.get("pid", 0))
    except (TypeError, ValueError):
        pid = 0
    return Pengguna(
        program=_clean(d.get("program"), 80),
        user=_clean(d.get("user"), 60),
        host=_clean(d.get("host"), 60),
        pid=pid,
        started=_clean(d.get("started"), 40),
        lock_file=lock_file,
    )


def _read_info(fh: BinaryIO) -> bytes:
    fh.seek(0)
    return fh.read(MAX_INFO_BYTES)


def users_dir(db_path: Path | str) -> Path:
    return Path(str(db_path) + USERS_SUFFIX)


class Registration:
    """A held lock file; ``release()`` (idempotent) drops the lock and removes/empties the file."""

    def __init__(self, path: Path, fh: BinaryIO, delete: bool) -> None:
        self.path = path
        self._fh: BinaryIO | None = fh
        self._delete = delete

    @property
    def held(self) -> bool:
        return self._fh is not None

    def release(self) -> None:
        fh, self._fh = self._fh, None
        if fh is None:
            return
        try:
            if not self._delete:
                fh.seek(0)
                fh.truncate()
                fh.flush()
            _unlock(fh)
        finally:
            fh.close()
        if self._delete:
            try:
                self.path.unlink(missing_ok=True)
            except OSError:
                pass  # Windows: someone is reading it; the next scan finds it stale

    def __del__(self) -> None:  # a forgotten Database still lets go of its file
        try:
            self.release()
        except Exception:  # noqa: BLE001
            pass


def _write_info(fh: BinaryIO, info: dict) -> None:
    fh.seek(0)
    fh.truncate()
    fh.write(json.dumps(info, ensure_ascii=False).encode("utf-8"))
    fh.flush()


@contextmanager
def gate(db_path: Path | str, timeout: float = GATE_TIMEOUT_S) -> Iterator[bool]:
    """Hold the database's gate (exclusive). Yields False when the folder cannot be
    written (read-only medium: nobody can register there either). Raises TimeoutError
    when another program keeps it longer than ``timeout`` (e.g. a long restore)."""
    folder = users_dir(db_path)
    try:
        folder.mkdir(exist_ok=True)
        fh = _open_rw(folder / GATE_FILE)
    except OSError as exc:
        log.warning("folder kunci %s tidak dapat dipakai: %s", folder, exc)
        yield False
        return
    try:
        deadline = time.monotonic() + timeout
        while not _try_lock(fh):
            if time.monotonic() >= deadline:
                raise TimeoutError(str(db_path))
            time.sleep(0.02)
        try:
            yield True
        finally:
            _unlock(fh)
    finally:
        fh.close()


def _register_locked(folder: Path, program: str) -> Registration:
    path = folder / f"{USER_PREFIX}{os.getpid()}-{secrets.token_hex(4)}{LOCK_EXT}"
    fh = _open_rw(path)
    if not _try_lock(fh):  # a fresh random name: only a broken file system gets here
        fh.close()
        raise OSError(f"berkas kunci {path} tidak dapat dikunci")
    try:
        _write_info(fh, _me(program))
    except BaseException:
        _unlock(fh)
        fh.close()
        path.unlink(missing_ok=True)
        raise
    return Registration(path, fh, delete=True)


def register(db_path: Path | str, program: str) -> Registration | None:
    """Record this process as a user of ``db_path`` until ``release()`` or exit.
    None when the folder beside the database is not writable."""
    with gate(db_path) as ok:
        if not ok:
            return None
        return _register_locked(users_dir(db_path), program)


def _scan_locked(folder: Path) -> list[Pengguna]:
    out: list[Pengguna] = []
    try:
        names = sorted(p for p in folder.iterdir() if p.name.startswith(USER_PREFIX) and p.name.endswith(LOCK_EXT))[
            :MAX_LOCK_FILES
        ]
    except OSError:
        return out
    for p in names:
        try:
            if not p.is_file():
                continue
            fh = open(p, "rb")
        except OSError:
            continue
        try:
            raw = _read_info(fh)
            if _try_lock(fh):  # nobody holds it: its process is gone
                _unlock(fh)
                stale = True
            else:
                stale = False
                out.append(_parse(raw, p))
        finally:
            fh.close()
        if stale:
            try:
                p.unlink()
                log.info("berkas kunci usang dihapus: %s", p)
            except OSError:
                pass
    return out


def live_users(db_path: Path | str, include_self: bool = False) -> list[Pengguna]:
    """Programs that have ``db_path`` open now (stale lock files are cleaned up on the way)."""
    folder = users_dir(db_path)
    if not folder.is_dir():
        return []
    with gate(db_path) as ok:
        if not ok:
            return []
        users = _scan_locked(folder)
    return users if include_self else [u for u in users if not u.is_this_process()]


@contextmanager
def exclusive(db_path: Path | str) -> Iterator[list[Pengguna]]:
    """Hold the gate and yield the other live users: when the list is empty, nobody
    can open the file until the block ends (the replace/delete happens inside)."""
    folder = users_dir(db_path)
    with gate(db_path) as ok:
        if not ok or not folder.is_dir():
            yield []
            return
        yield [u for u in _scan_locked(folder) if not u.is_this_process()]


def claim_operator(db_path: Path | str, program: str) -> Registration | Pengguna | None:
    """Take the exclusive operator lock. Returns the held Registration, or the
    Pengguna who holds it, or None when the folder is not writable."""
    with gate(db_path) as ok:
        if not ok:
            return None
        fh = _open_rw(users_dir(db_path) / OPERATOR_FILE)
        try:
            if not _try_lock(fh):
                holder = _parse(_read_info(fh), users_dir(db_path) / OPERATOR_FILE)
                fh.close()
                return holder
            _write_info(fh, _me(program))
        except BaseException:
            fh.close()
            raise
        return Registration(users_dir(db_path) / OPERATOR_FILE, fh, delete=False)
