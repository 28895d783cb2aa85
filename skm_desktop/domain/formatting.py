"""Indonesian number and date formatting — the one place every document,
screen and summary uses (86,89; 10.351; 14 Desember 2021) — and the reading
back of a number typed the Indonesian way (:func:`parse_angka`)."""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from .errors import DomainError
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
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups) + ("," + frac if frac else "")
    return ("-" if neg and d != 0 else "") + out


ANGKA_MAX_TEXT = 40  # longer text is no number a person types: refused before parsing
_GROUPED = re.compile(r"[1-9]\d{0,2}(\.\d{3})+", re.ASCII)


def parse_angka(text: object, what: str = "nilai") -> Decimal:
    """A number typed the Indonesian way, exactly, as :func:`angka` writes it:
    ``86,89``, ``10.351``, ``1.234,5``, ``-0,15``. A point is a thousands point only
    in whole groups of three (``10.351``, ``1.234.567``); otherwise a lone point is
    read as a decimal point (``86.89``, ``0.15``), as people also type. Raises
    DomainError naming ``what``."""
    raw = str(text if text is not None else "")
    if len(raw) > ANGKA_MAX_TEXT:
        raise DomainError(f"{what} terlalu panjang ({len(raw)} karakter) untuk sebuah angka")
    t = "".join(raw.split())
    shown = " ".join(raw.split())
    sign = ""
    if t[:1] in "+-" and t:
        sign, t = ("-" if t[0] == "-" else ""), t[1:]
    whole: str | None
    whole, comma, frac = t.partition(",")
    if comma:
        if not (whole == "" or whole.isascii() and (whole.isdigit() or _GROUPED.fullmatch(whole))):
            whole = None
        elif not (frac.isascii() and frac.isdigit()):
            whole = None
        else:
            whole = whole.replace(".", "") or "0"
    elif _GROUPED.fullmatch(t):
        whole, frac = t.replace(".", ""), ""
    else:
        whole, _, frac = t.partition(".")
        if not (
            whole.isascii() and whole.isdigit() and (frac == "" or frac.isascii() and frac.isdigit())
        ) or t.endswith("."):
            whole = None
    if whole is None:
        raise DomainError(f"{what} '{shown}' bukan angka; tulis seperti 86,89 atau 10.351")
    try:
        return Decimal(sign + whole + ("." + frac if frac else ""))
    except InvalidOperation:  # pragma: no cover - the checks above admit only digits
        raise DomainError(f"{what} '{shown}' bukan angka; tulis seperti 86,89 atau 10.351") from None


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


SINGKAT_MAKS = 16  # characters of a short name in a narrow grid column


def singkat(label: str, maks: int = SINGKAT_MAKS) -> str:
    """A readable short form of an option ('Pelajar/Mahasiswa' → 'Pelajar',
    'SD ke bawah' → 'SD'): the label itself when it fits, else its first part."""
    label = " ".join(str(label).split())
    if len(label) <= maks:
        return label
    first = re.split(r"[/ ]", label, maxsplit=1)[0]
    return first if len(first) <= maks else first[: maks - 1] + "…"


def singkatan_layanan(label: str, maks: int = 18) -> str:
    """A readable short name of a layanan: the name itself when it fits; else its
    leading words become initials, one by one, until it fits ('Surat Keterangan
    Domisili' → 'SK Domisili', 'Surat Pengantar Nikah' → 'SP Nikah'); the last word
    stays whole, and what is still too long is cut at the end."""
    w = " ".join(str(label).split()).split(" ")
    text = " ".join(w)
    k = 0
    while len(text) > maks and k < len(w) - 1:
        k += 1
        text = "".join(x[0].upper() for x in w[:k]) + " " + " ".join(w[k:])
    return text if len(text) <= maks else text[: maks - 1].rstrip() + "…"
