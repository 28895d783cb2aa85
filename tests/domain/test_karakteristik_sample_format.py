import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from skm_desktop.domain import formatting as f
from skm_desktop.domain import karakteristik as kar
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.sample import krejcie_morgan, slovin, target


@pytest.mark.parametrize("n, s", [(10, 10), (100, 80), (550, 226), (1000, 278), (1_000_000, 384), (0, 0)])
def test_krejcie_morgan(n, s):
    assert krejcie_morgan(n) == s


def test_krejcie_morgan_matches_published_table():
    # values of the Krejcie & Morgan (1970) table
    table = {50: 44, 200: 132, 300: 169, 500: 217, 2000: 322, 10000: 370}
    for n, s in table.items():
        assert krejcie_morgan(n) == s


def test_slovin():
    assert slovin(550, "0.10") == 85
    assert slovin(550, "0.05") == 232
    assert slovin(100, Fraction(1, 10)) == 50
    assert target(550, "slovin-10") == 85 and target(550, "krejcie-morgan") == 226
    with pytest.raises(DomainError):
        target(10, "acak")
    with pytest.raises(DomainError):
        krejcie_morgan(-1)


def test_percentages_each_rounded_on_its_own():
    assert kar.percentages([1, 1, 1]) == [Decimal("33.33"), Decimal("33.33"), Decimal("33.33")]
    assert kar.percentages([61, 24]) == [Decimal("71.76"), Decimal("28.24")]
    assert kar.percentages([0, 0]) == [Decimal("0.00"), Decimal("0.00")]
    # the figures: two layanan of 1.485 and TNI 1.493 out of 10.351
    p = kar.percentages([1485, 1485, 1493, 10351 - 1485 - 1485 - 1493])
    assert p[:3] == [Decimal("14.35"), Decimal("14.35"), Decimal("14.42")]


def test_rounding_note_only_when_the_printed_parts_miss_100():
    d = kar.distribution("jenis_kelamin", kar.JENIS_KELAMIN, {"Laki-laki": 1, "Perempuan": 1})
    assert d.catatan_pembulatan == "" and d.jumlah_persen == Decimal("100.00")
    d = kar.distribution("pendidikan", ("A", "B", "C"), {"A": 1, "B": 1, "C": 1})
    assert "99,99%" in d.catatan_pembulatan and "100,00%" in d.catatan_pembulatan
    d = kar.distribution("pendidikan", ("A", "B", "C"), {"A": 2, "B": 2, "C": 2, "D": 0})
    assert d.catatan_pembulatan.startswith("Jumlah yang tercetak 99,99%")
    empty = kar.distribution("jenis_kelamin", kar.JENIS_KELAMIN, {})
    assert empty.jumlah_persen is None and empty.catatan_pembulatan == ""


def test_distribution_adds_tidak_diisi_row():
    d = kar.distribution("jenis_kelamin", kar.JENIS_KELAMIN, {"Laki-laki": 3, None: 1})
    assert [(r.label, r.count, str(r.percent)) for r in d.rows] == [
        ("Laki-laki", 3, "75.00"),
        ("Perempuan", 0, "0.00"),
        ("Tidak diisi", 1, "25.00"),
    ]
    assert d.total == 4


@pytest.mark.parametrize(
    "age, group",
    [
        (10, "<= 25"),
        (25, "<= 25"),
        (26, "26-35"),
        (35, "26-35"),
        (36, "36-45"),
        (45, "36-45"),
        (46, "46-55"),
        (55, "46-55"),
        (56, ">= 56"),
        (120, ">= 56"),
        (None, None),
    ],
)
def test_usia_groups(age, group):
    assert kar.usia_group(age) == group


@pytest.mark.parametrize(
    "raw, value",
    [
        ("SLTP", "SMP"),
        ("slta", "SMA"),
        ("SMK", "SMA"),
        ("DIII", "D1-D3"),
        ("Sarjana", "D4/S1"),
        ("S-2", "S2"),
        ("Doktor", "S3"),
        ("Tidak sekolah", "SD ke bawah"),
        ("sma", "SMA"),
        ("", None),
    ],
)
def test_pendidikan_synonyms(raw, value):
    assert kar.normalize_pendidikan(raw) == value


def test_other_synonyms_and_errors():
    assert kar.normalize_jenis_kelamin("L") == "Laki-laki"
    assert kar.normalize_jenis_kelamin("wanita") == "Perempuan"
    assert kar.normalize_pekerjaan("ASN") == "PNS"
    assert kar.normalize_pekerjaan("Mahasiswa") == "Pelajar/Mahasiswa"
    with pytest.raises(DomainError, match="pendidikan 'SLB' tidak dikenal"):
        kar.normalize_pendidikan("SLB")
    with pytest.raises(DomainError):
        kar.parse_usia("9")
    with pytest.raises(DomainError):
        kar.parse_usia("dua puluh")
    assert kar.parse_usia("45") == 45 and kar.parse_usia(45.0) == 45


def test_indonesian_formatting():
    assert f.angka(Decimal("86.885"), 2) == "86,89"
    assert f.angka(10351) == "10.351"
    assert f.angka(1234567.891, 2) == "1.234.567,89"
    assert f.angka(Fraction(7, 2), 3) == "3,500"
    assert f.angka(None) == "–"
    assert f.persen(Decimal("33.335")) == "33,34%"
    assert f.tanggal(dt.date(2021, 12, 14)) == "14 Desember 2021"
    assert f.rentang_tanggal(dt.date(2024, 1, 1), dt.date(2024, 6, 30)) == "1 Januari – 30 Juni 2024"
