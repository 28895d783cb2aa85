"""The recap's tables as one XLSX workbook (the operator's working copy of the rekap laporan):
the per-unit table with semester and annual rows, the ranking with the two previous
years, the changes, target vs realised sample, the units not reported, and the check
table ("Pemeriksaan": figures in the units' own summaries that disagree). Every cell goes
through :mod:`io.cells`; each sheet prints on A4 landscape, fit to the page's width,
with its header rows repeated on every page."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from skm_desktop import palette
from skm_desktop.io.cells import append_row

from .rekap import CHANGE_LABEL, judul
from .rekap_model import RekapDokumen

_HEAD_FILL = PatternFill("solid", fgColor=palette.PDF_PRIMARY.lstrip("#"))
_HEAD_FONT = Font(bold=True, color=palette.PDF_ON_PRIMARY.lstrip("#"))
_THIN = Side(style="thin", color=palette.PDF_GRID.lstrip("#"))
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TEXT = Alignment(vertical="top", wrap_text=True)
_NUMBER = Alignment(vertical="top")
_BOLD = Font(bold=True)


def _sheet(
    wb: Workbook,
    title: str,
    caption: str,
    header: Sequence[str],
    rows: Sequence[Sequence],
    widths: Sequence[float],
    bold_rows: Sequence[int] = (),
) -> None:
    """One printable table: a caption line, one header row (repeated on every printed page), the rows."""
    ws = wb.create_sheet(title)
    append_row(ws, [caption])
    ws.cell(1, 1).font = Font(bold=True, size=12)
    append_row(ws, list(header))
    for row in rows:
        append_row(ws, list(row))
    last_col = get_column_letter(len(header))
    last_row = len(rows) + 2
    for j, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(j)].width = w
    for c in ws[2]:
        c.fill, c.font, c.border = _HEAD_FILL, _HEAD_FONT, _BORDER
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    bold = set(bold_rows)
    for i, r in enumerate(ws.iter_rows(min_row=3, max_row=last_row), 0):
        for c in r:
            c.border = _BORDER
            c.alignment = _TEXT if isinstance(c.value, str) else _NUMBER
            if isinstance(c.value, (Decimal, float)):
                c.number_format = "0.00"
            if i in bold:
                c.font = _BOLD
    ws.freeze_panes = "A3"
    ws.print_title_rows = "1:2"
    ws.print_area = f"A1:{last_col}{last_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "Halaman &P dari &N"


def unit_rows(d: RekapDokumen) -> tuple[list[str], list[list], list[int]]:
    """Header, rows (each unit's period rows, then its annual row) and the annual rows' indexes."""
    codes = list(d.unsur_codes)
    header = ["No", "Unit pelayanan", "Kelompok", "Periode", *codes, "IKM", "Mutu", "Kinerja"]
    header += ["Responden", "Target", "Realisasi sampel (%)", "Metode SKM", "Sumber", "Cara IKM tahunan"]
    rows: list[list] = []
    annual: list[int] = []
    blank = [None] * len(codes)
    for no, u in enumerate(d.units, 1):
        for p in u.periods:
            rows.append(
                [no, u.unit, u.kelompok, p.periode, *(p.unsur or blank), p.ikm, p.mutu, "", p.responden, None, None]
                + ["", "", ""]
            )
        annual.append(len(rows))
        rows.append(
            [no, u.unit, u.kelompok, "Tahunan", *u.unsur, u.ikm, u.mutu, u.kinerja, u.responden, u.target]
            + [u.persen, u.metode, u.sumber, u.cara]
        )
    return header, rows, annual


def build_xlsx(d: RekapDokumen, out: Path) -> Path:
    wb = Workbook()
    assert wb.active is not None
    wb.remove(wb.active)
    title = judul(d)
    header, rows, annual = unit_rows(d)
    _sheet(
        wb,
        "Hasil per unit",
        f"{title}: hasil per unit pelayanan (baris periode dan baris tahunan)",
        header,
        rows,
        [5, 38, 14, 14, *[8] * (len(header) - 13), 8, 7, 14, 11, 9, 12, 12, 11, 20],
        annual,
    )
    _sheet(
        wb,
        "Peringkat",
        f"{title}: peringkat dan dua tahun sebelumnya",
        [
            "Peringkat",
            "Unit pelayanan",
            f"IKM {d.tahun}",
            f"Mutu {d.tahun}",
            f"IKM {d.previous_tahun}",
            f"Mutu {d.previous_tahun}",
            f"IKM {d.previous2_tahun}",
            f"Mutu {d.previous2_tahun}",
            "Perubahan",
            "Selisih",
        ],
        [
            [r.rank, r.unit, r.ikm, r.mutu, r.prev, r.mutu_prev, r.prev2, r.mutu_prev2]
            + [CHANGE_LABEL.get(r.change, r.change), r.selisih]
            for r in d.ranking
        ],
        [10, 40, 10, 8, 10, 8, 10, 8, 11, 9],
    )
    summary: list[list] = [
        ["IKM daerah", d.ikm],
        ["Mutu", d.mutu],
        ["Kinerja", d.kinerja],
        ["Angka utama", d.headline],
        ["Rata-rata IKM unit", d.ikm_mean_units],
        ["IKM gabungan responden", d.ikm_pooled],
        ["Sasaran IKM", d.sasaran],
        ["Unit melapor", len(d.units)],
        ["Unit belum melapor", len(d.not_reported)],
        ["Responden", d.respondents],
        *[[f"Unit bermutu {m}", n] for m, n in d.mutu_counts],
        [f"Dibandingkan dengan {d.previous_tahun}", d.compared],
        ["Naik", d.naik],
        ["Turun", d.turun],
        ["Tetap", d.tetap],
        *[[f"Perpindahan mutu {p}", n] for p, n in d.transitions],
    ]
    _sheet(wb, "Ringkasan", f"{title}: angka daerah", ["Uraian", "Nilai"], summary, [36, 30])
    real = [[r.nama, r.target or None, r.responden, r.persen] for r in (*d.realisasi_kelompok, d.realisasi_total)]
    _sheet(
        wb,
        "Sampel",
        f"{title}: target dan realisasi sampel",
        ["Kelompok", "Target sampel", "Responden", "Realisasi (%)"],
        real,
        [24, 14, 14, 14],
        [len(real) - 1],
    )
    _sheet(
        wb,
        "Unsur",
        f"{title}: nilai rata-rata per unsur seluruh unit",
        ["Kode", "Unsur pelayanan", "Nilai (konversi)", "Mutu"],
        [[k, nm, v, m] for k, nm, v, m in d.unsur_city],
        [8, 44, 16, 8],
    )
    _sheet(
        wb,
        "Tren",
        f"{title}: IKM daerah dan sasaran per tahun",
        ["Tahun", "Sasaran IKM", "Realisasi IKM"],
        [[t.tahun, t.sasaran, t.ikm] for t in d.trend],
        [10, 16, 16],
    )
    _sheet(
        wb,
        "Belum melapor",
        f"{title}: unit yang belum melapor",
        ["No", "Unit pelayanan"],
        [[i, u] for i, u in enumerate(d.not_reported, 1)],
        [6, 50],
    )
    _sheet(
        wb,
        "Pemeriksaan",
        f"{title}: pemeriksaan angka ringkasan unit (untuk operator)",
        ["Unit pelayanan", "Periode", "Tertulis", "Menurut aturan", "Keterangan"],
        [[c.unit, c.periode, c.published, c.recomputed, c.message] for c in d.checks],
        [34, 14, 12, 14, 70],
    )
    wb.save(out)
    return out
