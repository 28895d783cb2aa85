"""Bantuan: the keys of the entry grid (the one list the grid's hint line, the
guide and the printed key card share) and the key card of a period."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from skm_desktop.storage.database import Database
from skm_desktop.storage.files import atomic_write
from skm_desktop.storage.models import Periode

from . import ServiceError, survey
from .entry import keying_choices

#: one key to a column of the row being keyed (key name as Qt's QKeySequence spells it)
JUMP_KEYS = {"F2": "tanggal", "F3": "layanan"}

#: the keys of the entry grid, as printed on the key card
TOMBOL = (
    ("1–4 atau a–d", "jawaban unsur; kursor pindah sendiri"),
    ("Spasi, - atau 0", "jawaban atau pilihan kosong"),
    (
        "F2",
        "ke kolom Tanggal dari kolom mana pun (dari Saran kuesioner yang baru tersimpan: tanggal kuesioner berikutnya)",
    ),
    ("F3", "ke kolom Layanan dari kolom mana pun"),
    ("HHBBTTTT Enter", "tanggal lengkap, mis. 14122024; hari saja (15) atau hari+bulan (1512) juga bisa"),
    ("Enter / Tab", "simpan ketikan dan lanjut; Enter di Saran: kuesioner berikutnya"),
    ("Esc", "batalkan ketikan di sel"),
    ("Ctrl+Z / Ctrl+Y", "urungkan / ulangi perubahan"),
    ("Ctrl+Delete", "hapus kuesioner di baris kursor"),
    ("Ctrl+F", "cari nomor kuesioner"),
)

if TYPE_CHECKING:
    from skm_desktop.reports.kartu_tombol import KartuTombol

CHOICE_TITLES = (
    ("layanan", "Jenis layanan"),
    ("jenis_kelamin", "Jenis kelamin"),
    ("pendidikan", "Pendidikan"),
    ("pekerjaan", "Pekerjaan"),
)


def kartu_tombol(db: Database, periode_id: int) -> KartuTombol:
    """The key card's data for a period: its unsur and the unit's codes, as the grid uses them."""
    from skm_desktop.reports.kartu_tombol import KartuTombol

    with db.read_session() as s:
        p = s.get(Periode, periode_id)
        if p is None:
            raise ServiceError("Periode tidak ditemukan.")
        us = survey.unsur_set(s, periode_id)
        choices = keying_choices(s, p.unit_id)
        unit, periode = p.unit.nama, p.nama
    return KartuTombol(
        unit=unit,
        periode=periode,
        tombol=list(TOMBOL),
        unsur=[(u.kode, u.nama, tuple(u.labels)) for u in us.unsur],
        pilihan=[(title, [(c.kode, c.label) for c in choices[key]]) for key, title in CHOICE_TITLES],
    )


def buat_kartu_tombol(db: Database, periode_id: int, out: Path | str, invariant: bool | None = None) -> Path:
    """Write the key card PDF (whole or not at all); returns its path."""
    from skm_desktop.reports import kartu_tombol as r

    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise ServiceError(f"Nama berkas kartu tombol harus berakhiran .pdf: {out.name}")
    if not out.parent.exists():
        raise ServiceError(f"Folder tujuan {out.parent} tidak ada.")
    data = kartu_tombol(db, periode_id)
    try:
        with atomic_write(out) as tmp:
            r.build_pdf(data, tmp, invariant)
    except PermissionError:
        raise ServiceError(
            f"Berkas {out.name} tidak dapat ditulis; mungkin sedang dibuka di program lain. "
            "Tutup berkas itu lalu coba lagi."
        ) from None
    except OSError as e:
        raise ServiceError(f"Kartu tombol tidak dapat disimpan di {out.parent}: {e.strerror or e}.") from None
    return out
