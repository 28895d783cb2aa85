"""The laporan's method and analysis sections (BAB II metode pengolahan and the
worked calculation, the sample-size formula, BAB III answer shares and layanan ×
unsur, BAB IV gap to mutu A and change against the previous period) and the
lampiran's tim pelaksana and documentation photos. Every figure comes in the
Laporan (reports.model); this module only lays it out with plain reportlab
flowables (Paragraph, Table, Image, Drawing via FitFigure, KeepTogether)."""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Image, KeepTogether, Paragraph, Spacer

from skm_desktop.domain.analisis import BATAS_A_KONVERSI, BATAS_A_NRR
from skm_desktop.domain.category import KATEGORI
from skm_desktop.domain.formatting import angka, tanggal
from skm_desktop.domain.unsur import BobotMode

from . import charts, olah_data, texts
from .common import Caption, Heading, esc
from .model import Laporan
from .styles import SANS_BOLD

_BOLD_LAST = [("FONT", (0, -1), (-1, -1), SANS_BOLD, 8.5)]


def _keep_lead(b, start: int) -> None:
    """The flowables added since ``start`` (a lead sentence, a formula) go into the
    KeepTogether of the table that follows them, so a sentence that announces a table
    never stays alone at the foot of a page."""
    S = b.story
    i = next((j for j in range(len(S) - 1, start - 1, -1) if isinstance(S[j], KeepTogether)), None)
    if i is None or i == start:
        return
    S[start : i + 1] = [KeepTogether(S[start:i] + list(S[i]._content))]


def _nrr(x) -> str:
    return angka(x, 3) if x is not None else "–"


