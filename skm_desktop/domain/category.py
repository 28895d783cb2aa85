"""Mutu and kinerja categories of the 2017 table (PermenPAN-RB 14/2017)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .numbers import round_half_up


@dataclass(frozen=True)
class Kategori:
    mutu: str
    kinerja: str
    batas_bawah: Decimal  # lower bound of the converted interval (25–100)
    batas_atas: Decimal


KATEGORI = (
    Kategori("A", "Sangat Baik", Decimal("88.31"), Decimal("100.00")),
    Kategori("B", "Baik", Decimal("76.61"), Decimal("88.30")),
    Kategori("C", "Kurang Baik", Decimal("65.00"), Decimal("76.60")),
    Kategori("D", "Tidak Baik", Decimal("25.00"), Decimal("64.99")),
)
# Interval on the 1–4 scale as the regulation prints it (for the legend table).
INTERVAL_1_4 = {"A": ("3,5324", "4,00"), "B": ("3,0644", "3,532"), "C": ("2,60", "3,064"), "D": ("1,00", "2,5996")}


def konversi(x: Fraction) -> Fraction:
    """A value on the 1–4 scale converted to 25–100."""
    return x * 25


def konversi_2dp(x: Fraction) -> Decimal:
    """The printed converted figure: ×25, rounded half-up to 2 decimals."""
    return round_half_up(konversi(x), 2)


def kategori_of_konversi(c: Decimal) -> Kategori:
    """Category of an already-rounded converted value (2 decimals)."""
    for k in KATEGORI:
        if c >= k.batas_bawah:
            return k
    return KATEGORI[-1]


def kategori(x: Fraction) -> Kategori:
    """Category of a value on the 1–4 scale, taken from its printed conversion."""
    return kategori_of_konversi(konversi_2dp(x))
