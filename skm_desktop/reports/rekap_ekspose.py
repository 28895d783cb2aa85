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


def story(d: RekapDokumen, st: Styles, width: float, height: float) -> list:
    title = _p(esc(judul(d)), st.title, fontSize=21, leading=26, spaceAfter=0)
    sub = _p(
        esc(f"{len(d.units)} unit pelayanan · {angka(d.respondents)} responden · IKM = {d.headline}"),
        st.center,
        fontSize=12,
        leading=15,
        textColor=MUTED,
        spaceAfter=0,
    )
    top_h = 0.42 * (height - 70)
    low_h = height - 70 - top_h
    col = (width - 12 * mm) / 3
    big = [
        _p("IKM", st.center, fontSize=18, leading=22, fontName=SANS_BOLD, textColor=MUTED),
        _p(a2(d.ikm), st.big, fontSize=64, leading=72),
        _p(
            esc(f"Mutu {d.mutu} · {d.kinerja}"),
            st.center,
            fontSize=16,
            leading=20,
            fontName=SANS_BOLD,
            textColor=MUTU_COLORS.get(d.mutu, PRIMARY),
        ),
    ]
    if d.sasaran is not None:
        hasil = "TERCAPAI" if d.sasaran_tercapai else "BELUM TERCAPAI"
        sel = ("+" if d.selisih_sasaran and d.selisih_sasaran > 0 else "") + a2(d.selisih_sasaran)
        target = [
            _p("Sasaran vs realisasi", st.center, fontSize=15, leading=19, fontName=SANS_BOLD, textColor=PRIMARY),
            _p(f"Sasaran: <b>{a2(d.sasaran)}</b>", st.center, fontSize=18, leading=24),
            _p(f"Realisasi: <b>{a2(d.ikm)}</b>", st.center, fontSize=18, leading=24),
            _p(f"Selisih {sel} · <b>{hasil}</b>", st.center, fontSize=15, leading=20),
        ]
    else:
        target = [
            _p("Sasaran vs realisasi", st.center, fontSize=15, leading=19, fontName=SANS_BOLD, textColor=PRIMARY),
            _p(f"Realisasi: <b>{a2(d.ikm)}</b>", st.center, fontSize=18, leading=24),
            _p("Sasaran IKM tahun ini belum diisi.", st.center, fontSize=12, leading=16, textColor=MUTED),
        ]
    rt = d.realisasi_total
    if rt.target:
        target.append(
            _p(
                esc(f"Sampel: {angka(rt.responden)} dari target {angka(rt.target)} ({a2(rt.persen)}%)"),
                st.center,
                fontSize=12,
                leading=16,
            )
        )
    mutu_cells = [
        [
            _p(f"<b>{m}</b>", st.center, fontSize=22, leading=26, textColor=colors.white),
            _p(f"<b>{n}</b> unit", st.center, fontSize=18, leading=22),
        ]
        for m, n in d.mutu_counts
    ]
    mt = Table(mutu_cells, colWidths=[18 * mm, col - 26 * mm], rowHeights=[(top_h - 34) / 4] * len(mutu_cells))
    mcmds = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("GRID", (0, 0), (-1, -1), 0.5, GRID)]
    for i, (m, _) in enumerate(d.mutu_counts):
        mcmds.append(("BACKGROUND", (0, i), (0, i), MUTU_COLORS.get(m, LIGHT)))
    mt.setStyle(TableStyle(mcmds))
    mutu = [_p("Jumlah unit per mutu", st.center, fontSize=15, leading=19, fontName=SANS_BOLD, textColor=PRIMARY), mt]
    moves = [
        _p(
            f"Dibandingkan {d.previous_tahun}",
            st.center,
            fontSize=15,
            leading=19,
            fontName=SANS_BOLD,
            textColor=PRIMARY,
        ),
        _p(f"▲ <b>{d.naik}</b> naik", st.center, fontSize=20, leading=26, textColor=MUTU_COLORS.get("A", PRIMARY)),
        _p(f"▼ <b>{d.turun}</b> turun", st.center, fontSize=20, leading=26, textColor=MUTU_COLORS.get("C", PRIMARY)),
        _p(f"= <b>{d.tetap}</b> tetap", st.center, fontSize=16, leading=22),
        _p(esc(f"dari {d.compared} unit yang dapat dibandingkan"), st.center, fontSize=11, leading=14, textColor=MUTED),
    ]
    if not d.compared:  # nothing to compare with: say so instead of three zeros
        moves = [
            moves[0],
            _p(
                esc(f"Belum ada unit dengan IKM tahun {d.previous_tahun} untuk dibandingkan."),
                st.center,
                fontSize=13,
                leading=17,
                textColor=MUTED,
            ),
        ]
    if d.transitions:
        moves.append(
            _p(
                esc("Perpindahan mutu: " + ", ".join(f"{p} ({n})" for p, n in d.transitions)),
                st.center,
                fontSize=11,
                leading=14,
            )
        )
    top = d.ranking[:TOP_N]
    bottom = d.ranking[-TOP_N:] if len(d.ranking) > TOP_N else ()
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
