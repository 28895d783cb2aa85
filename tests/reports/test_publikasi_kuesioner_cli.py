"""Publikasi (one page), kuesioner (one page for 9 unsur) and the CLI `report`."""

import pytest

from skm_desktop import cli
from skm_desktop.domain.formatting import angka
from skm_desktop.services import documents, laporan_teks, results, survey

from .conftest import flat, pdf_pages


def test_publikasi_one_page_with_figures_and_rtl(db, multi, tmp_path):
    out = documents.build(db, "publikasi", tmp_path / "p.pdf", multi, invariant=True)
    pages = pdf_pages(out)
    assert len(pages) == 1
    text = flat(pages[0])
    with db.read_session() as s:
        sm = results.summary(s, multi)
    assert angka(sm.ikm_konversi_2dp, 2) in text
    assert f"{sm.mutu} {sm.kinerja}" in text.replace("\n", " ") or sm.kinerja in text
    assert angka(sm.respondents) in text
    for r in sm.unsur:
        assert f"{r.kode} {r.unsur.nama}" in text and angka(r.nrr, 3) in text
    if sm.perlu_ditingkatkan:
        for r in sm.perlu_ditingkatkan:
            assert f"{r.kode} {r.unsur.nama}"[:20] in text
    else:
        assert "Tidak ada unsur yang kategorinya kurang baik (C) atau tidak baik (D)" in text
    assert "RSUD CONTOH SEJAHTERA" in text


def test_publikasi_names_unsur_to_improve_with_their_rtl(db, tmp_path):
    import datetime as dt

    from skm_desktop.domain.respondent import RespondentRecord
    from skm_desktop.services import importing

    with db.session() as s:
        u = survey.create_unit(s, "Kelurahan Lemah")
        p = survey.create_periode(s, u.id, "2024", None, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        recs = [RespondentRecord(i, (4, 4, 4, 4, 4, 4, 4, 2 if i % 2 else 3, 4)) for i in range(1, 21)]
        importing.bulk_insert(s, p, recs)
        laporan_teks.add_rtl(s, p.id, "U8", "Membentuk tim penanganan pengaduan", "TW II", "Sekretaris")
        pid = p.id
    text = flat(pdf_pages(documents.build(db, "publikasi", tmp_path / "p.pdf", pid))[0])
    assert "U8 Penanganan pengaduan" in text and "2,500" in text and " D " in text
    assert "Membentuk tim penanganan pengaduan" in text and "TW II" in text


def test_kuesioner_one_sheet_from_the_period_unsur(db, p100, tmp_path):
    out = documents.build(db, "kuesioner", tmp_path / "k.pdf", p100, invariant=True)
    pages = pdf_pages(out)
    assert len(pages) == 1
    text = flat(pages[0])
    with db.read_session() as s:
        us = survey.unsur_set(s, p100)
    assert "No. Kuesioner" in text
    for i, u in enumerate(us.unsur, 1):
        assert f"{i}. {u.nama}" in text
        for k, lbl in enumerate(u.labels):
            assert f"{'abcd'[k]}. {lbl}" in text
    for word in ("Jenis kelamin", "Usia", "Pendidikan", "Pekerjaan", "Pemeriksaan Umum", "SARAN"):
        assert word in text


@pytest.mark.parametrize(
    "kind,suffix",
    [("laporan", ".pdf"), ("publikasi", ".pdf"), ("olah-data", ".pdf"), ("olah-data", ".xlsx"), ("kuesioner", ".pdf")],
)
def test_cli_report_every_kind(db, p100, tmp_path, capsys, kind, suffix):
    out = tmp_path / f"doc{suffix}"
    rc = cli.main(["report", "--db", db.label, "--kind", kind, "--out", str(out)])
    assert rc == 0, capsys.readouterr().err
    head = out.read_bytes()[:4]
    assert head == (b"%PDF" if suffix == ".pdf" else b"PK\x03\x04")


def test_cli_report_bad_suffix_is_bad_input(db, p100, tmp_path, capsys):
    rc = cli.main(["report", "--db", db.label, "--kind", "laporan", "--out", str(tmp_path / "x.xlsx")])
    assert rc == 2
    assert "laporan dapat dibuat sebagai PDF atau DOCX" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()


def test_kuesioner_choice_never_breaks_inside():
    from skm_desktop.reports.kuesioner import _options_line
    from skm_desktop.reports.styles import Styles

    st = Styles()
    opts = [
        "Surat Keterangan Domisili",
        "Pengantar KTP-el dan KK",
        "Surat Keterangan Tidak Mampu",
        "Surat Pengantar Nikah",
        "Legalisasi Dokumen",
    ]
    p = _options_line(opts, st.cell)
    p.wrap(120 * 2.835, 1000)
    lines = [
        "".join(w if isinstance(w, str) else w.text for w in ln[1])
        if isinstance(ln, tuple)
        else " ".join(x if isinstance(x, str) else x.text for x in ln.words)
        for ln in p.blPara.lines
    ]
    text = [l.replace("\xa0", " ").strip() for l in lines]
    assert len(text) > 1  # it does wrap at this width ...
    for l in text:  # ... but only between choices: every line starts with a box
        assert l.startswith("☐")
    assert sum(l.count("☐") for l in text) == len(opts)
