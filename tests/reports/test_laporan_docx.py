"""The laporan as DOCX: the PDF's own story translated into Word (python-docx reads it back,
LibreOffice Writer converts it to PDF)."""

import html
import io
import os
import re
import shutil
import subprocess

import docx
import pytest
from docx.oxml.ns import qn
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak, Paragraph, Table, TableStyle

from skm_desktop import cli
from skm_desktop.domain.formatting import angka
from skm_desktop.reports import common, docx_writer, laporan
from skm_desktop.reports.styles import Styles
from skm_desktop.services import documents, results

from .conftest import flat, pdf_pages

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(src, outdir, env=None):
    """LibreOffice Writer's PDF of ``src`` in ``outdir`` (never skipped: build/test-deps.sh installs it)."""
    assert SOFFICE, "LibreOffice (soffice) is required: bash build/test-deps.sh installs it"
    profile = f"-env:UserInstallation=file://{outdir}/profile"
    cmd = [SOFFICE, "--headless", profile, "--convert-to", "pdf", "--outdir", str(outdir), str(src)]
    subprocess.run(cmd, check=True, capture_output=True, timeout=180, env=env)
    return outdir / (src.stem + ".pdf")


def _story(lap):
    st = Styles()
    doc = common.SkmDoc("unused.pdf", laporan.doc_info(lap))
    return laporan.build_story(lap, st, doc.width), doc


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A 100-respondent laporan as DOCX and PDF, its story and the engine's summary."""
    from skm_desktop.storage.database import open_database

    from .conftest import make_p100

    tmp = tmp_path_factory.mktemp("lapdocx")
    db = open_database(tmp / "skm.db")
    pid = make_p100(db)
    out = documents.build(db, "laporan", tmp / "laporan.docx", pid)
    pdf = documents.build(db, "laporan", tmp / "laporan.pdf", pid, invariant=True)
    with db.read_session() as s:
        sm = results.summary(s, pid)
        lap = documents.laporan(s, pid)
    db.close()
    story, _ = _story(lap)
    return out, docx.Document(str(out)), story, sm, pdf, tmp


def _table_with(d, *header):
    for t in d.tables:
        head = [c.text for c in t.rows[0].cells]
        if all(h in head for h in header):
            return t
    raise AssertionError(f"no table with header {header}")


def test_every_flowable_type_of_the_laporan_is_translated(db, multi):
    """A flowable the writer does not know must fail here, not vanish from the DOCX."""
    with db.read_session() as s:
        lap = documents.laporan(s, multi)
    story, _ = _story(lap)
    kinds = {type(f).__name__ for f in docx_writer.walk_all(story)}
    assert {"Heading", "Caption", "SkmTable", "FitFigure", "ListOf", "PageBreak", "KeepTogether"} <= kinds
    assert docx_writer.unsupported_types(story) == set()


def test_an_unknown_flowable_is_refused_not_dropped(tmp_path):
    class Odd(Flowable):
        def wrap(self, aw, ah):
            return 10, 10

    doc = common.SkmDoc("unused.pdf", common.DocInfo("t", "h"))
    assert docx_writer.unsupported_types([Odd()]) == {"Odd"}
    with pytest.raises(docx_writer.UnsupportedFlowable):
        docx_writer.write_docx([Odd()], tmp_path / "x.docx", doc.info, doc.pageTemplates, doc.pagesize)


def test_headings_are_word_heading_styles_in_story_order(built):
    _, d, story, *_ = built
    want = []
    for f in docx_writer._walk(story):
        if isinstance(f, common.Heading):
            text = html.unescape(re.sub(r"<[^>]+>", " ", f.text))
            want.append((docx_writer.HEADING_LEVELS.get(f.style.name, f.toc_level + 1), flat(text).strip()))
    got = [
        (int(p.style.name.split()[-1]), flat(p.text).strip())
        for p in d.paragraphs
        if p.style.name.startswith("Heading")
    ]
    assert got == want
    names = [t for _, t in got]
    for ch in ("BAB I PENDAHULUAN", "BAB III HASIL PENGOLAHAN DATA", "BAB V KESIMPULAN DAN SARAN", "LAMPIRAN"):
        assert ch in names
    assert (2, "3.3 Indeks Kepuasan Masyarakat per Unsur") in got
    # the daftar-isi level of each heading is its Word level (BAB = 1, sub-bab = 2)
    heads = [f for f in docx_writer._walk(story) if isinstance(f, common.Heading)]
    assert all(docx_writer.HEADING_LEVELS[f.style.name] == f.toc_level + 1 for f in heads)


