"""Reading a table (header + rows) from CSV or XLSX, with clear messages for
files that are not what their name says."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from skm_desktop.domain import tanggal
from skm_desktop.domain.errors import DomainError

from . import limits as L
from .problems import Problem, ProblemList

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SHEET_NAME = "Responden"


class FileProblem(DomainError):
    """The file as a whole cannot be read; ``str()`` is for the user."""


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list]]  # (row number as the user sees it, cell values)
    kind: str  # "csv" or "xlsx"
    # rows or cells the reader could not take (wrong cell count, a cell out of
    # bounds, …): validation reports them with its own findings
    problems: ProblemList = field(default_factory=ProblemList)


def escape_text(s: str) -> str:
    """Make text safe for spreadsheets: a leading formula character gets a quote."""
    if s and (s[0] in FORMULA_TRIGGERS or s[0] == "'"):
        return "'" + s
    return s


def unescape_text(s: str) -> str:
    if len(s) > 1 and s[0] == "'" and (s[1] in FORMULA_TRIGGERS or s[1] == "'"):
        return s[1:]
    return s


def read_table(path: Path | str, sheet: str = SHEET_NAME) -> Table:
    """The table of a CSV, or of XLSX sheet ``sheet`` (else the first sheet)."""
    path = Path(path)
    if not path.exists():
        raise FileProblem(f"Berkas {path} tidak ditemukan.")
    if path.is_dir():
        raise FileProblem(f"{path} adalah folder, bukan berkas.")
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise FileProblem(
            f"Berkas {path.name} berformat Excel lama (.xls). Simpan ulang sebagai .xlsx "
            "(Excel 2007 ke atas) atau CSV, lalu impor kembali."
        )
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt"):
        raise FileProblem(f"Jenis berkas {path.name} tidak didukung; gunakan .xlsx, .csv, atau .skm.")
    try:
        size = path.stat().st_size
    except OSError as e:
        raise FileProblem(f"Berkas {path.name} tidak dapat dibaca ({e.strerror}).") from None
    if size > L.MAX_FILE_BYTES:
        raise FileProblem(
            f"Berkas {path.name} berukuran {size / 2**20:.1f} MB; batasnya "
            f"{L.MAX_FILE_BYTES // 2**20} MB (jauh di atas {L.MAX_DATA_ROWS} kuesioner). "
            "Bagi berkas menjadi beberapa bagian."
        )
    if size == 0:
        raise FileProblem(f"Berkas {path.name} kosong.")
    try:
        if suffix in (".xlsx", ".xlsm"):
            return read_xlsx(path, sheet)
        return read_csv(path)
    except OSError as e:
        raise FileProblem(f"Berkas {path.name} tidak dapat dibaca ({e.strerror or type(e).__name__}).") from None
    except MemoryError:  # the limits make this unreachable; never a traceback if they are wrong
        raise FileProblem(f"Berkas {path.name} terlalu besar untuk dibaca dengan memori komputer ini.") from None


def _decode(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileProblem(
            f'Berkas {name} tersimpan sebagai UTF-16 ("Unicode Text"). '
            'Simpan ulang sebagai "CSV UTF-8" lalu impor kembali.'
        )
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data[:nul].count(b"\n") + 1
        raise FileProblem(f"Berkas {name} bukan berkas teks CSV: berisi data biner (byte NUL) pada baris {line}.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileProblem(
            f"Berkas {name} bukan UTF-8: byte 0x{data[exc.start]:02X} pada baris {line} tidak dapat dibaca. "
            'Simpan ulang dari Excel sebagai "CSV UTF-8 (dipisah koma)" lalu impor kembali.'
        ) from None


# A physical line longer than this cannot be a respondent row (64 short cells
# and one saran of Excel's maximum length fit easily); refused before the csv
# module turns it into a list of millions of cells.
MAX_LINE_CHARS = L.MAX_CELL_CHARS + L.MAX_COLUMNS * 1000


class _LineTooLong(Exception):
    def __init__(self, line: int, length: int):
        self.line, self.length = line, length


def _lines(text: str):
    n = 0
    for line in io.StringIO(text, newline=""):
        n += 1
        if len(line) > MAX_LINE_CHARS:
            raise _LineTooLong(n, len(line))
        yield line


def read_csv(path: Path) -> Table:
    name = path.name
    text = _decode(path.read_bytes(), name)
    if not text.strip():
        raise FileProblem(f"Berkas {name} kosong.")
    end = min((i for i in (text.find("\n"), text.find("\r")) if i >= 0), default=len(text))
    first = text[: min(end, MAX_LINE_CHARS + 1)]
    delim = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(_lines(text), delimiter=delim, strict=True)
    problems = ProblemList()
    rows: list[tuple[int, list]] = []
    header: list[str] | None = None
    width = 0
    old_limit = csv.field_size_limit()
    csv.field_size_limit(L.MAX_CELL_CHARS)
    try:
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except _LineTooLong as e:
                raise FileProblem(
                    f"Berkas {name}: baris {e.line} panjangnya {e.length} karakter; sebuah baris "
                    f"kuesioner paling panjang {MAX_LINE_CHARS} karakter. Berkas ditolak."
                ) from None
            except csv.Error as e:
                msg = str(e)
                if "end of data" in msg:
                    problems.append(
                        Problem(
                            'tanda kutip (") yang dibuka di baris ini tidak pernah ditutup sampai akhir berkas', start
                        )
                    )
                    break
                if "field larger" in msg:
                    problems.append(Problem(f"sebuah sel lebih dari {L.MAX_CELL_CHARS} karakter", start))
                else:
                    problems.append(Problem(f'baris CSV rusak ({msg}); periksa tanda kutip (")', start))
                continue
            if header is None:
                header = row
                width = len(row)
                if width > L.MAX_COLUMNS:
                    raise FileProblem(
                        f"Berkas {name}: baris judul berisi {width} kolom; batasnya "
                        f"{L.MAX_COLUMNS} kolom. Berkas ditolak."
                    )
                continue
            if not any(c.strip() for c in row):
                continue
            if len(row) != width:
                problems.append(
                    Problem(
                        f"baris ini berisi {len(row)} sel, padahal baris judul berisi {width} "
                        "kolom (pemisah atau tanda kutip hilang/berlebih?); baris tidak dibaca",
                        reader.line_num,
                    )
                )
                continue
            if len(rows) >= L.MAX_DATA_ROWS:
                raise FileProblem(
                    f"Berkas {name} berisi lebih dari {L.MAX_DATA_ROWS} baris data; "
                    "bagi berkas menjadi beberapa bagian."
                )
            rows.append((reader.line_num, row))
    finally:
        csv.field_size_limit(old_limit)
    if header is None:
        raise FileProblem(f"Berkas {name} kosong.")
    return Table(header, rows, "csv", problems)


def read_xlsx(path: Path, sheet: str = SHEET_NAME) -> Table:
    from .xlsx_fast import FileProblem as XlsxProblem
    from .xlsx_fast import read_sheet

    with open(path, "rb") as fh:
        magic = fh.read(4)
    if magic != b"PK\x03\x04" or not zipfile.is_zipfile(path):
        raise FileProblem(f"Berkas {path.name} bukan berkas Excel (.xlsx) yang sah.")
    problems = ProblemList()
    try:
        title, header_row, rows = read_sheet(path, sheet, problems)
    except XlsxProblem as e:
        raise FileProblem(str(e)) from None
    if header_row is None:
        if not rows:
            raise FileProblem(f"Lembar '{title}' di berkas {path.name} kosong.")
        header_row = []
    if len(header_row) > L.MAX_COLUMNS:  # unreachable: the reader stops at MAX_COLUMNS
        raise FileProblem(f"Lembar '{title}': baris judul melebihi {L.MAX_COLUMNS} kolom.")
    header = ["" if c is None else str(c) for c in header_row]
    return Table(header, rows, "xlsx", problems)


def parse_date(value) -> dt.date | None:
    """An import cell as a date (rules of :mod:`skm_desktop.domain.tanggal`: ISO,
    HH/BB/TTTT, HHBBTTTT, '14 Desember 2024', an Excel date cell); blank is None."""
    return tanggal.parse_optional(value)
