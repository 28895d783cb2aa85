"""Documentation photos per period for the laporan's lampiran: add (checked and
scaled down by io.foto), list, remove; at most MAX_FOTO a period."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from skm_desktop.io import foto as io_foto
from skm_desktop.storage.database import Database
from skm_desktop.storage.models import LampiranFoto, Periode

from . import ServiceError, get_or_refuse

MAX_FOTO = 12
MAX_KETERANGAN = 200


@dataclass(frozen=True)
class FotoItem:
    id: int
    keterangan: str
    lebar: int
    tinggi: int
    ukuran: int  # bytes stored


def list_foto(s: Session, periode_id: int) -> list[FotoItem]:
    rows = s.execute(
        select(
            LampiranFoto.id,
            LampiranFoto.keterangan,
            LampiranFoto.lebar,
            LampiranFoto.tinggi,
            func.length(LampiranFoto.data),
        )
        .where(LampiranFoto.periode_id == periode_id)
        .order_by(LampiranFoto.urutan, LampiranFoto.id)
    ).all()
    out = []
    for row in rows:
        i, k, w, h, n = cast(tuple[int, str, int, int, int | None], tuple(row))
        out.append(FotoItem(i, k, w, h, n or 0))
    return out


def foto_data(s: Session, periode_id: int) -> list[tuple[str, bytes, int, int]]:
    """(keterangan, JPEG bytes, lebar, tinggi) of every photo, in order, for the laporan."""
    rows = s.execute(
        select(LampiranFoto.keterangan, LampiranFoto.data, LampiranFoto.lebar, LampiranFoto.tinggi)
        .where(LampiranFoto.periode_id == periode_id)
        .order_by(LampiranFoto.urutan, LampiranFoto.id)
        .limit(MAX_FOTO)
    ).all()
    return [(k, d, w, h) for k, d, w, h in rows if w > 0 and h > 0]


def add_foto(s: Session, periode_id: int, data: bytes, nama: str, keterangan: str = "") -> int:
    get_or_refuse(s, Periode, periode_id, "Periode")
    ket = " ".join(keterangan.split())
    if len(ket) > MAX_KETERANGAN:
        raise ServiceError(f"Keterangan foto paling panjang {MAX_KETERANGAN} huruf (tertulis {len(ket)}).")
    n, last = s.execute(
        select(func.count(), func.max(LampiranFoto.urutan)).where(LampiranFoto.periode_id == periode_id)
    ).one()
    if n >= MAX_FOTO:
        raise ServiceError(f"Periode ini sudah memiliki {MAX_FOTO} foto dokumentasi; hapus satu sebelum menambah.")
    try:
        f = io_foto.siapkan(data, nama)
    except io_foto.FotoDitolak as e:
        raise ServiceError(str(e)) from None
    row = LampiranFoto(
        periode_id=periode_id,
        urutan=(last or 0) + 1 if n else 0,
        keterangan=ket,
        lebar=f.lebar,
        tinggi=f.tinggi,
        data=f.data,
    )
    s.add(row)
    s.flush()
    return row.id


def read_file(path: Path) -> bytes:
    """A photo file's bytes, its size checked before reading."""
    try:
        size = path.stat().st_size
        if size > io_foto.MAX_MASUK:
            raise ServiceError(f"Foto {path.name} terlalu besar ({size // (1024 * 1024)} MB; paling besar 25 MB).")
        with path.open("rb") as fh:
            return fh.read(io_foto.MAX_MASUK + 1)
    except OSError as e:
        raise ServiceError(f"Foto {path.name} tidak dapat dibaca: {e.strerror or e}.") from None


def remove_foto(s: Session, foto_id: int) -> None:
    row = get_or_refuse(s, LampiranFoto, foto_id, "Foto")
    s.delete(row)


class FotoService:
    """The documentation photos of the periods, bound to one database (for the UI)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def list(self, periode_id: int) -> list[FotoItem]:
        with self._db.read_session() as s:
            return list_foto(s, periode_id)

    def add_file(self, periode_id: int, path: Path, keterangan: str = "") -> int:
        data = read_file(Path(path))
        with self._db.session() as s:
            return add_foto(s, periode_id, data, Path(path).name, keterangan)

    def remove(self, foto_id: int) -> None:
        with self._db.session() as s:
            remove_foto(s, foto_id)
