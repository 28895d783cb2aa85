"""The blank questionnaire, printed from the period's own unsur set: number
field, characteristics, one question per unsur with four answer boxes, and the
saran box — on one A4 sheet for 9 unsur."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from skm_desktop.domain import karakteristik as kar

from .common import ProgressFn, esc, selection_info, sheet_doc
from .model import Selection
from .styles import GRID, LIGHT, RULE, SANS_BOLD, Styles

BOX = "☐"


def _option(o: str) -> str:
    """One choice with its box that never breaks across lines (non-breaking spaces inside);
    a very long one may still wrap rather than run out of the cell."""
    words = esc(o).split()
    return f"{BOX}&nbsp;" + ("&nbsp;" if len(o) <= 45 else " ").join(words)


def _options_line(options, st) -> Paragraph:
    # lines break only between the choices
    return Paragraph("&nbsp;&nbsp; ".join(_option(o) for o in options), st)


def choices(sel: Selection) -> dict[str, tuple[str, ...]]:
    """The characteristics a questionnaire asks, field name (as in the import) -> the unit's choices."""
    opsi = sel.opsi
    return {
        "jenis_kelamin": opsi.jenis_kelamin if opsi else kar.JENIS_KELAMIN,
        "pendidikan": opsi.pendidikan if opsi else kar.PENDIDIKAN,
        "pekerjaan": opsi.pekerjaan if opsi else kar.PEKERJAAN,
        "jenis_layanan": opsi.layanan if opsi else (),
    }


def question(u) -> str:
    """The question printed for unsur ``u`` (its own, or one made from its name)."""
    return u.pertanyaan.strip() or f"Bagaimana pendapat Saudara tentang {u.nama.lower()}?"


INSTRUCTION = (
    "Mohon beri tanda centang (✓) pada satu kotak untuk setiap pertanyaan sesuai pengalaman "
    "Bapak/Ibu/Saudara saat menerima layanan. Identitas responden dirahasiakan."
)
SARAN_TITLE = "SARAN / MASUKAN / PENGADUAN"
SARAN_HINT = "(tuliskan unsur pelayanan yang Bapak/Ibu maksud)"
THANKS = "Terima kasih atas kesediaan Bapak/Ibu/Saudara mengisi kuesioner ini."


def story(sel: Selection, st: Styles, width: float, tight: bool = False) -> list:
    """``tight``: inside the laporan (the page has a running header and footer)."""
    us = sel.unsur_set
    n = len(us)
    compact = n > 9 or tight
    fs = 8.6 if not compact else (7.8 if n <= 9 else 7.2)
    cell = st.cell.clone("k", fontSize=fs, leading=fs * 1.22)
    cell_b = cell.clone("kb", fontName=SANS_BOLD)
    small = cell.clone("ks", fontSize=fs - 0.6, leading=(fs - 0.6) * 1.2)
    ch = choices(sel)
    jk, pend, pek, lay = ch["jenis_kelamin"], ch["pendidikan"], ch["pekerjaan"], ch["jenis_layanan"]
    out = []
    head = Table(
        [
            [
                Paragraph(
                    "<b>KUESIONER SURVEI KEPUASAN MASYARAKAT</b>",
                    st.subtitle.clone("kt", fontSize=12, leading=15, spaceAfter=0),
                ),
                Paragraph("No. Kuesioner", cell_b),
            ],
            [
                Paragraph(
                    esc(f"{sel.unit.nama} – Periode {sel.periode}"),
                    st.center.clone("kc", fontSize=9, spaceAfter=0, leading=11),
                ),
                "",
            ],
        ],
        colWidths=[width - 32 * mm, 32 * mm],
        rowHeights=[8 * mm, 6 * mm],
    )
    head.setStyle(
        TableStyle(
            [
                ("SPAN", (1, 0), (1, 1)),
                ("BOX", (1, 0), (1, 1), 0.8, colors.black),
                ("VALIGN", (1, 0), (1, 1), "TOP"),
                ("VALIGN", (0, 0), (0, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    out += [head, Spacer(1, 1.5 * mm)]
    out.append(Paragraph(INSTRUCTION, small))
    out.append(Spacer(1, 1.2 * mm))
    lw = 27 * mm
    prof = [
        [Paragraph("<b>PROFIL RESPONDEN</b>", cell), ""],
        [Paragraph("Tanggal survei", cell), Paragraph("______ / ______ / ____________", cell)],
        [Paragraph("Jenis kelamin", cell), _options_line(jk, cell)],
        [Paragraph("Usia", cell), Paragraph("________ tahun", cell)],
        [Paragraph("Pendidikan", cell), _options_line(pend, cell)],
        [Paragraph("Pekerjaan", cell), _options_line(pek, cell)],
    ]
    if lay:
        prof.append([Paragraph("Jenis layanan", cell), _options_line(lay, cell)])
    pt = Table(prof, colWidths=[lw, width - lw])
    pt.setStyle(
        TableStyle(
            [
                ("SPAN", (0, 0), (1, 0)),
                ("BACKGROUND", (0, 0), (1, 0), LIGHT),
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
            ]
        )
    )
    out += [pt, Spacer(1, 2 * mm)]
    rows = [[Paragraph("<b>PENILAIAN PELAYANAN</b>", cell), "", "", "", ""]]
    style = [
        ("SPAN", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
        ("BOX", (0, 0), (-1, -1), 0.6, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6 if not compact else 1.0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2 if not compact else 1.4),
    ]
    ow = (width - 6 * mm) / 4
    for i, u in enumerate(us.unsur, 1):
        q = question(u)
        r0 = len(rows)
        rows.append([Paragraph(f"<b>{i}.</b> <b>{esc(u.nama)}</b> – {esc(q)}", cell), "", "", "", ""])
        rows.append([""] + [Paragraph(f"{BOX}&nbsp;{'abcd'[k]}. {esc(u.labels[k])}", cell) for k in range(4)])
        style += [("SPAN", (0, r0), (-1, r0)), ("LINEABOVE", (0, r0), (-1, r0), 0.3, GRID)]
    qt = Table(rows, colWidths=[6 * mm] + [ow] * 4)
    qt.setStyle(TableStyle(style))
    out += [qt, Spacer(1, 2 * mm)]
    lines = 4 if not compact else 2
    sar = Table(
        [[Paragraph(f"<b>{SARAN_TITLE}</b> {SARAN_HINT}", cell)]] + [[""] for _ in range(lines)],
        colWidths=[width],
        rowHeights=[None] + [7 * mm] * lines,
    )
    sar.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                ("LINEBELOW", (0, 1), (-1, -2), 0.3, RULE),
            ]
        )
    )
    out += [
        sar,
        Spacer(1, 1.5 * mm),
        Paragraph(THANKS, small),
    ]
    return out


def build_pdf(sel: Selection, out: Path, invariant: bool | None = None, progress: ProgressFn = None) -> Path:
    from reportlab.lib.pagesizes import A4

    m = 12 * mm
    info = selection_info(sel, "Kuesioner SKM", "Kuesioner Survei Kepuasan Masyarakat")
    sheet_doc(out, info, m, invariant, padding=0).build(story(sel, Styles(), A4[0] - 2 * m))
    return out
