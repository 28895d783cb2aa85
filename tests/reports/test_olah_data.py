"""Olah data as PDF and XLSX: the same figures as the engine, live formulas,
header on every page; LibreOffice recalculation when soffice is installed."""

import csv
import re

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from skm_desktop.domain.formatting import angka
from skm_desktop.domain.scoring import summarize_answers
from skm_desktop.services import documents, results, survey

from .conftest import flat, pdf_layout_pages, pdf_pages, pdftotext
from .conftest import soffice as _soffice


def test_pdf_rows_totals_counts_and_header_on_every_page(db, multi, tmp_path):
    out = documents.build(db, "olah-data", tmp_path / "o.pdf", multi, invariant=True)
    pages = pdf_pages(out)
    with db.read_session() as s:
        sm = results.summary(s, multi)
    assert len(pages) >= 5
    for t in pages[:-1]:
        if "Σ Nilai/Unsur" in t:
            break
        assert "NO. RESP U1 U2 U3 U4 U5 U6 U7 U8 U9" in flat(t)
    text = flat("\n".join(pages))
    assert "Σ Nilai/Unsur " + " ".join(angka(r.total) for r in sm.unsur) in text
    assert "NRR/Unsur " + " ".join(angka(r.nrr, 3) for r in sm.unsur) in text
    assert "NRR tertimbang " + " ".join(angka(r.nrr_tertimbang, 3) for r in sm.unsur) in text
    assert f"IKM tertimbang *) {angka(sm.ikm, 3)}" in text
    assert f"IKM konversi **) {angka(sm.ikm_konversi_2dp, 2)}" in text
    assert "Kosong " + " ".join(angka(r.blank) for r in sm.unsur) in text
    for v, name in ((1, "Tidak baik"), (4, "Sangat baik")):
        assert f"{v} – {name} " + " ".join(angka(r.counts[v - 1]) for r in sm.unsur) in text
    assert "88,31 – 100,00 A Sangat Baik" in text
    # every respondent row: number then the nine answers (‒ = blank)
    with db.read_session() as s:
        recs = survey.load_records(s, multi)
    layout = [
        re.sub(r"\s+", " ", line.replace("\u2007", " ")).strip()
        for t in pdf_layout_pages(out)
        for line in t.splitlines()
    ]
    for _, rec in (recs[0], recs[57], recs[-1]):
        row = f"{rec.no_kuesioner} " + " ".join(str(a) if a else "‒" for a in rec.answers)
        assert row in layout, row


def _xlsx_cells(path):
    wb = load_workbook(path)
    ws = wb["Olah Data"]
    labels = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, str)}
    return wb, ws, labels


def test_xlsx_has_live_formulas(db, multi, tmp_path):
    out = documents.build(db, "olah-data", tmp_path / "o.xlsx", multi)
    wb, ws, lab = _xlsx_cells(out)
    with db.read_session() as s:
        sm = results.summary(s, multi)
        n = survey.respondent_count(s, multi)
    assert ws.cell(4, 1).value == "NO. RESP" and ws.cell(4, 10).value == "U9"
    last = 4 + n
    assert ws.cell(last, 1).value is not None and ws.cell(last + 1, 1).value == "Σ Nilai/Unsur"
    assert ws[f"B{lab['Σ Nilai/Unsur']}"].value == f"=SUM(B5:B{last})"
    assert ws[f"I{lab['Jumlah terisi']}"].value == f"=COUNT(I5:I{last})"
    assert ws[f"B{lab['NRR/Unsur']}"].value.startswith("=IF(")
    assert ws[f"B{lab['IKM tertimbang *)']}"].value.startswith("=SUM(")
    assert ws[f"B{lab['IKM konversi **)']}"].value.startswith("=ROUND(")
    # nominal weights are the engine's; blanks are empty cells (not counted)
    assert ws[f"B{lab['Bobot ditetapkan']}"].value == pytest.approx(float(sm.unsur_set.weights[0]))
    blanks_u8 = sum(1 for r in range(5, last + 1) if ws[f"I{r}"].value is None)
    assert blanks_u8 == sm.by_kode("U8").blank
    assert ws.print_title_rows == "$4:$4" or ws.print_title_rows == "4:4"


