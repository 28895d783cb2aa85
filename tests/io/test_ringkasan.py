"""The summary-sheet parser (io/ringkasan.py): rekap.md's column rules, all or nothing."""

import datetime as dt
from decimal import Decimal

import openpyxl
import pytest

from skm_desktop.io import ringkasan
from skm_desktop.io.tabular import read_table
from tests.helpers.xlsx_raw import xlsx_ikm_cells

HEADER = "unit,kelompok,tahun,periode,ikm,u1,u2,u3,u4,u5,u6,u7,u8,u9,responden,target,metode,mutu"
U9 = ",".join(["85"] * 9)


def parse(tmp_path, text, name="r.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return ringkasan.parse_ringkasan(read_table(p, ringkasan.SHEET), today=dt.date(2025, 6, 1))


def test_comma_and_point_decimals_synonyms_and_defaults(tmp_path):
    res = parse(
        tmp_path,
        "Unit;Kelompok;Tahun;IKM;Metode;Realisasi_RTL\n"
        "Dinas Kesehatan;OPD;2024;84,39;offline;75%\n"
        "UPT Pasar;UPTD;2024;89.847;Manual;\n"
        "Kelurahan A;kelurahan;2024;91;online;100\n",
    )
    assert res.ok, res.error_report("r.csv")
    a, b, c = res.rows
    assert (a.kelompok, a.ikm, a.metode, a.periode, a.realisasi_rtl) == (
        "Dinas",
        Decimal("84.39"),
        "kertas",
        "Tahunan",
        Decimal("75"),
    )
    assert (b.kelompok, b.ikm, b.metode) == ("UPT", Decimal("89.847"), "kertas")
    assert (c.kelompok, c.ikm) == ("Kelurahan", Decimal("91"))


def test_a_synonym_names_a_kelompok_only_while_the_list_has_it():
    """OPD → Dinas while the list has Dinas; once the operator renamed Dinas, OPD is an
    unknown kelompok (refused with the list), never a kelompok outside the list; a
    kelompok the operator named "OPD" themselves is matched as written."""
    standard = ("Dinas", "UPT", "Lainnya")
    assert ringkasan.parse_kelompok(" opd ", standard) == "Dinas"
    assert ringkasan.parse_kelompok("UPTD", standard) == "UPT"
    renamed = ("Perangkat Daerah", "UPT", "Lainnya")
    assert ringkasan.parse_kelompok("OPD", renamed) is None
    assert ringkasan.parse_kelompok("dinas", renamed) is None
    own = ("OPD", "Dinas")
    assert ringkasan.parse_kelompok("opd", own) == "OPD"


def test_every_bad_row_is_named_and_nothing_is_kept(tmp_path):
    res = parse(
        tmp_path,
        HEADER + "\n"
        f"Dinas A,Dinas,2024,Semester I,84.39,{U9},100,120,kertas,B\n"
        f"Dinas B,Kantor,24,Semester V,120,{','.join(['12'] + ['85'] * 8)},-3,x,pos,E\n"
        ",Dinas,2024,,,,,,,,,,,,,,,\n",
    )
    assert not res.ok and res.rows == []
    text = "\n".join(str(e) for e in res.errors)
    for needed in (
        "Baris 3, kolom kelompok",
        "Baris 3, kolom tahun: nilai '24'",
        "Baris 3, kolom periode",
        "Baris 3, kolom ikm: nilai '120'",
        "Baris 3, kolom u1: nilai '12' tidak sah; nilai antara 4 dan 25",
        "Baris 3, kolom responden",
        "Baris 3, kolom target",
        "Baris 3, kolom metode",
        "Baris 3, kolom mutu",
        "Baris 4, kolom unit: nama unit wajib diisi",
        "Baris 4, kolom ikm: ikm kosong",
    ):
        assert needed in text, (needed, text)
    assert "Baris 2" not in text


def test_unsur_scales_nrr_or_konversi_never_mixed(tmp_path):
    res = parse(tmp_path, "unit,tahun,u1,u2,u3,u4,u5,u6,u7,u8,u9\nA,2024," + ",".join(["3,5".replace(",", ".")] * 9))
    assert res.ok
    fig = res.rows[0].figure()
    assert res.rows[0].skala == "nrr" and fig.unsur == (Decimal("87.5"),) * 9 and fig.unsur_scale == 25
    res = parse(tmp_path, "unit,tahun,u1,u2,u3,u4,u5,u6,u7,u8,u9\nA,2024,3.5," + ",".join(["85"] * 8))
    assert "bercampur NRR" in str(res.errors[0])
    res = parse(tmp_path, "unit,tahun,ikm,u1,u2\nA,2024,80,85,85")
    assert "hanya 2 dari 9 nilai unsur" in str(res.errors[0])


def test_duplicate_unit_period_and_missing_columns(tmp_path):
    res = parse(tmp_path, "unit,tahun,periode,ikm\nA,2024,Semester 1,80\na,2024,semester I,81\n")
    assert "sudah ada di baris 2" in str(res.errors[0])
    res = parse(tmp_path, "nama,tahun\nA,2024\n")
    assert "kolom wajib tidak ada: unit" in "\n".join(map(str, res.errors))


def test_published_mutu_that_disagrees_is_a_warning_and_kept(tmp_path):
    res = parse(tmp_path, "unit,tahun,ikm,mutu\nA,2024,88.30,A\n")
    assert res.ok and res.rows[0].mutu == "A"
    assert "mutu A tidak sesuai dengan IKM 88,30 (mutu B)" in str(res.warnings[0])


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Semester 2 (Juli - Desember)", "Semester II"),
        ("Rata-rata Tahunan", "Tahunan"),
        ("TW III", "Triwulan III"),
        ("", "Tahunan"),
        ("Semester 3", None),
    ],
)
def test_periode_names(text, expected):
    assert ringkasan.parse_periode(text) == expected