def metode_pengolahan(b, lap: Laporan) -> None:
    """BAB II: the Likert scale, weights and formula, the worked calculation of this
    period, and the interval table."""
    sel, st, width = lap.sel, b.st, b.width
    sm = sel.summary
    us = sel.unsur_set
    n = len(us)
    b.section("Metode Pengolahan Data")
    contoh = us.unsur[0]
    start = len(b.story)
    b.para(
        "Setiap unsur dinilai responden dengan salah satu dari empat nilai persepsi (skala Likert 1–4). "
        f"Kata pada pilihan jawaban berbeda menurut unsurnya; tabel berikut memuat contoh unsur {contoh.kode} "
        f"({contoh.nama})."
    )
    rows = [["Nilai persepsi", "Arti", f"Pilihan jawaban {contoh.kode}", "Mutu"]]
    for v, k in zip((1, 2, 3, 4), reversed(KATEGORI)):
        rows.append([str(v), k.kinerja, contoh.labels[v - 1], k.mutu])
    b.table(
        "Nilai persepsi (skala 1–4) dan artinya",
        rows,
        [28 * mm, 34 * mm, width - 90 * mm, 28 * mm],
        align_center=(0, 3),
    )
    _keep_lead(b, start)
    if us.mode is BobotMode.STANDAR:
        w = olah_data.weight_text(us.weights[0])
        b.para(
            f"Bobot setiap unsur sama besar: bobot = 1 ÷ jumlah unsur = 1 ÷ {n}, dibulatkan tiga desimal "
            f"menjadi {w}, sebagaimana contoh perhitungan pada PermenPAN-RB 14/2017"
            + ("." if n == 9 else " (untuk 9 unsur: 0,111).")
        )
    elif us.mode is BobotMode.EKSAK:
        b.para(f"Bobot setiap unsur sama besar dan tidak dibulatkan: bobot = 1 ÷ jumlah unsur = 1 ÷ {n}.")
    else:
        b.para("Bobot setiap unsur ditetapkan sendiri oleh unit (jumlahnya 1), seperti pada tabel unsur di atas.")
    formula = st.center.clone("rumus", spaceAfter=3)
    for line in (
        "NRR unsur = jumlah nilai unsur ÷ jumlah responden yang menjawab unsur itu",
        "IKM = Σ (NRR unsur × bobot unsur)",
        "IKM konversi = IKM × 25",
    ):
        b.story.append(Paragraph(esc(line), formula))
    b.story.append(Spacer(1, 2 * mm))
    if sm.ikm is None:
        return
    start = len(b.story)
    b.para(
        "Perhitungan periode ini dengan data yang terkumpul: jawaban kosong tidak dihitung pada unsur yang "
        "bersangkutan saja."
    )
    rows = [["Unsur", "Jumlah nilai", "Responden menjawab", "NRR", "Bobot", "NRR × bobot"]]
    for r in sm.unsur:
        rows.append(
            [
                r.kode,
                angka(r.total),
                angka(r.answered),
                _nrr(r.nrr),
                olah_data.weight_text(r.weight_used) if r.weight_used is not None else "tidak dihitung",
                _nrr(r.nrr_tertimbang),
            ]
        )
    kat = sm.kategori
    right = st.cell_r.clone("sum_r", fontName=SANS_BOLD, fontSize=8.5, leading=8.5 * 1.25)
    rows += [
        [Paragraph(esc(label), right), "", "", "", "", value]
        for label, value in (
            ("Σ NRR × bobot = IKM", _nrr(sm.ikm)),
            ("IKM × 25 = IKM konversi", angka(sm.ikm_konversi_2dp, 2)),
            ("Mutu pelayanan (tabel interval)", f"{kat.mutu} ({kat.kinerja})" if kat else "–"),
        )
    ]
    last = len(rows) - 1
    spans = [("SPAN", (0, i), (4, i)) for i in (last - 2, last - 1, last)]
    b.table(
        "Perhitungan IKM periode ini",
        rows,
        [42 * mm, 24 * mm, 30 * mm, 22 * mm, 24 * mm, width - 142 * mm],
        align_center=(0, 4),
        align_right=(1, 2, 3, 5),
        extra=spans + [("FONT", (0, last - 2), (-1, last), SANS_BOLD, 8.5)],
    )
    _keep_lead(b, start)
    if sm.renormalised:
        b.story.append(Paragraph(esc(texts.tanpa_jawaban(sm)), st.note))
    b.story.append(Paragraph(esc(texts.PEMBULATAN_SINGKAT), st.note))
    start = len(b.story)
    b.para(
        "Nilai IKM konversi dan NRR setiap unsur dikelompokkan ke dalam mutu dan kinerja pelayanan menurut "
        "interval berikut."
    )
    b.table(
        "Interval nilai, mutu, dan kinerja (PermenPAN-RB 14/2017)",
        olah_data.interval_rows(),
        [24 * mm, 34 * mm, 42 * mm, 24 * mm, width - 124 * mm],
        align_center=(0, 1, 2, 3),
    )
    _keep_lead(b, start)


