"""The scannable questionnaire: the same questions and choices as the blank one
(reports.kuesioner), laid out on a fixed grid so a scan can be read back: four
solid corner marks, ~5 mm answer boxes, the form number and period as a row of
black cells (domain.pindai), and a saran area kept as an image.

``layout(sel)`` computes every position once; ``build_pdf`` draws from it and
writes ``FILE.layout.json`` beside the PDF; io.pindai reads with the same layout.
Positions are millimetres from the page's top-left corner."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas as rl_canvas

from skm_desktop.domain import pindai as dp

from .common import ProgressFn, want_invariant
from .kuesioner import SARAN_HINT, SARAN_TITLE, THANKS, choices, question
from .model import Selection
from .styles import GRID, LIGHT, MUTED, SANS, SANS_BOLD, register_fonts

PAGE_MM = (210.0, 297.0)
MARK = 6.0  # corner mark side
MARKS = ((8.0, 8.0), (196.0, 8.0), (8.0, 283.0), (196.0, 283.0))  # top-left corners: TL, TR, BL, BR
LEFT, RIGHT = 18.0, 192.0
BOX = 5.0
CODE_X, CODE_Y, CODE_W, CODE_H = 18.0, 23.5, 2.6, 3.6
BOTTOM = 277.0  # the saran area ends here; the thanks line sits below it
SARAN_MIN_H = 18.0
FS = 8.0  # option labels
FS_Q = 8.6  # questions
LEAD = 3.5  # mm per line at FS

INSTRUKSI = (
    "Beri tanda X atau ✓ pada satu kotak untuk setiap pertanyaan, sesuai pengalaman Bapak/Ibu/Saudara "
    "saat menerima layanan. Pakai pena biru/hitam atau pensil; jangan mencoret di luar kotak kecuali "
    "di kotak saran. Lembar ini dibaca mesin: jangan dilipat. Identitas responden dirahasiakan."
)
USIA_HINT = "contoh 35 tahun: 3 lalu 5"


class LayoutError(ValueError):
    """The period's questions and choices do not fit one sheet."""


@dataclass
class Layout:
    boxes: list[dict[str, Any]] = field(default_factory=list)  # field, value, x, y, w, h (+ digit for usia)
    # x, y, text, font, size, colour
    texts: list[tuple[float, float, str, str, float, Any]] = field(default_factory=list)
    bars: list[tuple[float, float, float, float]] = field(default_factory=list)  # section header backgrounds
    saran: dict[str, float] = field(default_factory=dict)
    fields: dict[str, list[str]] = field(default_factory=dict)  # field -> its values in order
    unsur: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "version": 1,
            "page_mm": list(PAGE_MM),
            "marks": [{"x": x, "y": y, "w": MARK, "h": MARK} for x, y in MARKS],
            "code": {
                "x": CODE_X,
                "y": CODE_Y,
                "cell_w": CODE_W,
                "h": CODE_H,
                "cells": dp.CODE_BITS,
                "bits": {"no_kuesioner": dp.NO_BITS, "periode": dp.PERIODE_BITS, "layout": dp.LAYOUT_BITS},
                "check": "crc8 0x07 over the other bits, most significant first; black cell = 1",
            },
            "boxes": self.boxes,
            "areas": [{"field": "saran", **self.saran}],
        }

    @property
    def fingerprint(self) -> int:
        return dp.fingerprint(json.dumps(self.boxes, sort_keys=True).encode())


def _w(text: str, font: str, size: float) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size) / mm


def _lines(text: str, font: str, size: float, width_mm: float) -> list[str]:
    return simpleSplit(text, font, size, width_mm * mm) or [""]


