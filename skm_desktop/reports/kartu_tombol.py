"""Kartu tombol: one printable A4 page to keep beside the keyboard — the keys of
the entry grid and the period's own codes (answers of every unsur, layanan,
jenis kelamin, pendidikan, pekerjaan). Plain data in, PDF out; the data comes
from services.bantuan."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, Paragraph, Spacer, Table, TableStyle

from .common import DocInfo, esc, sheet_doc
from .styles import Styles, table_style

MARGIN = 12 * mm


@dataclass
class KartuTombol:
    unit: str
    periode: str
    tombol: list[tuple[str, str]]  # (key, what it does)
    unsur: list[tuple[str, str, tuple[str, ...]]]  # (kode, nama, labels of 1–4)
    pilihan: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)  # (title, [(kode, label)])
    kosong: str = "Spasi, - atau 0"


def _table(rows: list[list], widths: list[float], st: Styles) -> Table:
    t = Table(rows, colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle(table_style(font_size=8)))
    return t


def _p(text: str, st) -> Paragraph:
    return Paragraph(esc(text), st)


def build_pdf(k: KartuTombol, out: Path, invariant: bool | None = None) -> Path:
    st = Styles(base=9)
    w = A4[0] - 2 * MARGIN
    story = [
        Paragraph("Kartu Tombol Entri Kuesioner", st.h2),
        _p(f"{k.unit} · Periode {k.periode}", st.small),
        Spacer(1, 3 * mm),
    ]

    keys = [[_p("Tombol", st.cell_h), _p("Fungsi", st.cell_h)]]
    keys += [[_p(a, st.cell), _p(b, st.cell)] for a, b in k.tombol]
    story += [_table(keys, [32 * mm, w - 32 * mm], st), Spacer(1, 3 * mm)]

    head = ["Unsur", "Nama", "1 / a", "2 / b", "3 / c", "4 / d"]
    rows = [[_p(h, st.cell_h) for h in head]]
    for kode, nama, labels in k.unsur:
        cells = list(labels[:4]) + [""] * (4 - len(labels[:4]))
        rows.append([_p(kode, st.cell), _p(nama, st.cell)] + [_p(x, st.cell) for x in cells])
    rest = (w - 14 * mm - 44 * mm) / 4
    story += [
        _table(rows, [14 * mm, 44 * mm] + [rest] * 4, st),
        _p(f"Jawaban kosong: {k.kosong}. Kursor pindah sendiri setelah tiap jawaban.", st.note),
        Spacer(1, 3 * mm),
    ]

    # the choice lists side by side, two per row
    boxes = []
    for title, items in k.pilihan:
        rows = [[_p("Kode", st.cell_h), _p(title, st.cell_h)]]
        rows += [[_p(kode or "–", st.cell_c), _p(label, st.cell)] for kode, label in items]
        if len(rows) == 1:
            rows.append([_p("–", st.cell_c), _p("belum ada pilihan", st.cell)])
        boxes.append(_table(rows, [12 * mm, w / 2 - 18 * mm], st))
    half = w / 2
    for i in range(0, len(boxes), 2):
        pair = boxes[i : i + 2] + ([""] if len(boxes[i : i + 2]) == 1 else [])
        row = Table([pair], colWidths=[half, half])
        row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        story += [row, Spacer(1, 2 * mm)]

    # always one page: a long list of layanan shrinks the card rather than spilling over
    frame_h = A4[1] - 2 * MARGIN
    doc = sheet_doc(out, DocInfo("Kartu Tombol Entri Kuesioner", "", author=k.unit), MARGIN, invariant)
    doc.build([KeepInFrame(w, frame_h - 2 * mm, story, mode="shrink")])
    return out
