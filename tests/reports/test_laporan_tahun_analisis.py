"""The year's laporan analyses the pooled year: the gap to mutu A and the answer
shares of every respondent of the year's periods, the comparison with the period
before the year (never the year's own first semester), every period's sample."""

import datetime as dt

from skm_desktop.domain import analisis as an
from skm_desktop.domain.formatting import angka
from skm_desktop.services import demo, documents, importing, results, survey, tahunan

from .conftest import flat, pdftotext


def _gap_row(g: an.GapA) -> str:
    done = g.gap_nrr == 0 and g.gap_konversi == 0
    tail = "sudah A sudah A" if done else f"{angka(g.gap_nrr, 4)} {angka(g.gap_konversi, 2)}"
    return f"{angka(g.nrr_3dp, 3)} {angka(g.konversi_2dp, 2)} {g.mutu} {tail}"


def _year_text(db, tmp_path, name: str) -> str:
    with db.read_session() as s:
        unit_id = survey.get_unit(s).id
    out = documents.build(db, "laporan", tmp_path / name, None, tahun=2024, unit_id=unit_id, invariant=True)
    return flat(pdftotext(out))


def test_year_laporan_analysis_is_the_pooled_year(db, multi, tmp_path):
    with db.read_session() as s:
        unit_id = survey.get_unit(s).id
        year = tahunan.tahunan(s, unit_id, 2024).summary
        last = results.summary(s, multi)
    text = _year_text(db, tmp_path, "tahun.pdf")
    pooled, own = an.gap_ke_a(year), an.gap_ke_a(last)
    differ = [(a, b) for a, b in zip(pooled, own, strict=True) if _gap_row(a) != _gap_row(b)]
    assert differ, "the two semesters must give different figures for the test to mean anything"
    for g in pooled:
        assert _gap_row(g) in text, g.kode
    for _, b in differ:
        assert _gap_row(b) not in text, b.kode
    # no period before 2024: no comparison (not Semester I against the year it is part of)
    assert "Perbandingan dengan Periode Sebelumnya" not in text
    assert "Dibandingkan periode Semester I 2024" not in text
    # the sample formula of the period that has targets, named with its period
    assert "Rekam Medis (Semester II 2024)" in text

    with db.session() as s:
        u = survey.get_unit(s)
        p0 = survey.create_periode(s, u.id, "Semester II 2023", None, dt.date(2023, 7, 1), dt.date(2023, 12, 31))
        lay = tuple((x.nama, 1 / 3) for x in survey.layanan_list(s, u.id))
        importing.bulk_insert(s, p0, demo.generate_records(90, seed=9, year=2023, layanan=lay))
        p0_id = p0.id
    with db.read_session() as s:
        before = results.summary(s, p0_id)
    text = _year_text(db, tmp_path, "tahun2.pdf")
    assert "Dibandingkan periode Semester II 2023" in text
    sel = an.selisih_ikm(before, year)
    assert sel is not None
    assert (
        f"IKM konversi {angka(before.ikm_konversi_2dp, 2)} {angka(year.ikm_konversi_2dp, 2)} "
        f"{'+' if sel > 0 else ''}{angka(sel, 2)}" in text
    )
