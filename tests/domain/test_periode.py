"""The suggested next period: name and dates agree and follow the latest period."""

import datetime as dt

import pytest

from skm_desktop.domain.periode import next_periode, suggest_after

D = dt.date


@pytest.mark.parametrize(
    "nama, mulai, selesai, want",
    [
        ("Semester II 2024", D(2024, 7, 1), D(2024, 12, 31), ("Semester I 2025", D(2025, 1, 1), D(2025, 6, 30))),
        ("Semester I 2025", D(2025, 1, 1), D(2025, 6, 30), ("Semester II 2025", D(2025, 7, 1), D(2025, 12, 31))),
        ("SKM Semester II Tahun 2025", None, None, ("SKM Semester I Tahun 2026", D(2026, 1, 1), D(2026, 6, 30))),
        ("Triwulan IV 2024", None, None, ("Triwulan I 2025", D(2025, 1, 1), D(2025, 3, 31))),
        ("Triwulan 1 2025", None, None, ("Triwulan II 2025", D(2025, 4, 1), D(2025, 6, 30))),
        ("Tahun 2024", D(2024, 1, 1), D(2024, 12, 31), ("Tahun 2025", D(2025, 1, 1), D(2025, 12, 31))),
        ("2024", D(2024, 1, 1), D(2024, 12, 31), ("2025", D(2025, 1, 1), D(2025, 12, 31))),
        ("Januari 2025", D(2025, 1, 1), D(2025, 1, 31), ("Februari 2025", D(2025, 2, 1), D(2025, 2, 28))),
        ("Survei pertama", D(2025, 1, 1), D(2025, 6, 30), ("Semester II 2025", D(2025, 7, 1), D(2025, 12, 31))),
    ],
)
def test_next_periode(nama, mulai, selesai, want):
    s = next_periode(nama, mulai, selesai)
    assert (s.nama, s.mulai, s.selesai) == want


def test_suggest_after_latest_period():
    rows = [("Semester II 2024", D(2024, 7, 1), D(2024, 12, 31)), ("Semester I 2024", D(2024, 1, 1), D(2024, 6, 30))]
    assert suggest_after(rows).nama == "Semester I 2025"
    assert suggest_after([], today=D(2025, 3, 10)).nama == "Tahun 2025"