def layout(sel: Selection) -> Layout:
    """Every position of the sheet of ``sel``'s period. Raises LayoutError when it does not fit."""
    register_fonts()
    lay = Layout()
    y = 32.0

    def text(x: float, yy: float, s: str, font: str = SANS, size: float = FS, colour: Any = colors.black) -> None:
        lay.texts.append((x, yy, s, font, size, colour))

    def bar(title: str) -> None:
        nonlocal y
        lay.bars.append((LEFT, y, RIGHT - LEFT, 5.0))
        text(LEFT + 1.5, y + 3.6, title, SANS_BOLD, 8.6)
        y += 6.5

    def paragraph(s: str, font: str, size: float, x: float, width: float) -> None:
        nonlocal y
        for line in _lines(s, font, size, width):
            text(x, y + size * 0.3528, line, font, size)
            y += size * 0.3528 * 1.25

    def box(fld: str, value: str, x: float, yy: float, **extra: Any) -> None:
        lay.boxes.append(
            {"field": fld, "value": value, "x": round(x, 2), "y": round(yy, 2), "w": BOX, "h": BOX} | extra
        )
        lay.fields.setdefault(fld + (f":{extra['digit']}" if extra else ""), []).append(value)

    def flow(fld: str, label: str, options: tuple[str, ...], values: list[str] | None = None, **extra: Any) -> float:
        """A row of boxes, each followed by its label, wrapping under the label column."""
        nonlocal y
        x0 = LEFT + 31
        text(LEFT + 1, y + 3.7, label, SANS, FS)
        x = x0
        for i, o in enumerate(options):
            need = BOX + 1.4 + _w(o, SANS, FS) + 3.5
            if x > x0 and x + need > RIGHT:
                x, y = x0, y + 6.5
            box(fld, values[i] if values else o, x, y, **extra)
            text(x + BOX + 1.2, y + 3.7, o, SANS, FS)
            x += need
        y += 7.0
        return x  # where the last row ends

    paragraph(INSTRUKSI, SANS, 7.6, LEFT, RIGHT - LEFT)
    y += 1.5
    bar("PROFIL RESPONDEN")
    ch = choices(sel)
    flow("jenis_kelamin", "Jenis kelamin", ch["jenis_kelamin"])
    end = flow("usia", "Usia: puluhan", tuple("123456789"), digit="puluhan")
    text(max(end, RIGHT - _w(USIA_HINT, SANS, 6.8)), y - 7.0 + 3.7, USIA_HINT, SANS, 6.8, MUTED)
    flow("usia", "Usia: satuan", tuple("0123456789"), digit="satuan")
    flow("pendidikan", "Pendidikan", ch["pendidikan"])
    flow("pekerjaan", "Pekerjaan", ch["pekerjaan"])
    if ch["jenis_layanan"]:
        flow("jenis_layanan", "Jenis layanan", ch["jenis_layanan"])
    y += 1.0
    bar("PENILAIAN PELAYANAN")
    us = sel.unsur_set.unsur
    lay.unsur = len(us)
    col = (RIGHT - LEFT - 6) / 4
    for i, u in enumerate(us, 1):
        paragraph(f"{i}. {u.nama} – {question(u)}", SANS_BOLD, FS_Q, LEFT + 1, RIGHT - LEFT - 2)
        y += 0.3
        tallest = 1
        for k in range(4):
            x = LEFT + 6 + k * col
            box(f"u{i}", str(k + 1), x, y)
            lines = _lines(f"{'abcd'[k]}. {u.labels[k]}", SANS, FS, col - BOX - 3)
            for j, line in enumerate(lines[:3]):
                text(x + BOX + 1.2, y + 3.7 + j * LEAD, line, SANS, FS)
            tallest = max(tallest, min(len(lines), 3))
        y += max(BOX, tallest * LEAD) + 1.8
    y += 0.5
    text(LEFT + 1, y + 3.6, f"{SARAN_TITLE} {SARAN_HINT}", SANS_BOLD, 8.0)
    y += 5.0
    if BOTTOM - y < SARAN_MIN_H:
        raise LayoutError(
            f"Pertanyaan dan pilihan periode {sel.periode} ({len(us)} unsur) tidak muat pada satu lembar "
            "kuesioner pindai; kurangi pilihan layanan/pekerjaan atau pakai kuesioner biasa."
        )
    lay.saran = {"x": LEFT, "y": round(y, 2), "w": RIGHT - LEFT, "h": round(BOTTOM - y, 2)}
    return lay


