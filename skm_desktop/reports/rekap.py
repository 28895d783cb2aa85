"""The recap laporan (rekap SKM kota / kabupaten / provinsi) as PDF (and DOCX, the same story): cover, daftar isi,
BAB I pendahuluan, BAB II pengumpulan data (units by kelompok, jadwal, counts by
metode), BAB III hasil (the per-unit table and the ranking in landscape, changes,
the city's unsur chart, the trend against the sasaran, units not reported), BAB IV
kesimpulan. Every figure comes ready from :class:`reports.rekap_model.RekapDokumen`.

The check table (figures that disagree with themselves in the units' own summaries)
is the operator's working material: it is in the XLSX (sheet "Pemeriksaan"), not in
this public document.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

from reportlab.lib.units import mm
from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph, Spacer

from skm_desktop.domain.category import KATEGORI
from skm_desktop.domain.formatting import angka

from . import charts, docx_writer
from .common import (
    DocInfo,
    Heading,
    Marker,
    PagedTable,
    SkmDoc,
    data_table,
    esc,
    keep_headings_with_next,
    make_toc,
    widths,
)
from .laporan import _Builder
from .rekap_model import RekapDokumen
from .styles import SANS_BOLD, Styles

LANDSCAPE_WIDTH = (297 - 30) * mm
CHANGE_LABEL = {"naik": "Naik", "turun": "Turun", "tetap": "Tetap", "": "–"}


def judul(d: RekapDokumen) -> str:
    return f"Rekapitulasi Hasil SKM {d.wilayah + ' ' if d.wilayah else ''}Tahun {d.tahun}"


def a2(x: Decimal | None) -> str:
    return angka(x, 2) if x is not None else "–"


def n0(x: int | None) -> str:
    return angka(x) if x is not None else "–"


def unit_groups(d: RekapDokumen, codes: list[str]) -> list[list[list[str]]]:
    """Each unit's rows of the per-unit table: its period rows, then its annual row."""
    n = len(codes)
    out = []
    for no, u in enumerate(d.units, 1):
        rows = [
            ["", "", p.periode, *([a2(v) for v in p.unsur] or [""] * n), a2(p.ikm), p.mutu]
            + ["" if p.responden is None else n0(p.responden), "", ""]
            for p in u.periods
        ]
        label = "Tahunan" if not u.periods else u.cara[:1].upper() + u.cara[1:]  # "Rata-rata semester"
        rows.append(
            [
                str(no),
                u.unit,
                label,
                *[a2(v) for v in u.unsur],
                a2(u.ikm),
                u.mutu,
                n0(u.responden),
                n0(u.target),
                u.metode or "–",
            ]
        )
        rows[0][0], rows[0][1] = str(no), u.unit
        if len(rows) > 1:
            rows[-1][0] = rows[-1][1] = ""
        out.append(rows)
    return out


def unit_table_maker(codes: list[str], st: Styles, width: float):
    """Builds the per-unit table (two header rows) of some unit groups: number and name
    spanning each unit's rows, the annual row in bold."""
    n = len(codes)
    head1 = ["No", "Unit pelayanan", "Periode", "Nilai per unsur (konversi)", *[""] * (n - 1)]
    head1 += ["IKM", "Mutu", "Responden", "Target", "Metode SKM"]
    head2 = ["", "", "", *codes, "", "", "", "", ""]
    w = widths(width, 8 * mm, None, 30 * mm, *[12.5 * mm] * n, 13 * mm, 11 * mm, 19.5 * mm, 14 * mm, 17 * mm)

    def make(groups):
        rows: list[list] = [head1, head2]
        cmds: list[tuple] = [("SPAN", (3, 0), (2 + n, 0))]
        cmds += [("SPAN", (j, 0), (j, 1)) for j in (0, 1, 2, *range(3 + n, 8 + n))]
        for g in groups:
            first, last = len(rows), len(rows) + len(g) - 1
            rows += g
            if last > first:
                cmds += [("SPAN", (0, first), (0, last)), ("SPAN", (1, first), (1, last))]
            cmds += [("FONT", (2, last), (-1, last), SANS_BOLD, 7), ("VALIGN", (0, first), (1, last), "TOP")]
        return data_table(
            rows,
            w,
            st,
            header_rows=2,
            font_size=7,
            align_right=tuple(range(3, 4 + n)) + (5 + n, 6 + n),
            align_center=(0, 4 + n),
            extra=cmds,
            zebra=False,
        )

    return make