def test_figures_in_the_word_tables_equal_the_engine_and_the_pdf(built):
    _, d, _, sm, pdf, _ = built
    t = _table_with(d, "Unsur pelayanan", "NRR", "Konversi", "Mutu")
    rows = [[c.text for c in r.cells] for r in t.rows]
    pdf_text = flat(" ".join(pdf_pages(pdf)))
    for i, r in enumerate(sm.unsur, 1):
        row = rows[i]
        assert row[1] == f"{r.kode} {r.unsur.nama}"
        assert row[3] == angka(r.nrr, 3)
        assert row[4] == angka(r.nrr_tertimbang, 3)
        assert row[5] == angka(r.konversi_2dp, 2)
        assert row[6] == r.mutu
        assert f"{row[3]} {row[4]} {row[5]} {row[6]}" in pdf_text  # the same figures as the PDF's row
    ikm = rows[len(sm.unsur) + 1]
    assert ikm[4:] == [angka(sm.ikm, 3), angka(sm.ikm_konversi_2dp, 2), sm.mutu]
    unit = _table_with(d, "Uraian", "Nilai")
    vals = {r.cells[0].text: r.cells[1].text for r in unit.rows}
    assert vals["Nilai IKM konversi (skala 25–100)"] == angka(sm.ikm_konversi_2dp, 2)
    assert vals["Mutu pelayanan"] == sm.mutu and vals["Kinerja unit pelayanan"] == sm.kinerja
    # numbers right-aligned as in the PDF
    jc = (
        t.rows[1].cells[3].paragraphs[0].paragraph_format.alignment
        or t.rows[1].cells[3].paragraphs[0].style.paragraph_format.alignment
    )
    assert str(jc).startswith("RIGHT")


def test_tables_repeat_their_header_rows_and_rows_never_split(built):
    _, d, *_ = built
    data = [t for t in d.tables if t.rows[0].cells[0].text in ("No", "NO. RESP", "Peringkat", "Unsur", "Nilai")]
    assert len(data) >= 10
    for t in data:
        tr0 = t.rows[0]._tr
        assert tr0.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None, t.rows[0].cells[1].text
        assert all(r._tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None for r in t.rows)
    grid = [t for t in d.tables if t.rows[0].cells[0].text == "NO. RESP" and len(t.rows) > 100]
    assert len(grid) == 1 and len(grid[0].rows) == 101  # header + 100 respondents
    shaded = t.rows[0].cells[0]._tc.find(qn("w:tcPr")).find(qn("w:shd"))
    assert shaded is not None and shaded.get(qn("w:fill"))
    borders = data[0].rows[1].cells[0]._tc.find(qn("w:tcPr")).find(qn("w:tcBorders"))
    assert borders.find(qn("w:top")).get(qn("w:val")) == "single"


def test_charts_are_pictures(built):
    _, d, story, *_ = built
    charts = [f for f in docx_writer._walk(story) if isinstance(f, (common.FitFigure, common.Chart))]
    assert len(charts) >= 5
    assert len(d.inline_shapes) == len(charts)  # no logo in this unit
    blobs = [r.target_part.blob for r in d.part.rels.values() if "image" in r.reltype]
    assert blobs and all(b[:8] == b"\x89PNG\r\n\x1a\n" for b in blobs)


def _instr(el) -> list[str]:
    return [x.text.strip() for x in el.iter(qn("w:instrText"))]


