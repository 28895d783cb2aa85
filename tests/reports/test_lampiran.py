"""The olah-data lampiran of a large unit: "ringkas" (the per-unsur tables and a
pointer to the XLSX) by default above 500 respondents, "lengkap" in the compact
landscape layout (several tables a page, header repeated); CLI --lampiran."""

import datetime as dt
import re

import pytest
from pypdf import PdfReader

from skm_desktop import cli
from skm_desktop.domain.formatting import angka
from skm_desktop.services import ServiceError, demo, documents, importing, results, survey

from .conftest import flat, pdf_pages, pdftotext


@pytest.fixture
def p600(db):
    with db.session() as s:
        u = survey.create_unit(s, "Dinas Besar", kota="Kota Uji", pejabat_nama="Ir. Adi", pejabat_jabatan="Kepala")
        survey.add_layanan(s, u.id, "Perizinan")
        p = survey.create_periode(s, u.id, "Tahun 2024", None, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        importing.bulk_insert(s, p, demo.generate_records(600, seed=8, layanan=(("Perizinan", 1.0),)))
        return p.id


def _lampiran2(pages: list[str]) -> list[str]:
    start = max(i for i, t in enumerate(pages) if "Lampiran 2. Olah Data per Responden" in t)
    # up to the next lampiran (a first period has no Lampiran 3: the tim or the photos follow), or the end
    end = next(
        (i for i in range(start + 1, len(pages)) if any(f"Lampiran {n}." in pages[i] for n in (3, 4, 5))), len(pages)
    )
    return pages[start:end]


def test_laporan_lampiran_is_ringkas_above_500_respondents(db, p600, tmp_path):
    out = documents.build(db, "laporan", tmp_path / "l.pdf", p600, invariant=True)
    lamp = _lampiran2(pdf_pages(out))
    with db.read_session() as s:
        sm = results.summary(s, p600)
    text = flat(" ".join(lamp))
    assert len(lamp) == 1
    assert "rekapitulasi olah data per unsur dari 600 kuesioner" in text
    assert "berkas Excel olah data periode ini" in text
    assert "Σ Nilai/Unsur " + " ".join(angka(r.total) for r in sm.unsur) in text
    assert f"IKM konversi **) {angka(sm.ikm_konversi_2dp, 2)}" in text
    assert "Kosong " + " ".join(angka(r.blank) for r in sm.unsur) in text
    assert "NO. RESP" not in text and "Tanda" not in text  # no respondent table, no legend of its dash


def test_laporan_lampiran_lengkap_is_compact_landscape_with_every_respondent(db, p600, tmp_path):
    out = documents.build(db, "laporan", tmp_path / "l.pdf", p600, invariant=True, lampiran="lengkap")
    reader = PdfReader(str(out))
    pages = pdf_pages(out)
    lamp = _lampiran2(pages)
    first = pages.index(lamp[0])
    sizes = {tuple(round(float(x)) for x in reader.pages[first + i].mediabox[2:]) for i in range(len(lamp))}
    assert sizes == {(842, 595)}  # landscape
    # 600 rows in 3 tables side by side: about 140 rows a page (the portrait layout holds about 55)
    layout = _poppler_layout(out, first + 1, first + len(lamp))
    grid_pages = [t for t in layout if "NO. RESP" in t]
    assert 4 <= len(grid_pages) <= 6
    for t in grid_pages[:-1]:
        assert re.sub(r"\s+", " ", t).count("NO. RESP U1 U2 U3 U4 U5 U6 U7 U8 U9") == 3  # every table's header
    with db.read_session() as s:
        recs = survey.load_records(s, p600)
    printed = set()
    for line in "\n".join(layout).replace("\u2007", " ").splitlines():
        printed.update(re.findall(r"\d+(?: [1-4‒]){9}", re.sub(r"\s+", " ", line)))
    for _, rec in recs:  # every respondent with its nine answers, three tables side by side
        assert f"{rec.no_kuesioner} " + " ".join(str(a) if a else "‒" for a in rec.answers) in printed


def _poppler_layout(pdf, first: int, last: int) -> list[str]:
    """Pages first..last (1-based) as pdftotext -layout prints them (tables side by side stay apart)."""
    return pdftotext(pdf, "-layout", "-f", str(first), "-l", str(last)).split("\f")[: last - first + 1]


def test_laporan_lampiran_lengkap_below_500_keeps_the_portrait_table(db, p100, tmp_path):
    out = documents.build(db, "laporan", tmp_path / "l.pdf", p100, invariant=True)
    lamp = _lampiran2(pdf_pages(out))
    assert "NO. RESP" in lamp[0] and flat(lamp[0]).count("NO. RESP U1") == 1


def test_olah_data_pdf_ringkas_and_bad_choices(db, p600, tmp_path):
    out = documents.build(db, "olah-data", tmp_path / "o.pdf", p600, invariant=True, lampiran="ringkas")
    text = flat(" ".join(pdf_pages(out)))
    assert "rekapitulasi olah data per unsur dari 600 kuesioner" in text and "NO. RESP" not in text
    with pytest.raises(ServiceError, match="selalu memuat setiap responden"):
        documents.build(db, "olah-data", tmp_path / "o.xlsx", p600, lampiran="ringkas")
    with pytest.raises(ServiceError, match="hanya berlaku untuk laporan dan olah data"):
        documents.build(db, "publikasi", tmp_path / "p.pdf", p600, lampiran="lengkap")
    with pytest.raises(ServiceError, match="tidak dikenal"):
        documents.build(db, "laporan", tmp_path / "l.pdf", p600, lampiran="sedang")
    assert not (tmp_path / "o.xlsx").exists() and not (tmp_path / "p.pdf").exists()


def test_cli_report_lampiran(db, p600, tmp_path, capsys):
    out = tmp_path / "l.pdf"
    rc = cli.main(["report", "--db", db.label, "--kind", "laporan", "--lampiran", "lengkap", "--out", str(out)])
    assert rc == 0, capsys.readouterr().err
    assert "NO. RESP" in " ".join(_lampiran2(pdf_pages(out)))
    rc = cli.main(["report", "--db", db.label, "--kind", "publikasi", "--lampiran", "ringkas", "--out", str(out)])
    assert rc == 2 and "hanya berlaku untuk laporan" in capsys.readouterr().err
