"""`skm-desktop import` through the CLI: good files, every kind of bad file, all-or-nothing."""

import json
import sqlite3
from pathlib import Path

import pytest

from skm_desktop.cli import main

HEADER = "no_kuesioner,tanggal,jenis_layanan,jenis_kelamin,usia,pendidikan,pekerjaan,u1,u2,u3,u4,u5,u6,u7,u8,u9,saran"
GOOD = [
    "1,2024-03-01,KTP,L,34,SLTA,Swasta,4,4,3,4,3,4,4,4,4,",
    "2,02/03/2024,KTP,P,25,S1,PNS,3,3,4,4,3,4,4,4,3,Antrean panjang",
    "3,03-03-2024,KK,Pria,41,SMP,Wiraswasta,4,3,3,4,4,3,4,4,4,",
    "4,2024-03-04,KK,Wanita,56,D3,ASN,3,4,4,3,3,4,3,,3,",
    '5,2024-03-05,KK,L,19,SD,Pelajar,b,c,c,d,c,c,d,c,c,"Ramah, cepat"',
]


def write(tmp_path, lines, name="data.csv", encoding="utf-8", sep=","):
    p = tmp_path / name
    text = "\n".join(l.replace(",", sep) if sep != "," else l for l in lines) + "\n"
    p.write_bytes(text.encode(encoding))
    return p


def count(db):
    """Stored questionnaires: None when no SQLite file was left behind."""
    if str(db).startswith("postgresql://"):
        from sqlalchemy import text

        from skm_desktop.storage.server import parse_server_url

        eng = parse_server_url(str(db)).make_engine("test")
        try:
            with eng.connect() as c:
                return c.execute(text("select count(*) from responden")).scalar()
        finally:
            eng.dispose()
    if not Path(db).exists():
        return None
    con = sqlite3.connect(db)
    try:
        return con.execute("select count(*) from responden").fetchone()[0]
    finally:
        con.close()


