"""Minimum sample size: Krejcie & Morgan (the regulation's table) and Slovin."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from .errors import DomainError
from .numbers import round_half_up

KM_CHI2 = Fraction("3.841")
KM_P = Fraction(1, 2)
KM_D = Fraction(5, 100)

METODE_SAMPEL = {
    "krejcie-morgan": "Krejcie & Morgan",
    "slovin-5": "Slovin (e = 5%)",
    "slovin-10": "Slovin (e = 10%)",
}


def _check_population(n: int) -> None:
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise DomainError(f"Populasi harus bilangan bulat ≥ 0 (tertulis {n!r}).")


#: Slovin's margin of error e of each Slovin method.
SLOVIN_E = {"slovin-5": Fraction(5, 100), "slovin-10": Fraction(10, 100)}


def krejcie_morgan_parts(population: int) -> tuple[Fraction, Fraction]:
    """(X²·N·P(1−P), d²·(N−1) + X²·P(1−P)): the numerator and denominator of Krejcie & Morgan."""
    pq = KM_P * (1 - KM_P)
    return KM_CHI2 * population * pq, KM_D**2 * (population - 1) + KM_CHI2 * pq


def slovin_parts(population: int, e: Fraction) -> tuple[Fraction, Fraction]:
    """(N, 1 + N·e²): the numerator and denominator of Slovin."""
    return Fraction(population), 1 + population * e * e


def krejcie_morgan(population: int) -> int:
    """S = X²·N·P(1−P) / (d²·(N−1) + X²·P(1−P)), rounded to the nearest integer."""
    _check_population(population)
    if population == 0:
        return 0
    top, bottom = krejcie_morgan_parts(population)
    return min(population, int(round_half_up(top / bottom, 0)))


def slovin(population: int, e: Fraction | str = Fraction(5, 100)) -> int:
    """n = N / (1 + N·e²), rounded up."""
    _check_population(population)
    e = Fraction(e)
    if not 0 < e < 1:
        raise DomainError("Tingkat kesalahan (e) Slovin harus antara 0 dan 1.")
    if population == 0:
        return 0
    top, bottom = slovin_parts(population, e)
    return min(population, math.ceil(top / bottom))


def target(population: int, metode: str) -> int:
    if metode == "krejcie-morgan":
        return krejcie_morgan(population)
    if metode in SLOVIN_E:
        return slovin(population, SLOVIN_E[metode])
    raise DomainError(f"Metode sampel '{metode}' tidak dikenal; pilihan: {', '.join(METODE_SAMPEL)}.")


@dataclass(frozen=True)
class Progress:
    label: str
    target: int
    collected: int

    @property
    def fraction(self) -> Fraction:
        return Fraction(1) if self.target == 0 else min(Fraction(1), Fraction(self.collected, self.target))

    @property
    def reached(self) -> bool:
        return self.collected >= self.target
