"""export → import round trip, formula escaping, template, backup/restore, demo, --version."""

import re
import sqlite3

import pytest
from openpyxl import load_workbook

from skm_desktop.cli import main
from skm_desktop.services import survey
from skm_desktop.storage.database import open_database


@pytest.fixture
def demo_db(new_db):
    db = new_db("demo.db")
    assert main(["demo", "--db", str(db), "--responden", "120"]) == 0
    return db


def records(path, periode=None):
    d = open_database(path, create=False)
    try:
        with d.read_session() as s:
            p = survey.find_periode(s, periode)
            return [rec for _, rec in survey.load_records(s, p.id)]
    finally:
        d.close()


@pytest.mark.parametrize("ext", ["csv", "xlsx", "skm"])
def test_export_import_round_trips_exactly(tmp_path, new_db, demo_db, ext):
    # make the data nasty: formula-like and quoted texts, blanks
    d = open_database(demo_db)
    with d.read_session() as s:
        p = survey.find_periode(s)
        rid, rec = survey.load_records(s, p.id)[0]
    survey.update_respondent(
        d, rid, rec.with_(saran='=HYPERLINK("x")', batch="+62", operator="@rina", answers=(None,) + rec.answers[1:])
    )
    rid2, rec2 = survey.load_records(d.read_session(), p.id)[1]
    survey.update_respondent(d, rid2, rec2.with_(saran='\'kutip, "dua"; titik koma\nbaris baru'))
    d.close()
    out = tmp_path / f"ekspor.{ext}"
    assert main(["export", "--db", str(demo_db), "--out", str(out)]) == 0
    db2 = new_db("b.db")
    assert (
        main(["import", str(out), "--db", str(db2), "--unit", "Kelurahan Sukamaju", "--periode", "Semester II 2024"])
        == 0
    )
    a, b = records(demo_db), records(db2)
    if ext != "skm":  # the file import marks sumber as given in the file; all else equal
        assert [r.sumber for r in a] == [r.sumber for r in b]
    assert a == b


def test_export_escapes_formulas(tmp_path, demo_db):
    d = open_database(demo_db)
    with d.read_session() as s:
        p = survey.find_periode(s)
        rid, rec = survey.load_records(s, p.id)[0]
    survey.update_respondent(d, rid, rec.with_(saran="=1+1", batch="-5"))
    d.close()
    x = tmp_path / "e.xlsx"
    c = tmp_path / "e.csv"
    assert main(["export", "--db", str(demo_db), "--out", str(x)]) == 0
    assert main(["export", "--db", str(demo_db), "--out", str(c)]) == 0
    ws = load_workbook(x)["Responden"]
    header = [v.value for v in ws[1]]
    row = [v.value for v in ws[2]]
    assert row[header.index("saran")] == "'=1+1" and ws.cell(2, header.index("saran") + 1).data_type == "s"
    assert row[header.index("batch")] == "'-5"
    text = c.read_text(encoding="utf-8-sig")
    assert ";'=1+1;" in text and ";=1+1" not in text


def test_template_has_header_dropdowns_and_instructions(tmp_path, new_db, demo_db):
    out = tmp_path / "templat.xlsx"
    assert main(["template", "--db", str(demo_db), "--out", str(out)]) == 0
    wb = load_workbook(out)
    ws = wb["Responden"]
    header = [c.value for c in ws[1]]
    assert header[0] == "no_kuesioner" and [h for h in header if h and re.fullmatch(r"u\d+", h)] == [
        f"u{i}" for i in range(1, 10)
    ]
    assert ws.max_row == 1
    sqrefs = " ".join(str(dv.sqref) for dv in ws.data_validations.dataValidation)
    for col in ("jenis_kelamin", "pendidikan", "pekerjaan", "jenis_layanan", "u1"):
        letter = chr(ord("A") + header.index(col))
        assert f"{letter}2:" in sqrefs
    assert "Petunjuk" in wb.sheetnames
    # the empty template filled by hand imports cleanly
    ws.append([1, None, "Legalisasi Dokumen", "P", 30, "SMA", "PNS", 4, 4, 4, 4, 4, 4, 4, 4, 4])
    wb.save(out)
    db2 = new_db("x.db")
    assert main(["import", str(out), "--db", str(db2)]) == 0


@pytest.mark.sqlite_only  # copies the SQLite file; a server is backed up on the server
def test_backup_restore(tmp_path, demo_db, capsys):
    bak = tmp_path / "cadangan.db"
    assert main(["backup", "--db", str(demo_db), "--out", str(bak)]) == 0
    con = sqlite3.connect(bak)
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    n = con.execute("select count(*) from responden").fetchone()[0]
    con.close()
    con = sqlite3.connect(demo_db)
    con.execute("delete from jawaban")
    con.execute("delete from responden")
    con.commit()
    con.close()
    assert main(["restore", str(bak), "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert "sebelum-pulih" in out
    con = sqlite3.connect(demo_db)
    assert con.execute("select count(*) from responden").fetchone()[0] == n
    con.close()
    junk = tmp_path / "junk.db"
    junk.write_text("bukan basis data")
    assert main(["restore", str(junk), "--db", str(demo_db)]) == 2
    assert "bukan basis data SKM" in capsys.readouterr().err


def test_version_and_unknown_periode(tmp_path, demo_db, capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0
    assert "SKM Desktop" in capsys.readouterr().out
    assert main(["summary", "--db", str(demo_db), "--periode", "2099"]) == 2
    err = capsys.readouterr().err
    assert "Periode '2099' tidak ditemukan" in err and "Semester II 2024" in err
    assert main(["summary", "--db", str(tmp_path / "tidak-ada.db")]) == 2
    assert "tidak ditemukan" in capsys.readouterr().err


def test_summary_human_output_is_indonesian(demo_db, capsys):
    assert main(["summary", "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    import re

    assert re.search(r"IKM konversi: \d{2},\d{2} — mutu [ABCD]", out)
    assert "Prioritas perbaikan:" in out


def test_help_and_usage_errors_are_indonesian(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--help"])
    assert e.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("penggunaan: skm-desktop") and "tampilkan bantuan ini lalu keluar" in out
    assert "usage:" not in out and "show this help" not in out
    with pytest.raises(SystemExit) as e:
        main(["report", "--db", "x.db", "--kind", "laporan-tahunan", "--out", "y.pdf"])
    assert e.value.code == 2
    err = capsys.readouterr().err
    assert "kesalahan: argumen --kind: pilihan tidak sah: 'laporan-tahunan'" in err
    with pytest.raises(SystemExit):
        main(["summary"])
    assert "argumen berikut wajib diisi: --db" in capsys.readouterr().err


def test_backup_of_an_unreachable_server_leaves_no_file(tmp_path, capsys):
    url = "postgresql://skm@127.0.0.1:1/skm_kota"  # nothing listens on port 1
    assert main(["backup", "--db", url, "--out", str(tmp_path / "c.db")]) == 2
    err = capsys.readouterr().err
    assert "127.0.0.1" in err and "Traceback" not in err
    assert not list(tmp_path.iterdir())
    assert main(["restore", str(tmp_path / "c.db"), "--db", url]) == 2
    assert "tidak ditemukan" in capsys.readouterr().err


def test_password_in_db_address_refused_by_every_command(tmp_path, capsys):
    assert main(["summary", "--db", "postgresql://skm:rahasia@127.0.0.1/skm_kota"]) == 2
    err = capsys.readouterr().err
    assert "pgpass" in err and "rahasia" not in err and "Traceback" not in err