def test_template_reads_back_as_an_empty_sheet_with_the_columns(tmp_path):
    x = tmp_path / "templat.xlsx"
    ringkasan.write_template(x)
    wb = openpyxl.load_workbook(x)
    assert wb.sheetnames == ["Ringkasan", "Petunjuk"]
    assert [c.value for c in wb["Ringkasan"][1]] == list(ringkasan.COLUMNS)
    # filled in by an operator, it parses
    ws = wb["Ringkasan"]
    ws.append(["Kecamatan Timur", "Kecamatan", 2024, "Semester I", 84.39, *[None] * 9, 200, 210, "kios"])
    wb.save(x)
    res = ringkasan.read_ringkasan(x)
    assert res.ok and res.rows[0].ikm == Decimal("84.39") and res.rows[0].responden == 200
    c = tmp_path / "templat.csv"
    ringkasan.write_template(c)
    assert c.read_text(encoding="utf-8-sig").strip() == ",".join(ringkasan.COLUMNS)


def test_non_finite_xlsx_number_cells_are_named_bad_cells(tmp_path):
    """An XLSX number cell holding NaN or 1E999 (inf) is a bad cell (row, column, value),
    never a Decimal('NaN') that raises later."""
    p = tmp_path / "r.xlsx"
    xlsx_ikm_cells(p, ["NaN", "1E999", "-1E999"])
    res = ringkasan.parse_ringkasan(read_table(p, ringkasan.SHEET), today=dt.date(2025, 6, 1))
    assert not res.ok and not res.rows
    errs = list(res.errors)
    assert [(e.row, e.column) for e in errs] == [(2, "ikm"), (3, "ikm"), (4, "ikm")]
    assert all("25–100" in str(e) for e in errs)
    assert "nan" in str(errs[0]).lower() and "inf" in str(errs[1]).lower()
    for bad in (float("nan"), float("inf"), float("-inf")):
        with pytest.raises(ValueError):
            ringkasan.parse_decimal(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("84,39", "84.39"), ("84.39", "84.39"), ("89.847", "89.847"), (" 91 ", "91"), ("2,125", "2.125"), (75, "75")],
)
def test_parse_decimal_reads_published_figures_exactly(text, expected):
    assert ringkasan.parse_decimal(text) == Decimal(expected)
    assert str(ringkasan.parse_decimal(text)) == expected


@pytest.mark.parametrize("text", ["nan", "Infinity", "1e2", "-5", "+5", "8,4,3", "84,", "x", "1" * 25, "½", "٣"])
def test_parse_decimal_refuses_what_is_no_plain_decimal(text):
    with pytest.raises(ValueError):
        ringkasan.parse_decimal(text)


@pytest.mark.parametrize(("text", "expected"), [("1234", 1234), ("1.234", 1234), ("10.351", 10351), (120.0, 120)])
def test_whole_numbers_with_a_thousands_point(text, expected):
    assert ringkasan._whole(text) == expected


@pytest.mark.parametrize("text", ["12.5", "12,5", "-5", "10.0", "1.23", "1" * 13, 12.5, True])
def test_whole_refuses_fractions_signs_and_long_text(text):
    with pytest.raises(ValueError):
        ringkasan._whole(text)