def test_page_number_and_toc_fields(built):
    _, d, story, *_ = built
    body = _instr(d.element.body)
    assert any(x.startswith("TOC \\o") for x in body)
    assert any('"Judul Tabel,1"' in x for x in body) and any('"Judul Gambar,1"' in x for x in body)
    caps = [f for f in docx_writer._walk(story) if isinstance(f, common.Caption)]
    styled = [p for p in d.paragraphs if p.style.name in ("Judul Tabel", "Judul Gambar")]
    assert len(styled) == len(caps)
    # cover: no header/footer; the other sections: PAGE in the footer, roman then arabic from BAB I
    s0, s1, s2 = d.sections[:3]
    assert "PAGE" not in _instr(s0.footer._element)
    assert "PAGE" in _instr(s1.footer._element) and "PAGE" in _instr(s2.footer._element)
    fmts = [s._sectPr.find(qn("w:pgNumType")) for s in d.sections]
    assert fmts[1].get(qn("w:fmt")) == "lowerRoman"
    assert fmts[2].get(qn("w:fmt")) == "decimal" and fmts[2].get(qn("w:start")) == "1"
    first_body = next(p for p in d.paragraphs if p.text.startswith("BAB I\n"))
    assert first_body._p.getparent() is d.element.body
    # A4 with the PDF's margins, the bundled font's family name
    for s in d.sections:
        assert round(s.page_width.mm) == 210 and round(s.page_height.mm) == 297
        assert round(s.left_margin.mm) == round(common.MARGIN_L / mm)
        assert round(s.right_margin.mm) == round(common.MARGIN_R / mm)
    assert d.styles["Normal"].font.name == "DejaVu Sans"
    assert d.styles["Heading 1"].font.name == "DejaVu Sans"
    # Word updates the fields (daftar isi, page numbers) when the file is opened
    assert d.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"


@pytest.mark.sqlite_only  # LibreOffice reads the file; the figures are checked on both databases
def test_libreoffice_writer_converts_it_and_the_pdf_has_the_chapters(built):
    out, _, _, sm, _, tmp = built
    to_pdf(out, tmp / "lo")
    pdf = tmp / "lo" / "laporan.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = text.split("\f")
    assert len(pages) >= 15
    for ch in ("KATA PENGANTAR", "DAFTAR ISI", "PENDAHULUAN", "PENGUMPULAN DATA", "HASIL PENGOLAHAN DATA"):
        assert ch in text
    for ch in ("ANALISIS HASIL SURVEI", "KESIMPULAN DAN SARAN", "LAMPIRAN", "Lampiran 1. Kuesioner"):
        assert ch in text
    assert angka(sm.ikm_konversi_2dp, 2) in text
    # the footer's page numbers: roman in the front matter, 1 on BAB I's page
    bab1 = next(i for i, p in enumerate(pages) if "1.1 Latar Belakang" in p and "DAFTAR ISI" not in p)
    assert pages[bab1].rstrip().endswith("1")
    assert pages[1].rstrip().endswith("ii")
    # LibreOffice reads the Word heading styles as the outline (its navigator, the PDF's bookmarks)
    from pypdf import PdfReader

    outline = PdfReader(str(pdf)).outline
    top = [o.title for o in outline if not isinstance(o, list)]
    assert top[:5] == ["KATA PENGANTAR", "DAFTAR ISI", "DAFTAR TABEL", "DAFTAR GAMBAR", "BAB I PENDAHULUAN"]
    assert "LAMPIRAN" in top
    subs = outline[outline.index(next(o for o in outline if getattr(o, "title", "") == "BAB I PENDAHULUAN")) + 1]
    assert [o.title for o in subs][:2] == ["1.1 Latar Belakang", "1.2 Dasar Hukum"]


def test_markup_becomes_runs():
    runs = docx_writer.markup_runs(
        "  Nilai <b>IKM</b>&nbsp;&amp; <i>mutu</i><br/>baris <font color='#ff0000'>dua</font> "
    )
    assert [(r.text, r.bold, r.italic, r.brk) for r in runs] == [
        ("Nilai ", False, False, False),
        ("IKM", True, False, False),
        ("\xa0& ", False, False, False),
        ("mutu", False, True, False),
        ("", False, False, True),
        ("baris ", False, False, False),
        ("dua", False, False, False),
    ]
    assert runs[-1].color == "FF0000"


