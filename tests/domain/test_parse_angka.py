"""Reading back numbers typed the Indonesian way (domain.formatting.parse_angka)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.formatting import angka, parse_angka
from skm_desktop.domain.numbers import round_half_up


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("86,89", "86.89"),
        ("10.351", "10351"),
        ("1.234,5", "1234.5"),
        ("-0,15", "-0.15"),
        ("86.89", "86.89"),
        ("0.15", "0.15"),
        (" 80 ", "80"),
        ("1.234.567", "1234567"),
        ("+3", "3"),
        (",5", "0.5"),
    ],
)
def test_accepted(typed, expected):
    assert parse_angka(typed) == Decimal(expected)


@pytest.mark.parametrize(
    "typed", ["", "-", "abc", "1,2,3", "1..2", "1.", "1,", "1e5", "٣", "12.34.5", "NaN", "1" * 41, "1.23,4", "Infinity"]
)
def test_refused_with_the_field_named(typed):
    with pytest.raises(DomainError, match="bobot"):
        parse_angka(typed, "bobot")


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False, places=4), st.integers(0, 4)
)
def test_angka_parses_back(x, places):
    assert parse_angka(angka(x, places)) == round_half_up(x, places)


@given(st.text(max_size=30))
def test_any_text_is_a_number_or_a_domain_error(text):
    try:
        assert parse_angka(text).is_finite()
    except DomainError:
        pass
