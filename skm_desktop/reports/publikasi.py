"""Publikasi hasil SKM: one A4 page for the notice board and the website — the
unit and how to reach it, when the survey ran, the IKM (nilai indeks and
konversi) with its mutu and kinerja, NRR per unsur, IKM per jenis layanan, the
three priority unsur with their rencana tindak lanjut, who answered, and the
signature. A long list of layanan shrinks the page rather than spilling over."""

from __future__ import annotations

from pathlib import Path

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, Paragraph, Spacer, Table, TableStyle

from skm_desktop.domain import karakteristik as kar
from skm_desktop.domain.formatting import angka, persen, rentang_tanggal

from . import texts
from .common import ProgressFn, data_table, esc, ikm_cells, pejabat_signature, selection_info, sheet_doc, widths
from .model import Laporan, RtlRow
from .styles import CHART_EMPTY, GRID, LIGHT, MUTU_COLORS, MUTU_NONE, PRIMARY, SANS_BOLD, Styles

M = 14 * mm
#: Tighter rows than the laporan's tables: the whole result has to stand on one sheet.
RAPAT = [("TOPPADDING", (0, 0), (-1, -1), 1.2), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8)]
#: The characteristics printed on the page (jenis layanan has its own IKM table).
KARAKTERISTIK = ("jenis_kelamin", "pendidikan", "pekerjaan", "usia")


def _fs(st: Styles) -> float:
    """The tables' type size, following the page's base size (smaller when much has to fit)."""
    return st.body.fontSize - 1.5


def _bar(nrr, mutu, width: float, height: float = 7) -> Drawing:
    d = Drawing(width, height)
    d.add(Rect(0, 1, width, height - 2, fillColor=CHART_EMPTY, strokeColor=None))
    if nrr is not None:
        d.add(
            Rect(0, 1, width * float(nrr) / 4, height - 2, fillColor=MUTU_COLORS.get(mutu, MUTU_NONE), strokeColor=None)
        )
    return d


def _header(lap: Laporan, st: Styles) -> list:
    sel = lap.sel
    u = sel.unit
    small = st.center.clone("pa", fontSize=8.5, leading=11, spaceAfter=0)
    out = []
    if u.instansi_induk:
        out.append(Paragraph(esc(u.instansi_induk.upper()), small))
    out.append(Paragraph(f"<b>{esc(u.nama.upper())}</b>", st.center.clone("pu", fontSize=13, leading=16, spaceAfter=0)))
    addr = ", ".join(x for x in (u.alamat, u.kota) if x)
    if addr:
        out.append(Paragraph(esc(addr), small))
    contact = " · ".join(x for x in (f"Telp. {u.telepon}" if u.telepon else "", u.email) if x)
    if contact:
        out.append(Paragraph(esc(contact), small))
    out.append(Spacer(1, 2 * mm))
    out.append(
        Paragraph("PUBLIKASI HASIL SURVEI KEPUASAN MASYARAKAT", st.subtitle.clone("pt", fontSize=14, textColor=PRIMARY))
    )
    out.append(Paragraph(esc(sel.judul_seleksi), st.center.clone("pp", spaceAfter=0)))
    if sel.tanggal_mulai or sel.tanggal_selesai:
        when = "Waktu survei: " + rentang_tanggal(sel.tanggal_mulai, sel.tanggal_selesai)
        if sel.tanggal_dari_data:
            when += " (berdasarkan tanggal kuesioner)"
        out.append(Paragraph(esc(when), st.center.clone("pw", fontSize=8.5, leading=11, spaceAfter=2)))
    return out