def ranking_rows(d: RekapDokumen) -> list[list]:
    rows: list[list] = [
        [
            "Peringkat",
            "Unit pelayanan",
            "Kelompok",
            f"IKM {d.tahun}",
            "Mutu",
            f"IKM {d.previous_tahun}",
            "Mutu",
            f"IKM {d.previous2_tahun}",
            "Mutu",
            "Perubahan",
            "Selisih",
        ]
    ]
    kelompok = {u.unit: u.kelompok for u in d.units}
    for r in d.ranking:
        rows.append(
            [
                str(r.rank),
                r.unit,
                kelompok.get(r.unit, ""),
                a2(r.ikm),
                r.mutu,
                a2(r.prev),
                r.mutu_prev or "–",
                a2(r.prev2),
                r.mutu_prev2 or "–",
                CHANGE_LABEL.get(r.change, r.change),
                "–" if r.selisih is None else (("+" if r.selisih > 0 else "") + angka(r.selisih, 2)),
            ]
        )
    return rows


def _cover(d: RekapDokumen, st: Styles) -> list:
    out = [
        Spacer(1, 30 * mm),
        Paragraph("LAPORAN REKAPITULASI", st.title.clone("c1", fontSize=18, spaceAfter=2)),
        Paragraph("HASIL SURVEI KEPUASAN MASYARAKAT", st.title.clone("c2", fontSize=20, leading=27)),
        Paragraph("UNIT PENYELENGGARA PELAYANAN PUBLIK", st.subtitle),
        Spacer(1, 40 * mm),
        Paragraph(f"TAHUN {d.tahun}", st.subtitle.clone("c3", fontSize=17, leading=22)),
        Spacer(1, 8 * mm),
        Paragraph(
            esc(f"{len(d.units)} unit pelayanan · {angka(d.respondents)} responden"),
            st.center,
        ),
        Spacer(1, 60 * mm),
    ]
    if d.wilayah:
        out.append(Paragraph(esc(d.wilayah.upper()), st.subtitle.clone("c5", fontSize=14)))
    return out


