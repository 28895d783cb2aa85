"""Whether a SQLite file must be integrity-checked when it is opened.

``PRAGMA quick_check`` reads every page: 0.7 s for a city recap of 300,000 respondents
(170 MB), paid on every open — also by ``rekap summary``, which should take under 2 s.
Like a file system that skips its check after a clean unmount, a file that is byte for
byte as this program left it at a clean close needs no check: :func:`remember` stores the
file's fingerprint (size and CRC-32 of the file and of its ``-wal``; 0.1 s for 170 MB) in
the file's users folder when a :class:`~storage.database.Database` closes, and
:func:`needs_check` compares. A check still runs when

- the file changed since (another program, a copy, a power cut during writing: the
  fingerprint differs — also a single flipped bit);
- the last real check is older than :data:`CHECK_EVERY_S`, so damage that came while
  the file was open (a failing disk) is found within a day;
- the stamp is missing, unreadable, too large or not ours (read as hostile input).

The fingerprint is not a defence against someone who can write the file: they could
write a well-formed database as easily, and quick_check would pass it too.
"""

from __future__ import annotations

import json
import logging
import time
import zlib
from pathlib import Path

from .files import atomic_write, users_dir

log = logging.getLogger(__name__)

STAMP_FILE = "tutup-bersih.json"
STAMP_MAX_BYTES = 2048
CHECK_EVERY_S = 24 * 3600
CHUNK = 1 << 20


def _crc(path: Path) -> tuple[int, int] | None:
    """(size, CRC-32) of ``path``; None when it does not exist."""
    try:
        fh = open(path, "rb")  # noqa: SIM115 (closed below; a missing file is an answer)
    except FileNotFoundError:
        return None
    with fh:
        crc, size = 0, 0
        while block := fh.read(CHUNK):
            crc = zlib.crc32(block, crc)
            size += len(block)
    return size, crc


def fingerprint(path: Path) -> list[list[int] | None]:
    """The file's and its write-ahead log's (size, CRC-32); an empty log counts as none
    (SQLite leaves one behind until its last connection goes)."""
    return [list(x) if x and x[0] else None for x in (_crc(path), _crc(Path(str(path) + "-wal")))]


def _stamp_path(path: Path) -> Path:
    return users_dir(path) / STAMP_FILE


def _read(path: Path) -> dict | None:
    p = _stamp_path(path)
    try:
        if p.stat().st_size > STAMP_MAX_BYTES:
            return None
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("diperiksa"), (int, float)):
        return None
    return data


def needs_check(path: Path, now: float | None = None) -> tuple[bool, float | None]:
    """(whether ``PRAGMA quick_check`` must run, when the last real check was when it need not)."""
    data = _read(path)
    if data is None:
        return True, None
    checked = float(data["diperiksa"])
    now = time.time() if now is None else now
    if not 0 <= now - checked < CHECK_EVERY_S:
        return True, None
    if data.get("sidik") != fingerprint(path):
        return True, None
    return False, checked


def remember(path: Path, checked: float) -> None:
    """Store that ``path`` is, as it is now, as this program left it; ``checked``: when its
    content was last really checked (or created). Failure to store only costs a check later."""
    stamp = {"sidik": fingerprint(path), "diperiksa": checked}
    try:
        with atomic_write(_stamp_path(path)) as tmp:
            tmp.write_text(json.dumps(stamp), encoding="utf-8")
    except OSError as exc:
        log.info("Cap tutup bersih %s tidak tersimpan: %s", path, exc)


def forget(path: Path) -> None:
    """The file is suspect (an error said it is damaged): the next open checks it."""
    try:
        _stamp_path(path).unlink(missing_ok=True)
    except OSError as exc:
        log.info("Cap tutup bersih %s tidak terhapus: %s", path, exc)