def _boxes(lap: Laporan, st: Styles, width: float) -> Table:
    sm = lap.sel.summary
    big = st.big.clone("pb", fontSize=36, leading=41)
    mid = st.center.clone("pk", fontName=SANS_BOLD, fontSize=17, leading=21)
    has = sm.ikm is not None
    boxes = Table(
        [
            [
                Paragraph("NILAI IKM (KONVERSI)", st.cell_c),
                Paragraph("NILAI INDEKS", st.cell_c),
                Paragraph("MUTU PELAYANAN", st.cell_c),
                Paragraph("KINERJA UNIT", st.cell_c),
                Paragraph("RESPONDEN", st.cell_c),
            ],
            [
                Paragraph(angka(sm.ikm_konversi_2dp, 2) if has else "–", big),
                Paragraph(angka(sm.ikm, 3) if has else "–", mid),
                Paragraph(sm.mutu or "–", big.clone("pm", textColor=MUTU_COLORS.get(sm.mutu, MUTU_NONE))),
                Paragraph(esc(sm.kinerja or "–"), mid.clone("pk2", fontSize=14, leading=18)),
                Paragraph(angka(sm.respondents), mid),
            ],
        ],
        colWidths=[width * 0.3, width * 0.17, width * 0.17, width * 0.2, width * 0.16],
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
    return boxes


def _unsur(lap: Laporan, st: Styles, width: float) -> list:
    sm = lap.sel.summary
    barw = 46 * mm
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
        widths(width, 8 * mm, None, 18 * mm, 18 * mm, 12 * mm, barw + 6),
        st,
        font_size=_fs(st),
        align_center=(0, 2, 3, 4),
        extra=RAPAT,
    )
    out = [Paragraph("Nilai per unsur pelayanan", st.h2), t]
    notes = [texts.PEMBULATAN_PUBLIKASI] if sm.ikm is not None else []
    if sm.tanpa_jawaban:
        notes.append(texts.tanpa_jawaban(sm))
    return out + [Paragraph(esc(x), st.note) for x in notes]


def _layanan(lap: Laporan, st: Styles, width: float) -> list:
    if len(lap.per_layanan) < 2:
        return []
    rows = [["No", "Jenis layanan", "Responden", "Nilai indeks", "IKM konversi", "Mutu", "Kinerja"]]
    for i, (nama, s2) in enumerate(lap.per_layanan, 1):
        rows.append([str(i), nama, angka(s2.respondents), *ikm_cells(s2), s2.kinerja or "–"])
    t = data_table(
        rows,
        widths(width, 8 * mm, None, 20 * mm, 20 * mm, 22 * mm, 12 * mm, 24 * mm),
        st,
        font_size=_fs(st),
        align_center=(0, 5),
        align_right=(2, 3, 4),
        extra=RAPAT,
    )
    return [Paragraph("IKM per jenis layanan", st.h2), t]


def _waktu(x: RtlRow) -> str:
    if x.jangka:
        return x.jangka.capitalize()
    return ", ".join(x.triwulan) or x.waktu


def _prioritas(lap: Laporan, st: Styles, width: float) -> list:
    """The priority unsur (the lowest NRR, whatever their mutu) and what the unit will do about them."""
    sm = lap.sel.summary
    if not sm.prioritas:
        return []
    out = [
        Paragraph(f"Unsur prioritas perbaikan ({len(sm.prioritas)} NRR terendah) dan rencana tindak lanjut", st.h2),
        Paragraph(esc(texts.perlu_ditingkatkan(sm)), st.small),
    ]
    prio = {r.kode for r in sm.prioritas}
    plans = {k: [x for x in lap.rtl if x.unsur_kode == k] for k in prio}
    with_plan = any(plans.values())
    head = ["Unsur", "NRR", "Mutu"] + (["Upaya / rencana tindak lanjut", "Waktu"] if with_plan else [])
    rows: list[list] = [head]
    for r in sm.prioritas:
        base = [f"{r.kode} {r.unsur.nama}", angka(r.nrr, 3), r.mutu or "–"]
        if not with_plan:
            rows.append(base)
            continue
        if not plans[r.kode]:  # an unsur without a plan keeps its row, the plan cells stay empty
            rows.append(base + ["", ""])
        rows += [base + [x.program, _waktu(x)] for x in plans[r.kode]]
    cols = (
        widths(width, 52 * mm, 14 * mm, 12 * mm, None, 28 * mm) if with_plan else widths(width, None, 25 * mm, 25 * mm)
    )
    out.append(data_table(rows, cols, st, font_size=_fs(st), align_center=(1, 2), extra=RAPAT))
    other = [x for x in lap.rtl if x.unsur_kode not in prio]
    if other:
        out.append(
            Paragraph(
                esc("Rencana tindak lanjut lain: " + "; ".join(f"{x.unsur_kode}: {x.program}" for x in other) + "."),
                st.small,
            )
        )
    return out