def test_reports_validate_kind_and_suffix(db, p100, tmp_path):
    from skm_desktop.services import ServiceError

    with pytest.raises(
        ServiceError,
        match=r"laporan dapat dibuat sebagai PDF atau DOCX \(Word\); format XLSX hanya untuk olah-data dan rekap",
    ):
        documents.build(db, "laporan", tmp_path / "x.xlsx", p100)
    with pytest.raises(ServiceError, match="tidak dikenal"):
        documents.build(db, "rapor", tmp_path / "x.pdf", p100)
    with pytest.raises(ServiceError, match="DOCX .Word. hanya untuk laporan"):
        documents.build(db, "publikasi", tmp_path / "x.docx", p100)
    with pytest.raises(ServiceError, match="berakhiran .pdf"):
        documents.build(db, "publikasi", tmp_path / "x.txt", p100)
    assert list(tmp_path.iterdir()) == [tmp_path / "skm.db"] or all(
        not p.name.startswith("x.") for p in tmp_path.iterdir()
    )


def _soffice_csv(xlsx, outdir):
    _soffice(xlsx, outdir, "csv:Text - txt - csv (StarCalc):44,34,76")
    with open(outdir / (xlsx.stem + ".csv"), encoding="utf-8", errors="replace") as fh:
        return {r[0]: r[1:] for r in csv.reader(fh) if r}


@pytest.mark.sqlite_only  # LibreOffice re-checks the XLSX's formulas; the engine's figures are checked on both
def test_libreoffice_recalculates_same_figures_and_follows_a_correction(db, multi, tmp_path):
    out = documents.build(db, "olah-data", tmp_path / "o.xlsx", multi)
    with db.read_session() as s:
        sm = results.summary(s, multi)
        recs = survey.load_records(s, multi)
        us = survey.unsur_set(s, multi)
    rows = _soffice_csv(out, tmp_path)
    assert [f"{float(x):.3f}" for x in rows["NRR/Unsur"][:9]] == [str(r.nrr_3dp) for r in sm.unsur]
    assert f"{float(rows['IKM konversi **)'][0]):.2f}" == str(sm.ikm_konversi_2dp)
    assert rows["Mutu pelayanan"][0] == sm.mutu
    # the operator corrects one answer in Excel: Σ, NRR and IKM follow
    wb = load_workbook(out)
    ws = wb["Olah Data"]
    ws["B5"] = 1 if ws["B5"].value != 1 else 4
    fixed = tmp_path / "fixed"
    fixed.mkdir()
    wb.save(fixed / "o.xlsx")
    rows2 = _soffice_csv(fixed / "o.xlsx", fixed)
    answers = [list(r.answers) for _, r in recs]
    answers[0][0] = ws["B5"].value
    sm2 = summarize_answers(us, answers)
    assert f"{float(rows2['NRR/Unsur'][0]):.3f}" == str(sm2.unsur[0].nrr_3dp)
    assert f"{float(rows2['IKM konversi **)'][0]):.2f}" == str(sm2.ikm_konversi_2dp)
    assert rows2["Σ Nilai/Unsur"][0] == str(sm2.unsur[0].total)


