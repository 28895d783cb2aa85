"""Sentences generated from the engine's figures (analysis, conclusion, the
publication's notes). Only wording here: every number is formatted from the
Summary the services computed."""

from __future__ import annotations

from skm_desktop.domain.formatting import angka


def _u(r) -> str:
    return f"{r.kode} {r.unsur.nama}"


def _list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " dan " + items[-1]


def tanpa_jawaban(sm) -> str:
    if not sm.tanpa_jawaban or sm.ikm is None:
        return ""
    k = _list([_u(r) for r in sm.tanpa_jawaban])
    return (
        f"Unsur {k} tidak dijawab oleh satu pun responden sehingga tidak memiliki NRR dan tidak "
        f"dihitung dalam IKM; bobot setiap unsur lainnya dibagi jumlah bobot unsur yang dihitung "
        f"(dinormalkan ulang) sehingga jumlah bobot yang dipakai tetap 1."
    )


def perlu_ditingkatkan(sm) -> str:
    p = sm.perlu_ditingkatkan
    if not p:
        return "Tidak ada unsur yang kategorinya kurang baik (C) atau tidak baik (D)."
    return (
        "Unsur yang perlu ditingkatkan karena mutunya C atau D: "
        + _list([f"{_u(r)} (NRR {angka(r.nrr, 3)}, mutu {r.mutu})" for r in p])
        + "."
    )


def analisis(sm) -> str:
    """Default analysis text: one paragraph per line."""
    if sm.ikm is None:
        return "Tidak ada kuesioner yang terisi pada periode ini, sehingga unsur pelayanan tidak dapat dianalisis."
    rank = sm.ranking()
    top, low = rank[-1], rank[0]
    strongest = [r for r in rank if r.nrr == top.nrr]
    weakest = [r for r in rank if r.nrr == low.nrr]
    lines = [
        f"Dari {len(sm.unsur)} unsur yang diukur, nilai tertinggi diperoleh unsur "
        f"{_list([_u(r) for r in strongest])} dengan NRR {angka(top.nrr, 3)} (nilai konversi "
        f"{angka(top.konversi_2dp, 2)}, mutu {top.mutu}). Hal ini menunjukkan bahwa aspek tersebut "
        f"dinilai paling memuaskan oleh pengguna layanan.",
        f"Nilai terendah ada pada unsur {_list([_u(r) for r in weakest])} dengan NRR {angka(low.nrr, 3)} "
        f"(nilai konversi {angka(low.konversi_2dp, 2)}, mutu {low.mutu}), sehingga aspek ini menjadi "
        f"perhatian utama perbaikan.",
        perlu_ditingkatkan(sm),
        f"Sebagai prioritas rencana tindak lanjut ditetapkan {len(sm.prioritas)} unsur dengan NRR terendah: "
        + _list([f"{_u(r)} ({angka(r.nrr, 3)})" for r in sm.prioritas])
        + ".",
    ]
    t = tanpa_jawaban(sm)
    if t:
        lines.append(t)
    return "\n".join(lines)


def kesimpulan(lap) -> str:
    sm = lap.sel.summary
    if sm.ikm is None:
        return "Tidak ada kuesioner yang terisi pada periode ini, sehingga IKM tidak dihitung."
    scope = lap.sel.unit.nama + (f" untuk layanan {lap.sel.layanan}" if lap.sel.layanan else "")
    lines = [
        f"Indeks Kepuasan Masyarakat (IKM) {scope} periode {lap.sel.periode} adalah "
        f"{angka(sm.ikm_konversi_2dp, 2)} (nilai indeks {angka(sm.ikm, 3)}) dengan mutu pelayanan "
        f'{sm.mutu} dan kinerja unit pelayanan "{sm.kinerja}", berdasarkan {angka(sm.respondents)} responden.'
    ]
    if lap.trend_prev is not None:
        label, val, delta = lap.trend_prev
        if delta > 0:
            arah = f"naik {angka(delta, 2)} poin"
        elif delta < 0:
            arah = f"turun {angka(-delta, 2)} poin"
        else:
            arah = "sama"
        lines.append(f"Dibandingkan dengan {label} (IKM {angka(val, 2)}), nilai IKM {arah}.")
    rank = sm.ranking()
    lines.append(
        f"Unsur dengan nilai tertinggi adalah {_u(rank[-1])} ({angka(rank[-1].nrr, 3)}), sedangkan "
        f"unsur dengan nilai terendah adalah {_u(rank[0])} ({angka(rank[0].nrr, 3)})."
    )
    lines.append(perlu_ditingkatkan(sm))
    t = tanpa_jawaban(sm)
    if t:
        lines.append(t)
    return "\n".join(lines)


#: The rounding note printed wherever NRR, NRR tertimbang, IKM and IKM konversi appear together.
PEMBULATAN = (
    "Catatan pembulatan: semua nilai dihitung dengan presisi penuh dan hanya dibulatkan saat "
    "dicetak (NRR, NRR tertimbang, dan IKM tertimbang tiga desimal; nilai konversi dua desimal). "
    "Rumus IKM tertimbang = Σ NRR tertimbang dan IKM konversi = IKM tertimbang × 25 berlaku untuk "
    "nilai yang belum dibulatkan, sehingga jumlah atau hasil kali angka yang tercetak dapat berbeda "
    "pada digit terakhir."
)

#: The same note for the publication (it prints NRR and nilai konversi only).
PEMBULATAN_PUBLIKASI = (
    "Semua nilai dihitung dengan presisi penuh dan hanya dibulatkan saat dicetak (NRR tiga "
    "desimal, nilai konversi dua desimal), sehingga NRR tercetak × 25 dapat berbeda dari nilai "
    "konversi pada digit terakhir."
)

#: One line under the IKM tables that follow the full note.
PEMBULATAN_SINGKAT = (
    "Dihitung dengan presisi penuh, dibulatkan hanya saat dicetak (IKM konversi = IKM tertimbang "
    "× 25 dari nilai yang belum dibulatkan); hitungan ulang angka tercetak dapat berbeda pada "
    "digit terakhir."
)