def test_table_spans_shading_and_borders_become_word_merges():
    st = Styles()
    t = Table([["A", "B", "C"], ["x", "", "y"], ["z", "w", ""]], colWidths=[50, 60, 70], repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("SPAN", (0, 1), (1, 1)),  # horizontal
                ("SPAN", (2, 1), (2, 2)),  # vertical
                ("BOX", (0, 0), (-1, -1), 1, "black"),
                ("BACKGROUND", (0, 0), (-1, 0), "#224466"),
                ("ALIGN", (2, 0), (2, -1), "RIGHT"),
            ]
        )
    )
    doc = common.SkmDoc("unused.pdf", common.DocInfo("t", "h"))
    buf = io.BytesIO()
    story = [Paragraph("x", st.body), t, NextPageTemplate("landscape"), PageBreak(), Paragraph("lanskap", st.body)]
    docx_writer.write_docx(story, buf, doc.info, doc.pageTemplates, doc.pagesize)
    d = docx.Document(io.BytesIO(buf.getvalue()))
    tbl = d.tables[0]._tbl
    trs = tbl.findall(qn("w:tr"))
    tcs1 = trs[1].findall(qn("w:tc"))
    assert len(tcs1) == 2 and tcs1[0].find(qn("w:tcPr")).find(qn("w:gridSpan")).get(qn("w:val")) == "2"
    assert tcs1[1].find(qn("w:tcPr")).find(qn("w:vMerge")).get(qn("w:val")) == "restart"
    tcs2 = trs[2].findall(qn("w:tc"))
    assert tcs2[2].find(qn("w:tcPr")).find(qn("w:vMerge")) is not None
    assert [round(int(g.get(qn("w:w"))) / 20) for g in tbl.find(qn("w:tblGrid"))] == [50, 60, 70]
    head = trs[0].findall(qn("w:tc"))
    assert head[0].find(qn("w:tcPr")).find(qn("w:shd")).get(qn("w:fill")) == "224466"
    b = head[0].find(qn("w:tcPr")).find(qn("w:tcBorders"))
    assert b.find(qn("w:top")).get(qn("w:val")) == "single" and b.find(qn("w:right")).get(qn("w:val")) == "nil"
    assert "RIGHT" in str(d.tables[0].rows[0].cells[2].paragraphs[0].style.paragraph_format.alignment)
    # NextPageTemplate + PageBreak: a landscape section with that template's margins
    assert [s.orientation.name for s in d.sections] == ["PORTRAIT", "LANDSCAPE"]
    assert round(d.sections[1].page_width.mm) == 297 and round(d.sections[1].left_margin.mm) == 15


def test_cli_report_laporan_docx_and_other_kinds_refused(db, p100, tmp_path, capsys):
    out = tmp_path / "laporan.docx"
    assert cli.main(["report", "--db", db.label, "--kind", "laporan", "--out", str(out)]) == 0
    assert out.read_bytes()[:4] == b"PK\x03\x04"
    assert any(p.style.name == "Heading 1" for p in docx.Document(str(out)).paragraphs)
    capsys.readouterr()
    for kind in ("publikasi", "olah-data", "kuesioner"):
        bad = tmp_path / f"{kind}.docx"
        assert cli.main(["report", "--db", db.label, "--kind", kind, "--out", str(bad)]) == 2
        err = capsys.readouterr().err
        assert "DOCX (Word) hanya untuk laporan" in err and "Traceback" not in err
        assert not bad.exists()


