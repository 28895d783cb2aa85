"""Suggesting the period that follows the existing ones (name and dates that
agree with each other): "Semester II 2024" -> "Semester I 2025", 1 Jan-30 Jun
2025; "Triwulan IV 2024" -> "Triwulan I 2025"; "Tahun 2024" / "2024" -> the
whole of 2025."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .formatting import bulan_tahun, rentang_tanggal

ROMAN = ("I", "II", "III", "IV")
_SEMESTER = re.compile(
    r"^(?P<pre>.*?\b)(?P<word>semester)\s+(?P<n>II|I|1|2)\s+"
    r"(?P<mid>(?:tahun\s+)?)(?P<year>\d{4})\s*$",
    re.I,
)
_TRIWULAN = re.compile(
    r"^(?P<pre>.*?\b)(?P<word>triwulan|kuartal)\s+(?P<n>IV|III|II|I|[1-4])\s+"
    r"(?P<mid>(?:tahun\s+)?)(?P<year>\d{4})\s*$",
    re.I,
)
_YEAR = re.compile(r"^(?P<pre>.*?)(?P<year>\d{4})\s*$")


@dataclass(frozen=True)
class PeriodeSaran:
    nama: str
    mulai: dt.date
    selesai: dt.date


def _number(text: str) -> int:
    t = text.upper()
    return ROMAN.index(t) + 1 if t in ROMAN else int(t)


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)


def _part(year: int, part: int, months: int) -> tuple[dt.date, dt.date]:
    first = (part - 1) * months + 1
    return dt.date(year, first, 1), _last_day(year, first + months - 1)


def _after_dates(mulai: dt.date, selesai: dt.date) -> PeriodeSaran:
    """Same length, starting the day after: whole months stay whole months."""
    start = selesai + dt.timedelta(days=1)
    whole_months = mulai.day == 1 and start.day == 1
    if not whole_months:
        end = start + (selesai - mulai)
        return PeriodeSaran(f"Periode {rentang_tanggal(start, end)}", start, end)
    months = (selesai.year - mulai.year) * 12 + selesai.month - mulai.month + 1
    last = start.month + months - 1
    end = _last_day(start.year + (last - 1) // 12, (last - 1) % 12 + 1)
    if months == 12 and start.month == 1:
        return PeriodeSaran(f"Tahun {start.year}", start, end)
    if months == 6 and start.month in (1, 7):
        return PeriodeSaran(f"Semester {ROMAN[start.month // 7]} {start.year}", start, end)
    if months == 3 and start.month in (1, 4, 7, 10):
        return PeriodeSaran(f"Triwulan {ROMAN[start.month // 3]} {start.year}", start, end)
    if months == 1:
        return PeriodeSaran(bulan_tahun(start), start, end)
    return PeriodeSaran(f"{bulan_tahun(start)} – {bulan_tahun(end)}", start, end)


def next_periode(nama: str, mulai: dt.date | None = None, selesai: dt.date | None = None) -> PeriodeSaran:
    """The period after ``nama`` (its dates are used only when the name says nothing)."""
    name = " ".join(nama.split())
    m = _SEMESTER.match(name)
    if m:
        n, year = _number(m["n"]), int(m["year"])
        n, year = (2, year) if n == 1 else (1, year + 1)
        return PeriodeSaran(f"{m['pre']}{m['word']} {ROMAN[n - 1]} {m['mid']}{year}", *_part(year, n, 6))
    m = _TRIWULAN.match(name)
    if m:
        n, year = _number(m["n"]), int(m["year"])
        n, year = (n + 1, year) if n < 4 else (1, year + 1)
        return PeriodeSaran(f"{m['pre']}{m['word']} {ROMAN[n - 1]} {m['mid']}{year}", *_part(year, n, 3))
    m = _YEAR.match(name)
    whole_year = (
        mulai is None
        or selesai is None
        or ((mulai.month, mulai.day, selesai.month, selesai.day) == (1, 1, 12, 31) and mulai.year == selesai.year)
    )
    if m and whole_year:  # "Tahun 2024", "2024" (not "Januari 2025" for one month)
        year = int(m["year"]) + 1
        return PeriodeSaran(f"{m['pre']}{year}", dt.date(year, 1, 1), dt.date(year, 12, 31))
    if mulai is not None and selesai is not None and selesai >= mulai:
        return _after_dates(mulai, selesai)
    today = dt.date.today()
    return PeriodeSaran(f"Tahun {today.year}", dt.date(today.year, 1, 1), dt.date(today.year, 12, 31))


def suggest_after(
    periods: Iterable[tuple[str, dt.date | None, dt.date | None]], today: dt.date | None = None
) -> PeriodeSaran:
    """The period after the latest of ``periods`` (nama, mulai, selesai): the
    latest end date, else the last one listed; the year of ``today`` when none."""
    items = list(periods)
    if not items:
        year = (today or dt.date.today()).year
        return PeriodeSaran(f"Tahun {year}", dt.date(year, 1, 1), dt.date(year, 12, 31))
    dated = [(p[2], p[1] or p[2], i) for i, p in enumerate(items) if p[2] is not None]
    latest = items[max(dated)[2]] if dated else items[-1]  # same end: the one that started last
    return next_periode(*latest)
