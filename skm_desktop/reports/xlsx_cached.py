"""Cached results for the live formulas of an XLSX the product wrote.

openpyxl writes a formula cell as ``<c r="B105"><f>SUM(B5:B104)</f><v/></c>``:
a spreadsheet program recalculates it, but a viewer that does not calculate
(phone previews, mail attachments, ``data_only`` readers) shows it empty. This
module puts the value the engine computed into each formula cell's ``<v>``
(the formula stays live): one pass over the sheet's XML, cell by cell, in a
copy of the zip that replaces the file only when complete.

Only files the product has just written are rewritten; the sheet is read in
pieces of at most :data:`CHUNK` characters and never more than one cell is
held beyond that.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from xml.sax.saxutils import escape

CachedValue = int | float | str
CHUNK = 1 << 20

# one formula cell as openpyxl writes it: attributes, the formula, an empty value
_FORMULA_CELL = re.compile(
    r'<c r="(?P<ref>[A-Z]{1,3}[0-9]{1,7})"(?P<attrs>[^>]*)>(?P<f><f>[^<]*</f>)<v\s*/>\s*</c>'
    r'|<c r="(?P<ref2>[A-Z]{1,3}[0-9]{1,7})"(?P<attrs2>[^>]*)>(?P<f2><f>[^<]*</f>)<v>\s*</v>\s*</c>'
)
_T_ATTR = re.compile(r'\s+t="[^"]*"')


def _cell_xml(ref: str, attrs: str, formula: str, value: CachedValue) -> str:
    attrs = _T_ATTR.sub("", attrs)
    if isinstance(value, bool):
        raise TypeError(f"sel {ref}: nilai logika tidak dipakai")
    if isinstance(value, str):
        return f'<c r="{ref}"{attrs} t="str">{formula}<v>{escape(value)}</v></c>'
    return f'<c r="{ref}"{attrs}>{formula}<v>{value!r}</v></c>'


def _rewrite(chunks: Iterator[str], values: Mapping[str, CachedValue], done: set[str]) -> Iterator[str]:
    """The sheet XML with each formula cell named in ``values`` given its value.
    A cell split across two chunks is completed from the next one (the carry
    starts at the last ``<c `` of a chunk)."""
    carry = ""

    def sub(m: re.Match[str]) -> str:
        ref = m["ref"] or m["ref2"]
        if ref not in values:
            return m[0]
        done.add(ref)
        return _cell_xml(ref, m["attrs"] if m["ref"] else m["attrs2"], m["f"] or m["f2"], values[ref])

    for chunk in chunks:
        text = carry + chunk
        cut = text.rfind("<c ")
        if cut < 0:
            cut = len(text)
        head, carry = text[:cut], text[cut:]
        yield _FORMULA_CELL.sub(sub, head)
    yield _FORMULA_CELL.sub(sub, carry)


def _read_chunks(z: zipfile.ZipFile, name: str) -> Iterator[str]:
    import codecs

    dec = codecs.getincrementaldecoder("utf-8")()
    with z.open(name) as fh:
        while True:
            b = fh.read(CHUNK)
            if not b:
                break
            yield dec.decode(b)
    tail = dec.decode(b"", final=True)
    if tail:
        yield tail


def write_cached_values(path: Path, sheet_xml: str, values: Mapping[str, CachedValue]) -> None:
    """Give the formula cells ``values`` (cell reference -> value) of the sheet part
    ``sheet_xml`` (e.g. ``xl/worksheets/sheet1.xml``) their cached value; raises
    ValueError naming the cells when some are not formula cells of that sheet."""
    path = Path(path)
    tmp = path.with_name(path.name + ".v.tmp")
    done: set[str] = set()
    try:
        with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
            if sheet_xml not in zin.namelist():
                raise ValueError(f"lembar {sheet_xml} tidak ada di {path.name}")
            for info in zin.infolist():
                if info.filename != sheet_xml:
                    zout.writestr(info, zin.read(info.filename))
                    continue
                zi = zipfile.ZipInfo(info.filename, info.date_time)
                zi.compress_type = zipfile.ZIP_DEFLATED
                with zout.open(zi, "w", force_zip64=True) as fh:
                    for part in _rewrite(_read_chunks(zin, sheet_xml), values, done):
                        fh.write(part.encode("utf-8"))
        missing = sorted(set(values) - done)
        if missing:
            raise ValueError("sel rumus tidak ditemukan: " + ", ".join(missing[:10]))
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