@pytest.mark.sqlite_only  # LibreOffice re-checks the XLSX's formulas; the engine's figures are checked on both
def test_libreoffice_renormalises_like_the_engine(db, tmp_path):
    import datetime as dt

    from skm_desktop.services import demo, importing

    with db.session() as s:
        u = survey.create_unit(s, "Unit Tanpa U9")
        p = survey.create_periode(s, u.id, "2024", None, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        importing.bulk_insert(
            s, p, [r.with_(answers=r.answers[:8] + (None,), layanan=None) for r in demo.generate_records(40, seed=4)]
        )
        pid = p.id
    out = documents.build(db, "olah-data", tmp_path / "r.xlsx", pid)
    with db.read_session() as s:
        sm = results.summary(s, pid)
    rows = _soffice_csv(out, tmp_path)
    assert f"{float(rows['Bobot dipakai'][0]):.3f}" == "0.125"
    assert rows["Bobot dipakai"][8] == ""
    assert f"{float(rows['IKM konversi **)'][0]):.2f}" == str(sm.ikm_konversi_2dp)


def test_xlsx_formula_cells_carry_the_engines_values_for_viewers_that_do_not_calculate(db, multi, tmp_path):
    """A phone preview shows the cached <v> of each formula cell: it must be the engine's figure."""
    out = documents.build(db, "olah-data", tmp_path / "o.xlsx", multi)
    with db.read_session() as s:
        sm = results.summary(s, multi)
    live = load_workbook(out)["Olah Data"]
    ws = load_workbook(out, data_only=True)["Olah Data"]
    lab = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1) if isinstance(ws.cell(r, 1).value, str)}
    for j, r in enumerate(sm.unsur):
        col = 2 + j
        assert ws.cell(lab["Σ Nilai/Unsur"], col).value == r.total
        assert ws.cell(lab["Jumlah terisi"], col).value == r.answered
        assert ws.cell(lab["NRR/Unsur"], col).value == pytest.approx(float(r.nrr), abs=1e-12)
        assert ws.cell(lab["NRR tertimbang/unsur"], col).value == pytest.approx(float(r.nrr_tertimbang), abs=1e-12)
        assert ws.cell(lab["Konversi/Unsur"], col).value == pytest.approx(float(r.konversi_2dp))
        assert ws.cell(lab["Mutu/Unsur"], col).value == r.mutu
        assert ws.cell(lab["Kosong"], col).value == r.blank
        assert ws.cell(lab["4 – Sangat baik"], col).value == r.counts[3]
        # the formula stays live next to its cached value
        assert str(live.cell(lab["Σ Nilai/Unsur"], col).value).startswith("=SUM(")
    assert ws.cell(lab["IKM tertimbang *)"], 2).value == pytest.approx(float(sm.ikm), abs=1e-12)
    assert f"{ws.cell(lab['IKM konversi **)'], 2).value:.2f}" == str(sm.ikm_konversi_2dp)
    assert ws.cell(lab["Mutu pelayanan"], 2).value == sm.mutu
    assert ws.cell(lab["Kinerja unit pelayanan"], 2).value == sm.kinerja
    assert ws.cell(lab["Jumlah responden"], 2).value == sm.respondents
    # no formula cell is left without a value (every formula of the sheet was given one)
    for row in live.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("="):
                assert ws[c.coordinate].value is not None, c.coordinate


@pytest.mark.sqlite_only  # LibreOffice re-checks the XLSX's formulas; the engine's figures are checked on both
def test_libreoffice_recalculates_the_cached_values_exactly(db, multi, tmp_path):
    """The values LibreOffice computes from the live formulas equal the cached ones and the engine's."""
    out = documents.build(db, "olah-data", tmp_path / "o.xlsx", multi)
    with db.read_session() as s:
        sm = results.summary(s, multi)
    rows = _soffice_csv(out, tmp_path)
    assert rows["Σ Nilai/Unsur"][:9] == [str(r.total) for r in sm.unsur]
    # the CSV holds the cells as formatted (0.000 / 0.00)
    assert rows["NRR/Unsur"][:9] == [str(r.nrr_3dp) for r in sm.unsur]
    assert rows["NRR tertimbang/unsur"][:9] == [str(r.nrr_tertimbang_3dp) for r in sm.unsur]
    assert rows["IKM tertimbang *)"][0] == str(sm.ikm_3dp)
    assert f"{float(rows['IKM konversi **)'][0]):.2f}" == str(sm.ikm_konversi_2dp)
    assert rows["Kosong"][:9] == [str(r.blank) for r in sm.unsur]


def _text_span(pdf, page: int) -> tuple[float, float]:
    """(width of the text on the page, page width) from pdftotext -bbox."""
    html = pdftotext(pdf, "-bbox", "-f", str(page), "-l", str(page))
    page_w = float(re.search(r'<page width="([\d.]+)"', html)[1])
    xs = [(float(a), float(b)) for a, b in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', html)]
    return max(b for _, b in xs) - min(a for a, _ in xs), page_w


@pytest.mark.sqlite_only  # how LibreOffice prints the file; the figures are checked on both engines
def test_xlsx_prints_at_the_page_width_in_libreoffice(db, multi, tmp_path):
    out = documents.build(db, "olah-data", tmp_path / "o.xlsx", multi)
    _soffice(out, tmp_path, "pdf")
    pdf = tmp_path / "o.pdf"
    with db.read_session() as s:
        n = survey.respondent_count(s, multi)
    pages = len(PdfReader(str(pdf)).pages)
    # about 60 respondent rows a page (a third-of-the-width print would hold three times as many)
    assert n // 70 <= pages <= n // 40 + 2, pages
    for page in (1, pages):
        used, width = _text_span(pdf, page)
        assert used / width > 0.8, (page, used, width)
    first = flat(PdfReader(str(pdf)).pages[1].extract_text())
    assert "NO. RESP U1 U2 U3 U4 U5 U6 U7 U8 U9" in first  # the header row repeats on every page
    last = flat(PdfReader(str(pdf)).pages[-1].extract_text())
    assert "Nilai interval konversi (NIK)" in last and "Halaman" in last
