"""Laporan Hasil SKM: cover, kata pengantar, daftar isi / tabel / gambar,
BAB I–V and lampiran (kuesioner, olah data, realisasi RTL periode sebelumnya).
Built with multiBuild so the lists carry the right page numbers."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
)

from skm_desktop.domain import karakteristik as kar
from skm_desktop.domain.formatting import angka, persen, rentang_tanggal
from skm_desktop.domain.rtl import jangka_label

from . import charts, docx_writer, kuesioner, laporan_bab, olah_data, tahunan, texts
from .common import (
    Caption,
    Chart,
    DocInfo,
    FitFigure,
    Heading,
    Marker,
    ProgressFn,
    RawText,
    SkmDoc,
    data_table,
    esc,
    ikm_cells,
    keep_headings_with_next,
    make_toc,
    paragraphs,
    pejabat_signature,
    selection_info,
    widths,
)
from .model import Laporan
from .styles import SANS_BOLD, Styles

SUMBER_LABEL = {
    "kertas": "Kuesioner kertas (dientri operator)",
    "kiosk": "Kios layar sentuh",
    "impor": "Impor berkas (formulir daring atau aplikasi lain)",
    "pindai": "Kuesioner kertas dipindai (dibaca program)",
}
CHECK = "✓"


def lampiran_nomor(lap: Laporan) -> dict[str, int]:
    """The number of every lampiran the laporan has, in their order: the kuesioner, the
    olah data, the realisation of the earlier period's RTL (when there was one), the tim
    pelaksana / FKP, the photos. The one numbering both the headings and the body use."""
    an = lap.analisis
    ada = (
        ("kuesioner", True),
        ("olah", lap.olah is not None),
        ("rtl", bool(lap.rtl_prev_periode)),
        ("tim", bool(an.tim) or an.tanggal_fkp is not None),
        ("foto", bool(an.foto)),
    )
    return {k: i for i, k in enumerate((k for k, on in ada if on), 1)}


class _Builder:
    def __init__(self, lap: Laporan, st: Styles, width: float) -> None:
        self.lap, self.st, self.width = lap, st, width
        self.bab: int | str = 0  # "L" in the lampiran
        self.sub = 0
        self.n_tab = 0
        self.n_gam = 0
        self.story: list = []
        self._nomor_lampiran: dict[str, int] | None = None

    @property
    def nomor_lampiran(self) -> dict[str, int]:
        """:func:`lampiran_nomor` of the laporan, worked out on first use (the recap's
        documents use this builder for its numbering only, without lampiran)."""
        if self._nomor_lampiran is None:
            self._nomor_lampiran = lampiran_nomor(self.lap)
        return self._nomor_lampiran

    # numbering ----------------------------------------------------------
    def chapter(self, roman_no: str, title: str) -> None:
        self.bab = int(self.bab) + 1
        self.sub = 0
        self.n_tab = self.n_gam = 0
        while self.story and type(self.story[-1]) is Spacer:  # a spacer pushed over the page end
            self.story.pop()  # would leave an empty page
        self.story += [
            PageBreak(),
            Heading(f"BAB {roman_no}<br/>{esc(title)}", self.st.chapter, 0, f"BAB {roman_no} {title}"),
        ]

    def lampiran(self, key: str, title: str) -> str:
        """The heading text of the lampiran ``key`` (see :func:`lampiran_nomor`); the first
        one also starts the L numbering of tables and figures."""
        if self.bab != "L":
            self.bab, self.n_tab, self.n_gam = "L", 0, 0
        return f"Lampiran {self.nomor_lampiran[key]}. {title}"

    def section(self, title: str) -> None:
        self.sub += 1
        num = f"{self.bab}.{self.sub}"
        self.story.append(CondPageBreak(40 * mm))  # never a heading alone at the foot of a page
        self.story.append(Heading(f"{num} {esc(title)}", self.st.h2, 1, f"{num} {title}"))

    def tab_caption(self, title: str) -> Caption:
        self.n_tab += 1
        return Caption(f"Tabel {self.bab}.{self.n_tab} {esc(title)}", self.st.caption, "tabel")

    def fig_caption(self, title: str) -> Caption:
        self.n_gam += 1
        return Caption(f"Gambar {self.bab}.{self.n_gam} {esc(title)}", self.st.caption, "gambar")

    def para(self, text: str) -> None:
        self.story += paragraphs(text, self.st.body)

    def numbered(self, text: str) -> None:
        self.story += paragraphs(text, self.st.body, bullet=True, st=self.st)

    def table(self, title: str, rows, widths, **kw) -> None:
        t = data_table(rows, widths, self.st, **kw)
        cap = self.tab_caption(title)
        if len(rows) <= 25:
            self.story.append(KeepTogether([cap, t]))
        else:
            self.story += [CondPageBreak(60 * mm), cap, t]
        self.story.append(Spacer(1, 3 * mm))

    def figure(self, title: str, drawing) -> None:
        self.story.append(FitFigure(drawing, self.fig_caption(title)))
        self.story.append(Spacer(1, 3 * mm))


def _cover(lap: Laporan, st: Styles, width: float) -> list:
    sel = lap.sel
    u = sel.unit
    out = [
        Spacer(1, 18 * mm),
        Paragraph("LAPORAN HASIL", st.title.clone("c1", fontSize=18, spaceAfter=2)),
        Paragraph("SURVEI KEPUASAN MASYARAKAT", st.title.clone("c2", fontSize=22, leading=28)),
        Spacer(1, 6 * mm),
    ]
    if u.logo:
        try:
            img = ImageReader(io.BytesIO(u.logo))
            iw, ih = img.getSize()
            h = 45 * mm
            w = min(width, h * iw / ih)
            out.append(Image(io.BytesIO(u.logo), width=w, height=w * ih / iw))
        except Exception:  # a damaged logo must not stop the report
            out.append(Spacer(1, 45 * mm))
    else:
        out.append(Spacer(1, 45 * mm))
    out += [
        Spacer(1, 12 * mm),
        Paragraph(esc(u.nama.upper()), st.subtitle.clone("c3", fontSize=17, leading=22)),
        Paragraph(esc(sel.judul_seleksi), st.subtitle.clone("c4", fontSize=13, fontName=st.body.fontName)),
    ]
    if sel.tanggal_mulai or sel.tanggal_selesai:
        out.append(Paragraph(esc(rentang_tanggal(sel.tanggal_mulai, sel.tanggal_selesai)), st.center))
    out.append(Spacer(1, 55 * mm))
    if u.instansi_induk:
        out.append(Paragraph(esc(u.instansi_induk.upper()), st.subtitle.clone("c5", fontSize=12)))
    if u.kota:
        out.append(Paragraph(esc(u.kota.upper()), st.subtitle.clone("c6", fontSize=12)))
    year = sel.tanggal_selesai or sel.tanggal_mulai
    if year:
        out.append(Paragraph(str(year.year), st.subtitle.clone("c7", fontSize=12)))
    return out


def _waktu_cells(r) -> list[str]:
    if r.jangka:
        return []
    return [CHECK if t in r.triwulan else "" for t in ("TW I", "TW II", "TW III", "TW IV")]


def build_story(lap: Laporan, st: Styles, width: float, progress: ProgressFn = None) -> list:
    sel = lap.sel
    sm = sel.summary
    b = _Builder(lap, st, width)
    S = b.story
    S += _cover(lap, st, width)
    # front matter ---------------------------------------------------------
    S += [NextPageTemplate("front"), PageBreak(), Heading("KATA PENGANTAR", st.h1, 0, "Kata Pengantar")]
    b.para(lap.teks["kata_pengantar"])
    S += [
        Spacer(1, 6 * mm),
        pejabat_signature(lap, st),
    ]
    S += [PageBreak(), Heading("DAFTAR ISI", st.h1, 0, "Daftar Isi"), make_toc(st)]
    S += [PageBreak(), Heading("DAFTAR TABEL", st.h1, 0, "Daftar Tabel"), make_toc(st, "TOC-tabel")]
    S += [PageBreak(), Heading("DAFTAR GAMBAR", st.h1, 0, "Daftar Gambar"), make_toc(st, "TOC-gambar")]
    S.append(NextPageTemplate("body"))
    # BAB I ------------------------------------------------------------------
    b.chapter("I", "PENDAHULUAN")
    S.insert(len(S) - 1, Marker("body-start"))
    b.section("Latar Belakang")
    b.para(lap.teks["latar_belakang"])
    b.section("Dasar Hukum")
    b.numbered(lap.teks["dasar_hukum"])
    b.section("Maksud dan Tujuan")
    b.para(lap.teks["maksud_tujuan"])
    b.section("Sasaran")
    b.numbered(lap.teks["sasaran"])
    b.section("Manfaat")
    b.numbered(lap.teks["manfaat"])
    # BAB II -----------------------------------------------------------------
    b.chapter("II", "PENGUMPULAN DATA")
    b.section("Pelaksana")
    b.para(lap.teks["pelaksana"])
    if lap.analisis.tim:
        b.para(f"Susunan tim pelaksana survei tercantum pada Lampiran {b.nomor_lampiran['tim']}.")
    b.section("Metode Pengumpulan Data")
    b.para(lap.teks["metode"])
    src = [(SUMBER_LABEL.get(k, k), n) for k, n in lap.sumber.items() if n or k != "pindai"]  # pindai: once used
    total = sum(n for _, n in src)
    rows = [["No", "Cara pengumpulan", "Jumlah kuesioner"]]
    rows += [[str(i), l, angka(n)] for i, (l, n) in enumerate(src, 1)]
    rows.append(["", "Jumlah", angka(total)])
    b.table(
        "Jumlah kuesioner menurut cara pengumpulan",
        rows,
        [12 * mm, 100 * mm, 40 * mm],
        align_center=(0,),
        align_right=(2,),
        extra=[("FONT", (0, -1), (-1, -1), SANS_BOLD, 8.5)],
    )
    if lap.extras.get("verifikasi"):
        b.para(lap.extras["verifikasi"])
    b.section("Unsur Pelayanan yang Diukur")
    b.para(
        f"Kuesioner memuat {len(sel.unsur_set)} unsur pelayanan. Bobot setiap unsur: "
        f"{sel.unsur_set.mode.label.lower()}."
    )
    rows = [["No", "Unsur", "Definisi", "Bobot"]]
    for i, r in enumerate(sm.unsur, 1):
        rows.append(
            [
                str(i),
                f"{r.kode} {r.unsur.nama}",
                r.unsur.definisi or r.unsur.pertanyaan or "–",
                olah_data.weight_text(r.weight),
            ]
        )
    b.table(
        "Unsur pelayanan, definisi, dan bobot", rows, [10 * mm, 45 * mm, width - 75 * mm, 20 * mm], align_center=(0, 3)
    )
    laporan_bab.metode_pengolahan(b, lap)
    b.section("Lokasi dan Waktu Pelaksanaan")
    b.para(
        lap.teks["lokasi"]
        + (
            f" Pengumpulan data berlangsung {rentang_tanggal(sel.tanggal_mulai, sel.tanggal_selesai)}."
            if sel.tanggal_mulai or sel.tanggal_selesai
            else ""
        )
    )
    if lap.jadwal:
        rows = [["No", "Kegiatan", "Waktu"]] + [[str(i), a, w] for i, (a, w) in enumerate(lap.jadwal, 1)]
        b.table("Jadwal pelaksanaan survei", rows, [12 * mm, 85 * mm, width - 97 * mm], align_center=(0,))
    b.section("Penentuan Jumlah Responden")
    if lap.targets:
        metodes = sorted({m for _, _, m, _, _ in lap.targets})
        b.para(
            "Jumlah sampel minimum setiap jenis layanan ditentukan dari jumlah pengguna layanan (populasi) "
            f"dengan metode {', '.join(metodes)}. Tabel berikut membandingkan target sampel dengan jumlah "
            "kuesioner yang terkumpul."
        )
        rows = [["No", "Jenis layanan", "Populasi", "Metode", "Target", "Terkumpul", "Status"]]
        for i, (nama, pop, met, tgt, got) in enumerate(lap.targets, 1):
            rows.append(
                [str(i), nama, angka(pop), met, angka(tgt), angka(got), "Tercapai" if got >= tgt else "Belum tercapai"]
            )
        tot = [p for p in lap.progress if p.label == "Total unit"]
        if tot:
            rows.append(
                [
                    "",
                    "Total unit",
                    "",
                    "",
                    angka(tot[0].target),
                    angka(tot[0].collected),
                    "Tercapai" if tot[0].reached else "Belum tercapai",
                ]
            )
        b.table(
            "Populasi, target sampel, dan realisasi per jenis layanan",
            rows,
            widths(width, 9 * mm, None, 18 * mm, 29 * mm, 16 * mm, 23 * mm, 26 * mm),
            align_center=(0, 6),
            align_right=(2, 4, 5),
            extra=[("FONT", (0, -1), (-1, -1), SANS_BOLD, 8.5)] if tot else [],
        )
        laporan_bab.rumus_sampel(b, lap)
    else:
        b.para(f"Jumlah kuesioner yang terkumpul adalah {angka(sm.respondents)}.")
    # BAB III ----------------------------------------------------------------
    b.chapter("III", "HASIL PENGOLAHAN DATA")
    b.section("Jumlah Responden")
    scope = f"periode {sel.periode}" + (f" untuk layanan {sel.layanan}" if sel.layanan else "")
    b.para(f"Jumlah responden yang mengisi kuesioner pada {scope} adalah {angka(sm.respondents)} orang.")
    b.section("Karakteristik Responden")
    if sm.respondents == 0:
        b.para("Tidak ada kuesioner yang terkumpul, sehingga karakteristik responden tidak dapat disajikan.")
    for fld in kar.KARAKTERISTIK_FIELDS if sm.respondents else ():
        d = lap.karakteristik.get(fld)
        if d is None or (fld == "jenis_layanan" and sel.layanan):
            continue
        label = kar.KARAKTERISTIK_LABELS[fld]
        rows = [["No", label, "Jumlah", "Persentase"]]
        for i, row in enumerate(d.rows, 1):
            name = kar.USIA_LABELS.get(row.label, row.label) if fld == "usia" else row.label
            rows.append([str(i), name, angka(row.count), persen(row.percent)])
        rows.append(["", "Jumlah", angka(d.total), persen(d.jumlah_persen)])
        b.table(
            f"Responden menurut {label.lower()}",
            rows,
            [12 * mm, 75 * mm, 30 * mm, 30 * mm],
            align_center=(0,),
            align_right=(2, 3),
            extra=[("FONT", (0, -1), (-1, -1), SANS_BOLD, 8.5)],
        )
        if d.catatan_pembulatan:
            S.insert(len(S) - 1, Paragraph(esc(d.catatan_pembulatan), st.note))
        if fld == "usia":
            d = kar.Distribution(
                d.field, tuple(kar.Row(kar.USIA_LABELS.get(r.label, r.label), r.count, r.percent) for r in d.rows)
            )
        b.figure(f"Persentase responden menurut {label.lower()}", charts.distribution_chart(d, width))
    b.section("Indeks Kepuasan Masyarakat per Unsur")
    rows = [["No", "Unsur pelayanan", "Terisi", "NRR", "NRR tertimbang", "Konversi", "Mutu"]]
    for i, r in enumerate(sm.unsur, 1):
        rows.append(
            [
                str(i),
                f"{r.kode} {r.unsur.nama}",
                angka(r.answered),
                angka(r.nrr, 3) if r.nrr is not None else "tanpa jawaban",
                angka(r.nrr_tertimbang, 3) if r.nrr_tertimbang is not None else "–",
                angka(r.konversi_2dp, 2) if r.nrr is not None else "–",
                r.mutu or "–",
            ]
        )
    rows.append(["", "IKM (Σ NRR tertimbang)", "", "", *ikm_cells(sm)])
    b.table(
        "Nilai rata-rata (NRR), NRR tertimbang, dan mutu per unsur",
        rows,
        widths(width, 9 * mm, None, 16 * mm, 18 * mm, 26 * mm, 20 * mm, 13 * mm),
        align_center=(0, 6),
        align_right=(2, 3, 4, 5),
        extra=[("FONT", (0, -1), (-1, -1), SANS_BOLD, 8.5)],
    )
    if sm.ikm is not None:
        S.append(Paragraph(esc(texts.PEMBULATAN), st.note))
    if sm.tanpa_jawaban and sm.respondents:
        S.append(Paragraph(esc(texts.tanpa_jawaban(sm)), st.note))
    blanks = [r for r in sm.unsur if r.blank and r.nrr is not None]
    if blanks:
        S.append(
            Paragraph(
                esc(
                    "Jawaban kosong tidak dihitung pada unsur yang bersangkutan saja: "
                    + "; ".join(f"{r.kode} {angka(r.blank)} kosong" for r in blanks)
                    + "."
                ),
                st.note,
            )
        )
    if sm.ikm is not None:
        b.figure("Nilai rata-rata (NRR) per unsur pelayanan", charts.nrr_chart(sm, width))
    laporan_bab.sebaran_jawaban(b, lap)
    b.section("Indeks Kepuasan Masyarakat Unit")
    rows = [
        ["Uraian", "Nilai"],
        ["Nilai indeks (IKM tertimbang, skala 1–4)", angka(sm.ikm, 3) if sm.ikm is not None else "–"],
        ["Nilai IKM konversi (skala 25–100)", angka(sm.ikm_konversi_2dp, 2) if sm.ikm is not None else "–"],
        ["Mutu pelayanan", sm.mutu or "–"],
        ["Kinerja unit pelayanan", sm.kinerja or "–"],
        ["Jumlah responden", angka(sm.respondents)],
    ]
    b.table("Indeks Kepuasan Masyarakat unit pelayanan", rows, [95 * mm, 45 * mm], align_center=(1,))
    if sm.ikm is not None:
        S.insert(len(S) - 1, Paragraph(esc(texts.PEMBULATAN_SINGKAT), st.note))
    if lap.periode_tahun:  # a year's laporan: each period beside the pooled year
        tahunan.section(b, lap, width)
    if len(lap.per_layanan) > 1:
        b.section("Indeks Kepuasan Masyarakat per Jenis Layanan")
        rows = [["No", "Jenis layanan", "Responden", "Nilai indeks", "IKM konversi", "Mutu", "Kinerja"]]
        rows += [tahunan.ikm_row(str(i), nama, s2) for i, (nama, s2) in enumerate(lap.per_layanan, 1)]
        cols = widths(width, 9 * mm, None, 23 * mm, 20 * mm, 22 * mm, 12 * mm, 24 * mm)
        b.table("IKM per jenis layanan", rows, cols, align_center=(0, 5), align_right=(2, 3, 4))
        S.insert(len(S) - 1, Paragraph(esc(texts.PEMBULATAN_SINGKAT), st.note))
        b.figure("IKM konversi per jenis layanan", charts.layanan_chart(lap.per_layanan, width))
        laporan_bab.layanan_unsur(b, lap)
    # BAB IV -----------------------------------------------------------------
    b.chapter("IV", "ANALISIS HASIL SURVEI")
    b.section("Analisis Unsur Pelayanan")
    b.para(lap.teks.get("analisis", "").strip() or texts.analisis(sm))
    rows = [["Peringkat", "Unsur (NRR terendah ke tertinggi)", "NRR", "Mutu"]]
    for i, r in enumerate(sm.ranking(), 1):
        rows.append([str(i), f"{r.kode} {r.unsur.nama}", angka(r.nrr, 3), r.mutu or "–"])
    b.table(
        "Urutan unsur dari nilai terendah",
        rows,
        [20 * mm, 95 * mm, 20 * mm, 15 * mm],
        align_center=(0, 3),
        align_right=(2,),
    )
    laporan_bab.gap_mutu_a(b, lap)
    laporan_bab.perubahan(b, lap)
    b.section("Saran dan Pengaduan Responden")
    if lap.saran_total:
        b.para(
            f"Sebanyak {angka(lap.saran_total)} responden menuliskan saran, masukan, atau pengaduan. "
            "Isian tersebut dikelompokkan menurut unsur pelayanan yang dibicarakan."
        )
        saran_rows: list[list[str | RawText]] = [["Unsur", "Saran / pengaduan"]]
        for g in lap.saran:
            saran_rows.append([g.judul, RawText("<br/>".join("• " + esc(x) for x in g.items))])
        t = data_table(saran_rows, [45 * mm, width - 45 * mm], st)
        S += [CondPageBreak(50 * mm), b.tab_caption("Rekap saran dan pengaduan menurut unsur"), t, Spacer(1, 3 * mm)]
    else:
        b.para("Tidak ada responden yang menuliskan saran atau pengaduan pada periode ini.")
    if lap.rtl:  # without a plan the section is left out (the analysis names the priority unsur)
        b.section("Rencana Tindak Lanjut")
        b.para(
            " ".join(
                x
                for x in (
                    "Rencana tindak lanjut disusun untuk unsur prioritas (nilai terendah) sebagai berikut.",
                    laporan_bab.fkp_kalimat(lap),
                )
                if x
            )
        )
        rows = [["No", "Prioritas unsur", "Program / kegiatan", "TW I", "TW II", "TW III", "TW IV", "Penanggung jawab"]]
        spans = []
        for i, rtl in enumerate(lap.rtl, 1):
            cells = _waktu_cells(rtl)
            if not cells:
                rows.append(
                    [
                        str(i),
                        f"{rtl.unsur_kode} {rtl.unsur_nama}",
                        rtl.program,
                        jangka_label(rtl.jangka),
                        "",
                        "",
                        "",
                        rtl.penanggung_jawab or "–",
                    ]
                )
                spans.append(("SPAN", (3, i), (6, i)))
            else:
                rows.append(
                    [str(i), f"{rtl.unsur_kode} {rtl.unsur_nama}", rtl.program] + cells + [rtl.penanggung_jawab or "–"]
                )
        w_tw = 13.5 * mm
        b.table(
            "Rencana tindak lanjut perbaikan pelayanan",
            rows,
            [8 * mm, 35 * mm, width - 8 * mm - 35 * mm - 4 * w_tw - 32 * mm, w_tw, w_tw, w_tw, w_tw, 32 * mm],
            align_center=(0, 3, 4, 5, 6),
            font_size=8,
            extra=spans,
        )
    b.section("Tren Indeks Kepuasan Masyarakat")
    if lap.trend:
        rows = [["No", "Tahun / periode", "IKM konversi", "Mutu", "Responden", "Sumber"]]
        for i, t in enumerate(lap.trend, 1):
            rows.append(
                [
                    str(i),
                    t.label,
                    angka(t.ikm_konversi_2dp, 2) if t.ikm_konversi_2dp is not None else "–",
                    t.mutu or "–",
                    angka(t.respondents) if t.respondents is not None else "–",
                    "diketik manual" if t.manual else "dihitung dari kuesioner",
                ]
            )
        t = data_table(
            rows, [10 * mm, 44 * mm, 26 * mm, 14 * mm, 22 * mm, 42 * mm], st, align_center=(0, 3), align_right=(2, 4)
        )
        cap = b.tab_caption("Perkembangan IKM dari periode ke periode")
        if sum(1 for x in lap.trend if x.ikm_konversi_2dp is not None) >= 2:
            chart = Chart(charts.trend_chart(lap.trend, width))
            S.append(
                KeepTogether([cap, t, Spacer(1, 4 * mm), chart, b.fig_caption("Grafik perkembangan IKM konversi")])
            )
        else:
            S.append(KeepTogether([cap, t]))
            b.para("Grafik perkembangan disajikan bila nilai IKM sudah tersedia untuk dua periode atau lebih.")
    # BAB V ------------------------------------------------------------------
    b.chapter("V", "KESIMPULAN DAN SARAN")
    b.section("Kesimpulan")
    b.para(lap.teks.get("kesimpulan", "").strip() or texts.kesimpulan(lap))
    b.section("Saran")
    b.numbered(lap.teks["saran_penutup"])
    S += [
        Spacer(1, 8 * mm),
        pejabat_signature(lap, st),
    ]
    # LAMPIRAN ---------------------------------------------------------------
    S += [PageBreak(), Heading("LAMPIRAN", st.chapter, 0, "LAMPIRAN")]
    judul = b.lampiran("kuesioner", "Kuesioner")
    S += [Heading(judul, st.h2, 1, judul), Spacer(1, 2 * mm)]
    S += kuesioner.story(sel, st, width, tight=True)
    if lap.olah is not None:
        land = olah_data.landscape_pages(lap.olah)
        if land:
            S.append(NextPageTemplate("landscape"))
        judul = b.lampiran("olah", "Olah Data per Responden")
        S += [PageBreak(), Heading(judul, st.h2, 1, judul)]
        avail = (297 - 30) * mm if land else width
        S += olah_data.story(lap.olah, st, avail)
        if land:
            S.append(NextPageTemplate("body"))
    if lap.rtl_prev_periode:  # a unit's first period has no earlier plan to report on: left out
        judul = b.lampiran("rtl", "Realisasi Rencana Tindak Lanjut Periode Sebelumnya")
        S += [PageBreak(), Heading(judul, st.h2, 1, judul)]
    if lap.rtl_prev:
        S.append(
            Paragraph(
                esc(
                    f"Realisasi rencana tindak lanjut periode {lap.rtl_prev_periode}: {angka(lap.rtl_prev_sudah)} dari "
                    f"{angka(len(lap.rtl_prev))} kegiatan sudah dilaksanakan ({persen(lap.rtl_prev_persen)})."
                ),
                st.body,
            )
        )
        rows = [["No", "Unsur", "Rencana tindak lanjut", "Status", "Deskripsi realisasi", "Hambatan"]]
        for i, rtl in enumerate(lap.rtl_prev, 1):
            rows.append(
                [
                    str(i),
                    f"{rtl.unsur_kode} {rtl.unsur_nama}",
                    rtl.program,
                    {"sudah": "Sudah", "belum": "Belum"}.get(rtl.realisasi, "–"),
                    rtl.deskripsi or "–",
                    rtl.hambatan or "–",
                ]
            )
        rows.append(["", "Realisasi RTL", "", persen(lap.rtl_prev_persen), "", ""])
        t = data_table(
            rows,
            [8 * mm, 30 * mm, 42 * mm, 18 * mm, width - 8 * mm - 30 * mm - 42 * mm - 18 * mm - 30 * mm, 30 * mm],
            st,
            font_size=8,
            align_center=(0, 3),
            extra=[("FONT", (0, -1), (-1, -1), SANS_BOLD, 8), ("SPAN", (1, -1), (2, -1))],
        )
        S += [b.tab_caption(f"Realisasi rencana tindak lanjut periode {lap.rtl_prev_periode}"), t]
        laporan_bab.strategi_rtl(S, lap, st, width, data_table, b.tab_caption)
    elif lap.rtl_prev_periode:
        S.append(
            Paragraph(
                esc(f"Periode sebelumnya ({lap.rtl_prev_periode}) tidak memiliki rencana tindak lanjut yang tercatat."),
                st.body,
            )
        )
    if "tim" in b.nomor_lampiran:
        laporan_bab.lampiran_tim(
            S, lap, st, width, b.lampiran("tim", "Tim Pelaksana Survei"), data_table, b.tab_caption
        )
    if "foto" in b.nomor_lampiran:
        judul = b.lampiran("foto", "Dokumentasi Pelaksanaan Survei")
        laporan_bab.lampiran_foto(S, lap, st, width, judul, b.fig_caption)
    return keep_headings_with_next(S)


def doc_info(lap: Laporan) -> DocInfo:
    sel = lap.sel
    judul = "Laporan Hasil Survei Kepuasan Masyarakat"
    return selection_info(sel, "Laporan Hasil SKM", judul, f"{sel.unit.nama} · {judul} · {sel.judul_seleksi}")


def build_pdf(lap: Laporan, out: Path, invariant: bool | None = None, progress: ProgressFn = None) -> Path:
    st = Styles()
    doc = SkmDoc(out, doc_info(lap), invariant=invariant, progress=progress)
    story = build_story(lap, st, doc.width, progress)
    doc.build_all(story)
    if progress:
        progress(100, "Selesai")
    return out


def build_docx(lap: Laporan, out: Path, progress: ProgressFn = None) -> Path:
    """The same laporan as a Word document to finish in Word: the PDF's story, translated
    by docx_writer onto the PDF's page templates (size, margins, header and footer)."""
    st = Styles()
    info = doc_info(lap)
    doc = SkmDoc(out, info)  # for its page templates and text width: nothing is drawn
    story = build_story(lap, st, doc.width, progress)
    docx_writer.write_docx(story, out, info, doc.pageTemplates, doc.pagesize, progress)
    if progress:
        progress(100, "Selesai")
    return out
