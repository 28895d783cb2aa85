"""Publikasi hasil SKM: one A4 page for the notice board and the website."""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Frame, PageTemplate, Paragraph, Spacer, Table, TableStyle

from skm_desktop.domain.formatting import angka, tanggal

from . import texts
from .common import DocInfo, ProgressFn, SkmDoc, data_table, esc, signature_block
from .model import Laporan
from .styles import CHART_EMPTY, GRID, LIGHT, MUTU_COLORS, MUTU_NONE, PRIMARY, SANS_BOLD, Styles

M = 14 * mm


def _bar(nrr, mutu, width: float, height: float = 9) -> Drawing:
    d = Drawing(width, height)
    d.add(Rect(0, 1, width, height - 2, fillColor=CHART_EMPTY, strokeColor=None))
    if nrr is not None:
        d.add(
            Rect(0, 1, width * float(nrr) / 4, height - 2, fillColor=MUTU_COLORS.get(mutu, MUTU_NONE), strokeColor=None)
        )
    return d


def story(lap: Laporan, st: Styles, width: float) -> list:
    sel = lap.sel
    sm = sel.summary
    u = sel.unit
    out = []
    head = [Paragraph(f"<b>{esc(u.nama.upper())}</b>", st.center.clone("pu", fontSize=13, leading=16, spaceAfter=0))]
    addr = ", ".join(x for x in (u.alamat, u.kota) if x)
    if addr:
        head.append(Paragraph(esc(addr), st.center.clone("pa", fontSize=8.5, leading=11, spaceAfter=0)))
    out += head
    out.append(Spacer(1, 2 * mm))
    out.append(
        Paragraph("PUBLIKASI HASIL SURVEI KEPUASAN MASYARAKAT", st.subtitle.clone("pt", fontSize=14, textColor=PRIMARY))
    )
    out.append(Paragraph(esc(sel.judul_seleksi), st.center.clone("pp", spaceAfter=2)))
    big = st.big.clone("pb", fontSize=44, leading=50)
    ikm_txt = angka(sm.ikm_konversi_2dp, 2) if sm.ikm is not None else "–"
    boxes = Table(
        [
            [
                Paragraph("NILAI IKM", st.cell_c),
                Paragraph("MUTU PELAYANAN", st.cell_c),
                Paragraph("KINERJA UNIT", st.cell_c),
                Paragraph("RESPONDEN", st.cell_c),
            ],
            [
                Paragraph(ikm_txt, big),
                Paragraph(sm.mutu or "–", big.clone("pm", textColor=MUTU_COLORS.get(sm.mutu, MUTU_NONE))),
                Paragraph(esc(sm.kinerja or "–"), st.center.clone("pk", fontName=SANS_BOLD, fontSize=15, leading=19)),
                Paragraph(angka(sm.respondents), st.center.clone("pr", fontName=SANS_BOLD, fontSize=22, leading=26)),
            ],
        ],
        colWidths=[width * 0.34, width * 0.2, width * 0.26, width * 0.2],
    )
    boxes.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1, PRIMARY),
                ("INNERGRID", (0, 0), (-1, -1), 0.5, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), LIGHT),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 8),
            ]
        )
    )
    out += [Spacer(1, 1 * mm), boxes, Spacer(1, 3 * mm)]
    barw = 48 * mm
    rows = [["No", "Unsur pelayanan", "NRR", "Konversi", "Mutu", "Grafik NRR (skala 1–4)"]]
    for i, r in enumerate(sm.unsur, 1):
        rows.append(
            [
                str(i),
                f"{r.kode} {r.unsur.nama}",
                angka(r.nrr, 3) if r.nrr is not None else "tanpa jawaban",
                angka(r.konversi_2dp, 2) if r.nrr is not None else "–",
                r.mutu or "–",
                _bar(r.nrr, r.mutu, barw),
            ]
        )
    t = data_table(
        rows,
        [8 * mm, width - 8 * mm - 18 * mm - 18 * mm - 12 * mm - barw - 6, 18 * mm, 18 * mm, 12 * mm, barw + 6],
        st,
        font_size=8,
        align_center=(0, 2, 3, 4),
    )
    out += [Paragraph("Nilai per unsur pelayanan", st.h2), t]
    notes = [texts.PEMBULATAN_PUBLIKASI] if sm.ikm is not None else []
    if sm.tanpa_jawaban:
        notes.append(texts.tanpa_jawaban(sm))
    out += [Paragraph(esc(x), st.note) for x in notes]
    out.append(Paragraph("Unsur yang perlu ditingkatkan", st.h2))
    perlu = sm.perlu_ditingkatkan
    if not perlu:
        out.append(Paragraph("Tidak ada unsur yang kategorinya tidak baik/kurang baik (mutu C atau D).", st.body))
    else:
        names = {r.kode for r in perlu}
        rtl_rows = [["Unsur", "NRR", "Mutu", "Upaya / rencana tindak lanjut", "Waktu"]]
        for r in perlu:
            plans = [x for x in lap.rtl if x.unsur_kode == r.kode]
            if plans:
                for x in plans:
                    rtl_rows.append([f"{r.kode} {r.unsur.nama}", angka(r.nrr, 3), r.mutu or "–", x.program, _waktu(x)])
            else:
                rtl_rows.append(
                    [
                        f"{r.kode} {r.unsur.nama}",
                        angka(r.nrr, 3),
                        r.mutu or "–",
                        "(rencana tindak lanjut belum diisi)",
                        "–",
                    ]
                )
        out.append(
            data_table(
                rtl_rows,
                [45 * mm, 14 * mm, 11 * mm, width - 45 * mm - 25 * mm - 30 * mm, 30 * mm],
                st,
                font_size=8,
                align_center=(1, 2),
            )
        )
        other = [x for x in lap.rtl if x.unsur_kode not in names]
        if other:
            out.append(
                Paragraph(
                    esc(
                        "Rencana tindak lanjut lain: " + "; ".join(f"{x.unsur_kode}: {x.program}" for x in other) + "."
                    ),
                    st.small,
                )
            )
    out.append(Spacer(1, 3 * mm))
    tt = ", ".join(x for x in (lap.tempat, tanggal(lap.tanggal_laporan) if lap.tanggal_laporan else "") if x)
    out.append(signature_block(st, tt, u.pejabat_jabatan, u.pejabat_nama, u.pejabat_nip))
    return out


def _waktu(x) -> str:
    if x.jangka:
        return x.jangka.capitalize()
    return ", ".join(x.triwulan) or x.waktu or "–"


def build_pdf(lap: Laporan, out: Path, invariant: bool | None = None, progress: ProgressFn = None) -> Path:
    st = Styles(base=9.5)
    sel = lap.sel
    info = DocInfo(
        title=f"Publikasi SKM – {sel.unit.nama} – {sel.judul_seleksi}",
        header="",
        author=sel.unit.nama,
        subject="Publikasi hasil Survei Kepuasan Masyarakat",
    )
    doc = SkmDoc(out, info, invariant=invariant)
    doc.pageTemplates = []
    doc.addPageTemplates([PageTemplate("sheet", [Frame(M, M, A4[0] - 2 * M, A4[1] - 2 * M, id="sheet")])])
    doc.build(story(lap, st, A4[0] - 2 * M - 12))
    return out
