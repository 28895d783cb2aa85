"""Reading a table (header + rows) from CSV or XLSX, with clear messages for
files that are not what their name says."""
from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from skm_desktop.domain import tanggal
from skm_desktop.domain.errors import DomainError

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME = "Responden"


class FileProblem(DomainError):
    """The file as a whole cannot be read; ``str()`` is for the user."""


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list]]  # (row number as the user sees it, cell values)
    kind: str  # "csv" or "xlsx"


def escape_text(s: str) -> str:
    """Make text safe for spreadsheets: a leading formula character gets a quote."""
    if s and (s[0] in FORMULA_TRIGGERS or s[0] == "'"):
        return "'" + s
    return s


def unescape_text(s: str) -> str:
    if len(s) > 1 and s[0] == "'" and (s[1] in FORMULA_TRIGGERS or s[1] == "'"):
        return s[1:]
    return s


def read_table(path: Path | str) -> Table:
    path = Path(path)
    if not path.exists():
        raise FileProblem(f"Berkas {path} tidak ditemukan.")
    if path.is_dir():
        raise FileProblem(f"{path} adalah folder, bukan berkas.")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path)
    if suffix in (".csv", ".txt"):
        return read_csv(path)
    if suffix == ".xls":
        raise FileProblem(f"Berkas {path.name} berformat Excel lama (.xls). Simpan ulang sebagai .xlsx "
                          "(Excel 2007 ke atas) atau CSV, lalu impor kembali.")
    raise FileProblem(f"Jenis berkas {path.name} tidak didukung; gunakan .xlsx, .csv, atau .skm.")


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileProblem(f"Berkas {name} tersimpan sebagai UTF-16 (\"Unicode Text\"). "
                          "Simpan ulang sebagai \"CSV UTF-8\" lalu impor kembali.")
    if b"\x00" in data[:4096]:
        raise FileProblem(f"Berkas {name} bukan berkas teks CSV (berisi data biner).")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileProblem(
            f"Berkas {name} bukan UTF-8: byte 0x{data[exc.start]:02X} pada baris {line} tidak dapat dibaca. "
            "Simpan ulang dari Excel sebagai \"CSV UTF-8 (dipisah koma)\" lalu impor kembali.") from None


def read_csv(path: Path) -> Table:
    text = _decode(path.read_bytes(), path.name)
    if not text.strip():
        raise FileProblem(f"Berkas {path.name} kosong.")
    first = text.splitlines()[0]
    delim = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        header = next(reader)
        rows = []
        for row in reader:
            if any(c.strip() for c in row):
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise FileProblem(f"Berkas {path.name} rusak pada baris {reader.line_num}: {exc}.") from None
    return Table(header, rows, "csv")


def read_xlsx(path: Path) -> Table:
    if not zipfile.is_zipfile(path):
        raise FileProblem(f"Berkas {path.name} bukan berkas Excel (.xlsx) yang sah.")
    from .xlsx_fast import read_sheet
    try:
        title, all_rows = read_sheet(path, SHEET_NAME)
    except Exception:  # anything unusual: openpyxl reads it (or explains what is wrong)
        return _read_xlsx_openpyxl(path)
    if not all_rows:
        raise FileProblem(f"Lembar '{title}' di berkas {path.name} kosong.")
    header = ["" if c is None else str(c) for c in all_rows[0]]
    rows = [(i, r) for i, r in enumerate(all_rows[1:], start=2)
            if any(v is not None and str(v).strip() != "" for v in r)]
    return Table(header, rows, "xlsx")


def _read_xlsx_openpyxl(path: Path) -> Table:
    import openpyxl  # imported here: CSV users should not pay for it
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for broken files
        raise FileProblem(f"Berkas {path.name} bukan berkas Excel (.xlsx) yang dapat dibaca ({type(exc).__name__}).") from None
    try:
        names = wb.sheetnames
        if not names:
            raise FileProblem(f"Berkas {path.name} tidak memiliki lembar kerja.")
        ws = wb[SHEET_NAME] if SHEET_NAME in names else wb[names[0]]
        it = ws.iter_rows(values_only=True)
        try:
            header_row = next(it)
        except StopIteration:
            raise FileProblem(f"Lembar '{ws.title}' di berkas {path.name} kosong.") from None
        header = ["" if c is None else str(c) for c in header_row]
        rows = []
        for i, row in enumerate(it, start=2):
            vals = list(row)
            if any(v is not None and str(v).strip() != "" for v in vals):
                rows.append((i, vals))
    except FileProblem:
        raise
    except Exception as exc:
        raise FileProblem(f"Berkas {path.name} rusak dan tidak dapat dibaca ({type(exc).__name__}).") from None
    finally:
        wb.close()
    return Table(header, rows, "xlsx")


def parse_date(value) -> dt.date | None:
    """An import cell as a date (rules of :mod:`skm_desktop.domain.tanggal`: ISO,
    HH/BB/TTTT, HHBBTTTT, '14 Desember 2024', an Excel date cell); blank is None."""
    return tanggal.parse_optional(value)
