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
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from skm_desktop.domain.errors import DomainError

from .tabular import escape_text

_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_PLAIN = (int, float, Decimal, dt.date, dt.datetime, dt.time)


class Formula(str):
    """A formula the product itself built (it starts with ``=``). Nothing else is ever written as a formula."""

    def __new__(cls, text: str) -> Formula:
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
    out = []
    for v in values:
        c = v.__class__
        if c is str:  # the common cases first (an export has ~20 cells × 10,000 rows)
            out.append(escape_text(v) if v else v)
        elif c is int or v is None:
            out.append("" if v is None else v)
        else:
            out.append(csv_value(v))
    return out


def _check_xlsx_text(text: str, sheet: str, where: str) -> None:
    m = _ILLEGAL_XLSX.search(text)
    if m:
        shown = text if len(text) <= 40 else text[:37] + "…"
        shown = _ILLEGAL_XLSX.sub("?", shown)
        raise CellProblem(
            f"Teks di lembar {sheet}, sel {where} berisi karakter kendali (kode {ord(m.group())}) yang tidak "
            f"dapat disimpan dalam berkas Excel: '{shown}'. Perbaiki teks itu, atau ekspor sebagai CSV."
        )


def _bind(cell, value: Any, sheet: str, row: int, column: int):
    """Set ``cell``'s value by the rules above; (row, column) only name the cell in a refusal."""
    if value.__class__ is str:  # the common case first: user or product text
        text = escape_text(value)
        try:
            cell.value = text
        except Exception as exc:  # openpyxl is imported only when a spreadsheet is written
            from openpyxl.utils import get_column_letter
            from openpyxl.utils.exceptions import IllegalCharacterError

            if isinstance(exc, IllegalCharacterError):
                _check_xlsx_text(text, sheet, f"{get_column_letter(column)}{row}")
            raise
        cell.data_type = "s"
    elif value is None:
        cell.value = None
    elif isinstance(value, Formula):
        cell.value = str(value)  # openpyxl types a text starting with '=' as a formula
        if cell.data_type != "f":  # pragma: no cover - openpyxl changed its rule
            raise RuntimeError("openpyxl did not keep the formula")
    elif isinstance(value, str):  # a str subclass that is not a Formula: text like any other
        _bind(cell, str(value), sheet, row, column)
    elif isinstance(value, bool) or not isinstance(value, _PLAIN):
        raise TypeError(f"not a cell value: {type(value).__name__}")
    else:
        cell.value = value
    return cell


def put(ws, row: int, column: int, value: Any = None):
    """Write ``value`` into ``ws`` (a normal openpyxl worksheet) at (row, column); returns the cell."""
    return _bind(ws.cell(row=row, column=column), value, ws.title, row, column)


def put_at(ws, ref: str, value: Any = None):
    """Like :func:`put`, addressed as ``"B7"``."""
    c = ws[ref]
    return _bind(c, value, ws.title, c.row, c.column)


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
    from openpyxl.cell.cell import ERROR_CODES
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    if isinstance(ws, WriteOnlyWorksheet):
        # Plain values stream fastest; an escaped text can no longer start with '=', so only
        # texts openpyxl would take as an error value (#N/A …) need a cell typed as string.
        row_no = getattr(ws, "_skm_rows", 0) + 1  # openpyxl counts rows only while saving
        ws._skm_rows = row_no
        out: list = []
        for j, v in enumerate(values, start=1):
            if v.__class__ is not str and isinstance(v, str) and not isinstance(v, Formula):
                v = str(v)  # a str subclass that is not the product's formula: text like any other
            if v.__class__ is str:
                text = escape_text(v)
                if _ILLEGAL_XLSX.search(text):
                    from openpyxl.utils import get_column_letter

                    _check_xlsx_text(text, ws.title, f"{get_column_letter(j)}{row_no}")
                if text in ERROR_CODES:
                    c = WriteOnlyCell(ws)
                    _bind(c, text, ws.title, row_no, j)
                    out.append(c)
                else:
                    out.append(text)
            elif v is None or isinstance(v, Formula):
                out.append(None if v is None else str(v))
            elif isinstance(v, bool) or not isinstance(v, _PLAIN):
                raise TypeError(f"not a cell value: {type(v).__name__}")
            else:
                out.append(v)
        ws.append(out)
        return
    row_no = ws._current_row + 1
    for j, v in enumerate(values, start=1):
        put(ws, row_no, j, v)
    ws._current_row = row_no
