"""A fast, read-only reader for the first (or 'Responden') sheet of an .xlsx file.

openpyxl builds a Python object per cell and needs ~3 s for 10,000 rows of a
respondent file; this reader streams the sheet XML with expat and returns plain
values (str, int, float, datetime) in about a tenth of that. It understands what
spreadsheet programs write for data tables: shared and inline strings, numbers,
booleans, ISO dates, and numbers formatted as dates. Anything it does not
understand raises ``Unsupported`` and the caller falls back to openpyxl.
"""
from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from xml.parsers import expat

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BUILTIN_DATE_FORMATS = set(range(14, 23)) | {45, 46, 47}
EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_COL_RE = re.compile(r"([A-Z]+)(\d+)")


class Unsupported(Exception):
    pass


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def _parse(data: bytes, start, end=None, chars=None) -> None:
    p = expat.ParserCreate(namespace_separator="|")
    p.buffer_text = True
    p.StartElementHandler = start
    if end:
        p.EndElementHandler = end
    if chars:
        p.CharacterDataHandler = chars
    p.Parse(data, True)


def _shared_strings(z: zipfile.ZipFile, path: str | None) -> list[str]:
    if not path or path not in z.namelist():
        return []
    out: list[str] = []
    buf: list[str] = []
    state = {"in_t": False, "in_rph": 0}

    def start(name, attrs):
        tag = name.rsplit("|", 1)[-1]
        if tag == "si":
            buf.clear()
        elif tag == "t" and not state["in_rph"]:
            state["in_t"] = True
        elif tag == "rPh":
            state["in_rph"] += 1

    def end(name):
        tag = name.rsplit("|", 1)[-1]
        if tag == "t":
            state["in_t"] = False
        elif tag == "rPh":
            state["in_rph"] -= 1
        elif tag == "si":
            out.append("".join(buf))

    def chars(text):
        if state["in_t"]:
            buf.append(text)

    _parse(z.read(path), start, end, chars)
    return out


def _date_styles(z: zipfile.ZipFile, path: str | None) -> set[int]:
    """Indexes of cellXfs whose number format is a date."""
    if not path or path not in z.namelist():
        return set()
    custom_dates: set[int] = set()
    xfs: list[int] = []
    state = {"in_xfs": False}

    def start(name, attrs):
        tag = name.rsplit("|", 1)[-1]
        if tag == "numFmt":
            code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", attrs.get("formatCode", "")).lower()
            if any(c in code for c in "dy") or ("m" in code and "h" not in code and "s" not in code):
                custom_dates.add(int(attrs.get("numFmtId", "0")))
        elif tag == "cellXfs":
            state["in_xfs"] = True
        elif tag == "xf" and state["in_xfs"]:
            xfs.append(int(attrs.get("numFmtId", "0")))

    def end(name):
        if name.rsplit("|", 1)[-1] == "cellXfs":
            state["in_xfs"] = False

    _parse(z.read(path), start, end)
    dates = BUILTIN_DATE_FORMATS | custom_dates
    return {i for i, fmt in enumerate(xfs) if fmt in dates}


def _rels(z: zipfile.ZipFile, path: str) -> dict[str, str]:
    rels: dict[str, str] = {}
    if path not in z.namelist():
        return rels
    base = posixpath.dirname(posixpath.dirname(path))

    def start(name, attrs):
        if name.rsplit("|", 1)[-1] == "Relationship":
            target = attrs.get("Target", "")
            full = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            rels[attrs.get("Id", "")] = full

    _parse(z.read(path), start)
    return rels


def read_sheet(path, preferred: str) -> tuple[str, list[list]]:
    """Rows (lists of cell values, trailing Nones trimmed) of sheet ``preferred``
    or else the first sheet. Returns (sheet name, rows)."""
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        if "xl/workbook.xml" not in names:
            raise Unsupported("no workbook")
        sheets: list[tuple[str, str]] = []

        def wb_start(name, attrs):
            if name.rsplit("|", 1)[-1] == "sheet":
                rid = attrs.get(f"{NS_REL}|id")
                sheets.append((attrs.get("name", ""), rid))

        _parse(z.read("xl/workbook.xml"), wb_start)
        rels = _rels(z, "xl/_rels/workbook.xml.rels")
        if not sheets:
            raise Unsupported("no sheets")
        chosen = next((s for s in sheets if s[0] == preferred), sheets[0])
        sheet_path = rels.get(chosen[1])
        if not sheet_path or sheet_path not in names:
            raise Unsupported("sheet part missing")
        shared_path = next((p for p in rels.values() if p.endswith("sharedStrings.xml")), None)
        styles_path = next((p for p in rels.values() if p.endswith("styles.xml")), None)
        shared = _shared_strings(z, shared_path)
        date_xf = _date_styles(z, styles_path)
        data = z.read(sheet_path)

    rows: list[list] = []
    cur: dict[int, object] = {}
    buf: list[str] = []
    row_no = 0
    col = -1
    ctype = "n"
    style = 0
    collecting = False

    def start(name, attrs):
        nonlocal row_no, col, ctype, style, collecting
        if ":" in name:
            name = name.rsplit(":", 1)[1]
        if name == "c":
            ref = attrs.get("r")
            if ref:
                i = 0
                while not ref[i].isdigit():
                    i += 1
                col = _col_index(ref[:i])
            else:
                col += 1
            ctype = attrs.get("t", "n")
            style = int(attrs.get("s", 0))
            buf.clear()
        elif name == "v" or (name == "t" and ctype == "inlineStr"):
            collecting = True
        elif name == "row":
            r = attrs.get("r")
            row_no = int(r) if r else row_no + 1
            col = -1
            cur.clear()

    def chars(text):
        if collecting:
            buf.append(text)

    def end(name):
        nonlocal collecting
        if ":" in name:
            name = name.rsplit(":", 1)[1]
        if name == "v" or name == "t":
            collecting = False
        elif name == "c":
            raw = "".join(buf)
            t = ctype
            if t == "s":
                val = shared[int(raw)] if raw else None
            elif t == "n":
                if raw == "":
                    val = None
                elif style in date_xf:
                    val = EXCEL_EPOCH + dt.timedelta(days=float(raw))
                elif raw.isdigit():
                    val = int(raw)
                else:
                    num = float(raw)
                    val = int(num) if num.is_integer() and "." not in raw and "E" not in raw.upper() else num
            elif t in ("inlineStr", "str"):
                val = raw
            elif t == "b":
                val = raw == "1"
            elif t == "e":
                val = raw  # an error value such as #N/A: validation will name it
            elif t == "d":
                val = dt.datetime.fromisoformat(raw) if raw else None
            else:
                raise Unsupported(f"cell type {t}")
            if val is not None:
                cur[col] = val
        elif name == "row":
            while len(rows) < row_no - 1:
                rows.append([])
            if cur:
                width = max(cur) + 1
                rows.append([cur.get(i) for i in range(width)])
            else:
                rows.append([])

    p = expat.ParserCreate()
    p.buffer_text = True
    p.StartElementHandler = start
    p.EndElementHandler = end
    p.CharacterDataHandler = chars
    p.Parse(data, True)
    return chosen[0], rows
