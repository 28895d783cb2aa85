"""Dates: the one set of rules for a date typed on the keypad, read from an
import file or written in a text, and the two ways a date is shown.

Accepted (``base`` is the period's or the carried date; without it the
shortcuts are refused):

- ``14`` — the day alone, keeping the month and year of ``base``;
- ``1412`` / ``504`` — day and month, keeping the year of ``base``;
- ``141224`` (two-digit year: 20yy) and ``14122024``;
- ``14/12/2024``, ``14-12-24``, ``14.12.2024``, ``14 12 2024``, ``14/12`` (year of ``base``);
- ISO ``2024-12-14`` (also ``2024/12/14`` and a time after it, as spreadsheets write);
- Indonesian month names: ``14 Desember 2024``, ``14 Des 2024``, ``14-des-24``.

:func:`format_display` gives ``14 Desember 2024`` (:func:`format_display_waktu`
``14 Desember 2024 19.41``), :func:`format_edit` gives ``14/12/2024`` (a Qt date
field shows it with :data:`FORMAT_EDIT_QT`); both parse back to the same date.
"""

from __future__ import annotations

import datetime as dt
import re

from .errors import DomainError

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
_BULAN_KEYS = {b.lower(): i for i, b in enumerate(BULAN, 1)}
_BULAN_KEYS.update({b.lower()[:3]: i for i, b in enumerate(BULAN, 1)})
_BULAN_KEYS.update({"agt": 8, "peb": 2, "nop": 11, "nopember": 11, "pebruari": 2})

TAHUN_MIN, TAHUN_MAX = 1900, 2100
MAX_TEXT = 40  # longer text is no date: refused before any splitting
HINT = "ketik HHBBTTTT, mis. 14122024, atau 14/12/2024"

_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?", re.ASCII)
_SEP = re.compile(r"[/\-. ]+")


def _refuse(text: str) -> DomainError:
    return DomainError(f"tanggal '{text}' tidak dikenali; {HINT}")


def _need_base(text: str) -> DomainError:
    return DomainError(f"tanggal '{text}' tidak lengkap; {HINT}")


def _make(text: str, year: int, month: int, day: int) -> dt.date:
    if not TAHUN_MIN <= year <= TAHUN_MAX:
        raise DomainError(f"tanggal '{text}': tahun {year} di luar {TAHUN_MIN}–{TAHUN_MAX}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DomainError(f"tanggal '{text}' tidak ada di kalender") from None


def _year(part: str) -> int:
    if len(part) == 2:
        return 2000 + int(part)
    if len(part) == 4:
        return int(part)
    raise ValueError(part)


def _from_parts(text: str, parts: list[str], base: dt.date | None) -> dt.date:
    """[day], [day, month] or [day, month, year] as digit strings (month may be a name)."""
    if not 1 <= len(parts) <= 3 or not parts[0].isdigit() or len(parts[0]) > 2:
        raise _refuse(text)
    day = int(parts[0])
    if len(parts) == 1:
        if base is None:
            raise _need_base(text)
        return _make(text, base.year, base.month, day)
    m = parts[1]
    if m.isdigit() and len(m) <= 2:
        month = int(m)
    elif m.lower() in _BULAN_KEYS:
        month = _BULAN_KEYS[m.lower()]
    else:
        raise _refuse(text)
    if len(parts) == 2:
        if base is None:
            raise _need_base(text)
        return _make(text, base.year, month, day)
    if not parts[2].isdigit():
        raise _refuse(text)
    try:
        year = _year(parts[2])
    except ValueError:
        raise _refuse(text) from None
    return _make(text, year, month, day)


def parse(value: object, base: dt.date | None = None) -> dt.date:
    """A date from keyed, imported or written text (see the module's rules);
    raises DomainError with a message for the user. A ``date`` is returned as is."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if value is None or isinstance(value, (bool, float)):
        raise DomainError("tanggal kosong" if value is None else f"tanggal '{value}' tidak dikenali; {HINT}")
    raw = str(value)
    if len(raw) > MAX_TEXT:
        raise DomainError(f"tanggal terlalu panjang ({len(raw)} karakter); {HINT}")
    t = " ".join(raw.split())
    if not t:
        raise DomainError("tanggal kosong")
    if not t.isascii():  # "²".isdigit() is true; only 0–9 and Latin month names are dates
        raise _refuse(t)
    iso = _ISO.fullmatch(t)
    if iso:
        y, m, d = (int(x) for x in iso.groups())
        return _make(t, y, m, d)
    if t.isdigit():
        n = len(t)
        if n <= 2:
            parts = [t]
        elif n in (3, 4):
            parts = [t[:-2], t[-2:]]
        elif n in (6, 8):
            parts = [t[:2], t[2:4], t[4:]]
        else:
            raise _refuse(t)
        return _from_parts(t, parts, base)
    return _from_parts(t, [p for p in _SEP.split(t) if p], base)


def parse_optional(value: object, base: dt.date | None = None) -> dt.date | None:
    """As :func:`parse`, but None or blank text is None (an empty cell)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return parse(value, base)


def format_display(d: dt.date | None, kosong: str = "–") -> str:
    """'14 Desember 2024' — screens, documents, messages."""
    if d is None:
        return kosong
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def format_display_waktu(w: dt.datetime | None, kosong: str = "–") -> str:
    """'14 Desember 2024 19.41' — a moment (a backup, an audit row, a kiosk answer)."""
    if w is None:
        return kosong
    if not isinstance(w, dt.datetime):  # a date without a time
        return format_display(w)
    return f"{format_display(w.date())} {w.hour:02d}.{w.minute:02d}"


#: the pattern of :func:`format_edit` in the notation of Qt's date fields (QDateEdit.setDisplayFormat)
FORMAT_EDIT_QT = "dd/MM/yyyy"


def format_edit(d: dt.date | None) -> str:
    """'14/12/2024' — a date put back into a field to be edited."""
    return "" if d is None else f"{d.day:02d}/{d.month:02d}/{d.year:04d}"
