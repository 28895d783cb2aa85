"""The one XLSX reader: a bounded, streaming reader for the first (or 'Responden')
sheet of an .xlsx file.

It streams the sheet XML with expat and returns plain values (str, int, float,
datetime) — about ten times faster than openpyxl, which builds an object per
cell. Before anything is decompressed, the zip directory is checked (member
count, declared sizes, compression ratio, encryption, method); while streaming,
the actual decompressed bytes are counted again (headers lie). Row and cell
references beyond the limits (io/limits.py) are reported as problems naming the
cell and never allocate anything. Everything it cannot read raises
``FileProblem`` with a message naming the part of the file.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from xml.parsers import expat

from . import limits as L
from .problems import Problem, ProblemList
from .zipmember import capped_chunks

NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BUILTIN_DATE_FORMATS = set(range(14, 23)) | {45, 46, 47}
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
MAX_DATE_SERIAL = 2_958_465  # 9999-12-31


class FileProblem(Exception):
    """The workbook as a whole cannot be read (tabular.FileProblem wraps it)."""


def _local(name: str) -> str:
    return name.rsplit("|", 1)[-1].rsplit(":", 1)[-1]


def col_letters(index: int) -> str:
    s = ""
    index += 1
    while index:
        index, r = divmod(index - 1, 26)
        s = chr(65 + r) + s
    return s


_COL_CACHE: dict[str, int] = {}


def split_ref(ref: str) -> tuple[int, int] | None:
    """'AB12' -> (col index 0-based, row number); None when it is not a reference.
    Letters beyond three (past XFD) give a column index past every limit, without
    computing a huge number."""
    letters = ref.rstrip("0123456789")
    digits = ref[len(letters) :]
    if not digits or len(digits) > 9:
        return None
    c = _COL_CACHE.get(letters)
    if c is None:
        if not letters or not all("A" <= ch <= "Z" for ch in letters):
            return None
        if len(letters) > 3:
            return 1 << 30, int(digits)
        c = 0
        for ch in letters:
            c = c * 26 + (ord(ch) - 64)
        c = _COL_CACHE[letters] = c - 1
    return c, int(digits)


def _ascii_int(text: str | None, default: int = 0) -> int | None:
    if text is None or text == "":
        return default
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else None


class _Book:
    def __init__(self, path: Path):
        self.path = path
        self.name = path.name
        try:
            self.z = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
            raise FileProblem(f"Berkas {self.name} bukan berkas Excel (.xlsx) yang sah ({type(e).__name__}).") from None
        try:
            self._check_directory()
        except BaseException:
            self.z.close()
            raise
        self.infos = {i.filename: i for i in self.z.infolist()}

    def _check_directory(self) -> None:
        infos = self.z.infolist()
        if len(infos) > L.MAX_ZIP_MEMBERS:
            raise FileProblem(
                f"Berkas {self.name} berisi {len(infos)} bagian; buku kerja Excel biasa berisi "
                f"kurang dari {L.MAX_ZIP_MEMBERS}. Berkas ditolak."
            )
        total = 0
        for i in infos:
            if i.flag_bits & 0x1:
                raise FileProblem(
                    f"Berkas {self.name} terenkripsi (bagian '{i.filename}'); buka di Excel, "
                    "hapus kata sandinya, simpan, lalu impor kembali."
                )
            if i.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise FileProblem(
                    f"Bagian '{i.filename}' di berkas {self.name} memakai metode kompresi yang "
                    "tidak dipakai Excel. Berkas ditolak."
                )
            if i.file_size > L.MAX_SHEET_XML_BYTES:
                raise FileProblem(
                    f"Bagian '{i.filename}' di berkas {self.name} menyatakan ukuran "
                    f"{i.file_size // 2**20} MB setelah diekstrak; batasnya "
                    f"{L.MAX_SHEET_XML_BYTES // 2**20} MB. Berkas ditolak."
                )
            if i.file_size > L.RATIO_CHECK_FROM_BYTES and i.file_size > L.MAX_COMPRESSION_RATIO * max(
                i.compress_size, 1
            ):
                raise FileProblem(
                    f"Bagian '{i.filename}' di berkas {self.name} mengembang "
                    f"{i.file_size // max(i.compress_size, 1)} kali saat diekstrak (bom zip?); "
                    f"batasnya {L.MAX_COMPRESSION_RATIO} kali. Berkas ditolak."
                )
            total += i.file_size
        if total > L.MAX_TOTAL_UNCOMPRESSED:
            raise FileProblem(
                f"Isi berkas {self.name} setelah diekstrak {total // 2**20} MB; batasnya "
                f"{L.MAX_TOTAL_UNCOMPRESSED // 2**20} MB. Berkas ditolak."
            )

    def close(self) -> None:
        self.z.close()

    def parse(
        self,
        part: str,
        limit: int,
        start: Callable,
        end: Callable | None = None,
        chars: Callable | None = None,
        namespaces: bool = True,
    ) -> None:
        """Stream one part through expat, counting the real decompressed bytes."""
        info = self.infos.get(part)
        if info is None:
            raise FileProblem(f"Bagian '{part}' tidak ada di berkas {self.name}; berkas tidak lengkap atau rusak.")
        if info.file_size > limit:
            raise FileProblem(
                f"Bagian '{part}' di berkas {self.name} terlalu besar "
                f"({info.file_size // 2**20} MB; batas {limit // 2**20} MB). Berkas ditolak."
            )
        p = expat.ParserCreate(namespace_separator="|") if namespaces else expat.ParserCreate()
        p.buffer_text = True
        p.StartElementHandler = start
        if end:
            p.EndElementHandler = end
        if chars:
            p.CharacterDataHandler = chars

        def no_dtd(*_a):
            raise FileProblem(
                f"Bagian '{part}' di berkas {self.name} berisi deklarasi DTD, yang tidak pernah "
                "ditulis Excel. Berkas ditolak."
            )

        p.StartDoctypeDeclHandler = no_dtd
        p.EntityDeclHandler = no_dtd

        def too_big() -> FileProblem:
            return FileProblem(
                f"Bagian '{part}' di berkas {self.name} lebih besar dari "
                f"{limit // 2**20} MB setelah diekstrak (ukuran di kepala zip "
                "tidak benar). Berkas ditolak."
            )

        try:
            for chunk in capped_chunks(self.z, info, limit, too_big):
                p.Parse(chunk, False)
            p.Parse(b"", True)
        except expat.ExpatError as e:
            raise FileProblem(
                f"Bagian '{part}' di berkas {self.name} rusak: XML tidak sah pada baris "
                f"{e.lineno}, kolom {e.offset} ({expat.ErrorString(e.code)})."
            ) from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError) as e:
            raise FileProblem(
                f"Bagian '{part}' di berkas {self.name} rusak dan tidak dapat diekstrak ({type(e).__name__})."
            ) from None
        except RecursionError:
            raise FileProblem(
                f"Bagian '{part}' di berkas {self.name} bersarang terlalu dalam. Berkas ditolak."
            ) from None


def _rels(book: _Book, path: str) -> dict[str, str]:
    """Relationship id -> part name; targets outside the package map to ''."""
    rels: dict[str, str] = {}
    if path not in book.infos:
        return rels
    base = posixpath.dirname(posixpath.dirname(path))

    def start(name, attrs):
        if _local(name) == "Relationship":
            target = attrs.get("Target", "")[:200]
            if attrs.get("TargetMode", "") == "External":
                rels[attrs.get("Id", "")] = "(luar) " + target  # never a part of this file
                return
            full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            rels[attrs.get("Id", "")] = full  # may point outside the package: then it is no member

    book.parse(path, L.MAX_PART_XML_BYTES, start)
    return rels


def _content_types(book: _Book) -> tuple[dict[str, str], dict[str, str]]:
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}

    def start(name, attrs):
        tag = _local(name)
        if tag == "Default":
            defaults[attrs.get("Extension", "").lower()] = attrs.get("ContentType", "")
        elif tag == "Override":
            overrides[attrs.get("PartName", "").lstrip("/")] = attrs.get("ContentType", "")

    if "[Content_Types].xml" not in book.infos:
        raise FileProblem(f"Berkas {book.name} bukan buku kerja Excel: bagian '[Content_Types].xml' tidak ada.")
    book.parse("[Content_Types].xml", L.MAX_PART_XML_BYTES, start)
    return defaults, overrides


def _shared_strings(book: _Book, path: str | None) -> list[str]:
    if not path or path not in book.infos:
        return []
    out: list[str] = []
    buf: list[str] = []
    state = {"in_t": False, "in_rph": 0}

    def start(name, attrs):
        tag = _local(name)
        if tag == "si":
            buf.clear()
        elif tag == "t" and not state["in_rph"]:
            state["in_t"] = True
        elif tag == "rPh":
            state["in_rph"] += 1
        elif tag == "sst":
            n = _ascii_int(attrs.get("uniqueCount"), 0)
            if n is None or n > L.MAX_SHARED_STRINGS:
                raise FileProblem(
                    f"Bagian '{path}' di berkas {book.name} menyatakan {attrs.get('uniqueCount')} "
                    f"teks; batasnya {L.MAX_SHARED_STRINGS}. Berkas ditolak."
                )

    def end(name):
        tag = _local(name)
        if tag == "t":
            state["in_t"] = False
        elif tag == "rPh":
            state["in_rph"] -= 1
        elif tag == "si":
            if len(out) >= L.MAX_SHARED_STRINGS:
                raise FileProblem(
                    f"Bagian '{path}' di berkas {book.name} berisi lebih dari "
                    f"{L.MAX_SHARED_STRINGS} teks. Berkas ditolak."
                )
            out.append("".join(buf))

    def chars(text):
        if state["in_t"]:
            buf.append(text)

    book.parse(path, L.MAX_PART_XML_BYTES, start, end, chars)
    return out


def _date_styles(book: _Book, path: str | None) -> set[int]:
    """Indexes of cellXfs whose number format is a date."""
    if not path or path not in book.infos:
        return set()
    custom_dates: set[int] = set()
    xfs: list[int] = []
    state = {"in_xfs": False}

    def start(name, attrs):
        tag = _local(name)
        if tag == "numFmt":
            code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", attrs.get("formatCode", "")[:255]).lower()
            fid = _ascii_int(attrs.get("numFmtId"), 0)
            if fid is not None and (
                any(c in code for c in "dy") or ("m" in code and "h" not in code and "s" not in code)
            ):
                custom_dates.add(fid)
        elif tag == "cellXfs":
            state["in_xfs"] = True
        elif tag == "xf" and state["in_xfs"]:
            xfs.append(_ascii_int(attrs.get("numFmtId"), 0) or 0)

    def end(name):
        if _local(name) == "cellXfs":
            state["in_xfs"] = False

    book.parse(path, L.MAX_PART_XML_BYTES, start, end)
    dates = BUILTIN_DATE_FORMATS | custom_dates
    return {i for i, fmt in enumerate(xfs) if fmt in dates}


def read_sheet(path, preferred: str, problems: ProblemList) -> tuple[str, list | None, list[tuple[int, list]]]:
    """Sheet ``preferred`` or else the first sheet: (sheet name, header row
    values or None, [(row number, values)] of the non-empty rows below it).
    Cells that cannot be read are added to ``problems`` naming the cell."""
    book = _Book(Path(path))
    try:
        return _read(book, preferred, problems)
    finally:
        book.close()


def _read(book: _Book, preferred: str, problems: ProblemList):
    name = book.name
    wb_path = "xl/workbook.xml"
    root = _rels(book, "_rels/.rels")
    for target in root.values():
        if target.endswith(".xml") and "workbook" in target.rsplit("/", 1)[-1].lower():
            wb_path = target
            break
    if wb_path not in book.infos:
        raise FileProblem(f"Berkas {name} bukan buku kerja Excel: bagian '{wb_path}' tidak ada.")
    sheets: list[tuple[str, str]] = []

    def wb_start(tag, attrs):
        if _local(tag) == "sheet" and len(sheets) < 1000:
            sheets.append((attrs.get("name", "")[:100], attrs.get(f"{NS_REL}|id", "")))

    book.parse(wb_path, L.MAX_PART_XML_BYTES, wb_start)
    wb_dir = posixpath.dirname(wb_path)
    rels = _rels(book, posixpath.join(wb_dir, "_rels", posixpath.basename(wb_path) + ".rels"))
    if not sheets:
        raise FileProblem(f"Berkas {name} tidak memiliki lembar kerja.")
    chosen = next((s for s in sheets if s[0] == preferred), sheets[0])
    sheet_path = rels.get(chosen[1])
    if not sheet_path or sheet_path not in book.infos:
        raise FileProblem(
            f"Lembar '{chosen[0]}' di berkas {name} menunjuk ke bagian "
            f"'{sheet_path or chosen[1] or '?'}' yang tidak ada di dalam berkas; berkas rusak."
        )
    defaults, overrides = _content_types(book)
    ctype = overrides.get(sheet_path) or defaults.get(sheet_path.rsplit(".", 1)[-1].lower(), "")
    if "worksheet+xml" not in ctype:
        raise FileProblem(
            f"Bagian '{sheet_path}' (lembar '{chosen[0]}') di berkas {name} bukan lembar kerja "
            f"menurut [Content_Types].xml (tercatat: '{ctype[:80] or 'tidak ada'}'). Berkas ditolak."
        )
    shared_path = next((p for p in rels.values() if p.endswith("sharedStrings.xml")), None)
    styles_path = next((p for p in rels.values() if p.endswith("styles.xml")), None)
    shared = _shared_strings(book, shared_path)
    date_xf = _date_styles(book, styles_path)
    n_shared = len(shared)
    title = chosen[0]

    header: list | None = None
    rows: list[tuple[int, list]] = []
    cur: dict[int, object] = {}
    buf: list[str] = []
    # parser state, as closure variables (the handlers run once per element)
    row = 0
    col = -1
    ctype = "n"
    style: int | None = 0
    collect = False
    length = 0
    ref = ""
    skip = False
    oob_col = False
    row_out = False
    row_seen_value = False
    max_cols = L.MAX_COLUMNS
    plain_zero = 0 not in date_xf
    max_chars = L.MAX_CELL_CHARS

    def problem(msg, where, value=None):
        problems.append(Problem(f"sel {where}: {msg}", row, None, value))

    def start(tag, attrs):
        nonlocal row, col, ctype, style, collect, length, ref, skip, oob_col, row_out
        if ":" in tag:
            tag = tag.rsplit(":", 1)[1]
        if tag == "c":
            r = attrs.get("r")
            skip = False
            if r:
                rc = split_ref(r)
                if rc is None:
                    ref = r[:20]
                    problem(f"alamat sel '{ref}' tidak sah", ref)
                    skip = True
                    col += 1
                else:
                    col = rc[0]
                    ref = r
                    if rc[1] != row:
                        problem(f"alamat sel berada di luar baris {row}", r[:20])
                        skip = True
            else:
                col += 1
                ref = f"{col_letters(min(col, 16383))}{row}"
            oob_col = col >= max_cols
            ctype = attrs.get("t", "n")
            s_attr = attrs.get("s")
            style = 0 if s_attr is None else _ascii_int(s_attr, 0)
            length = 0
            buf.clear()
        elif tag == "v" or (tag == "t" and ctype == "inlineStr"):
            collect = True
        elif tag == "row":
            r = attrs.get("r")
            n = _ascii_int(r, row + 1) if r else row + 1
            if n is None:
                raise FileProblem(f"Lembar '{title}' di berkas {name}: nomor baris '{r[:20]}' tidak sah.")
            row = n
            col = -1
            row_out = n > L.MAX_ROW_NUMBER
            cur.clear()
        elif tag == "dimension":
            dim = attrs.get("ref", "")
            rc = split_ref(dim.split(":")[-1])
            if rc and (rc[0] >= max_cols or rc[1] > L.MAX_ROW_NUMBER):
                raise FileProblem(
                    f"Lembar '{title}' di berkas {name} menyatakan ukuran {dim[:40]}; batasnya "
                    f"{L.MAX_ROW_NUMBER} baris dan {max_cols} kolom "
                    f"(sampai kolom {col_letters(max_cols - 1)}). Berkas ditolak."
                )

    def chars(text):
        nonlocal length
        if collect:
            length += len(text)
            if length <= max_chars:
                buf.append(text)

    def end(tag):
        nonlocal collect, row_seen_value, header
        if ":" in tag:
            tag = tag.rsplit(":", 1)[1]
        if tag == "v" or tag == "t":
            collect = False
        elif tag == "c":
            if length == 0 and ctype != "inlineStr":
                return  # an empty (perhaps styled) cell
            if row_out:
                row_seen_value = True  # named once, at the end of the row
                return
            if oob_col:
                problem(
                    f"berada di luar kolom yang dibaca (batas {max_cols} kolom, sampai kolom "
                    f"{col_letters(max_cols - 1)}); hapus isi sel ini",
                    ref[:20],
                )
                return
            if skip:
                return
            if length > max_chars:
                problem(f"teks {length} karakter; batasnya {max_chars} karakter per sel", ref)
                return
            raw = "".join(buf)
            if ctype == "n" and style == 0 and plain_zero and raw.isdigit() and raw.isascii() and len(raw) <= 18:
                cur[col] = int(raw)  # the common case, without a call
                return
            val = _value(raw, ctype, style, ref)
            if val is not None:
                cur[col] = val
        elif tag == "row":
            if row_out:
                if row_seen_value:
                    problems.append(
                        Problem(
                            f"nomor baris {row} di luar batas (paling banyak {L.MAX_ROW_NUMBER} "
                            "baris); hapus baris ini",
                            row,
                        )
                    )
                row_seen_value = False
                return
            if not cur:
                return
            values = [cur.get(i) for i in range(max(cur) + 1)]
            if row == 1:
                header = values
                return
            if not any(v is not None and str(v).strip() != "" for v in values):
                return
            if len(rows) >= L.MAX_DATA_ROWS:
                raise FileProblem(
                    f"Lembar '{title}' di berkas {name} berisi lebih dari {L.MAX_DATA_ROWS} "
                    "baris data; bagi berkas menjadi beberapa bagian."
                )
            rows.append((row, values))

    def _value(raw, t, style, ref):
        if t == "s":
            i = _ascii_int(raw, -1)
            if i is None or not 0 <= i < n_shared:
                problem(f"merujuk teks nomor '{raw[:20]}' yang tidak ada", ref)
                return None
            v = shared[i]
            if len(v) > L.MAX_CELL_CHARS:
                problem(f"teks {len(v)} karakter; batasnya {L.MAX_CELL_CHARS} karakter per sel", ref)
                return None
            return v
        if t == "n":
            if raw == "":
                return None
            if style is not None and style in date_xf:
                try:
                    days = float(raw)
                except ValueError:
                    problem(f"'{raw[:40]}' bukan tanggal yang sah", ref, raw[:40])
                    return None
                if not 1 <= days <= MAX_DATE_SERIAL:
                    problem(f"angka tanggal {raw[:40]} di luar kalender", ref, raw[:40])
                    return None
                return EXCEL_EPOCH + dt.timedelta(days=days)
            if raw.isascii() and raw.isdigit():
                return int(raw) if len(raw) <= 18 else float(raw)
            try:
                num = float(raw)
            except ValueError:
                problem(f"'{raw[:40]}' bukan angka yang sah", ref, raw[:40])
                return None
            return (
                int(num) if num.is_integer() and "." not in raw and "E" not in raw.upper() and abs(num) < 1e18 else num
            )
        if t in ("inlineStr", "str"):
            return raw
        if t == "b":
            return raw == "1"
        if t == "e":
            return raw  # an error value such as #N/A: validation names it
        if t == "d":
            try:
                return dt.datetime.fromisoformat(raw) if raw else None
            except ValueError:
                problem(f"tanggal '{raw[:40]}' tidak sah", ref, raw[:40])
                return None
        problem(f"jenis sel '{t[:10]}' tidak dikenal", ref)
        return None

    book.parse(sheet_path, L.MAX_SHEET_XML_BYTES, start, end, chars, namespaces=False)
    return title, header, rows
