"""The one place where the product puts a value into a CSV or XLSX cell.

Every text the product writes to a spreadsheet goes through here, so that no
text — a unit name, a layanan, an answer label, a saran — can ever become a
formula in Excel or LibreOffice:

- text is escaped with :func:`~skm_desktop.io.tabular.escape_text` (a leading
  ``=``, ``+``, ``-``, ``@``, tab or CR, or a leading quote, gets one more
  leading quote); the importer's ``unescape_text`` undoes exactly that, so an
  export read back gives the same text;
- in XLSX the cell is moreover typed as a string (``data_type = "s"``), so even
  texts such as ``#N/A`` stay text instead of becoming an error value;
- a live formula is written only when the value is a :class:`Formula`, which
  only the product's own formula builders (reports/olah_data.py) create.

Characters that XLSX cannot hold (control characters other than tab, line
feed and carriage return) are refused with a message that names the sheet and
the cell, before anything is saved.
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Iterable

from skm_desktop.domain.errors import DomainError

from .tabular import escape_text

_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PLAIN = (int, float, Decimal, dt.date, dt.datetime, dt.time)


class Formula(str):
    """A formula the product itself built (it starts with ``=``). Nothing else is ever written as a formula."""

    def __new__(cls, text: str) -> "Formula":
        if not isinstance(text, str) or not text.startswith("="):
            raise ValueError(f"a formula starts with '=': {text!r}")
        return super().__new__(cls, text)


class CellProblem(DomainError):
    """A value cannot be written to a spreadsheet; ``str()`` is for the user."""


def csv_value(value: Any) -> Any:
    """A value for ``csv.writer``: text escaped, numbers as they are, None as empty."""
    if value is None:
        return ""
    if isinstance(value, Formula):
        raise TypeError("formulas are never written to CSV")
    if isinstance(value, str):
        return escape_text(value)
    if isinstance(value, bool) or not isinstance(value, _PLAIN):
        raise TypeError(f"not a cell value: {type(value).__name__}")
    return value


def csv_row(values: Iterable[Any]) -> list:
    return [csv_value(v) for v in values]


def _check_xlsx_text(text: str, sheet: str, where: str) -> None:
    m = _ILLEGAL_XLSX.search(text)
    if m:
        shown = text if len(text) <= 40 else text[:37] + "…"
        shown = _ILLEGAL_XLSX.sub("?", shown)
        raise CellProblem(
            f"Teks di lembar {sheet}, sel {where} berisi karakter kendali (kode {ord(m.group())}) yang tidak "
            f"dapat disimpan dalam berkas Excel: '{shown}'. Perbaiki teks itu, atau ekspor sebagai CSV.")


def _bind(cell, value: Any, sheet: str, where: str):
    if value is None:
        cell.value = None
    elif isinstance(value, Formula):
        cell.value = str(value)  # openpyxl types a text starting with '=' as a formula
        if cell.data_type != "f":  # pragma: no cover - openpyxl changed its rule
            raise RuntimeError("openpyxl did not keep the formula")
    elif isinstance(value, str):
        text = escape_text(value)
        _check_xlsx_text(text, sheet, where)
        cell.value = text
        cell.data_type = "s"
    elif isinstance(value, bool) or not isinstance(value, _PLAIN):
        raise TypeError(f"not a cell value: {type(value).__name__}")
    else:
        cell.value = value
    return cell


def put(ws, row: int, column: int, value: Any = None):
    """Write ``value`` into ``ws`` (a normal openpyxl worksheet) at (row, column); returns the cell."""
    c = ws.cell(row=row, column=column)
    return _bind(c, value, ws.title, c.coordinate)


def put_at(ws, ref: str, value: Any = None):
    """Like :func:`put`, addressed as ``"B7"``."""
    c = ws[ref]
    return _bind(c, value, ws.title, ref)


def check_rows(sheet: str, rows: Iterable[Iterable[Any]], first_row: int = 1) -> None:
    """Refuse (CellProblem naming the cell) any text of ``rows`` that XLSX cannot hold, before writing starts.

    For write-only workbooks, whose rows are streamed to disk as they are appended."""
    from openpyxl.utils import get_column_letter

    for i, row in enumerate(rows):
        for j, v in enumerate(row, start=1):
            if isinstance(v, str) and not isinstance(v, Formula) and _ILLEGAL_XLSX.search(v):
                _check_xlsx_text(escape_text(v), sheet, f"{get_column_letter(j)}{first_row + i}")


def append_row(ws, values: Iterable[Any]) -> None:
    """Append one row to a worksheet (normal or write-only) through the same rules."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    if isinstance(ws, WriteOnlyWorksheet):
        row_no = getattr(ws, "_skm_rows", 0) + 1  # openpyxl counts rows only while saving
        ws._skm_rows = row_no
        cells = []
        for j, v in enumerate(values, start=1):
            c = WriteOnlyCell(ws)
            _bind(c, v, ws.title, f"{get_column_letter(j)}{row_no}")
            cells.append(c)
        ws.append(cells)
        return
    row_no = ws._current_row + 1
    for j, v in enumerate(values, start=1):
        put(ws, row_no, j, v)
    ws._current_row = row_no