def rumus_sampel(b, lap: Laporan) -> None:
    """BAB II: the formula each target came from, with the layanan's population."""
    rows_with = [x for x in lap.analisis.sampel if x.rumus is not None]
    if not rows_with:
        return
    km = [x for x in rows_with if x.rumus and x.rumus.krejcie_morgan]
    sl = [x for x in rows_with if x.rumus and not x.rumus.krejcie_morgan]
    formula = b.st.center.clone("rumus_s", spaceAfter=3)
    start = len(b.story)
    r0 = km[0].rumus if km else None
    if r0 is not None:
        b.para(
            "Sampel minimum menurut Krejcie dan Morgan, dengan N = populasi pengguna layanan, "
            f"X² = {angka(r0.chi2, 3)}, P = {angka(r0.p, 1)}, dan d = {angka(r0.d, 2)}, dibulatkan ke bilangan "
            "bulat terdekat:"
        )
        b.story.append(Paragraph("S = X²·N·P(1−P) ÷ (d²·(N−1) + X²·P(1−P))", formula))
    if sl:
        b.para(
            "Sampel minimum menurut Slovin, dengan N = populasi pengguna layanan dan e = batas kesalahan, "
            "dibulatkan ke atas:"
        )
        b.story.append(Paragraph("n = N ÷ (1 + N·e²)", formula))
    mixed = bool(km) and bool(sl)
    rows = [["No", "Jenis layanan", "N"] + (["Metode"] if mixed else []) + ["Perhitungan", "Sampel minimum"]]
    for i, x in enumerate(rows_with, 1):
        r = x.rumus
        assert r is not None
        if r.krejcie_morgan:
            calc = (
                f"{angka(r.chi2, 3)} × {angka(r.populasi)} × {angka(r.p * (1 - r.p), 2)} ÷ "
                f"({angka(r.d * r.d, 4)} × {angka(r.populasi - 1)} + {angka(r.chi2, 3)} × "
                f"{angka(r.p * (1 - r.p), 2)}) = {_ringkas(r.pembilang)} ÷ {_ringkas(r.penyebut)} = "
                f"{angka(r.hasil, 2)}"
            )
        else:
            calc = (
                f"{angka(r.populasi)} ÷ (1 + {angka(r.populasi)} × {angka(r.e, 2)}²) = {angka(r.populasi)} ÷ "
                f"{_ringkas(r.penyebut)} = {angka(r.hasil, 2)}"
            )
        rows.append([str(i), x.layanan, angka(r.populasi)] + ([r.label] if mixed else []) + [calc, angka(r.sampel)])
    width = b.width
    widths = [9 * mm, 40 * mm, 14 * mm] + ([26 * mm] if mixed else []) + [0.0, 20 * mm]
    widths[-2] = width - sum(widths)
    b.table(
        "Perhitungan sampel minimum per jenis layanan",
        rows,
        widths,
        align_center=(0,),
        align_right=(2, len(widths) - 1),
        font_size=8,
    )
    _keep_lead(b, start)


def sebaran_jawaban(b, lap: Laporan) -> None:
    """BAB III: the answers 1–4 of each unsur as a 100 % stacked bar."""
    seb = [x for x in lap.analisis.sebaran if x[2] is not None]
    if not seb:
        return
    b.section("Sebaran Jawaban per Unsur")
    b.para(
        "Gambar berikut memperlihatkan bagian jawaban bernilai 1, 2, 3, dan 4 pada setiap unsur (jumlah "
        "jawaban yang terisi = 100%). Bagian berwarna merah dan jingga menunjukkan responden yang menilai "
        "pelayanan tidak baik atau kurang baik."
    )
    b.figure("Sebaran jawaban responden per unsur (%)", charts.stacked_answers_chart(seb, b.width))


def layanan_unsur(b, lap: Laporan) -> None:
    """BAB III: the NRR of every unsur for every layanan (several layanan only)."""
    pl = lap.per_layanan
    if len(pl) < 2:
        return
    per_tab = 5
    for start in range(0, len(pl), per_tab):
        part = pl[start : start + per_tab]
        rows = [["Unsur"] + [nama for nama, _ in part]]
        for i, u in enumerate(lap.sel.summary.unsur):
            rows.append([f"{u.kode} {u.unsur.nama}"] + [_nrr(s2.unsur[i].nrr) for _, s2 in part])
        rows.append(["IKM konversi"] + [angka(s2.ikm_konversi_2dp, 2) if s2.ikm is not None else "–" for _, s2 in part])
        first = 50 * mm
        col = (b.width - first) / len(part)
        suffix = f" ({start // per_tab + 1})" if len(pl) > per_tab else ""
        b.table(
            "NRR per unsur menurut jenis layanan" + suffix,
            rows,
            [first] + [col] * len(part),
            align_right=tuple(range(1, len(part) + 1)),
            font_size=8,
            extra=_BOLD_LAST,
        )


