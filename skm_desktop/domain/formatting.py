"""Indonesian number and date formatting — the one place every document,
screen and summary uses (86,89; 10.351; 14 Desember 2021)."""
from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from fractions import Fraction

from .numbers import round_half_up
from .tanggal import BULAN, format_display
HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


def angka(x: Fraction | Decimal | int | float | None, places: int = 0, kosong: str = "–") -> str:
    """Format a number the Indonesian way, rounding half-up to ``places``."""
    if x is None:
        return kosong
    d = round_half_up(x, places)
    neg = d < 0
    s = f"{abs(d):.{places}f}"
    whole, _, frac = s.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups) + ("," + frac if frac else "")
    return ("-" if neg and d != 0 else "") + out


def persen(x: Decimal | Fraction | None, places: int = 2) -> str:
    return angka(x, places) + "%" if x is not None else "–"


def tanggal(d: _dt.date | None, kosong: str = "–") -> str:
    """'14 Desember 2024' (:func:`domain.tanggal.format_display`)."""
    return format_display(d, kosong)


def bulan_tahun(d: _dt.date) -> str:
    return f"{BULAN[d.month - 1]} {d.year}"


def rentang_tanggal(a: _dt.date | None, b: _dt.date | None) -> str:
    if a is None and b is None:
        return "–"
    if a is None or b is None:
        return tanggal(a or b)
    if a.year == b.year and a.month == b.month:
        return f"{a.day}–{b.day} {BULAN[a.month - 1]} {a.year}"
    if a.year == b.year:
        return f"{a.day} {BULAN[a.month - 1]} – {b.day} {BULAN[b.month - 1]} {b.year}"
    return f"{tanggal(a)} – {tanggal(b)}"
