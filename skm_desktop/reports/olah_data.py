"""Olah data per responden: the per-respondent table operators know from the
paper template, as PDF (fast grid flowable, header on every page) and as XLSX
with live formulas (Σ, NRR, NRR tertimbang, IKM update when an answer changes)."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from skm_desktop import palette
from skm_desktop.domain.category import INTERVAL_1_4, KATEGORI
from skm_desktop.domain.formatting import angka
from skm_desktop.io.cells import Formula, put, put_at

from . import texts
from .common import ProgressFn, SkmDoc, data_table, esc, selection_info
from .model import OlahData
from .styles import GRID, LIGHT, PRIMARY, SANS, SANS_BOLD, ZEBRA, Styles

BLANK = "–"
GRID_BLANK = "\u2012"  # figure dash: a blank answer, exactly one digit wide
ROW_H = 4.6 * mm
HEAD_H = 7 * mm


def weight_text(w: Fraction | None) -> str:
    if w is None:
        return "–"
    places = 3 if (w * 1000).denominator == 1 else 4
    return angka(w, places)


def needs_landscape(n_unsur: int) -> bool:
    return n_unsur > 12


class GridTable(Flowable):
    """The respondent rows: drawn straight on the canvas (fast for 10.000 rows),
    split by whole rows, header repeated on every page. ``blocks`` > 1 sets that
    many tables side by side on a page (newspaper order: down, then across)."""

    def __init__(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[str]],
        widths: Sequence[float],
        start: int = 0,
        font_size: float = 7.5,
        row_h: float = ROW_H,
        head_h: float = HEAD_H,
        blocks: int = 1,
        gap: float = 0.0,
    ) -> None:
        super().__init__()
        self.header, self.rows, self.widths = list(header), rows, list(widths)
        self.start = start
        self.font_size = font_size
        self.row_h, self.head_h, self.blocks, self.gap = row_h, head_h, max(1, blocks), gap
        self.block_w = sum(self.widths)
        self.total_w = self.block_w * self.blocks + gap * (self.blocks - 1)

    def _n(self) -> int:
        return len(self.rows) - self.start

    def _tail(self, start: int) -> GridTable:
        return GridTable(
            self.header,
            self.rows,
            self.widths,
            start,
            self.font_size,
            self.row_h,
            self.head_h,
            self.blocks,
            self.gap,
        )

    def wrap(self, aw, ah):
        self._aw = aw
        return self.total_w, self.head_h + -(-self._n() // self.blocks) * self.row_h

    def split(self, aw, ah):
        fit = int((ah - self.head_h) // self.row_h)
        if fit < 1:
            return []
        if fit * self.blocks >= self._n():
            return [self]
        first = _GridSlice(self, self.start, self.start + fit * self.blocks, fit)
        return [first, self._tail(self.start + fit * self.blocks)]

    def draw(self):
        _draw_blocks(self.canv, self, self.start, len(self.rows), -(-self._n() // self.blocks))


class _GridSlice(Flowable):
    def __init__(self, grid: GridTable, a: int, b: int, per_block: int) -> None:
        super().__init__()
        self.grid, self.a, self.b, self.per_block = grid, a, b, per_block

    def wrap(self, aw, ah):
        return self.grid.total_w, self.grid.head_h + self.per_block * self.grid.row_h

    def draw(self):
        _draw_blocks(self.canv, self.grid, self.a, self.b, self.per_block)


def _draw_blocks(c, g: GridTable, a: int, b: int, per_block: int) -> None:
    """Rows a..b as up to ``g.blocks`` tables of ``per_block`` rows, top-aligned."""
    full = g.head_h + per_block * g.row_h
    for k in range(g.blocks):
        lo = a + k * per_block
        hi = min(b, lo + per_block)
        if lo >= hi:
            break
        c.saveState()
        c.translate(k * (g.block_w + g.gap), full - (g.head_h + (hi - lo) * g.row_h))
        _draw_grid(c, g, lo, hi)
        c.restoreState()


FIGURE_SPACE = "\u2007"  # as wide as a digit: pads numbers so a column of them lines up


def _draw_grid(c, g: GridTable, a: int, b: int) -> None:
    """Rows as two text blocks per page (numbers, answers) drawn line by line with
    T*; the answers are single digit-wide characters spaced exactly one column
    apart with the character spacing, so 10.000 rows cost a few thousand PDF ops."""
    doc = getattr(c, "_doctemplate", None)
    if getattr(doc, "skip_heavy", False):
        return  # a layout-only pass of multiBuild: the page positions are all that matter
    n = b - a
    h = g.head_h + n * g.row_h
    xs = [0.0]
    for w in g.widths:
        xs.append(xs[-1] + w)
    fs = g.font_size
    dw = pdfmetrics.stringWidth("0", SANS, fs)
    c.saveState()
    c.setFillColor(PRIMARY)
    c.rect(0, h - g.head_h, g.block_w, g.head_h, stroke=0, fill=1)
    c.setFillColor(ZEBRA)
    p = c.beginPath()
    for i in range(1, n, 2):
        p.rect(0, h - g.head_h - (i + 1) * g.row_h, g.block_w, g.row_h)
    c.drawPath(p, stroke=0, fill=1)
    c.setFillColor(colors.white)
    c.setFont(SANS_BOLD, fs)
    for j, t in enumerate(g.header):
        c.drawCentredString((xs[j] + xs[j + 1]) / 2, h - g.head_h + (g.head_h - fs) / 2 + 1, t)
    rows = g.rows
    base = (g.row_h - fs) / 2 + 1
    y0 = h - g.head_h - g.row_h + base
    # column 0: numbers right-aligned inside a centred block of figure-width characters
    width0 = max(len(rows[i][0]) for i in range(a, b)) if n else 1
    t = c.beginText()
    t.setFont(SANS, fs, g.row_h)
    t.setFillColor(colors.black)
    t.setTextOrigin((xs[0] + xs[1]) / 2 - width0 * dw / 2, y0)
    for i in range(a, b):
        t.textLine(rows[i][0].rjust(width0, FIGURE_SPACE))
    c.drawText(t)
    if len(g.widths) > 1:
        colw = g.widths[1]
        t = c.beginText()
        t.setFont(SANS, fs, g.row_h)
        t.setFillColor(colors.black)
        # "3 3 4 …": digit + real space per column (so copied text keeps the gaps),
        # the character spacing makes each pair exactly one column wide
        sw = pdfmetrics.stringWidth(" ", SANS, fs)
        t.setCharSpace((colw - dw - sw) / 2)
        t.setTextOrigin(xs[1] + (colw - dw) / 2, y0)
        for i in range(a, b):
            t.textLine(" ".join(rows[i][1:]))
        c.drawText(t)
    c.setStrokeColor(GRID)
    c.setLineWidth(0.4)
    p = c.beginPath()
    for x in xs:
        p.moveTo(x, 0)
        p.lineTo(x, h)
    p.moveTo(0, h)
    p.lineTo(g.block_w, h)
    for i in range(n + 1):
        y = i * g.row_h
        p.moveTo(0, y)
        p.lineTo(g.block_w, y)
    c.drawPath(p, stroke=1, fill=0)
    c.restoreState()


def _widths(n_unsur: int, avail: float) -> list[float]:
    # the labels ("NRR tertimbang", "2 – Kurang baik") need 30 mm; 22 mm when the unsur need the room
    first = 30 * mm if avail - 30 * mm >= n_unsur * 16 * mm else 22 * mm
    w = min(16 * mm, (avail - first) / max(1, n_unsur))
    return [first] + [w] * n_unsur


def summary_rows(od: OlahData) -> list[list[str]]:
    sm = od.sel.summary
    rows = [
        ["Σ Nilai/Unsur"] + [angka(r.total) for r in sm.unsur],
        ["Jumlah terisi"] + [angka(r.answered) for r in sm.unsur],
        ["NRR/Unsur"] + [angka(r.nrr, 3) if r.nrr is not None else BLANK for r in sm.unsur],
        ["Bobot"] + [weight_text(r.weight_used) for r in sm.unsur],
        ["NRR tertimbang"] + [angka(r.nrr_tertimbang, 3) if r.nrr_tertimbang is not None else BLANK for r in sm.unsur],
        ["Konversi/Unsur"] + [angka(r.konversi_2dp, 2) if r.nrr is not None else BLANK for r in sm.unsur],
        ["Mutu/Unsur"] + [r.mutu or BLANK for r in sm.unsur],
    ]
    return rows


def count_rows(od: OlahData) -> list[list[str]]:
    sm = od.sel.summary
    generic = ("Tidak baik", "Kurang baik", "Baik", "Sangat baik")
    rows = [[f"{v} – {generic[v - 1]}"] + [angka(r.counts[v - 1]) for r in sm.unsur] for v in (1, 2, 3, 4)]
    rows.append(["Kosong"] + [angka(r.blank) for r in sm.unsur])
    return rows


def interval_rows() -> list[list[str]]:
    out = [
        [
            "Nilai persepsi",
            "Nilai interval (NI)",
            "Nilai interval konversi (NIK)",
            "Mutu pelayanan",
            "Kinerja unit pelayanan",
        ]
    ]
    for i, k in enumerate(KATEGORI):
        lo, hi = INTERVAL_1_4[k.mutu]
        out.append(
            [str(4 - i), f"{lo} – {hi}", f"{angka(k.batas_bawah, 2)} – {angka(k.batas_atas, 2)}", k.mutu, k.kinerja]
        )
    return out


def legend_lines(od: OlahData, table: str = "pdf") -> list[str]:
    """The legend; ``table``: how the respondent table shows a blank ("pdf": a dash,
    "xlsx": an empty cell, "": no respondent table)."""
    sm = od.sel.summary
    lines = [
        "NRR per unsur = Σ nilai per unsur ÷ jumlah kuesioner yang mengisi unsur tersebut "
        "(jawaban kosong tidak dihitung untuk unsur itu saja).",
        f"NRR tertimbang per unsur = NRR per unsur × bobot (bobot {sm.unsur_set.mode.label.lower()}).",
        "*) IKM tertimbang = Σ NRR tertimbang seluruh unsur (skala 1–4), dijumlahkan dari nilai yang belum dibulatkan.",
        "**) IKM konversi = IKM tertimbang (belum dibulatkan) × 25 (skala 25–100), dibulatkan dua desimal.",
        texts.PEMBULATAN,
    ]
    if table == "pdf":
        lines.append(f"Tanda {GRID_BLANK} pada tabel responden berarti jawaban kosong.")
    elif table == "xlsx":
        lines.append("Sel jawaban yang kosong pada tabel responden berarti jawaban kosong (tidak dihitung).")
    if sm.tanpa_jawaban:
        kodes = ", ".join(r.kode for r in sm.tanpa_jawaban)
        lines.append(
            f"Unsur {kodes} tidak memiliki jawaban sehingga tidak dihitung dalam IKM; bobot setiap unsur "
            "lainnya dibagi jumlah bobot unsur yang dihitung (dinormalkan ulang) sehingga jumlahnya 1."
        )
    return lines


# the compact layout of a large unit's respondent table: smaller type, several tables a page
COMPACT_FONT = 6.3
COMPACT_ROW_H = 3.5 * mm
COMPACT_HEAD_H = 5 * mm
COMPACT_GAP = 4 * mm


def landscape_pages(od: OlahData) -> bool:
    """Whether the olah-data pages are landscape (many unsur, or the compact layout)."""
    return needs_landscape(len(od.sel.unsur_set)) or (od.compact and not od.ringkas)


def compact_grid(header: Sequence[str], body: Sequence[Sequence[str]], n_unsur: int, avail_w: float) -> GridTable:
    widths = [13 * mm] + [7.5 * mm] * n_unsur
    block = sum(widths)
    blocks = max(1, int((avail_w + COMPACT_GAP) // (block + COMPACT_GAP)))
    return GridTable(header, body, widths, 0, COMPACT_FONT, COMPACT_ROW_H, COMPACT_HEAD_H, blocks, COMPACT_GAP)


def ringkas_note(od: OlahData) -> str:
    sm = od.sel.summary
    where = (
        "berkas Excel olah data setiap periode (" + ", ".join(od.sel.gabungan) + ")"
        if od.sel.gabungan
        else "berkas Excel olah data periode ini"
    )
    return (
        f"Lampiran ini memuat rekapitulasi olah data per unsur dari {angka(sm.respondents)} kuesioner. "
        "Tabel jawaban per responden tidak dicetak agar dokumen tetap ringkas; jawaban setiap responden "
        f"beserta rumus Σ nilai, NRR, dan IKM tersedia dalam {where}, yang dibuat dari menu Dokumen → "
        "Olah data per responden dengan format Excel dan disimpan bersama dokumen ini."
    )


def story(od: OlahData, st: Styles, avail_w: float, heading_level: int | None = None, caption_prefix: str = "") -> list:
    """Flowables of the olah-data section (used standalone and as lampiran)."""
    sm = od.sel.summary
    n = len(sm.unsur)
    widths = _widths(n, avail_w)
    out: list = []
    header = ["NO. RESP"] + [r.kode for r in sm.unsur]
    body = [[str(no)] + [str(a) if a is not None else GRID_BLANK for a in answers] for no, answers in od.rows]
    if od.ringkas:
        out.append(Paragraph(esc(ringkas_note(od)), st.body))
    elif not body:
        out.append(Paragraph("Tidak ada kuesioner yang terkumpul.", st.body))
    elif od.compact:
        out.append(compact_grid(header, body, n, avail_w))
    else:
        out.append(GridTable(header, body, widths))
    out.append(Spacer(1, 3 * mm))
    srows = summary_rows(od)
    if od.ringkas:
        header = ["Unsur"] + header[1:]
    t = data_table([header] + srows, widths, st, font_size=7.5, align_center=range(1, n + 1), wrap=False)
    t.setStyle(TableStyle([("ALIGN", (1, 1), (-1, -1), "CENTER"), ("FONT", (0, 1), (0, -1), SANS_BOLD, 7.5)]))
    ikm_rows = [
        ["IKM tertimbang *)", angka(sm.ikm, 3) if sm.ikm is not None else BLANK],
        ["IKM konversi **)", angka(sm.ikm_konversi_2dp, 2) if sm.ikm is not None else BLANK],
        ["Mutu pelayanan", sm.mutu or BLANK],
        ["Kinerja unit pelayanan", sm.kinerja or BLANK],
        ["Jumlah responden", angka(sm.respondents)],
    ]
    ikm_t = Table(ikm_rows, colWidths=[45 * mm, 28 * mm], hAlign="RIGHT")
    ikm_t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SANS_BOLD, 8.5),
                ("GRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (0, -1), LIGHT),
                ("ALIGN", (1, 0), (1, -1), "CENTER"),
            ]
        )
    )
    out.append(KeepTogether([t, Spacer(1, 2 * mm), ikm_t]))
    out.append(Spacer(1, 4 * mm))
    cap = "Jumlah jawaban per nilai dan jawaban kosong per unsur"
    ct = data_table([["Nilai"] + [r.kode for r in sm.unsur]] + count_rows(od), widths, st, font_size=7.5, wrap=False)
    ct.setStyle(TableStyle([("ALIGN", (1, 1), (-1, -1), "CENTER")]))
    out.append(KeepTogether([Paragraph(cap, st.caption), ct]))
    out.append(Spacer(1, 4 * mm))
    leg = [Paragraph("<b>Keterangan</b>", st.small)] + [
        Paragraph(esc(x), st.small) for x in legend_lines(od, "" if od.ringkas else "pdf")
    ]
    it = data_table(
        interval_rows(), [24 * mm, 36 * mm, 44 * mm, 26 * mm, 40 * mm], st, font_size=7.5, align_center=(0, 1, 2, 3)
    )
    out.append(
        KeepTogether(
            leg
            + [
                Spacer(1, 2 * mm),
                Paragraph("Tabel interval nilai, mutu, dan kinerja (PermenPAN-RB 14/2017)", st.caption),
                it,
            ]
        )
    )
    return out


def build_pdf(od: OlahData, out: Path, invariant: bool | None = None, progress: ProgressFn = None) -> Path:
    st = Styles()
    sel = od.sel
    subject = "Olah data per responden Survei Kepuasan Masyarakat"
    info = selection_info(sel, "Olah Data SKM", subject, f"{sel.unit.nama} · {sel.judul_seleksi}")
    doc = SkmDoc(out, info, invariant=invariant, progress=progress)
    land = landscape_pages(od)
    doc.body_start = 1
    avail = (landscape(A4)[0] - 30 * mm) if land else doc.width
    title = [
        Paragraph("OLAH DATA SURVEI KEPUASAN MASYARAKAT", st.subtitle),
        Paragraph(esc(f"{sel.unit.nama} – {sel.judul_seleksi}"), st.center),
        Spacer(1, 3 * mm),
    ]
    templ = "landscape" if land else "body"
    doc.pageTemplates = [pt for pt in doc.pageTemplates if pt.id == templ]
    flow = title + story(od, st, avail)
    if progress:
        progress(10, "Menyusun tabel olah data")
    doc.build(flow)
    if progress:
        progress(100, "Selesai")
    return out


# ---------------------------------------------------------------- XLSX
XLSX_SHEET = "xl/worksheets/sheet1.xml"  # the one sheet "Olah Data"
XLSX_LABEL_WIDTH = 24
XLSX_UNSUR_WIDTH = 9


def _cached(x: Fraction | Decimal | int | None) -> float | int | str:
    """A cell's cached result as the spreadsheet computes it: "" where the formula gives ""."""
    if x is None:
        return ""
    if isinstance(x, int):
        return x
    return float(x)