def gap_mutu_a(b, lap: Laporan) -> None:
    """BAB IV: how far each unsur is from mutu A."""
    gaps = lap.analisis.gap_a
    if not gaps:
        return
    b.para(
        f"Tabel berikut memuat jarak setiap unsur ke batas bawah mutu A (NRR {angka(BATAS_A_NRR, 4)}, "
        f"konversi {angka(BATAS_A_KONVERSI, 2)}). Unsur dengan jarak terbesar paling jauh dari pelayanan "
        "sangat baik."
    )
    rows = [["Unsur", "NRR", "Konversi", "Mutu", "Jarak ke A (NRR)", "Jarak ke A (konversi)"]]
    for g in gaps:
        done = g.gap_nrr == 0 and g.gap_konversi == 0
        rows.append(
            [
                f"{g.kode} {g.nama}",
                angka(g.nrr_3dp, 3),
                angka(g.konversi_2dp, 2),
                g.mutu,
                "sudah A" if done else angka(g.gap_nrr, 4),
                "sudah A" if done else angka(g.gap_konversi, 2),
            ]
        )
    b.table(
        "Jarak nilai setiap unsur ke mutu A",
        rows,
        [b.width - 112 * mm, 18 * mm, 20 * mm, 14 * mm, 30 * mm, 30 * mm],
        align_center=(3,),
        align_right=(1, 2, 4, 5),
        font_size=8,
    )


def perubahan(b, lap: Laporan) -> None:
    """BAB IV: each unsur against the previous period (when there is one with results)."""
    an = lap.analisis
    if not an.perubahan or not an.perubahan_periode:
        return
    lalu, kini = an.perubahan_periode, lap.sel.periode
    b.section("Perbandingan dengan Periode Sebelumnya")
    naik = [x for x in an.perubahan if x.arah == "naik"]
    turun = [x for x in an.perubahan if x.arah == "turun"]
    kalimat = f"Dibandingkan periode {lalu}, {angka(len(naik))} unsur naik dan {angka(len(turun))} unsur turun"
    if an.selisih_ikm is not None and an.ikm_lalu is not None:
        arah = "naik" if an.selisih_ikm > 0 else "turun" if an.selisih_ikm < 0 else "tetap"
        kalimat += (
            f"; IKM konversi {arah} dari {angka(an.ikm_lalu, 2)} menjadi "
            f"{angka(lap.sel.summary.ikm_konversi_2dp, 2)} ({_tanda(an.selisih_ikm, 2)})"
        )
    b.para(kalimat + ".")
    rows = [["Unsur", f"NRR {lalu}", f"NRR {kini}", "Selisih", "Keterangan"]]
    for x in an.perubahan:
        rows.append(
            [
                f"{x.kode} {x.nama}",
                _nrr(x.nrr_lalu) if x.nrr_lalu is not None else "tidak diukur",
                _nrr(x.nrr_kini) if x.nrr_kini is not None else "tanpa jawaban",
                _tanda(x.selisih, 3) if x.selisih is not None else "–",
                x.arah,
            ]
        )
    if an.selisih_ikm is not None:
        rows.append(
            [
                "IKM konversi",
                angka(an.ikm_lalu, 2),
                angka(lap.sel.summary.ikm_konversi_2dp, 2),
                _tanda(an.selisih_ikm, 2),
                "naik" if an.selisih_ikm > 0 else "turun" if an.selisih_ikm < 0 else "tetap",
            ]
        )
    w = b.width
    b.table(
        f"Perubahan NRR per unsur: {lalu} dan {kini}",
        rows,
        [w - 104 * mm, 28 * mm, 28 * mm, 24 * mm, 24 * mm],
        align_center=(4,),
        align_right=(1, 2, 3),
        font_size=8,
        extra=_BOLD_LAST if an.selisih_ikm is not None else [],
    )
    b.figure(
        f"NRR per unsur: {lalu} dan {kini}",
        charts.compare_chart(an.perubahan, lalu, kini, w),
    )


