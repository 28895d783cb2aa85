"""The year's laporan: each period's own figures beside the year's pooled ones
(one table in BAB III), labelled so the two are never mixed."""

from __future__ import annotations

from reportlab.lib.units import mm

from skm_desktop.domain.formatting import angka
from skm_desktop.domain.scoring import Summary

from .common import ikm_cells
from .model import Laporan


def ikm_row(no: str, label: str, sm: Summary) -> list[str]:
    """No, name, respondents, index, konversi, mutu, kinerja of one selection (a period, a layanan)."""
    return [no, label, angka(sm.respondents), *ikm_cells(sm), sm.kinerja or "–"]


def rows(lap: Laporan) -> list[list[str]]:
    out = [["No", "Periode", "Responden", "Nilai indeks", "IKM konversi", "Mutu", "Kinerja"]]
    for i, (nama, sm) in enumerate(lap.periode_tahun, 1):
        out.append(ikm_row(str(i), nama, sm))
    out.append(ikm_row("", "Gabungan seluruh responden", lap.sel.summary))
    return out


def kalimat(lap: Laporan) -> str:
    all_names = [n for n, _ in lap.periode_tahun]
    names = " dan ".join([", ".join(all_names[:-1]), all_names[-1]]) if len(all_names) > 1 else all_names[0]
    return (
        f"IKM {lap.sel.periode} dihitung dari seluruh {angka(lap.sel.summary.respondents)} responden "
        f"periode {names} dalam satu perhitungan (jawaban semua periode digabung), bukan rata-rata "
        "IKM periode. IKM setiap periode ditampilkan sebagai pembanding."
    )


def section(b, lap: Laporan, width: float) -> None:
    """Adds the section to the laporan builder ``b`` (reports.laporan)."""
    from .styles import SANS_BOLD

    b.section("Indeks Kepuasan Masyarakat per Periode")
    b.para(kalimat(lap))
    name_w = width - 9 * mm - 23 * mm - 20 * mm - 22 * mm - 12 * mm - 24 * mm
    b.table(
        "IKM setiap periode dan IKM tahunan (gabungan seluruh responden)",
        rows(lap),
        [9 * mm, name_w, 23 * mm, 20 * mm, 22 * mm, 12 * mm, 24 * mm],
        align_center=(0, 5),
        align_right=(2, 3, 4),
        extra=[("FONT", (0, -1), (-1, -1), SANS_BOLD, 8.5)],
    )
