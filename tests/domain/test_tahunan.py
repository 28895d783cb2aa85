"""The year's pooling rule in the domain: which year a period belongs to, the
label, one Tally over all periods, and the refusal naming a different unsur set."""

import datetime as dt
from fractions import Fraction

import pytest

from skm_desktop.domain.scoring import Tally
from skm_desktop.domain.tahunan import PeriodePart, PoolingRefused, label_tahun, pool, tahun_of
from skm_desktop.domain.unsur import BobotMode, Unsur, UnsurSet


def _set(names=None, mode=BobotMode.STANDAR, kodes=None):
    kodes = kodes or [f"U{i}" for i in range(1, 10)]
    names = names or {}
    return UnsurSet(tuple(Unsur(k, names.get(k, f"Unsur {k}")) for k in kodes), mode)


def test_year_of_a_period_end_date_then_start_then_name():
    assert tahun_of("Semester II 2024", dt.date(2024, 7, 1), dt.date(2024, 12, 31)) == 2024
    assert tahun_of("Juli 2023 – Juni 2024", dt.date(2023, 7, 1), dt.date(2024, 6, 30)) == 2024
    assert tahun_of("Triwulan I", dt.date(2025, 1, 1), None) == 2025
    assert tahun_of("Semester I 2024", None, None) == 2024
    assert tahun_of("Tahun 2023", None, None) == 2023
    assert tahun_of("Periode pertama", None, None) is None


def test_label_names_the_periods_without_repeating_the_year():
    assert label_tahun(2024, ["Semester I 2024", "Semester II 2024"]) == "Tahun 2024 (Semester I + Semester II)"
    assert label_tahun(2024, ["Triwulan I Tahun 2024", "Mei"]) == "Tahun 2024 (Triwulan I + Mei)"


def test_pool_is_one_tally_over_every_respondent_not_the_mean_of_the_periods():
    us = _set()
    a = Tally.from_answers(9, [[4] * 9, [4] * 9, [4] * 9])  # 3 respondents, all 4
    b = Tally.from_answers(9, [[1] * 9])  # 1 respondent, all 1
    th = pool(2024, [PeriodePart("Semester I 2024", us, a), PeriodePart("Semester II 2024", us, b)])
    assert th.summary.respondents == 4
    assert th.summary.unsur[0].nrr == Fraction(13, 4)  # (4+4+4+1)/4, not (4+1)/2
    assert [n for n, _ in th.parts] == ["Semester I 2024", "Semester II 2024"]
    assert th.parts[1][1].unsur[0].nrr == 1


def test_different_unsur_sets_are_refused_with_the_difference_named():
    t = Tally(9)
    a = PeriodePart("Semester I 2024", _set(), t)
    with pytest.raises(PoolingRefused, match=r"unsur U9 bernama 'Unsur U9' di periode Semester I 2024 tetapi 'Ruang'"):
        pool(2024, [a, PeriodePart("Semester II 2024", _set({"U9": "Ruang"}), t)])
    ten = [f"U{i}" for i in range(1, 11)]
    with pytest.raises(PoolingRefused, match=r"unsur U10 ada di periode Semester II 2024 tetapi tidak di Semester I"):
        pool(2024, [a, PeriodePart("Semester II 2024", _set(kodes=ten), Tally(10))])
    with pytest.raises(PoolingRefused, match=r"bobot unsur U1 berbeda"):
        pool(2024, [a, PeriodePart("Semester II 2024", _set(mode=BobotMode.EKSAK), t)])
    with pytest.raises(PoolingRefused, match="Tidak ada periode pada tahun 2024"):
        pool(2024, [])
