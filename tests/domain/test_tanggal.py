"""One set of date rules: keypad, import files and texts (domain/tanggal.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skm_desktop.domain import formatting as fmt
from skm_desktop.domain import tanggal
from skm_desktop.domain.errors import DomainError

BASE = dt.date(2024, 3, 9)
dates = st.dates(min_value=dt.date(tanggal.TAHUN_MIN, 1, 1), max_value=dt.date(tanggal.TAHUN_MAX, 12, 31))
recent = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2099, 12, 31))


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("14122024", dt.date(2024, 12, 14)),
        ("141224", dt.date(2024, 12, 14)),
        ("14/12/2024", dt.date(2024, 12, 14)),
        ("1-2-24", dt.date(2024, 2, 1)),
        ("15", dt.date(2024, 3, 15)),
        ("0504", dt.date(2024, 4, 5)),
        ("1412", dt.date(2024, 12, 14)),
        ("504", dt.date(2024, 4, 5)),
        ("14/12", dt.date(2024, 12, 14)),
        ("2024-12-14", dt.date(2024, 12, 14)),
        ("2024-12-14 00:00:00", dt.date(2024, 12, 14)),
        ("2024/12/14", dt.date(2024, 12, 14)),
        ("14.12.2024", dt.date(2024, 12, 14)),
        ("14 Desember 2024", dt.date(2024, 12, 14)),
        ("14 des 2024", dt.date(2024, 12, 14)),
        ("  14   DESEMBER 2024 ", dt.date(2024, 12, 14)),
        ("1-Agt-24", dt.date(2024, 8, 1)),
        ("14 Desember", dt.date(2024, 12, 14)),
    ],
)
def test_accepted_forms(typed, expected):
    assert tanggal.parse(typed, BASE) == expected


@pytest.mark.parametrize(
    "typed, why",
    [
        ("31022024", "tidak ada di kalender"),
        ("1412202", "tidak dikenali"),
        ("ab", "tidak dikenali"),
        ("14/12/2024/1", "tidak dikenali"),
        ("14 Desembre 2024", "tidak dikenali"),
        ("", "kosong"),
        ("14/12/202", "tidak dikenali"),
        ("01011800", "di luar"),
        ("1" * 41, "terlalu panjang"),
        ("١٤١٢٢٠٢٤", "tidak dikenali"),
        ("1²", "tidak dikenali"),
        ("2024-13-01", "tidak ada di kalender"),
    ],
)
def test_refused_forms_say_why(typed, why):
    with pytest.raises(DomainError, match=why):
        tanggal.parse(typed, BASE)


def test_shortcuts_need_a_base_date():
    for typed in ("15", "1412", "14/12", "14 Desember"):
        with pytest.raises(DomainError, match="tidak lengkap"):
            tanggal.parse(typed)


def test_non_text_values():
    assert tanggal.parse(dt.datetime(2024, 12, 14, 10, 30)) == dt.date(2024, 12, 14)
    assert tanggal.parse_optional(None) is None and tanggal.parse_optional("  ") is None
    for bad in (True, 45000.0, None):
        with pytest.raises(DomainError):
            tanggal.parse(bad)


def test_display_is_the_documents_format():
    assert tanggal.format_display(dt.date(2024, 12, 14)) == "14 Desember 2024" == fmt.tanggal(dt.date(2024, 12, 14))
    assert tanggal.format_edit(dt.date(2024, 2, 1)) == "01/02/2024"
    assert tanggal.format_display(None) == "–" and tanggal.format_edit(None) == ""


@given(dates, st.one_of(st.none(), dates))
def test_format_parse_round_trip(d, base):
    assert tanggal.parse(tanggal.format_display(d), base) == d
    assert tanggal.parse(tanggal.format_edit(d), base) == d
    assert tanggal.parse(d.isoformat(), base) == d


@given(recent, dates)
def test_keypad_and_text_agree(d, base):
    keypad = [d.strftime("%d%m%Y"), d.strftime("%d%m%y"), d.strftime("%d/%m/%y"), f"{d.day}-{d.month}-{d.year}"]
    text = tanggal.format_display(d)
    assert {tanggal.parse(k, base) for k in keypad} == {tanggal.parse(text, base)} == {d}


@given(recent)
def test_shortcuts_take_the_rest_from_the_base(d):
    base = d.replace(day=1)
    assert tanggal.parse(str(d.day), base) == d
    assert tanggal.parse(d.strftime("%d%m"), base) == d


@given(st.text(max_size=20), st.one_of(st.none(), dates))
def test_any_text_is_a_date_or_a_domain_error(text, base):
    try:
        assert isinstance(tanggal.parse(text, base), dt.date)
    except DomainError:
        pass


def test_display_with_time_and_edit_format():
    import datetime as _dt

    from skm_desktop.domain.tanggal import format_display, format_display_waktu, format_edit, parse

    w = _dt.datetime(2024, 12, 14, 19, 41, 5)
    assert format_display_waktu(w) == "14 Desember 2024 19.41"
    assert format_display_waktu(_dt.datetime(2026, 1, 1, 7, 5)) == "1 Januari 2026 07.05"
    assert format_display_waktu(w.date()) == format_display(w.date()) == "14 Desember 2024"
    assert format_display_waktu(None) == "–"
    assert parse(format_edit(w.date())) == parse(format_display(w.date())) == w.date()
