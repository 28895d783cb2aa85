"""The problems of a refused file as an XLSX sheet (baris, kolom, nilai, masalah),
every text through the one safe cell writer (io/cells.py)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .cells import append_row, check_rows
from .problems import Problem

PROBLEM_COLUMNS = ("Baris", "Kolom", "Nilai", "Masalah")


def problem_cells(p: Problem) -> list:
    """The cells of one problem as the error table shows them (baris, kolom, nilai, masalah)."""
    value = p.value
    if isinstance(value, bool) or (value is not None and not isinstance(value, (int, float))):
        value = str(value)
    return [p.row, p.column or None, value, p.message]


def write_problems_xlsx(path: Path | str, problems: Iterable[Problem], omitted: int = 0) -> None:
    """The problems of a refused file as one XLSX sheet, every text through io/cells.py."""
    from openpyxl import Workbook

    rows = [list(PROBLEM_COLUMNS)] + [problem_cells(p) for p in problems]
    if omitted:
        rows.append([None, None, None, f"… dan {omitted} masalah lain (tidak dicantumkan)."])
    check_rows("Kesalahan", rows)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Kesalahan")
    for row in rows:
        append_row(ws, row)
    wb.save(path)