def _draw_static(c: rl_canvas.Canvas, sel: Selection, lay: Layout) -> None:
    H = PAGE_MM[1]

    def Y(v: float) -> float:
        return (H - v) * mm

    c.setFillColor(colors.black)
    for x, y in MARKS:
        c.rect(x * mm, Y(y + MARK), MARK * mm, MARK * mm, stroke=0, fill=1)
    c.setFont(SANS_BOLD, 12)
    c.drawString(LEFT * mm, Y(13.5), "KUESIONER SURVEI KEPUASAN MASYARAKAT")
    c.setFont(SANS, 8.6)
    c.drawString(LEFT * mm, Y(18.5), f"{sel.unit.nama} – Periode {sel.periode}"[:95])
    c.setFont(SANS, 6.4)
    c.setFillColor(MUTED)
    c.drawString(CODE_X * mm, Y(CODE_Y + CODE_H + 2.6), "Kode baca mesin: jangan ditulisi")
    for bx, by, bw, bh in lay.bars:
        c.setFillColor(LIGHT)
        c.rect(bx * mm, Y(by + bh), bw * mm, bh * mm, stroke=0, fill=1)
    for x, y, s, font, size, colour in lay.texts:
        c.setFillColor(colour)
        c.setFont(font, size)
        c.drawString(x * mm, Y(y), s)
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.7)
    for b in lay.boxes:
        c.rect(b["x"] * mm, Y(b["y"] + b["h"]), b["w"] * mm, b["h"] * mm, stroke=1, fill=0)
    sa = lay.saran
    c.setStrokeColor(GRID)
    c.rect(sa["x"] * mm, Y(sa["y"] + sa["h"]), sa["w"] * mm, sa["h"] * mm, stroke=1, fill=0)
    c.setFillColor(colors.black)
    c.setFont(SANS, 7.4)
    c.drawCentredString(105 * mm, Y(280.5), THANKS)


def _draw_number(c: rl_canvas.Canvas, no: int, periode: int, fp: int) -> None:
    H = PAGE_MM[1]
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.8)
    c.rect(158 * mm, (H - 21.5) * mm, 34 * mm, 11 * mm, stroke=1, fill=0)
    c.setFillColor(colors.black)
    c.setFont(SANS, 6.4)
    c.drawString(159.5 * mm, (H - 13.2) * mm, "No. Kuesioner")
    c.setFont(SANS_BOLD, 13)
    c.drawString(159.5 * mm, (H - 19.8) * mm, f"{no:05d}")
    c.setFont(SANS, 6.4)
    c.drawRightString(191 * mm, (H - 19.8) * mm, f"P{periode}")
    for i, bit in enumerate(dp.encode(no, periode, fp)):
        if bit:
            c.rect((CODE_X + i * CODE_W) * mm, (H - CODE_Y - CODE_H) * mm, CODE_W * mm, CODE_H * mm, stroke=0, fill=1)


def layout_path(pdf: Path) -> Path:
    """FILE.layout.json beside FILE.pdf."""
    return pdf.with_name(pdf.stem + ".layout.json")


def build_pdf(
    sel: Selection, cetakan: dp.Cetakan, out: Path, invariant: bool | None = None, progress: ProgressFn = None
) -> Path:
    """The sheets of ``cetakan`` (each with its number and period code); the layout JSON is
    written by ``write_layout``."""
    lay = layout(sel)
    fp = lay.fingerprint
    c = rl_canvas.Canvas(str(out), pagesize=A4, invariant=1 if want_invariant(invariant) else 0, pageCompression=1)
    c.setTitle(f"Kuesioner SKM (pindai) – {sel.unit.nama} – {sel.judul_seleksi}")
    c.setAuthor(sel.unit.nama)
    c.setSubject("Kuesioner Survei Kepuasan Masyarakat untuk dipindai")
    c.beginForm("lembar")
    _draw_static(c, sel, lay)
    c.endForm()
    for k, no in enumerate(cetakan.nomor):
        c.doForm("lembar")
        _draw_number(c, no, cetakan.periode, fp)
        c.showPage()
        if progress and k % 50 == 0:
            progress(10 + int(85 * k / cetakan.jumlah), f"Lembar {k + 1} dari {cetakan.jumlah}")
    c.save()
    return out


def layout_json(sel: Selection) -> str:
    return json.dumps(layout(sel).as_json(), ensure_ascii=False, indent=1)
