"""Kinerja entri dan verifikasi data: the per-operator statistics, the period's
error estimate and the batch status on A4 landscape, in the bundled fonts and
the shared table style of every SKM document. Takes plain data
(:class:`~skm_desktop.reports.model.KinerjaVerifikasi`); computes nothing."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Frame, PageTemplate, Paragraph, Spacer

from skm_desktop.domain import kualitas
from skm_desktop.domain.formatting import angka, tanggal

from .common import DocInfo, Marker, SkmDoc, data_table, esc
from .model import KinerjaVerifikasi
from .styles import SANS, Styles

JUDUL = "Kinerja Entri dan Verifikasi Data"
M = 15 * mm
HEAD = list(kualitas.KOLOM_OPERATOR)


def story(data: KinerjaVerifikasi, st: Styles, width: float) -> list:
    h2 = st.h2
    out = [
        Marker("body-start"),
        Paragraph(esc(f"{JUDUL} — {data.unit}"), st.title.clone("vt", fontSize=17, leading=22)),
        Paragraph(esc(f"Periode {data.periode}. Dicetak {tanggal(data.dicetak)}."), st.center),
        Spacer(1, 3 * mm),
    ]
    first = 52 * mm
    rest = (width - first) / (len(HEAD) - 1)
    rows = [HEAD] + [r.baris() for r in data.operator]
    out.append(data_table(rows, [first] + [rest] * (len(HEAD) - 1), st, align_right=range(1, len(HEAD)), font_size=9))
    out += [Spacer(1, 4 * mm), Paragraph("Perkiraan kesalahan data periode", h2)]
    out += [Paragraph(esc(line), st.body_left) for line in data.ringkasan]
    out.append(Paragraph(esc(data.kalimat_laporan), st.body_left))
    out += [Spacer(1, 2 * mm), Paragraph("Status bundel", h2)]
    if data.bundel:
        rows = [["Bundel", "Kuesioner", "Terverifikasi", "Status"]] + [
            [b.label, angka(b.n_kuesioner), angka(b.n_terverifikasi), b.status] for b in data.bundel
        ]
        out.append(data_table(rows, [70 * mm, 35 * mm, 35 * mm, 60 * mm], st, align_right=(1, 2), font_size=9))
    else:
        out.append(Paragraph("Belum ada kuesioner kertas di periode ini.", st.body_left))
    return out


def build_pdf(data: KinerjaVerifikasi, out: Path, invariant: bool | None = None) -> Path:
    st = Styles(base=10)
    info = DocInfo(
        title=f"{JUDUL} – {data.unit} – Periode {data.periode}",
        header=f"{data.unit} · {JUDUL} · Periode {data.periode}",
        author=data.unit,
        subject=JUDUL,
    )
    # the canvas starts in the bundled font too, so no unembedded Helvetica is referenced at all
    doc = SkmDoc(out, info, invariant=invariant, initialFontName=SANS)
    w, h = landscape(A4)
    doc.pageTemplates = []
    doc.addPageTemplates(
        [
            PageTemplate(
                "landscape",
                [Frame(M, 15 * mm, w - 2 * M, h - 32 * mm, id="land")],
                onPageEnd=doc._decorate,
                pagesize=landscape(A4),
            )
        ]
    )
    doc.build(story(data, st, w - 2 * M - 12))
    return out