def _kar_table(f: str, d: kar.Distribution, st: Styles, width: float) -> Table:
    label = kar.KARAKTERISTIK_LABELS[f]
    rows = [[label, "Jumlah", "%"]]
    for r in d.rows:
        rows.append(
            [kar.USIA_LABELS.get(r.label, r.label) if f == "usia" else r.label, angka(r.count), persen(r.percent)]
        )
    rows.append(["Jumlah", angka(d.total), persen(d.jumlah_persen)])
    return data_table(
        rows,
        widths(width, None, 13 * mm, 16 * mm),
        st,
        font_size=_fs(st) - 0.5,
        align_right=(1, 2),
        extra=[*RAPAT, ("FONT", (0, -1), (-1, -1), SANS_BOLD, _fs(st) - 0.5)],
    )


def _karakteristik(lap: Laporan, st: Styles, width: float) -> list:
    """Who answered, in three columns: jenis kelamin over usia, pendidikan, pekerjaan."""
    dists = {f: lap.karakteristik[f] for f in KARAKTERISTIK if f in lap.karakteristik and lap.karakteristik[f].total}
    if not dists:
        return []
    col = width / 3
    cells = []
    for group in (("jenis_kelamin", "usia"), ("pendidikan",), ("pekerjaan",)):
        stack = []
        for f in group:
            if f in dists:
                stack += [_kar_table(f, dists[f], st, col - 3 * mm), Spacer(1, 2 * mm)]
        cells.append(stack)
    t = Table([cells], colWidths=[col] * 3)
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    off = [(kar.KARAKTERISTIK_LABELS[f].lower(), d) for f, d in dists.items() if d.catatan_pembulatan]
    out = [Paragraph("Karakteristik responden", st.h2), t]
    if off:
        out.append(
            Paragraph(
                esc(
                    "Jumlah persentase yang tercetak ("
                    + "; ".join(f"{name} {angka(sum(r.percent for r in d.rows), 2)}%" for name, d in off)
                    + ") berbeda dari 100,00% karena setiap persentase dibulatkan sendiri (dua desimal)."
                ),
                st.note,
            )
        )
    return out


def story(lap: Laporan, st: Styles, width: float) -> list:
    out = _header(lap, st)
    out += [Spacer(1, 1 * mm), _boxes(lap, st, width), Spacer(1, 2 * mm)]
    out += _unsur(lap, st, width)
    out += _layanan(lap, st, width)
    out += _prioritas(lap, st, width)
    out += _karakteristik(lap, st, width)
    out += [Spacer(1, 3 * mm), pejabat_signature(lap, st)]
    return out


def _height(flowables: list, width: float) -> float:
    h = 0.0
    for f in flowables:
        h += f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter()
    return h


#: Type sizes tried in turn until the page holds everything (a unit with many layanan
#: prints smaller); below the last, the whole page is scaled down to fit.
UKURAN = (9.5, 9.0, 8.5, 8.0)


def build_pdf(lap: Laporan, out: Path, invariant: bool | None = None, progress: ProgressFn = None) -> Path:
    info = selection_info(lap.sel, "Publikasi SKM", "Publikasi hasil Survei Kepuasan Masyarakat")
    doc = sheet_doc(out, info, M, invariant)
    w, h = A4[0] - 2 * M - 12, A4[1] - 2 * M - 14
    for base in UKURAN:
        st = Styles(base=base)
        st.h2 = st.h2.clone("ph2", spaceBefore=base * 0.55, spaceAfter=base * 0.3)
        flow = story(lap, st, w)
        if _height(flow, w) <= h:
            break
        flow = story(lap, st, w)  # wrap() above laid the flowables out once; build fresh ones
    # always one page: what still does not fit is scaled down rather than spilled onto a second
    doc.build([KeepInFrame(w, h, flow, mode="shrink")])
    return out
