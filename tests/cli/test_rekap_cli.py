"""`skm-desktop rekap add` / `rekap summary` (cli.md, rekap.md), on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest

from skm_desktop.cli import main
from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services import survey
from skm_desktop.services.forms import standard_unsur_set
from skm_desktop.services.importing import bulk_insert
from skm_desktop.storage.database import open_database

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "rekap" / "pontianak-2023.csv"
W = Fraction(111, 1000)  # the regulation's weight of each of 9 unsur


def half_up(x: Fraction) -> str:
    """Two decimals, half-up, computed apart from the product's own rounding."""
    hundredths = (x * 100 * 2 + 1) // 2  # floor(100x + 1/2), x > 0
    return f"{hundredths // 100}.{hundredths % 100:02d}"


def hand_ikm(rows: list[tuple]) -> Fraction:
    """IKM konversi by hand: per unsur total / answered, × 0,111, summed, × 25 (every unsur answered)."""
    ikm = Fraction(0)
    for i in range(9):
        answered = [r[i] for r in rows if r[i] is not None]
        ikm += Fraction(sum(answered), len(answered)) * W
    return ikm * 25


def source_database(path, n_units: int, n_total: int, seed: int = 15):
    """One database of ``n_units`` units (period "Tahun 2025") sharing ``n_total`` random forms."""
    rnd = random.Random(seed)
    db = open_database(path)
    answers: dict[str, list[tuple]] = {}
    per_unit = [n_total // n_units + (1 if i < n_total % n_units else 0) for i in range(n_units)]
    with db.session() as s:
        for i, n in enumerate(per_unit):
            name = f"Kelurahan Uji {i + 1:02d}"
            u = survey.create_unit(s, name)
            p = survey.create_periode(
                s, u.id, "Tahun 2025", standard_unsur_set(), dt.date(2025, 1, 1), dt.date(2025, 12, 31)
            )
            bias = rnd.choice([[2, 3, 3, 4], [3, 3, 4, 4], [3, 4, 4, 4], [1, 2, 3, 3]])
            recs = []
            for no in range(1, n + 1):
                a = tuple(None if rnd.random() < 0.02 else rnd.choice(bias) for _ in range(9))
                if all(x is None for x in a):
                    a = (3,) + a[1:]
                recs.append(RespondentRecord(no, a, dt.date(2025, 1 + no % 12, 1 + no % 28)))
            bulk_insert(s, p, recs)
            answers[name] = [r.answers for r in recs]
    db.close()
    return answers


def test_units_split_from_one_dataset_add_up_to_the_undivided_figure(tmp_path, new_db, capsys):
    src = tmp_path / "sumber.db"
    answers = source_database(src, 24, 5000)
    folder = tmp_path / "paket"
    folder.mkdir()
    for name in answers:
        out = folder / f"{name}.skm"
        assert main(["export", "--db", str(src), "--unit", name, "--periode", "Tahun 2025", "--out", str(out)]) == 0
    kota = new_db("kota.db")
    capsys.readouterr()
    assert main(["rekap", "add", str(folder), "--db", str(kota), "--unit-baru"]) == 0
    out = capsys.readouterr().out
    assert "24 berkas: 24 ditambahkan, 0 diganti, 0 dilewati, 0 ditolak." in out
    assert main(["rekap", "summary", "--db", str(kota), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)

    every = [a for rows in answers.values() for a in rows]
    pooled = hand_ikm(every)
    mean = sum((hand_ikm(rows) for rows in answers.values()), Fraction(0)) / len(answers)
    assert doc["tahun"] == "2025" and doc["previous_tahun"] == "2024"
    assert doc["units"] == 24 and doc["respondents"] == 5000 and doc["not_reported"] == []
    assert doc["ikm_pooled"] == pytest.approx(float(pooled), abs=1e-9)
    assert doc["ikm_pooled_2dp"] == half_up(pooled)
    assert doc["ikm_mean_units"] == pytest.approx(float(mean), abs=1e-9)
    assert doc["ikm_mean_units_2dp"] == half_up(mean)
    assert doc["headline"] == "mean_units"
    rows = {r["unit"]: r for r in doc["unit_rows"]}
    for name, rs in answers.items():
        assert rows[name]["ikm_2dp"] == half_up(hand_ikm(rs)), name
        assert rows[name]["source"] == "paket" and rows[name]["responden"] == len(rs)
    assert sum(doc["mutu_counts"].values()) == 24
    # ranks: ties share the rank, the next one skips
    ranks = [(r["rank"], Decimal(r["ikm_2dp"])) for r in doc["unit_rows"]]
    for rank, v in ranks:
        assert rank == 1 + sum(1 for _, w in ranks if w > v)


# the annual figure by the rules: the mean of the two semesters as printed in the reference
PONTIANAK_SEMESTERS = {
    "Sekretariat Daerah": ("98.413", "98.461"),
    "Sekretariat DPRD": ("91.77", "91.98"),
    "Badan Perencanaan Pembangunan Daerah": ("91.488", "91.74"),
    "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia": ("87.82", "91.55"),
    "Badan Penanggulangan Bencana Daerah": ("82.03", "90.80"),
    "Badan Kesatuan Bangsa dan Politik": ("92.180", "92.208"),
    "Satuan Polisi Pamong Praja": ("93.09", "93.09"),
    "Dinas Kependudukan dan Pencatatan Sipil": ("89.72", "91.475"),
    "Dinas Komunikasi dan Informatika": ("89.47", "88.25"),
    "Dinas Sosial": ("86.5", "87.2"),
    "Dinas Perhubungan": ("88.051", "88.088"),
    "Dinas Kesehatan": ("83.54", "84.49"),
    "Kecamatan Pontianak Barat": ("90.62", "91.33"),
    "Kecamatan Pontianak Selatan": ("86.323", "86.323"),
    "Kecamatan Pontianak Timur": ("93.87", "94.15"),
}


def test_pontianak_semester_rows_give_the_annual_rows_and_the_city_mean(tmp_path, new_db, capsys):
    kota = new_db("pontianak.db")
    assert main(["rekap", "add", str(FIXTURE), "--db", str(kota), "--unit-baru"]) == 0
    capsys.readouterr()
    assert main(["rekap", "summary", "--db", str(kota), "--tahun", "2023", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    annual = {u: (Fraction(a) + Fraction(b)) / 2 for u, (a, b) in PONTIANAK_SEMESTERS.items()}
    rows = {r["unit"]: r for r in doc["unit_rows"]}
    assert set(rows) == set(annual)
    for u, v in annual.items():
        assert rows[u]["ikm_2dp"] == half_up(v), u
        assert rows[u]["source"] == "ringkasan" and rows[u]["metode"] == "rata-rata semester"
        assert [p["periode"] for p in rows[u]["periods"]] == ["Semester I", "Semester II"]
    # the annual rows the reference prints agree with the mean (to 2 decimals) where it is consistent
    assert rows["Badan Perencanaan Pembangunan Daerah"]["ikm_2dp"] == "91.61"  # printed 91,614
    assert rows["Dinas Kependudukan dan Pencatatan Sipil"]["ikm_2dp"] == "90.60"  # printed 90,5975
    assert rows["Dinas Komunikasi dan Informatika"]["mutu"] == "A"  # 88,86: A, although semester II is B
    mean = sum(annual.values(), Fraction(0)) / len(annual)
    assert doc["ikm_mean_units_2dp"] == half_up(mean) and doc["ikm_pooled"] is None
    assert doc["respondents"] == 211 + 220 + 86 + 76 + 32 + 32 + 214 + 56 + 25 + 70 + 100 + 100 + 41 + 41 + 758 * 2 + (
        28 + 44 + 300 * 2 + 169 * 2 + 5200 * 2 + 176 + 92 + 100 * 2 + 150 * 2
    )
    checks = {(c["unit"], c["periode"], c["kind"]) for c in doc["checks"]}
    # the reference's own disagreements: annual rows against their semesters ...
    assert ("Sekretariat Daerah", "Tahunan", "tahunan") in checks  # 90,437 vs 98,437
    assert ("Kecamatan Pontianak Timur", "Tahunan", "tahunan") in checks  # 88 vs 94,01
    assert not {c for c in checks if c[2] == "tahunan"} - {
        ("Sekretariat Daerah", "Tahunan", "tahunan"),
        ("Kecamatan Pontianak Timur", "Tahunan", "tahunan"),
    }
    # ... and IKM against the unsur values (DPRD semester II: 91,98 printed, 90,74 from its unsur)
    assert ("Sekretariat DPRD", "Semester II", "ikm_unsur") in checks
    assert ("Badan Perencanaan Pembangunan Daerah", "Semester I", "ikm_unsur") not in checks  # 91,488 ≈ 91,4875
    assert ("Sekretariat Daerah", "Semester I", "ikm_unsur") not in checks  # within the 3-decimal NRR rounding
    # the plain text names them for the operator
    assert main(["rekap", "summary", "--db", str(kota)]) == 0
    text = capsys.readouterr().out
    assert "Kecamatan Pontianak Timur, Tahunan: IKM tahunan tertulis 88,00, padahal rata-rata semesternya 94,01" in text
    assert "Traceback" not in text
    # the unit table: Sumber is the figure's source (rekap.md `source`), beside how the annual IKM was made
    head = next(line for line in text.splitlines() if line.lstrip().startswith("No "))
    assert "Sumber" in head and "Cara IKM tahunan" in head
    row = next(line for line in text.splitlines() if "Sekretariat DPRD" in line and "rata-rata" in line)
    assert row.index("ringkasan") < row.index("rata-rata semester")


def test_unknown_unit_is_refused_without_unit_and_bad_input_exits_2(tmp_path, new_db, capsys):
    src = tmp_path / "sumber.db"
    source_database(src, 2, 40)
    pkg = tmp_path / "a.skm"
    assert main(["export", "--db", str(src), "--unit", "Kelurahan Uji 01", "--out", str(pkg)]) == 0
    kota = new_db("kota.db")
    assert main(["rekap", "add", str(FIXTURE), "--db", str(kota), "--unit-baru"]) == 0
    capsys.readouterr()
    assert main(["rekap", "add", str(pkg), "--db", str(kota)]) == 2
    err = capsys.readouterr().err
    assert "[ditolak]" in err and "unit 'Kelurahan Uji 01' belum ada" in err and "--unit" in err
    assert main(["rekap", "add", str(pkg), "--db", str(kota), "--unit", "Dinas Sosial"]) == 0
    out = capsys.readouterr()
    assert "[ditambahkan]" in out.out and "unit 'Dinas Sosial'" in out.out
    assert "data responden (paket) mengalahkan ringkasan" not in out.err  # the package is of 2025, the rows 2023
    assert main(["rekap", "summary", "--db", str(kota), "--tahun", "20x5"]) == 2
    assert "--tahun '20x5' tidak sah" in capsys.readouterr().err
    bad = tmp_path / "rusak.csv"
    bad.write_text("unit,tahun,ikm\nDinas Sosial,2023,12\n", encoding="utf-8")
    assert main(["rekap", "add", str(bad), "--db", str(kota)]) == 2
    err = capsys.readouterr().err
    assert "Baris 2, kolom ikm: nilai '12' tidak sah" in err and "Traceback" not in err