def _ringkas(x, places: int = 4) -> str:
    """A number to at most ``places`` decimals without trailing zeros (6,5 rather than 6,5000)."""
    s = angka(x, places)
    return s.rstrip("0").rstrip(",") if "," in s else s


def _tanda(x, places: int) -> str:
    s = angka(x, places)
    return "+" + s if x > 0 else s


def fkp_kalimat(lap: Laporan) -> str:
    d = lap.analisis.tanggal_fkp
    if d is None:
        return ""
    return (
        "Rencana tindak lanjut dibahas bersama perwakilan pengguna layanan dalam forum konsultasi publik (FKP) "
        f"pada tanggal {tanggal(d)}."
    )


def strategi_rtl(story: list, lap: Laporan, st, width: float, data_table, caption: Callable[[str], Caption]) -> None:
    """After the realisation of the previous period's RTL: the strategy recorded for each
    RTL (how the ones still open will be carried out), when the operator wrote one."""
    rows_with = [r for r in lap.rtl_prev if r.strategi]
    if not rows_with:
        return
    rows = [["No", "Rencana tindak lanjut", "Status", "Strategi penyelesaian", "Penanggung jawab"]]
    for i, r in enumerate(rows_with, 1):
        status = {"sudah": "Sudah", "belum": "Belum"}.get(r.realisasi, "Belum diisi")
        rows.append([str(i), f"{r.unsur_kode} – {r.program}", status, r.strategi, r.penanggung_jawab or "–"])
    t = data_table(
        rows,
        [8 * mm, 50 * mm, 18 * mm, width - 8 * mm - 50 * mm - 18 * mm - 32 * mm, 32 * mm],
        st,
        font_size=8,
        align_center=(0, 2),
    )
    cap = caption(f"Strategi penyelesaian rencana tindak lanjut periode {lap.rtl_prev_periode}")
    story += [Spacer(1, 4 * mm)] + ([KeepTogether([cap, t])] if len(rows) <= 20 else [CondPageBreak(60 * mm), cap, t])


def lampiran_tim(
    story: list, lap: Laporan, st, width: float, title: str, data_table, caption: Callable[[str], Caption]
) -> bool:
    """The tim pelaksana (and the FKP date) as the lampiran ``title``, its table captioned
    by the laporan's L-table counter; False when there is nothing to print."""
    an = lap.analisis
    if not an.tim and an.tanggal_fkp is None:
        return False
    story += [CondPageBreak(80 * mm), Heading(title, st.h2, 1, title)]
    if an.tim:
        rows = [["No", "Nama", "Jabatan dalam tim"]] + [[str(i), a, c or "–"] for i, (a, c) in enumerate(an.tim, 1)]
        t = data_table(rows, [12 * mm, 75 * mm, width - 87 * mm], st, align_center=(0,))
        story.append(KeepTogether([caption("Susunan tim pelaksana survei"), t]))
    if an.tanggal_fkp is not None:
        story += [Spacer(1, 3 * mm), Paragraph(esc(fkp_kalimat(lap)), st.body)]
    return True


def lampiran_foto(story: list, lap: Laporan, st, width: float, title: str, caption: Callable[[str], Caption]) -> bool:
    """Documentation photos as the lampiran ``title``, two a row-height, each scaled to the
    text width with its caption (numbered by the laporan's L-figure counter)."""
    foto = lap.analisis.foto
    if not foto:
        return False
    story += [CondPageBreak(100 * mm), Heading(title, st.h2, 1, title)]
    max_w, max_h = width * 0.8, 95 * mm
    for f in foto:
        scale = min(max_w / f.lebar, max_h / f.tinggi)
        img = Image(io.BytesIO(f.data), width=f.lebar * scale, height=f.tinggi * scale)
        cap = caption(f.keterangan or "Dokumentasi pelaksanaan survei")
        cap.keepWithNext = 0
        story.append(KeepTogether([img, cap, Spacer(1, 4 * mm)]))
    return True
