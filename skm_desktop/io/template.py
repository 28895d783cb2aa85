"""The empty XLSX import template of a period: sheet 'Responden' with the header
in row 1, dropdowns for the coded fields, and a 'Petunjuk' sheet."""

from __future__ import annotations

from pathlib import Path

from skm_desktop.domain.karakteristik import USIA_MAX, USIA_MIN
from skm_desktop.domain.respondent import Options
from skm_desktop.domain.unsur import UnsurSet

from .cells import append_row, put
from .respondents import columns_for

TEMPLATE_ROWS = 2000


def write_template(path: Path, unsur_set: UnsurSet, options: Options, unit: str, periode: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = "Responden"
    cols = columns_for(unsur_set.codes)
    append_row(ws, cols)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for i, name in enumerate(cols, start=1):
        c = ws.cell(row=1, column=i)
        c.font = bold
        c.fill = fill
        ws.column_dimensions[get_column_letter(i)].width = max(6, min(22, len(name) + 4))
    ws.freeze_panes = "B2"

    lists = wb.create_sheet("Daftar")
    lists.sheet_state = "hidden"

    def list_range(col_idx: int, title: str, values) -> str:
        put(lists, 1, col_idx, title)
        for r, v in enumerate(values, start=2):
            put(lists, r, col_idx, v)
        letter = get_column_letter(col_idx)
        return f"Daftar!${letter}$2:${letter}${max(2, len(values) + 1)}"

    def add_rule(first: str, last: str, title: str, error: str, **rule: str) -> None:
        """One data validation over the template rows of columns ``first`` to ``last``."""
        dv = DataValidation(allow_blank=True, showErrorMessage=True, errorTitle=title, error=error, **rule)
        dv.add(f"{letter_of(first)}2:{letter_of(last)}{TEMPLATE_ROWS + 1}")
        ws.add_data_validation(dv)

    def letter_of(column: str) -> str:
        return get_column_letter(cols.index(column) + 1)

    def add_dv(formula: str, column: str, prompt: str) -> None:
        add_rule(column, column, "Nilai tidak sah", prompt, type="list", formula1=formula)

    def add_between(first: str, last: str, low: int, high: int, title: str, error: str) -> None:
        add_rule(first, last, title, error, type="whole", operator="between", formula1=str(low), formula2=str(high))

    add_dv(list_range(1, "jenis_kelamin", options.jenis_kelamin), "jenis_kelamin", "Pilih Laki-laki atau Perempuan.")
    add_dv(list_range(2, "pendidikan", options.pendidikan), "pendidikan", "Pilih dari daftar pendidikan.")
    add_dv(list_range(3, "pekerjaan", options.pekerjaan), "pekerjaan", "Pilih dari daftar pekerjaan.")
    if options.layanan:
        add_dv(list_range(4, "jenis_layanan", options.layanan), "jenis_layanan", "Pilih jenis layanan unit.")
    add_dv('"kertas,kiosk,impor"', "sumber", "Pilih kertas, kiosk, atau impor.")
    add_between(
        unsur_set.codes[0].lower(),
        unsur_set.codes[-1].lower(),
        1,
        4,
        "Nilai tidak sah",
        "Jawaban unsur harus 1, 2, 3, atau 4 (kosongkan bila tidak dijawab).",
    )
    add_between("usia", "usia", USIA_MIN, USIA_MAX, "Usia tidak sah", f"Usia dalam tahun, {USIA_MIN}–{USIA_MAX}.")

    info = wb.create_sheet("Petunjuk")
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 90
    wrap = Alignment(wrap_text=True, vertical="top")
    rows = [
        ("Templat impor responden", ""),
        ("Unit", unit),
        ("Periode", periode),
        ("", ""),
        ("Kolom", "Isi"),
        ("no_kuesioner", "Wajib. Nomor yang tertulis di kuesioner kertas; tidak boleh ganda dalam satu periode."),
        ("tanggal", "Tanggal survei: TTTT-BB-HH (2024-03-15) atau HH/BB/TTTT (15/03/2024)."),
        ("jenis_layanan", "Jenis layanan yang diterima responden: " + (", ".join(options.layanan) or "-")),
        ("jenis_kelamin", ", ".join(options.jenis_kelamin) + " (juga L/P)."),
        ("usia", "Usia dalam tahun, 10–120."),
        ("pendidikan", ", ".join(options.pendidikan) + "."),
        ("pekerjaan", ", ".join(options.pekerjaan) + "."),
    ]
    for u in unsur_set.unsur:
        rows.append(
            (
                u.kode.lower(),
                f"{u.nama}: 1 = {u.labels[0]}, 2 = {u.labels[1]}, 3 = {u.labels[2]}, "
                f"4 = {u.labels[3]}. Kosongkan bila tidak dijawab.",
            )
        )
    rows += [
        ("saran", "Saran atau pengaduan responden (bebas)."),
        ("batch", "Nomor bundel kertas (tidak wajib)."),
        ("posisi", "Urutan kuesioner di dalam bundel: 1, 2, 3, … (tidak wajib)."),
        ("operator", "Nama petugas yang mengetik (tidak wajib)."),
        ("sumber", "kertas, kiosk, atau impor (tidak wajib)."),
        ("", ""),
        (
            "Catatan",
            "Jangan mengubah baris judul. Berkas dengan satu baris salah tidak diimpor sama "
            "sekali; daftar kesalahan menyebut baris dan kolomnya.",
        ),
    ]
    for r in rows:
        append_row(info, r)
    for row in info.iter_rows(min_row=1, max_row=info.max_row):
        for c in row:
            c.alignment = wrap
    info["A1"].font = Font(bold=True, size=14)
    info["A5"].font = info["B5"].font = bold
    wb.active = 0
    wb.save(path)
