"""Scanned paper forms: printing the numbered scannable questionnaire (with its
layout JSON) and reading scans back into respondents (sumber ``pindai``)."""

from __future__ import annotations

from pathlib import Path

from skm_desktop.storage.database import Database
from skm_desktop.storage.files import atomic_write

from . import ServiceError, documents

Progress = documents.Progress


def _selection(db: Database, periode_id: int):
    with db.read_session() as s:
        return documents.selection(s, periode_id)


def cetak(
    db: Database,
    periode_id: int,
    out: Path,
    copies: int = 1,
    mulai: int = 1,
    progress: Progress = None,
    invariant: bool | None = None,
) -> tuple[Path, Path]:
    """Writes ``copies`` numbered scannable sheets of period ``periode_id`` to ``out`` (PDF) and
    ``FILE.layout.json`` beside it. Returns both paths."""
    from skm_desktop.domain import pindai as dp
    from skm_desktop.reports import kuesioner_pindai as rk

    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise ServiceError(f"Kuesioner pindai hanya dapat dibuat sebagai PDF: {out.name}")
    if out.parent and not out.parent.exists():
        raise ServiceError(f"Folder tujuan {out.parent} tidak ada.")
    dp.check_copies(copies, mulai)
    if periode_id > dp.PERIODE_MAX:
        raise ServiceError(f"Kode periode {periode_id} terlalu besar untuk kuesioner pindai (paling besar {dp.PERIODE_MAX}).")
    sel = _selection(db, periode_id)
    try:
        text = rk.layout_json(sel)
    except rk.LayoutError as e:
        raise ServiceError(str(e)) from None
    step = progress or (lambda pct, msg: None)
    documents._write(out, lambda tmp: rk.build_pdf(sel, periode_id, tmp, copies, mulai, invariant, progress), step)
    side = rk.layout_path(out)
    try:
        with atomic_write(side) as tmp:
            tmp.write_text(text, encoding="utf-8")
    except PermissionError:
        raise ServiceError(f"Berkas {side.name} tidak dapat ditulis.") from None
    return out, side

