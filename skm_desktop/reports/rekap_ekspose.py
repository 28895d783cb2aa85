"""The one-page recap exposé for a presentation (A4 landscape, filling the page): the
city IKM and mutu in big type, target vs realised, the count of units per mutu, how
many went up or down, and the best and the lowest units. Figures come ready from
:class:`reports.rekap_model.RekapDokumen`."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Frame, PageTemplate, Paragraph, Table, TableStyle

from skm_desktop.domain.formatting import angka

from .common import DocInfo, SkmDoc, esc
from .rekap import a2, judul
from .rekap_model import RekapDokumen
from .styles import GRID, LIGHT, MUTED, MUTU_COLORS, PRIMARY, SANS, SANS_BOLD, Styles

MARGIN = 12 * mm
TOP_N = 5


def _p(text: str, st, **kw) -> Paragraph:
    return Paragraph(text, st.clone("x", **kw))


def _units_table(title: str, rows, st: Styles, w: float, h: float) -> Table:
    head = _p(esc(title), st.body, fontName=SANS_BOLD, fontSize=13, leading=16, textColor=PRIMARY)
    data: list[list] = [[head, "", "", ""], ["No", "Unit pelayanan", "IKM", "Mutu"]]
    cell = st.body.clone("u", fontSize=10.5, leading=12.5, spaceAfter=0)
    for r in rows:
        data.append([str(r.rank), Paragraph(esc(r.unit), cell), a2(r.ikm), r.mutu])
    n = len(data)
    row_h = min(40.0, (h - 24 - 20) / max(1, n - 2))  # a short list keeps rows of a readable height
    t = Table(
        data,
        colWidths=[11 * mm, w - 11 * mm - 19 * mm - 13 * mm, 19 * mm, 13 * mm],
        rowHeights=[24, 20] + [row_h] * (n - 2),
    )
    cmds = [
        ("SPAN", (0, 0), (-1, 0)),
        ("FONT", (0, 1), (-1, -1), SANS, 11),
        ("FONT", (0, 1), (-1, 1), SANS_BOLD, 10),
        ("TEXTCOLOR", (0, 1), (-1, 1), colors.white),
        ("BACKGROUND", (0, 1), (-1, 1), PRIMARY),
        ("GRID", (0, 1), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (2, 1), (-1, -1), "CENTER"),
        ("FONT", (2, 2), (2, -1), SANS_BOLD, 12),
        ("FONT", (3, 2), (3, -1), SANS_BOLD, 12),
        ("TEXTCOLOR", (3, 2), (3, -1), colors.white),
    ]
    for i, r in enumerate(rows, 2):
        cmds.append(("BACKGROUND", (3, i), (3, i), MUTU_COLORS.get(r.mutu, LIGHT)))
    t.setStyle(TableStyle(cmds))
    return t


class _Lines:
    """Centred lines of the exposé: ``line(text, size)`` (markup allowed), ``head(text)``."""

    def __init__(self, st: Styles) -> None:
        self.st = st

    def line(self, text: str, size: float, bold: bool = False, color=None) -> Paragraph:
        kw: dict = {"fontSize": size, "leading": size * 1.28, "spaceAfter": 0}
        if bold:
            kw["fontName"] = SANS_BOLD
        if color is not None:
            kw["textColor"] = color
        return Paragraph(text, self.st.center.clone("x", **kw))

    def head(self, text: str) -> Paragraph:
        return self.line(esc(text), 15, True, PRIMARY)


def story(d: RekapDokumen, st: Styles, width: float, height: float) -> list:
    ln = _Lines(st)
    title = _p(esc(judul(d)), st.title, fontSize=21, leading=26, spaceAfter=0)
    sub = ln.line(
        esc(f"{len(d.units)} unit pelayanan · {angka(d.respondents)} responden · IKM = {d.headline}"), 12, color=MUTED
    )
    top_h = 0.42 * (height - 70)
    low_h = height - 70 - top_h
    col = (width - 12 * mm) / 3
    big = [
        ln.line("IKM", 18, True, MUTED),
        _p(a2(d.ikm), st.big, fontSize=64, leading=72),
        ln.line(esc(f"Mutu {d.mutu} · {d.kinerja}"), 16, True, MUTU_COLORS.get(d.mutu, PRIMARY)),
    ]
    target = [ln.head("Sasaran vs realisasi" if d.sasaran is not None else "Realisasi")]
    if d.sasaran is not None:
        hasil = "TERCAPAI" if d.sasaran_tercapai else "BELUM TERCAPAI"
        sel = ("+" if d.selisih_sasaran and d.selisih_sasaran > 0 else "") + a2(d.selisih_sasaran)
        target += [
            ln.line(f"Sasaran: <b>{a2(d.sasaran)}</b>", 18),
            ln.line(f"Realisasi: <b>{a2(d.ikm)}</b>", 18),
            ln.line(f"Selisih {sel} · <b>{hasil}</b>", 15),
        ]
    else:
        target += [ln.line(f"IKM tahun {d.tahun}: <b>{a2(d.ikm)}</b>", 18)]  # no sasaran: that part is left out
    rt = d.realisasi_total
    if rt.target:
        target.append(
            ln.line(esc(f"Sampel: {angka(rt.responden)} dari target {angka(rt.target)} ({a2(rt.persen)}%)"), 12)
        )
    mutu_cells = [
        [ln.line(f"<b>{m}</b>", 22, color=colors.white), ln.line(f"<b>{n}</b> unit", 18)] for m, n in d.mutu_counts
    ]
    mt = Table(mutu_cells, colWidths=[18 * mm, col - 26 * mm], rowHeights=[(top_h - 34) / 4] * len(mutu_cells))
    mcmds = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("GRID", (0, 0), (-1, -1), 0.5, GRID)]
    for i, (m, _) in enumerate(d.mutu_counts):
        mcmds.append(("BACKGROUND", (0, i), (0, i), MUTU_COLORS.get(m, LIGHT)))
    mt.setStyle(TableStyle(mcmds))
    mutu = [ln.head("Jumlah unit per mutu"), mt]
    moves = [ln.head(f"Dibandingkan {d.previous_tahun}")]
    if d.compared:
        moves += [
            ln.line(f"▲ <b>{d.naik}</b> naik", 20, color=MUTU_COLORS.get("A", PRIMARY)),
            ln.line(f"▼ <b>{d.turun}</b> turun", 20, color=MUTU_COLORS.get("C", PRIMARY)),
            ln.line(f"= <b>{d.tetap}</b> tetap", 16),
            ln.line(esc(f"dari {d.compared} unit yang dapat dibandingkan"), 11, color=MUTED),
        ]
    else:  # nothing to compare with: say so instead of three zeros
        moves.append(
            ln.line(esc(f"Belum ada unit dengan IKM tahun {d.previous_tahun} untuk dibandingkan."), 13, color=MUTED)
        )
    if d.transitions:
        moves.append(ln.line(esc("Perpindahan mutu: " + ", ".join(f"{p} ({n})" for p, n in d.transitions)), 11))
    top = d.ranking[:TOP_N]
    bottom = d.ranking[max(TOP_N, len(d.ranking) - TOP_N) :]  # never a unit of the top table again
    left = width * 0.26
    tw = (width - left - 6 * mm) / (2 if bottom else 1)
    lower: list = [moves, _units_table("IKM tertinggi", top, st, tw, low_h - 8)]
    if bottom:
        lower.append(_units_table("IKM terendah", bottom, st, tw, low_h - 8))
    inner = Table([lower], colWidths=[left] + [tw + 3 * mm] * (len(lower) - 1), rowHeights=[low_h])
    inner.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    grid = Table(
        [[title, "", ""], [sub, "", ""], [big, target, mutu], [inner, "", ""]],
        colWidths=[col, col, col],
        rowHeights=[34, 24, top_h, low_h],
    )
    cmds = [
        ("SPAN", (0, 0), (-1, 0)),
        ("SPAN", (0, 1), (-1, 1)),
        ("SPAN", (0, 3), (-1, 3)),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BACKGROUND", (0, 2), (-1, 2), LIGHT),
        ("LINEBELOW", (0, 2), (-1, 2), 6, colors.white),
        ("LINEAFTER", (0, 2), (1, 2), 6, colors.white),
        ("LEFTPADDING", (0, 3), (-1, 3), 0),
        ("RIGHTPADDING", (0, 3), (-1, 3), 0),
    ]
    grid.setStyle(TableStyle(cmds))
    return [grid]


def build_pdf(d: RekapDokumen, out: Path, invariant: bool | None = None) -> Path:
    st = Styles()
    title = f"Ekspose {judul(d)}"
    doc = SkmDoc(out, DocInfo(title, "", d.wilayah, "Ekspose rekapitulasi SKM"), invariant=invariant)
    w, h = landscape(A4)
    frame = Frame(MARGIN, MARGIN, w - 2 * MARGIN, h - 2 * MARGIN, id="ekspose", leftPadding=0, rightPadding=0)
    doc.pageTemplates = []
    doc.addPageTemplates([PageTemplate("ekspose", [frame], pagesize=landscape(A4))])
    doc.pagesize = landscape(A4)
    doc.build(story(d, st, frame._width, frame._height - 12))
    return out
