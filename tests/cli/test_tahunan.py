"""The annual figures: `summary --tahun` pools every respondent of the demo's
Semester I and II 2024 (checked against a hand computation with plain
Fractions over the raw answers), `report --tahun` prints the year with each
period beside it, and periods with different unsur sets are refused (exit 2)."""

import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from pypdf import PdfReader

from skm_desktop.cli import main
from skm_desktop.services import demo, survey
from skm_desktop.storage.models import UnsurRow

W = Fraction(111, 1000)  # the standard weight 0,111 of 9 unsur


def _demo(db):
    demo.create_demo(db, n=150)
    with db.read_session() as s:
        periods = survey.periode_list(s, survey.get_unit(s).id)
        answers = {p.nama: [rec.answers for _, rec in survey.load_records(s, p.id)] for p in periods}
    assert sorted(answers) == ["Semester I 2024", "Semester II 2024"]
    return answers


def _hand(rows):
    """Per unsur (answered, total) and the IKM, by hand over the raw answers."""
    per = []
    for j in range(9):
        given = [r[j] for r in rows if r[j] is not None]
        per.append((len(given), sum(given)))
    ikm = sum((Fraction(t, n) * W for n, t in per), Fraction(0))
    konv = (Decimal(ikm.numerator) * 25 / Decimal(ikm.denominator)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return per, ikm, konv


def test_summary_tahun_pools_every_respondent_of_the_year(db, capsys):
    answers = _demo(db)
    rc = main(["summary", "--db", db.label, "--tahun", "2024", "--json"])
    out = capsys.readouterr()
    assert rc == 0, out.err
    d = json.loads(out.out)
    everyone = answers["Semester I 2024"] + answers["Semester II 2024"]
    per, ikm, konv = _hand(everyone)
    assert d["tahun"] == 2024 and d["periode"] == "Tahun 2024 (Semester I + Semester II)"
    assert d["respondents"] == len(everyone)
    assert [(u["answered"], u["total"]) for u in d["unsur"]] == per
    assert d["ikm"] == float(ikm) and d["ikm_konversi_2dp"] == str(konv)
    # every key of a period's summary is there too
    rc = main(["summary", "--db", db.label, "--periode", "Semester I 2024", "--json"])
    assert set(json.loads(capsys.readouterr().out)) <= set(d)
    # each period's own figures beside the year's; the year is not their mean
    assert [p["periode"] for p in d["periods"]] == ["Semester I 2024", "Semester II 2024"]
    for p in d["periods"]:
        assert p["respondents"] == len(answers[p["periode"]])
        assert p["ikm_konversi_2dp"] == str(_hand(answers[p["periode"]])[2])
    mean = (Decimal(d["periods"][0]["ikm_konversi_2dp"]) + Decimal(d["periods"][1]["ikm_konversi_2dp"])) / 2
    assert Decimal(d["ikm_konversi_2dp"]) != mean.quantize(Decimal("0.01"))
    rc = main(["summary", "--db", db.label, "--tahun", "2024"])
    text = capsys.readouterr().out
    assert rc == 0 and "Tahun 2024 (Semester I + Semester II)" in text and "bukan rata-rata" in text


def test_report_tahun_laporan_and_publikasi(db, tmp_path, capsys):
    answers = _demo(db)
    out = tmp_path / "tahun.pdf"
    assert main(["report", "--db", db.label, "--tahun", "2024", "--out", str(out)]) == 0, capsys.readouterr().err
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(out)).pages)
    _, _, konv = _hand(answers["Semester I 2024"] + answers["Semester II 2024"])
    k1 = str(_hand(answers["Semester I 2024"])[2]).replace(".", ",")
    assert "Tahun 2024 (Semester I + Semester II)" in text
    assert "Indeks Kepuasan Masyarakat per Periode" in text
    assert f"Semester I 2024 {len(answers['Semester I 2024'])} " in text and k1 in text
    assert f"Gabungan seluruh responden {len(answers['Semester I 2024']) + len(answers['Semester II 2024'])}" in text
    assert str(konv).replace(".", ",") in text
    assert "berkas Excel olah data setiap periode (Semester I 2024, Semester II 2024)" in text
    pub = tmp_path / "pub.pdf"
    assert main(["report", "--db", db.label, "--tahun", "2024", "--kind", "publikasi", "--out", str(pub)]) == 0
    assert str(konv).replace(".", ",") in PdfReader(str(pub)).pages[0].extract_text()
    # refused, nothing written: a per-period kind, a year without periods, both --periode and --tahun
    for args, said in (
        (["--kind", "olah-data"], "dibuat per periode"),
        (["--lampiran", "lengkap"], "dibuat per periode"),
        (["--periode", "Semester I 2024"], "tidak keduanya"),
    ):
        bad = tmp_path / "bad.pdf"
        assert main(["report", "--db", db.label, "--tahun", "2024", "--out", str(bad), *args]) == 2
        assert said in capsys.readouterr().err and not bad.exists()
    assert main(["summary", "--db", db.label, "--tahun", "2019"]) == 2
    assert "tidak memiliki periode pada tahun 2019; tahun yang ada: 2024" in capsys.readouterr().err


def test_periods_with_different_unsur_sets_are_not_pooled(db, tmp_path, capsys):
    _demo(db)
    with db.session() as s:
        p2 = survey.find_periode(s, "Semester II 2024")
        row = next(r for r in p2.unsur if r.kode == "U9")
        row.nama = "Ruang tunggu"
        assert isinstance(row, UnsurRow)
    rc = main(["summary", "--db", db.label, "--tahun", "2024", "--json"])
    err = capsys.readouterr().err
    assert rc == 2
    assert "unsur U9" in err and "Semester I 2024" in err and "'Ruang tunggu' di Semester II 2024" in err
    out = tmp_path / "t.pdf"
    assert main(["report", "--db", db.label, "--tahun", "2024", "--out", str(out)]) == 2
    assert "set unsurnya berbeda" in capsys.readouterr().err and not out.exists()