def summary_json(db, capsys, *extra):
    capsys.readouterr()
    assert main(["summary", "--db", str(db), "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


def test_good_csv_gives_the_worked_example(tmp_path, new_db, capsys):
    db = new_db("a.db")
    f = write(tmp_path, [HEADER] + GOOD)
    assert main(["import", str(f), "--db", str(db), "--unit", "Kelurahan Contoh", "--periode", "2024"]) == 0
    j = summary_json(db, capsys)
    assert j["unit"] == "Kelurahan Contoh" and j["periode"] == "2024" and j["respondents"] == 5
    assert [u["total"] for u in j["unsur"]] == [16, 17, 17, 19, 16, 18, 19, 15, 17]
    assert j["unsur"][7]["blank"] == 1 and j["unsur"][7]["answered"] == 4
    assert j["ikm_konversi_2dp"] == "87.55" and j["mutu"] == "B" and j["kinerja"] == "Baik"
    assert j["prioritas"] == ["U1", "U5", "U2"]
    k = j["karakteristik"]
    assert k["jenis_kelamin"] == {"Laki-laki": 3, "Perempuan": 2}
    assert k["pendidikan"]["SMA"] == 1 and k["pendidikan"]["D4/S1"] == 1 and k["pendidikan"]["D1-D3"] == 1
    assert k["pekerjaan"]["Wirausaha"] == 1 and k["pekerjaan"]["PNS"] == 2
    assert k["usia"] == {"<= 25": 2, "26-35": 1, "36-45": 1, "46-55": 0, ">= 56": 1}
    assert k["jenis_layanan"] == {"KTP": 2, "KK": 3}
    # one layanan only
    j2 = summary_json(db, capsys, "--layanan", "kk")
    assert j2["respondents"] == 3 and j2["layanan"] == "KK"


def test_semicolon_bom_and_xlsx(tmp_path, new_db, capsys):
    db = new_db("a.db")
    f = write(tmp_path, [HEADER] + GOOD[:2], encoding="utf-8-sig", sep=";")
    # GOOD[1] has no comma inside fields, GOOD[4] would; keep the simple ones
    assert main(["import", str(f), "--db", str(db)]) == 0
    assert count(db) == 2
    import datetime as dt

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Responden"
    ws.append(HEADER.split(","))
    ws.append([3, dt.datetime(2024, 3, 3), "KK", "P", 30, "SMA", "PNS", 4, 4, 4, 4, 4, 4, 4, 4, 4, None])
    ws.append([4, "2024-03-04", "KK", "L", 31.0, "SMA", "PNS", 1, 2, 3, 4, "a", "b", "c", "d", None, "=1+1"])
    x = tmp_path / "b.xlsx"
    wb.save(x)
    assert main(["import", str(x), "--db", str(db)]) == 0
    assert count(db) == 4
    j = summary_json(db, capsys)
    assert j["unsur"][8]["blank"] == 1


@pytest.mark.parametrize(
    "lines, needle",
    [
        (["nomor,u1,u2,u3,u4,u5,u6,u7,u8,u9", "1,4,4,4,4,4,4,4,4,4"], "no_kuesioner"),
        ([HEADER.replace(",u9", ""), "1,,,,,,,4,4,4,4,4,4,4,4"], None),  # only 8 unsur: new period refused
        ([HEADER, "1,,,,,,,4,4,0,4,4,4,4,4,4,"], "Baris 2, kolom u3: nilai '0' di luar skala 1–4"),
        ([HEADER, "1,,,,,,,4,4,4,5,4,4,4,4,4,"], "Baris 2, kolom u4: nilai '5' di luar skala 1–4"),
        ([HEADER, "1,,,,,,,4,4,4,4,x,4,4,4,4,"], "Baris 2, kolom u5: nilai 'x' bukan jawaban yang sah"),
        ([HEADER, "1,,,,,,,4,4,4,4,4,4,4,4,4,", "1,,,,,,,3,3,3,3,3,3,3,3,3,"], "sudah dipakai di baris 2"),
        ([HEADER, "1,31/02/2024,,,,,,4,4,4,4,4,4,4,4,4,"], "tidak ada di kalender"),
        ([HEADER, "1,,,,,SLB,,4,4,4,4,4,4,4,4,4,"], "pendidikan 'SLB' tidak dikenal"),
        ([HEADER, "1,,,,9,,,4,4,4,4,4,4,4,4,4,"], "Baris 2, kolom usia"),
        ([HEADER, "abc,,,,,,,4,4,4,4,4,4,4,4,4,"], "Baris 2, kolom no_kuesioner"),
        ([HEADER], "tidak berisi baris data"),
    ],
)
def test_bad_csv_refused_with_message_and_nothing_stored(tmp_path, new_db, capsys, lines, needle):
    db = new_db("a.db")
    f = write(tmp_path, lines)
    code = main(["import", str(f), "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err and err.strip()
    if needle:
        assert needle in err
    assert count(db) in (None, 0)


def test_one_bad_row_among_many_imports_nothing_and_lists_every_bad_row(tmp_path, new_db, capsys):
    db = new_db("a.db")
    rows = [f"{i},,,,,,,4,4,4,4,4,4,4,4,4," for i in range(1, 201)]
    rows[49] = "50,,,,,,,4,4,4,4,4,4,4,4,7,"
    rows[149] = "150,,,L,,,,4,4,4,4,4,4,4,4,4,"
    rows[150] = "151,,,X,,,,4,4,4,4,4,4,4,4,4,"
    code = main(["import", str(write(tmp_path, [HEADER] + rows)), "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 2
    assert "Baris 51, kolom u9: nilai '7'" in err
    assert "Baris 152, kolom jenis_kelamin: jenis kelamin 'X' tidak dikenal" in err
    assert "2 kesalahan" in err
    assert count(db) in (None, 0)


def test_duplicate_against_database_and_replace(tmp_path, new_db, capsys):
    db = new_db("a.db")
    f = write(tmp_path, [HEADER] + GOOD)
    assert main(["import", str(f), "--db", str(db)]) == 0
    assert main(["import", str(f), "--db", str(db)]) == 2
    assert "sudah ada di periode" in capsys.readouterr().err
    assert count(db) == 5
    changed = write(tmp_path, [HEADER, "1,,KTP,,,,,1,1,1,1,1,1,1,1,1,"], name="c.csv")
    assert main(["import", str(changed), "--db", str(db), "--ganti"]) == 0
    assert count(db) == 5
    j = summary_json(db, capsys)
    assert j["unsur"][0]["counts"]["1"] == 1


def test_empty_binary_and_foreign_encoding_files(tmp_path, new_db, capsys):
    db = new_db("a.db")
    empty = tmp_path / "kosong.csv"
    empty.write_bytes(b"")
    assert main(["import", str(empty), "--db", str(db)]) == 2
    assert "kosong" in capsys.readouterr().err
    fake = tmp_path / "palsu.xlsx"
    fake.write_bytes(b"\x00\x01binary garbage" * 50)
    assert main(["import", str(fake), "--db", str(db)]) == 2
    assert "bukan berkas Excel" in capsys.readouterr().err
    latin = write(
        tmp_path, [HEADER, "1,,,,,,,4,4,4,4,4,4,4,4,4,Pelayanan baik sekali é"], name="latin.csv", encoding="latin-1"
    )
    assert main(["import", str(latin), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "bukan UTF-8" in err and "baris 2" in err
    utf16 = tmp_path / "u16.csv"
    utf16.write_bytes(("\n".join([HEADER, GOOD[0]])).encode("utf-16"))
    assert main(["import", str(utf16), "--db", str(db)]) == 2
    assert "UTF-16" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "tidak-ada.csv"), "--db", str(db)]) == 2
    assert "tidak ditemukan" in capsys.readouterr().err
    assert count(db) in (None, 0)


def test_missing_unsur_column_for_existing_period(tmp_path, new_db, capsys):
    db = new_db("a.db")
    assert main(["import", str(write(tmp_path, [HEADER] + GOOD)), "--db", str(db), "--periode", "2024"]) == 0
    bad = write(tmp_path, [HEADER.replace(",u7", ""), "9,,,,,,,4,4,4,4,4,4,4,4,"], name="b.csv")
    assert main(["import", str(bad), "--db", str(db), "--periode", "2024"]) == 2
    assert "kolom unsur 'u7' tidak ada" in capsys.readouterr().err


def test_extra_columns_warned_not_fatal(tmp_path, new_db, capsys):
    db = new_db("a.db")
    f = write(tmp_path, [HEADER + ",catatan", GOOD[0] + ",x"])
    assert main(["import", str(f), "--db", str(db)]) == 0
    assert "catatan" in capsys.readouterr().err


def test_not_an_skm_database(tmp_path, capsys):
    other = tmp_path / "lain.db"
    con = sqlite3.connect(other)
    con.execute("create table x(a)")
    con.commit()
    con.close()
    before = other.read_bytes()
    assert main(["summary", "--db", str(other)]) == 2
    assert "bukan basis data SKM" in capsys.readouterr().err
    text = tmp_path / "teks.db"
    text.write_text("halo")
    assert main(["summary", "--db", str(text)]) == 2
    assert "bukan basis data SKM" in capsys.readouterr().err
    assert other.read_bytes() == before and text.read_text() == "halo"