def _text_rows(text: str, chars_per_line: float) -> int:
    """How many lines a wrapped text takes in a cell about ``chars_per_line`` characters wide."""
    import math

    return max(1, math.ceil(len(text) * 1.1 / max(1.0, chars_per_line)))


def build_xlsx(od: OlahData, out: Path, progress: ProgressFn = None) -> Path:
    """The same table in Excel with live formulas (Excel and LibreOffice recalculate them),
    each formula cell carrying the engine's value as its cached result (viewers that do
    not calculate show the figures too), laid out to print on A4 at the page's width."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.workbook.properties import CalcProperties

    from .xlsx_cached import CachedValue, write_cached_values

    sel = od.sel
    sm = sel.summary
    n = len(sm.unsur)
    wb = Workbook()
    ws = wb.active
    ws.title = "Olah Data"
    bold = Font(bold=True)
    head_font = Font(bold=True, color=palette.PDF_ON_PRIMARY[1:].upper())
    head_fill = PatternFill("solid", fgColor=palette.PDF_PRIMARY[1:].upper())  # the PDF's colours
    label_fill = PatternFill("solid", fgColor=palette.PDF_LIGHT[1:].upper())
    thin = Side(style="thin", color=palette.PDF_GRID[1:].upper())
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    wrap = Alignment(horizontal="left", vertical="top", wrap_text=True)
    mid = Alignment(horizontal="center")
    cached: dict[str, CachedValue] = {}

    def formula(ref: str, text: str, value: CachedValue) -> None:
        put_at(ws, ref, Formula(text))
        cached[ref] = value

    # the table's width: the label column and one column per unsur (at least the
    # interval table's five); every wide text is merged and wrapped over it
    span = max(1, n // 4)  # unsur columns per interval-table column
    n_cols = max(n + 1, 1 + 4 * span)
    right = get_column_letter(n_cols)
    line_chars = XLSX_LABEL_WIDTH + XLSX_UNSUR_WIDTH * (n_cols - 1)

    def wide(row: int, text: str, font: Font | None = None, size: float = 11) -> None:
        c = put(ws, row, 1, text)
        c.alignment = wrap
        if font is not None:
            c.font = font
        ws.merge_cells(f"A{row}:{right}{row}")
        ws.row_dimensions[row].height = _text_rows(text, line_chars * 11 / size) * size * 1.3

    wide(1, "OLAH DATA SURVEI KEPUASAN MASYARAKAT", Font(bold=True, size=13), 13)
    wide(2, f"{sel.unit.nama} – {sel.judul_seleksi}", bold)
    H = 4
    cols = [get_column_letter(j + 2) for j in range(n)]
    last_col = cols[-1]
    put(ws, H, 1, "NO. RESP")
    for j, r in enumerate(sm.unsur):
        put(ws, H, j + 2, r.kode)
    for j in range(n + 1):
        c = ws.cell(H, j + 1)
        c.font, c.fill, c.alignment, c.border = head_font, head_fill, center, border
    first = H + 1
    for i, (no, answers) in enumerate(od.rows):
        rr = first + i
        put(ws, rr, 1, no)  # numbers as the spreadsheet aligns them: a style per cell would double the time
        for j, a in enumerate(answers):
            if a is not None:
                put(ws, rr, j + 2, a)
        if progress and i % 2000 == 0:
            progress(10 + int(70 * i / max(1, len(od.rows))), "Menulis baris responden")
    last = max(first, first + len(od.rows) - 1)
    e = last + 1
    R = {
        "sum": e,
        "cnt": e + 1,
        "nrr": e + 2,
        "nominal": e + 3,
        "bobot": e + 4,
        "nrrt": e + 5,
        "konv": e + 6,
        "mutu": e + 7,
    }
    labels = {
        "sum": "Σ Nilai/Unsur",
        "cnt": "Jumlah terisi",
        "nrr": "NRR/Unsur",
        "nominal": "Bobot ditetapkan",
        "bobot": "Bobot dipakai",
        "nrrt": "NRR tertimbang/unsur",
        "konv": "Konversi/Unsur",
        "mutu": "Mutu/Unsur",
    }
    nominal_row = R["nominal"]
    cnt_range = f"$B${R['cnt']}:${last_col}${R['cnt']}"

    def mutu_formula(ref: str) -> str:
        # thresholds from the domain's category table, best first
        expr = f'"{KATEGORI[-1].mutu}"'
        for k in reversed(KATEGORI[:-1]):
            expr = f'IF({ref}>={k.batas_bawah},"{k.mutu}",{expr})'
        return expr

    def kinerja_formula(ref: str) -> str:
        expr = f'"{KATEGORI[-1].kinerja}"'
        for k in reversed(KATEGORI[:-1]):
            expr = f'IF({ref}>={k.batas_bawah},"{k.kinerja}",{expr})'
        return expr

    for key, row in R.items():
        c = put(ws, row, 1, labels[key])
        c.font, c.fill, c.border = bold, label_fill, border
    for j, r in enumerate(sm.unsur):
        col = cols[j]
        rng = f"{col}{first}:{col}{last}"
        cnt = f"{col}{R['cnt']}"
        formula(f"{col}{R['sum']}", f"=SUM({rng})", r.total)
        formula(f"{col}{R['cnt']}", f"=COUNT({rng})", r.answered)
        formula(f"{col}{R['nrr']}", f'=IF({cnt}>0,{col}{R["sum"]}/{cnt},"")', _cached(r.nrr))
        # the engine's nominal weight; renormalised over the answered unsur when some have no answer
        put_at(ws, f"{col}{nominal_row}", float(sm.unsur_set.weights[j]))
        nom = f"$B${nominal_row}:${last_col}${nominal_row}"
        formula(
            f"{col}{R['bobot']}",
            f"=IF({cnt}>0,IF(COUNTIF({cnt_range},0)=0,{col}{nominal_row},"
            f'{col}{nominal_row}/SUMIF({cnt_range},">0",{nom})),"")',
            _cached(r.weight_used),
        )
        formula(f"{col}{R['nrrt']}", f'=IF({cnt}>0,{col}{R["nrr"]}*{col}{R["bobot"]},"")', _cached(r.nrr_tertimbang))
        formula(f"{col}{R['konv']}", f'=IF({cnt}>0,ROUND({col}{R["nrr"]}*25,2),"")', _cached(r.konversi_2dp))
        formula(f"{col}{R['mutu']}", f'=IF({cnt}>0,{mutu_formula(col + str(R["konv"]))},"")', r.mutu or "")
        for key, fmt in (
            ("nrr", "0.000"),
            ("bobot", "0.000"),
            ("nominal", "0.000"),
            ("nrrt", "0.000"),
            ("konv", "0.00"),
        ):
            ws[f"{col}{R[key]}"].number_format = fmt
        for key in R:
            c = ws[f"{col}{R[key]}"]
            c.border, c.alignment = border, Alignment(horizontal="center")
    k0 = max(R.values()) + 2
    ikm = f"B{k0}"
    rows: list[tuple[str, str, CachedValue, str | None]] = [
        ("IKM tertimbang *)", f"=SUM(B{R['nrrt']}:{last_col}{R['nrrt']})", _cached(sm.ikm or 0), "0.000"),
        ("IKM konversi **)", f"=ROUND({ikm}*25,2)", _cached(sm.ikm_konversi_2dp or 0), "0.00"),
        # with no answer at all the formulas give the lowest category of a 0 index
        ("Mutu pelayanan", f"={mutu_formula(f'B{k0 + 1}')}", sm.mutu or KATEGORI[-1].mutu, None),
        ("Kinerja unit pelayanan", f"={kinerja_formula(f'B{k0 + 1}')}", sm.kinerja or KATEGORI[-1].kinerja, None),
        ("Jumlah responden", f"=COUNT(A{first}:A{last})", sm.respondents, "0"),
    ]
    for i, (lbl, f, value, number_format) in enumerate(rows):
        a = put(ws, k0 + i, 1, lbl)
        a.font, a.fill, a.border = bold, label_fill, border
        formula(f"B{k0 + i}", f, value)
        b = ws.cell(k0 + i, 2)
        b.font, b.border, b.alignment = bold, border, Alignment(horizontal="center")
        if number_format:
            b.number_format = number_format
    c0 = k0 + len(rows) + 1
    put(ws, c0, 1, "Jumlah jawaban per nilai").font = bold
    put(ws, c0 + 1, 1, "Nilai")
    for j, r in enumerate(sm.unsur):
        put(ws, c0 + 1, j + 2, r.kode)
    for j in range(n + 1):
        c = ws.cell(c0 + 1, j + 1)
        c.font, c.fill, c.alignment, c.border = head_font, head_fill, center, border
    generic = ("Tidak baik", "Kurang baik", "Baik", "Sangat baik")
    for v in (1, 2, 3, 4):
        rr = c0 + 1 + v
        put(ws, rr, 1, f"{v} – {generic[v - 1]}")
        for j, r in enumerate(sm.unsur):
            formula(f"{cols[j]}{rr}", f"=COUNTIF({cols[j]}{first}:{cols[j]}{last},{v})", r.counts[v - 1])
    rr = c0 + 6
    put(ws, rr, 1, "Kosong")
    for j, r in enumerate(sm.unsur):
        formula(f"{cols[j]}{rr}", f"=COUNT($A${first}:$A${last})-{cols[j]}{R['cnt']}", r.blank)
    for row in range(c0 + 2, rr + 1):
        ws.cell(row, 1).border = border
        for j in range(n):
            c = ws.cell(row, j + 2)
            c.border, c.alignment = border, mid
    l0 = rr + 2
    put(ws, l0, 1, "Keterangan").font = bold
    legend = legend_lines(od, "xlsx")
    for i, line in enumerate(legend):
        wide(l0 + 1 + i, line)
    t0 = l0 + len(legend) + 2
    for i, interval in enumerate(interval_rows()):
        for j, text in enumerate(interval):
            col0 = 1 if j == 0 else 2 + (j - 1) * span
            interval_cell = put(ws, t0 + i, col0, text)
            interval_cell.alignment = center
            if span > 1 and j > 0:
                ws.merge_cells(start_row=t0 + i, start_column=col0, end_row=t0 + i, end_column=col0 + span - 1)
            for k in range(col0, col0 + (1 if j == 0 else span)):
                ws.cell(t0 + i, k).border = border
            if i == 0:
                interval_cell.font, interval_cell.fill = head_font, head_fill
        if i == 0:
            ws.row_dimensions[t0].height = 2 * 15 if span > 1 else 3 * 15
    ws.column_dimensions["A"].width = XLSX_LABEL_WIDTH
    for k in range(2, n_cols + 1):
        ws.column_dimensions[get_column_letter(k)].width = XLSX_UNSUR_WIDTH
    ws.freeze_panes = ws.cell(first, 2)
    ws.print_title_rows = f"{H}:{H}"
    ws.print_area = f"A1:{right}{t0 + len(interval_rows()) - 1}"
    ws.page_setup.orientation = "landscape" if needs_landscape(n) else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "Halaman &P dari &N"
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    wb.properties.creator = "SKM Desktop"
    wb.properties.title = f"Olah Data SKM – {sel.unit.nama}"
    out = Path(out)
    wb.save(out)
    if progress:
        progress(90, "Menulis nilai rumus")
    write_cached_values(out, XLSX_SHEET, cached)
    if progress:
        progress(100, "Selesai")
    return out
