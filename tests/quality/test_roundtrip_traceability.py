"""Export -> import keeps the paper traceability columns (batch, posisi,
operator, sumber), through the command line, for CSV, XLSX and .skm."""

import datetime as dt

import pytest

from skm_desktop.cli import main
from skm_desktop.domain.respondent import KIOSK_NO_MIN, RespondentRecord
from skm_desktop.services import survey
from skm_desktop.storage.database import open_database


def _source(tmp_path, second_sumber):
    src = tmp_path / "a.db"
    db = open_database(src)
    with db.session() as s:
        u = survey.create_unit(s, "Puskesmas Uji")
        survey.add_layanan(s, u.id, "Poli Umum")
        pid = survey.create_periode(s, u.id, "2025").id
    recs = [
        RespondentRecord(
            1,
            (3, 4, 3, 3, 2, 3, 4, 4, 3),
            dt.date(2025, 2, 1),
            "Poli Umum",
            "Laki-laki",
            41,
            "SMA",
            "Swasta",
            "=cepat",
            "kertas",
            "B-01",
            "Rina",
            1,
        ),
        RespondentRecord(
            3,
            (1, 2, 3, 4, 1, 2, 3, 4, 1),
            dt.date(2025, 2, 3),
            "Poli Umum",
            "Perempuan",
            22,
            "D4/S1",
            "Pelajar/Mahasiswa",
            "",
            "impor",
            "B-02",
            "Agus Salim",
            17,
        ),
        # a kiosk form carries a number of the kiosk's own range
        RespondentRecord(
            KIOSK_NO_MIN if second_sumber == "kiosk" else 2,
            (3, None, 3, 3, 2, 3, 4, 4, 1),
            None,
            None,
            None,
            None,
            None,
            None,
            "",
            second_sumber,
            "",
            "",
            None,
        ),
    ]
    recs.sort(key=lambda r: r.no_kuesioner)
    for r in recs:
        survey.save_respondent(db, pid, r)
    db.close()
    return src, recs


# Kiosk origin travels only in .skm packages: a CSV/XLSX cannot claim it (it
# would forge kiosk answers), so the CSV/XLSX round trip carries paper rows.
@pytest.mark.parametrize("ext, second", [("csv", "kertas"), ("xlsx", "kertas"), ("skm", "kiosk")])
def test_export_import_round_trip(tmp_path, ext, second):
    src, recs = _source(tmp_path, second)
    out = tmp_path / f"ekspor.{ext}"
    assert main(["export", "--db", str(src), "--out", str(out)]) == 0
    dst = tmp_path / "b.db"
    assert main(["import", str(out), "--db", str(dst), "--unit", "Puskesmas Uji", "--periode", "2025"]) == 0
    db2 = open_database(dst)
    with db2.read_session() as s:
        got = [r for _, r in survey.load_records(s, survey.find_periode(s, "2025").id, include_held=True)]
    db2.close()
    assert [(r.batch, r.posisi, r.operator, r.sumber) for r in got] == [
        (r.batch, r.posisi, r.operator, r.sumber) for r in recs
    ]
    assert {r.sumber for r in got} == {"kertas", "impor", second}
    assert got == recs


@pytest.mark.parametrize("ext", ["csv", "xlsx"])
def test_kiosk_rows_exported_to_csv_xlsx_are_refused_on_import(tmp_path, capsys, ext):
    src, _ = _source(tmp_path, "kiosk")
    out = tmp_path / f"ekspor.{ext}"
    assert main(["export", "--db", str(src), "--out", str(out)]) == 0
    capsys.readouterr()
    dst = tmp_path / "b.db"
    assert main(["import", str(out), "--db", str(dst), "--unit", "Puskesmas Uji", "--periode", "2025"]) == 2
    err = capsys.readouterr().err
    assert "Baris 4, kolom sumber" in err and "kiosk" in err and "paket .skm" in err
    assert not dst.exists()


def test_bad_posisi_is_named(tmp_path, capsys):
    f = tmp_path / "x.csv"
    f.write_text(
        "no_kuesioner;" + ";".join(f"u{i}" for i in range(1, 10)) + ";batch;posisi\n"
        "1;" + ";".join("3" * 9) + ";B1;dua\n",
        encoding="utf-8",
    )
    assert main(["import", str(f), "--db", str(tmp_path / "c.db")]) == 2
    err = capsys.readouterr().err
    assert "Baris 2, kolom posisi" in err and "dua" in err
