"""The recap laporan as DOCX (issue #15): the PDF's own story translated by docx_writer,
its long per-unit table one Word table whose header repeats and whose unit rows stay
together, read back with python-docx and converted by LibreOffice Writer."""

from __future__ import annotations

import re

import docx
import pytest
from docx.oxml.ns import qn

from skm_desktop.domain.formatting import angka
from skm_desktop.reports import docx_writer
from skm_desktop.reports import rekap as r_rekap
from skm_desktop.reports.common import PagedTable, SkmDoc
from skm_desktop.reports.styles import Styles
from skm_desktop.services import documents, rekap_dokumen
from tests.helpers.rekap_kota import make_kota

from .conftest import flat, pdftotext, soffice

HEAD = "Nilai per unsur (konversi)"


@pytest.fixture
def kota(db, tmp_path):
    return make_kota(db, tmp_path)


def a2(x) -> str:
    return angka(x, 2) if x is not None else "–"


def all_text(d: docx.document.Document) -> str:
    """Every paragraph of the body, table cells included, in document order."""
    return flat(" ".join(t.text for t in d.element.body.iter(qn("w:t"))))


def unit_table(d: docx.document.Document):
    return next(t for t in d.tables if any(HEAD in c.text for c in t.rows[0].cells))


def row_props(tr) -> tuple[bool, bool, bool]:
    """(header repeated, cannot split, every paragraph kept with the next) of a w:tr."""
    pr = tr.find(qn("w:trPr"))
    ps = tr.findall(".//" + qn("w:p"))
    keep = all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in ps)
    return (pr.find(qn("w:tblHeader")) is not None, pr.find(qn("w:cantSplit")) is not None, keep)


def section_after(body, el):
    """The w:sectPr of the section ``el`` is in (the next one in body order)."""
    for nxt in el.itersiblings():
        s = nxt.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if s is not None:
            return s
        if nxt.tag == qn("w:sectPr"):
            return nxt
    return body.find(qn("w:sectPr"))


def test_rekap_docx_holds_the_pdf_content_in_order(db, kota, tmp_path):
    y = kota.summary(2023)
    rekap_dokumen.set_teks(db, 2023, "jadwal", "Data dikumpulkan sampai 31 Januari 2024.")
    out = documents.build(db, "rekap", tmp_path / "rekap.docx", None, tahun=2023)
    pdf = documents.build(db, "rekap", tmp_path / "rekap.pdf", None, tahun=2023)
    d = docx.Document(str(out))
    text, pdf_text = all_text(d), flat(pdftotext(pdf))
    # BAB I–IV as Word headings, in the PDF's order
    babs = [p.text.split("\n")[0] for p in d.paragraphs if p.style.name == "Heading 1" and p.text.startswith("BAB")]
    assert babs == ["BAB I", "BAB II", "BAB III", "BAB IV"]
    assert [b for b in re.findall(r"\bBAB (IV|I{1,3})\b", pdf_text)][-4:] == ["I", "II", "III", "IV"]
    for s in ("LAPORAN REKAPITULASI", "PEMERINTAH KOTA UJI", "Data dikumpulkan sampai 31 Januari 2024."):
        assert s in text and s in pdf_text, s
    assert f"IKM tahun 2023 adalah {a2(y.ikm_2dp)}, mutu pelayanan {y.kategori.mutu}" in text
    assert f"IKM Pemerintah Kota Uji tahun 2023 sebesar {a2(y.ikm_2dp)}" in text  # the kesimpulan
    # every unit's annual row: its name, IKM and mutu as the PDF prints them
    t = unit_table(d)
    annual = {}
    for row in t.rows[2:]:
        cells = [c.text for c in row.cells]
        if cells[2] in ("Tahunan", "Rata-rata semester", "Rata-rata triwulan", "Gabungan responden"):
            annual[cells[1]] = (cells[-5], cells[-4])
    assert len(annual) == len(y.units)
    for u in y.units:
        f = u.figure
        assert annual[f.unit] == (a2(f.ikm_2dp), f.mutu), f.unit
        assert f.unit in pdf_text and re.search(rf"{re.escape(a2(f.ikm_2dp))} {f.mutu}\b", pdf_text), f.unit
    # the ranking: the same rank, unit, IKM per line as in the PDF, under its own header
    rank = next(t for t in d.tables if t.rows[0].cells[0].text == "Peringkat")
    assert [c.text for c in rank.rows[0].cells][3:5] == ["IKM 2023", "Mutu"]
    assert [(r.cells[0].text, r.cells[1].text, r.cells[3].text) for r in rank.rows[1:]] == [
        (str(u.rank), u.figure.unit, a2(u.figure.ikm_2dp)) for u in y.units
    ]
    assert "Peringkat Unit pelayanan Kelompok IKM 2023" in pdf_text
    assert "UPT Belum Lapor" in text
    # the charts are pictures
    assert len(d.inline_shapes) >= 2