def build_story(d: RekapDokumen, st: Styles, width: float) -> list:
    b = _Builder(d, st, width)  # type: ignore[arg-type]  # the numbering helpers only
    S = b.story
    S += _cover(d, st)
    S += [NextPageTemplate("front"), PageBreak(), Heading("DAFTAR ISI", st.h1, 0, "Daftar Isi"), make_toc(st)]
    S.append(NextPageTemplate("body"))
    # BAB I
    b.chapter("I", "PENDAHULUAN")
    S.insert(len(S) - 1, Marker("body-start"))
    b.section(d.teks_judul["latar_belakang"])
    b.para(d.teks["latar_belakang"])
    b.section(d.teks_judul["dasar_hukum"])
    b.numbered(d.teks["dasar_hukum"])
    b.section(d.teks_judul["maksud_tujuan"])
    b.para(d.teks["maksud_tujuan"])
    # BAB II
    b.chapter("II", "PENGUMPULAN DATA SKM DARI UNIT PELAYANAN")
    b.section("Unit pelayanan yang melapor")
    b.para(
        f"Rekap tahun {d.tahun} memuat {len(d.units)} unit pelayanan yang menyampaikan hasil SKM, "
        f"dengan {angka(d.respondents)} responden."
    )
    rows = [["No", "Kelompok", "Unit pelayanan", "Jumlah"]]
    for i, (k, names) in enumerate(d.kelompok_units, 1):
        rows.append([str(i), k, ", ".join(names), str(len(names))])
    b.table("Unit pelayanan menurut kelompok", rows, widths(width, 10 * mm, 30 * mm, None, 18 * mm), align_right=(3,))
    b.section(d.teks_judul["jadwal"])
    b.para(d.teks["jadwal"])
    b.section("Metode pengumpulan data")
    rows = [["Metode SKM", "Jumlah unit"]] + [[m, str(n)] for m, n in d.metode_counts]
    b.table("Jumlah unit menurut metode SKM", rows, widths(width, None, 35 * mm), align_right=(1,))
    rows = [["Cara menghitung IKM tahunan unit", "Jumlah unit"]] + [[m, str(n)] for m, n in d.cara_counts]
    b.table("Jumlah unit menurut cara menghitung IKM tahunan", rows, widths(width, None, 35 * mm), align_right=(1,))
    rk = d.realisasi_total
    rows = [["Kelompok", "Target sampel", "Responden", "Realisasi (%)"]]
    for r in (*d.realisasi_kelompok, rk):
        rows.append([r.nama, n0(r.target or None), n0(r.responden), a2(r.persen)])  # no target given: –
    b.table(
        "Target dan realisasi sampel",
        rows,
        widths(width, None, 32 * mm, 32 * mm, 32 * mm),
        align_right=(1, 2, 3),
        extra=[("FONT", (0, -1), (-1, -1), SANS_BOLD, 8.5)],
    )
    # BAB III
    b.chapter("III", "HASIL PELAKSANAAN SKM UNIT PELAYANAN")
    b.section("Indeks Kepuasan Masyarakat daerah")
    b.para(
        f"IKM tahun {d.tahun} adalah {a2(d.ikm)}, mutu pelayanan {d.mutu} ({d.kinerja}); angka utama ini "
        f"dihitung sebagai {d.headline}."
        + (f" Gabungan seluruh responden memberi {a2(d.ikm_pooled)}." if d.ikm_pooled is not None else "")
    )
    kinerja = {k.mutu: k.kinerja for k in KATEGORI}
    rows = [["Mutu", "Jumlah unit"]] + [[f"{m} – {kinerja.get(m, '')}", str(n)] for m, n in d.mutu_counts]
    b.table("Jumlah unit menurut mutu pelayanan", rows, widths(width, None, 35 * mm), align_right=(1,))
    b.section(f"Perubahan dibandingkan tahun {d.previous_tahun}")
    if not d.compared:
        b.para(
            f"Belum ada unit yang mempunyai IKM tahun {d.tahun} dan {d.previous_tahun}; perubahan belum dapat dihitung."
        )
    else:
        b.para(
            f"Dari {d.compared} unit yang mempunyai IKM tahun {d.tahun} dan {d.previous_tahun}: "
            f"{d.naik} unit naik, {d.turun} unit turun, {d.tetap} unit tetap."
        )
        rows = [["Perubahan", "Jumlah unit"], ["Naik", str(d.naik)], ["Turun", str(d.turun)], ["Tetap", str(d.tetap)]]
        b.table("Jumlah unit menurut perubahan IKM", rows, widths(width, None, 35 * mm), align_right=(1,))
        if d.transitions:
            rows = [["Perubahan mutu", "Jumlah unit"]] + [[p, str(n)] for p, n in d.transitions]
            b.table("Perpindahan mutu pelayanan", rows, widths(width, None, 35 * mm), align_right=(1,))
        else:
            b.para("Tidak ada unit yang berpindah mutu pelayanan.")
    if d.only_current:
        b.para(f"Tanpa angka tahun {d.previous_tahun} (tidak dibandingkan): " + ", ".join(d.only_current) + ".")
    if d.only_previous:
        b.para(
            f"Mempunyai angka tahun {d.previous_tahun} tetapi tidak tahun {d.tahun}: "
            + ", ".join(d.only_previous)
            + "."
        )
    if d.unsur_city:
        b.section("Nilai unsur pelayanan seluruh unit")
        b.para(
            "Nilai setiap unsur adalah rata-rata nilai unsur (konversi) unit yang melaporkannya."
            + (f" Unsur terendah: {d.lowest_unsur}." if d.lowest_unsur else "")
        )
        b.figure(
            "Nilai rata-rata per unsur pelayanan",
            charts.konversi_chart([(f"{k} {nm}", v, m) for k, nm, v, m in d.unsur_city], width),
        )
    b.section("Tren IKM dan sasaran")
    b.para(
        "IKM daerah setiap tahun (garis utuh) dibandingkan dengan sasaran IKM dalam rencana daerah "
        "(garis putus-putus), bila sasaran tahun itu sudah diisi."
    )
    pts = [SimpleNamespace(label=str(t.tahun), ikm_konversi_2dp=t.ikm) for t in d.trend]
    if len(pts) >= 2:  # one year is no trend: its table below says it all
        b.figure(
            "Tren IKM daerah terhadap sasaran", charts.trend_chart(pts, width, sasaran=[t.sasaran for t in d.trend])
        )
    rows = [["Tahun", "Sasaran IKM", "Realisasi IKM"]] + [[str(t.tahun), a2(t.sasaran), a2(t.ikm)] for t in d.trend]
    b.table("Sasaran dan realisasi IKM", rows, widths(width, None, 40 * mm, 40 * mm), align_right=(1, 2))
    # the landscape section: the per-unit table and the ranking
    codes = list(d.unsur_codes)
    S += [NextPageTemplate("landscape"), PageBreak()]
    b.section("Hasil SKM per unit pelayanan")
    S += [
        b.tab_caption(f"Hasil SKM per unit pelayanan tahun {d.tahun} (baris periode dan baris tahunan)"),
        PagedTable(unit_table_maker(codes, st, LANDSCAPE_WIDTH), unit_groups(d, codes)),
        Spacer(1, 2 * mm),
        Paragraph(
            "Baris periode: IKM setiap semester/triwulan; baris tahunan (tebal): angka unit yang dipakai "
            "untuk peringkat dan IKM daerah, dengan cara menghitungnya. Mutu: "
            + ", ".join(f"{k.mutu} = {k.kinerja}" for k in KATEGORI)
            + ".",
            st.note,
        ),
    ]
    S += [PageBreak()]
    b.section("Peringkat unit pelayanan")
    # its own names: the table is made when the PDF is laid out, after ``rows`` is reused below
    rank_head, *rank_body = ranking_rows(d)
    rank_w = widths(LANDSCAPE_WIDTH, 18 * mm, None, 26 * mm, *[18 * mm, 12 * mm] * 3, 20 * mm, 16 * mm)

    def ranking_table(groups):
        body = [r for g in groups for r in g]
        return data_table(
            [rank_head, *body], rank_w, st, font_size=7.5, align_center=(0, 4, 6, 8, 9), align_right=(3, 5, 7, 10)
        )

    S += [
        b.tab_caption(f"Peringkat IKM unit pelayanan tahun {d.tahun} dan dua tahun sebelumnya"),
        PagedTable(ranking_table, [[r] for r in rank_body]),
        Spacer(1, 2 * mm),
        Paragraph("Unit dengan IKM (dua desimal) yang sama berbagi peringkat.", st.note),
    ]
    S += [NextPageTemplate("body"), PageBreak()]
    b.section("Unit yang belum melapor")
    if d.not_reported:
        b.para(f"{len(d.not_reported)} unit belum menyampaikan hasil SKM tahun {d.tahun}:")
        rows = [["No", "Unit pelayanan"]] + [[str(i), u] for i, u in enumerate(d.not_reported, 1)]
        b.table("Unit yang belum melapor", rows, widths(width, 12 * mm, None), align_center=(0,))
    else:
        b.para(f"Semua unit yang terdaftar telah menyampaikan hasil SKM tahun {d.tahun}.")
    # BAB IV
    b.chapter("IV", "KESIMPULAN")
    b.numbered(d.teks["kesimpulan"])
    return keep_headings_with_next(S)


def doc_info(d: RekapDokumen) -> DocInfo:
    title = judul(d)
    return DocInfo(title, title, d.wilayah, "Rekapitulasi Survei Kepuasan Masyarakat")


def build_pdf(d: RekapDokumen, out: Path, invariant: bool | None = None) -> Path:
    doc = SkmDoc(out, doc_info(d), invariant=invariant)
    doc.build_all(build_story(d, Styles(), doc.width))
    return out


def build_docx(d: RekapDokumen, out: Path) -> Path:
    """The same recap laporan as a Word document: the PDF's story translated by docx_writer
    onto the PDF's page templates (BAB III's tables in a landscape section)."""
    info = doc_info(d)
    doc = SkmDoc(out, info)  # for its page templates and text width: nothing is drawn
    docx_writer.write_docx(build_story(d, Styles(), doc.width), out, info, doc.pageTemplates, doc.pagesize)
    return out
