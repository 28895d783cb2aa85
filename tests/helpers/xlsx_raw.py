"""XLSX files with cells no spreadsheet program writes but a hand-made file may hold."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from openpyxl import Workbook


def xlsx_ikm_cells(p: Path, raw: list[str]) -> None:
    """A sheet whose ikm number cells hold ``raw`` as written in the XML (NaN, 1E999 …):
    openpyxl writes placeholders, which are then replaced in the sheet's XML."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Ringkasan"
    ws.append(["unit", "kelompok", "tahun", "ikm"])
    for i in range(len(raw)):
        ws.append([f"Dinas {i}", "Dinas", 2024, 777001 + i])
    buf = io.BytesIO()
    wb.save(buf)
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                for i, v in enumerate(raw):
                    data = data.replace(f"<v>{777001 + i}</v>".encode(), f"<v>{v}</v>".encode())
            zout.writestr(item, data)
    p.write_bytes(out.getvalue())
