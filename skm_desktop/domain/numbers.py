"""Exact arithmetic helpers: half-up decimal rounding of exact fractions.

The engine computes with :class:`fractions.Fraction` so that a value exactly on
a rounding boundary (e.g. 88,305) rounds the way a person with a pencil would,
never the way a binary float happens to.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from numbers import Rational

Number = Fraction | int | Decimal


def to_fraction(x: Number | float | str) -> Fraction:
    if isinstance(x, Fraction):
        return x
    if isinstance(x, float):
        # floats enter only from user-typed weights; take their shortest repr
        return Fraction(repr(x))
    return Fraction(x)


def round_half_up(x: Number | float | str, places: int) -> Decimal:
    """Round to ``places`` decimals, ties away from zero, exactly."""
    fr = to_fraction(x)
    scale = 10**places
    scaled = abs(fr) * scale
    q = int(scaled + Fraction(1, 2))  # floor(x + 1/2) for x >= 0
    if fr < 0:
        q = -q
    return Decimal(q).scaleb(-places)


def to_float(x: Rational | Decimal | None) -> float | None:
    return None if x is None else float(x)