def test_the_bundled_fonts_are_embedded_obfuscated(built):
    """ECMA-376 §17.8.1: the first 32 bytes XOR the font key's bytes (reversed)."""
    import uuid
    from pathlib import Path

    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    from skm_desktop.paths import resources_dir

    _, d, *_ = built
    ft = d.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(ft.blob)
    font = next(f for f in root.findall(qn("w:font")) if f.get(qn("w:name")) == "DejaVu Sans")
    files = {
        "embedRegular": "DejaVuSans.ttf",
        "embedBold": "DejaVuSans-Bold.ttf",
        "embedItalic": "DejaVuSans-Oblique.ttf",
    }
    for kind, fn in files.items():
        el = font.find(qn(f"w:{kind}"))
        data = bytearray(ft.related_parts[el.get(qn("r:id"))].blob)
        key = bytes.fromhex(uuid.UUID(el.get(qn("w:fontKey"))).hex)[::-1]
        for i in range(32):
            data[i] ^= key[i % 16]
        assert bytes(data) == (Path(resources_dir()) / "fonts" / fn).read_bytes()
    assert d.settings.element.find(qn("w:embedTrueTypeFonts")) is not None


@pytest.mark.sqlite_only
def test_libreoffice_uses_the_embedded_fonts_where_dejavu_is_not_installed(built, tmp_path):
    """Like a Windows PC without DejaVu: fontconfig sees one other font only, and the PDF
    LibreOffice makes of the DOCX still has DejaVu Sans (read from the file)."""
    import glob

    out, *_ = built
    other = sorted(f for f in glob.glob("/usr/share/fonts/**/*.ttf", recursive=True) if "dejavu" not in f.lower())
    assert other, "a font other than DejaVu is needed on this machine (LibreOffice brings Liberation / Noto)"
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy(other[0], fonts)
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{fonts}</dir><cachedir>{tmp_path}/fc-cache</cachedir></fontconfig>'
    )
    to_pdf(out, tmp_path, env={**os.environ, "FONTCONFIG_FILE": str(conf)})
    fonts_used = subprocess.run(["pdffonts", str(tmp_path / "laporan.pdf")], capture_output=True, text=True).stdout
    assert "DejaVuSans" in fonts_used and "DejaVuSans-Bold" in fonts_used


def test_the_unit_logo_is_a_picture_on_the_cover(db, multi, tmp_path):
    from skm_desktop.paths import resources_dir

    logo = (resources_dir() / "icons" / "skm-desktop.png").read_bytes()
    with db.read_session() as s:
        lap = documents.laporan(s, multi)
    import dataclasses

    lap = dataclasses.replace(lap, sel=dataclasses.replace(lap.sel, unit=dataclasses.replace(lap.sel.unit, logo=logo)))
    out = laporan.build_docx(lap, tmp_path / "logo.docx")
    d = docx.Document(str(out))
    cover = d.sections[0]
    first = d.element.body[: d.element.body.index(cover._sectPr.getparent().getparent()) + 1]
    pics = [b for el in first for b in el.iter(qn("a:blip"))]
    assert len(pics) == 1
    blob = d.part.related_parts[pics[0].get(qn("r:embed"))].blob
    assert blob == logo
    assert round(d.inline_shapes[0].height.mm) == 45  # the PDF's 45 mm


def test_text_xml_cannot_hold_is_left_out_not_a_crash(tmp_path):
    """Operator texts pasted from Word carry vertical tabs and other control characters."""
    st = Styles()
    doc = common.SkmDoc("unused.pdf", common.DocInfo("Judul\x0b", "Kepala\x01"))
    t = Table([["A\x0bB", Paragraph("sel\x0c ok", st.cell)]], colWidths=[80, 80])
    story = [Paragraph(common.esc("Latar\x0bbelakang \x00 & <b>"), st.body), t]
    buf = io.BytesIO()
    docx_writer.write_docx(story, buf, doc.info, doc.pageTemplates, doc.pagesize)
    d = docx.Document(io.BytesIO(buf.getvalue()))
    text = d.paragraphs[0].text
    assert text.replace(" ", "") == "Latarbelakang&<b>" and text.endswith(" & <b>")
    assert [c.text for c in d.tables[0].rows[0].cells] == ["AB", "sel ok"]