def test_unit_table_repeats_its_header_keeps_units_together_in_a_landscape_section(db, kota, tmp_path):
    y = kota.summary(2023)
    d = docx.Document(str(documents.build(db, "rekap", tmp_path / "rekap.docx", None, tahun=2023)))
    t = unit_table(d)
    trs = t._tbl.findall(qn("w:tr"))
    assert [row_props(tr)[0] for tr in trs[:3]] == [True, True, False]  # two header rows, repeated
    assert all(row_props(tr)[1] for tr in trs)  # no row splits
    groups, rows = [], trs[2:]
    for u in y.units:  # a unit's rows: its period rows, then the annual one
        n = 1 + sum(1 for p in u.figure.periods if p.periode != "Tahunan")
        groups.append(rows[:n])
        rows = rows[n:]
    assert not rows
    for u, g in zip(y.units, groups, strict=True):
        assert u.figure.unit in "".join(x.text or "" for x in g[0].iter(qn("w:t")))
        assert all(row_props(tr)[2] for tr in g[:-1]), u.figure.unit  # kept with the next row
        assert not row_props(g[-1])[2], u.figure.unit  # the next unit may begin a page
    sect = section_after(d.element.body, t._tbl)
    size = sect.find(qn("w:pgSz"))
    assert size.get(qn("w:orient")) == "landscape" and int(size.get(qn("w:w"))) > int(size.get(qn("w:h")))
    first = d.sections[0]
    assert first.page_width < first.page_height  # the cover stays portrait


def test_story_has_no_untranslated_flowable_and_paged_tables_become_one_table(db, kota):
    doc = rekap_dokumen.dokumen(db, 2023)
    st = Styles()
    story = r_rekap.build_story(doc, st, SkmDoc("unused.pdf", r_rekap.doc_info(doc)).width)
    assert docx_writer.unsupported_types(story) == set()
    paged = [f for f in story if isinstance(f, PagedTable)]
    assert len(paged) == 2 and sum(len(g) for g in paged[0].groups) > len(doc.units)


def test_cli_report_rekap_docx(db_target, db, kota, tmp_path):
    from skm_desktop.cli import main

    db.close()
    out = tmp_path / "r.docx"
    assert main(["report", "--db", str(db_target), "--kind", "rekap", "--tahun", "2023", "--out", str(out)]) == 0
    assert "BAB IV" in all_text(docx.Document(str(out)))
    # the exposé stays PDF only: refused, nothing written
    assert main(["report", "--db", str(db_target), "--kind", "ekspose", "--out", str(tmp_path / "e.docx")]) == 2
    assert not (tmp_path / "e.docx").exists()


@pytest.mark.sqlite_only  # LibreOffice reads the file; the content is checked on both engines above
def test_libreoffice_lays_out_the_unit_table_on_landscape_pages_whole_units(db, kota, tmp_path):
    y = kota.summary(2023)
    out = documents.build(db, "rekap", tmp_path / "rekap.docx", None, tahun=2023)
    soffice(out, tmp_path, "pdf")
    pdf = tmp_path / "rekap.pdf"
    from pypdf import PdfReader

    reader = PdfReader(str(pdf))
    layout = pdftotext(pdf, "-layout").split("\f")
    pages = [i for i, p in enumerate(layout) if "U1" in p and "U9" in p and "Periode" in p]
    assert len(pages) >= 2
    annual = re.compile(r"\s(Rata-rata semester|Rata-rata triwulan|Gabungan responden|Tahunan)\s")
    seen = 0
    for i in pages:
        box = reader.pages[i].mediabox
        assert box.width > box.height, i  # landscape
        assert HEAD in layout[i], i  # the header repeated on each page
        lines = layout[i].splitlines()
        starts = [k for k, ln in enumerate(lines) if re.match(r"^\s*\d+\s{2,}\S", ln)]
        rows = [k for k, ln in enumerate(lines) if annual.search(ln) or re.search(r"\sSemester I{1,2}\s", ln)]
        assert rows and starts[0] <= rows[0] and annual.search(lines[rows[-1]]), i  # whole units only
        seen += len(starts)
    assert seen == len(y.units)


def test_texts_are_stored_together_or_not_at_all(db, kota, tmp_path):
    """simpan_teks (the editor's Simpan): every refusal named, nothing stored; a text left
    as the generated wording stays generated (it follows the figures and the wilayah)."""
    from skm_desktop.services import ServiceError

    t = rekap_dokumen.teks_rekap(db, 2023)
    isi = {k: v.isi for k, v in t.items()}
    with pytest.raises(ServiceError) as e:
        rekap_dokumen.simpan_teks(db, 2023, "Kota " + "x" * 130, {**isi, "kesimpulan": "Baik.", "jadwal": "a\x1bb"})
    assert "paling panjang 120" in str(e.value) and "'Jadwal pengumpulan data' berisi karakter kendali" in str(e.value)
    assert rekap_dokumen.wilayah(db) == "Pemerintah Kota Uji" and rekap_dokumen.stored_teks(db, 2023) == {}
    rekap_dokumen.simpan_teks(db, 2023, "  Pemerintah   Kota Baru ", {**isi, "kesimpulan": "Baik.\r\nMembaik."})
    assert rekap_dokumen.wilayah(db) == "Pemerintah Kota Baru"
    assert rekap_dokumen.stored_teks(db, 2023) == {"kesimpulan": "Baik.\nMembaik."}
    after = rekap_dokumen.teks_rekap(db, 2023)
    assert "Pemerintah Kota Baru" in after["latar_belakang"].isi  # the generated wording names the new wilayah
    d = docx.Document(str(documents.build(db, "rekap", tmp_path / "r.docx", None, tahun=2023)))
    assert [p.text for p in d.paragraphs][-2:] == ["1.\tBaik.", "2.\tMembaik."]  # BAB IV's numbered items
