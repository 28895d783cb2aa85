"""Import checks added for issue #11: dates outside the period are warnings
(reported before storing with dry_run), the error list is bounded, kiosk
origin cannot be forged, only ASCII digits are numbers."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skm_desktop.cli import main
from skm_desktop.domain.respondent import Options
from skm_desktop.io import limits
from skm_desktop.io.respondents import EARLIEST_TANGGAL, parse_table
from skm_desktop.io.tabular import FileProblem, Table, read_table
from skm_desktop.services import survey
from skm_desktop.services.forms import standard_unsur_set
from skm_desktop.services.importing import ImportRefused, import_file
from skm_desktop.storage.database import open_database

HEADER = "no_kuesioner,tanggal," + ",".join(f"u{i}" for i in range(1, 10))


def _db(tmp_path):
    db = open_database(tmp_path / "a.db")
    with db.session() as s:
        u = survey.create_unit(s, "Unit Uji")
        survey.create_periode(
            s,
            u.id,
            "2024",
            standard_unsur_set(),
            tanggal_mulai=dt.date(2024, 1, 1),
            tanggal_selesai=dt.date(2024, 6, 30),
        )
    return db


def _count(db):
    with db.read_session() as s:
        return len(survey.load_records(s, survey.find_periode(s, "2024").id, include_held=True))


def test_dates_outside_period_are_warnings_reported_by_dry_run_before_storing(tmp_path):
    db = _db(tmp_path)
    f = tmp_path / "x.csv"
    f.write_text(
        "\n".join(
            [
                HEADER,
                "1,2024-03-01," + ",".join("4" * 9),
                "2,2024-08-17," + ",".join("3" * 9),
                "3,2023-12-31," + ",".join("3" * 9),
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    preview = import_file(db, f, "Unit Uji", "2024", dry_run=True)
    assert preview.dry_run and preview.imported == 3 and _count(db) == 0
    texts = [str(w) for w in preview.warnings]
    assert texts == [
        "Baris 3, kolom tanggal: tanggal 17-08-2024 di luar rentang periode '2024' (01-01-2024 s.d. 30-06-2024)",
        "Baris 4, kolom tanggal: tanggal 31-12-2023 di luar rentang periode '2024' (01-01-2024 s.d. 30-06-2024)",
    ]
    done = import_file(db, f, "Unit Uji", "2024")
    assert not done.dry_run and done.imported == 3 and len(done.warnings) == 2 and _count(db) == 3
    db.close()


def test_cli_prints_period_warnings_and_imports(tmp_path, capsys):
    db = _db(tmp_path)
    db.close()
    f = tmp_path / "x.csv"
    f.write_text(HEADER + "\n1,2024-09-01," + ",".join("4" * 9) + "\n", encoding="utf-8")
    assert main(["import", str(f), "--db", str(tmp_path / "a.db"), "--periode", "2024"]) == 0
    err = capsys.readouterr().err
    assert "Peringatan: Baris 2, kolom tanggal: tanggal 01-09-2024 di luar rentang periode '2024'" in err


@pytest.mark.parametrize(
    "value, ok",
    [("2016-12-31", False), ("2017-01-01", True), ("0001-01-01", False), ("1900-01-01", False), ("9999-12-31", False)],
)
def test_plausible_date_range(value, ok):
    t = Table(["no_kuesioner", "tanggal", *[f"u{i}" for i in range(1, 10)]], [(2, ["1", value, *"444444444"])], "csv")
    res = parse_table(t, None, Options(), today=dt.date(2026, 1, 1))
    assert res.ok == ok
    if not ok:
        msg = str(res.errors[0])  # outside 2017..today+1y; years outside 1900-2100 are refused by the parser
        assert "Baris 2, kolom tanggal" in msg and ("tidak masuk akal" in msg or "di luar 1900–2100" in msg), msg
    assert EARLIEST_TANGGAL == dt.date(2017, 1, 1)


def test_date_a_year_ahead_is_an_error_and_today_plus_a_year_is_not():
    header = ["no_kuesioner", "tanggal", *[f"u{i}" for i in range(1, 10)]]
    today = dt.date(2026, 1, 1)
    near = Table(header, [(2, ["1", "2027-01-01", *"444444444"])], "csv")
    far = Table(header, [(2, ["1", "2027-01-03", *"444444444"])], "csv")
    assert parse_table(near, None, Options(), today=today).ok
    assert not parse_table(far, None, Options(), today=today).ok


def test_error_list_is_bounded_but_counts_every_problem(tmp_path):
    rows = [(i + 2, [str(i + 1), "", *"999999999"]) for i in range(2000)]
    t = Table(["no_kuesioner", "tanggal", *[f"u{i}" for i in range(1, 10)]], rows, "csv")
    res = parse_table(t, None, Options())
    assert len(res.errors) == 18_000 and len(list(res.errors)) == limits.MAX_PROBLEMS_KEPT
    report = res.error_report()
    assert "18000 kesalahan" in report and "dan 17000 masalah lain" in report
    assert report.count("\n") == limits.MAX_PROBLEMS_KEPT + 1


def test_default_sumber_kiosk_is_refused_for_files(tmp_path):
    db = _db(tmp_path)
    f = tmp_path / "x.csv"
    f.write_text(HEADER + "\n1,," + ",".join("4" * 9) + "\n", encoding="utf-8")
    with pytest.raises(ImportRefused, match="kios"):
        import_file(db, f, "Unit Uji", "2024", default_sumber="kiosk")
    assert _count(db) == 0
    db.close()


NON_ASCII_DIGITS = st.sampled_from([chr(c) for c in range(128, 0x20000) if chr(c).isdigit() or chr(c).isnumeric()])


@settings(max_examples=60, deadline=None)
@given(ch=NON_ASCII_DIGITS, col=st.sampled_from(["no_kuesioner", "usia", "posisi", "tanggal", "u1"]))
def test_only_ascii_digits_are_numbers(ch, col):
    header = ["no_kuesioner", "tanggal", "usia", "posisi", *[f"u{i}" for i in range(1, 10)]]
    values = {"no_kuesioner": "1", "tanggal": "2024-01-0", "usia": "3", "posisi": "1", "u1": ""}
    row = ["1", "", "", "", *"444444444"]
    row[header.index(col)] = values[col] + ch
    res = parse_table(Table(header, [(2, row)], "csv"), None, Options())
    assert not res.ok
    assert f"Baris 2, kolom {col}" in str(res.errors[0])


def test_csv_row_cell_count_and_open_quote_name_the_rows(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text(
        HEADER + "\n1,," + ",".join("4" * 9) + "\n2,,4,4\n3,," + ",".join("4" * 9) + ',5\n4,"\n', encoding="utf-8"
    )
    t = read_table(f)
    msgs = [str(p) for p in t.problems]
    assert msgs[0].startswith("Baris 3: baris ini berisi 4 sel, padahal baris judul berisi 11 kolom")
    assert msgs[1].startswith("Baris 4: baris ini berisi 12 sel")
    assert msgs[2].startswith("Baris 5: tanda kutip")
    assert [r for r, _ in t.rows] == [2]


def test_file_size_is_checked_before_reading(tmp_path):
    f = tmp_path / "besar.csv"
    with open(f, "wb") as fh:
        fh.truncate(limits.MAX_FILE_BYTES + 1)
    with pytest.raises(FileProblem, match="MB"):
        read_table(f)
