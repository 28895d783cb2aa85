"""Scanned paper forms: printing the numbered scannable questionnaire (with its
layout JSON) and reading scans back into respondents (sumber ``pindai``)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from skm_desktop.domain import pindai as dp
from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.storage.database import Database
from skm_desktop.storage.files import atomic_write
from skm_desktop.storage.models import Periode, PindaiLembar

from . import ServiceError, audit, documents, get_or_refuse, survey

if TYPE_CHECKING:
    from skm_desktop.io.pindai import Page as ScanPage
    from skm_desktop.reports.model import Selection

Progress = documents.Progress


def _selection(db: Database, periode_id: int) -> Selection:
    with db.read_session() as s:
        return documents.selection(s, periode_id)


def cetak(
    db: Database, cetakan: dp.Cetakan, out: Path, progress: Progress = None, invariant: bool | None = None
) -> tuple[Path, Path]:
    """Writes the numbered scannable sheets of ``cetakan`` (its period, numbers) to ``out`` (PDF)
    and ``FILE.layout.json`` beside it. Returns both paths."""
    from skm_desktop.reports import kuesioner_pindai as rk

    out = Path(out)
    if out.suffix.lower() != ".pdf":
        raise ServiceError(f"Kuesioner pindai hanya dapat dibuat sebagai PDF: {out.name}")
    if out.parent and not out.parent.exists():
        raise ServiceError(f"Folder tujuan {out.parent} tidak ada.")
    sel = _selection(db, cetakan.periode)
    try:
        text = rk.layout_json(sel)
    except rk.LayoutError as e:
        raise ServiceError(str(e)) from None
    step = progress or (lambda pct, msg: None)
    documents._write(out, lambda tmp: rk.build_pdf(sel, cetakan, tmp, invariant, progress), step)
    side = rk.layout_path(out)
    try:
        with atomic_write(side) as tmp:
            tmp.write_text(text, encoding="utf-8")
    except PermissionError:
        raise ServiceError(f"Berkas {side.name} tidak dapat ditulis.") from None
    return out, side


# ---------------------------------------------------------------- reading scans
# why a sheet was refused -> the key in ``refused_reasons`` (cli.md)
ALASAN = {
    "tidak_terbaca": "tanda sudut atau kode nomor tidak terbaca",
    "periode_lain": "lembar periode lain atau basis data lain",
    "tata_letak_lain": "dicetak sebelum pilihan/unsur periode diubah",
    "nomor_ganda": "nomor kuesioner sudah tersimpan atau sudah dipindai",
    "periode_ditutup": "periode sudah ditutup",
    "isian_tidak_sah": "isian tidak sah",
    "kosong": "tidak ada satu pun jawaban unsur (lembar kosong)",
}
HALAMAN_DPI = 120  # the page image kept for the review screen (a sheet ~250 kB, only for doubtful ones)


@dataclass
class Ditolak:
    berkas: str
    halaman: int
    alasan: str  # key of ALASAN
    pesan: str


@dataclass
class HasilPindai:
    pages: int = 0
    forms: int = 0
    stored: int = 0
    review: int = 0
    refused: int = 0
    refused_reasons: dict[str, int] = field(default_factory=dict)
    ditolak: list[Ditolak] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        keys = ("pages", "forms", "stored", "review", "refused")
        return {k: getattr(self, k) for k in keys} | {"refused_reasons": dict(self.refused_reasons)}

    def refuse(self, berkas: str, halaman: int, alasan: str, pesan: str) -> None:
        self.refused += 1
        self.refused_reasons[alasan] = self.refused_reasons.get(alasan, 0) + 1
        if len(self.ditolak) < 1000:
            self.ditolak.append(Ditolak(berkas, halaman, alasan, pesan))


@dataclass
class _Periode:
    id: int
    nama: str
    layout: dict[str, Any]
    fingerprint: int
    n_unsur: int
    labels: dict[str, tuple[str, ...]]  # u1.. -> the answer texts "a. …" in print order


class _Layouts:
    """The layout of each period a scan names, computed once from the database."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.cache: dict[int, _Periode | None] = {}

    def get(self, periode_id: int) -> _Periode | None:
        if periode_id not in self.cache:
            from skm_desktop.reports import kuesioner_pindai as rk

            with self.db.read_session() as s:
                p = s.get(Periode, periode_id)
                if p is None:
                    self.cache[periode_id] = None
                    return None
                sel = documents.selection(s, periode_id)
            try:
                lay = rk.layout(sel)
            except rk.LayoutError:
                self.cache[periode_id] = None
                return None
            labels = {
                f"u{i}": tuple(f"{'abcd'[k]}. {u.labels[k]}" for k in range(4))
                for i, u in enumerate(sel.unsur_set.unsur, 1)
            }
            self.cache[periode_id] = _Periode(
                periode_id, sel.periode, lay.as_json(), lay.fingerprint, lay.unsur, labels
            )
        return self.cache[periode_id]


def _record(per: _Periode, values: dict[str, Any], berkas: str, halaman: int, operator: str) -> RespondentRecord:
    answers = tuple(int(values[f"u{i}"]) if values.get(f"u{i}") else None for i in range(1, per.n_unsur + 1))
    return RespondentRecord(
        no_kuesioner=0,
        answers=answers,
        layanan=values.get("jenis_layanan"),
        jenis_kelamin=values.get("jenis_kelamin"),
        usia=values.get("usia"),
        pendidikan=values.get("pendidikan"),
        pekerjaan=values.get("pekerjaan"),
        sumber="pindai",
        batch=berkas[:50],
        operator=operator,
        posisi=halaman,
    )


def baca(
    db: Database,
    target: Path,
    periode_id: int | None = None,
    operator: str = "",
    progress: Progress = None,
    cancelled: Callable[[], bool] | None = None,
) -> HasilPindai:
    """Reads a scan file or folder: certain sheets are stored (sumber ``pindai``, one transaction
    each, so a stopped run keeps what it stored and a re-run refuses those by number), uncertain
    ones held for review, the rest refused with their reason. ``periode_id``: only sheets of that
    period. Raises ServiceError for a target that cannot be read at all."""
    from skm_desktop.io import pindai as ip

    try:
        files = ip.scan_files(Path(target))
    except ip.ScanError as e:
        raise ServiceError(str(e)) from None
    layouts = _Layouts(db)
    out = HasilPindai()
    seen: set[tuple[int, int]] = set()
    step = progress or (lambda pct, msg: None)
    cells = None
    for fi, f in enumerate(files):
        try:
            for page in ip.pages(f):
                if cancelled and cancelled():
                    return out
                out.pages += 1
                step(int(100 * fi / len(files)), f"{f.name} halaman {page.page}")
                if cells is None:
                    from skm_desktop.reports import kuesioner_pindai as rk

                    cells = ip.code_cells(_code_row(rk))
                _one(db, layouts, out, seen, page, cells, periode_id, operator)
        except ip.ScanError as e:
            if len(files) == 1 and out.pages == 0:
                raise ServiceError(str(e)) from None
            out.refuse(f.name, 0, "tidak_terbaca", str(e))
    step(100, "Selesai")
    return out


def _code_row(rk: ModuleType) -> dict[str, Any]:
    return {"x": rk.CODE_X, "y": rk.CODE_Y, "cell_w": rk.CODE_W, "h": rk.CODE_H, "cells": dp.CODE_BITS}


def _one(
    db: Database,
    layouts: _Layouts,
    out: HasilPindai,
    seen: set[tuple[int, int]],
    page: ScanPage,
    cells: Sequence[tuple[float, float, float, float]],
    periode_id: int | None,
    operator: str,
) -> None:
    from skm_desktop.io import pindai as ip

    where = (page.source, page.page)
    try:
        sheet = ip.locate(page.gray, lambda: cells)
    except ip.ScanError as e:
        out.refuse(*where, "tidak_terbaca", str(e))
        return
    code = sheet.code
    per = layouts.get(code.periode)
    if per is None or (periode_id is not None and code.periode != periode_id):
        out.refuse(*where, "periode_lain", f"lembar no. {code.no} bukan dari periode yang dipilih")
        return
    if code.layout != per.fingerprint:
        out.refuse(*where, "tata_letak_lain", f"lembar no. {code.no}: {ALASAN['tata_letak_lain']}")
        return
    out.forms += 1
    if (per.id, code.no) in seen:
        out.refuse(*where, "nomor_ganda", f"lembar no. {code.no} dipindai dua kali dalam kiriman ini")
        return
    seen.add((per.id, code.no))
    bacaan = ip.read_fields(sheet, per.layout)
    if not bacaan.ragu and not any(bacaan.values.get(f"u{i}") for i in range(1, per.n_unsur + 1)):
        # an unused or returned-blank sheet is no respondent; its number stays free
        out.refuse(*where, "kosong", f"lembar no. {code.no}: {ALASAN['kosong']}")
        return
    a = per.layout["areas"][0]
    saran = sheet.crop(a["x"], a["y"], a["w"], a["h"])
    rec = _record(per, bacaan.values, page.source, page.page, operator).with_(no_kuesioner=code.no)
    data = json.dumps({"values": bacaan.values, "ragu": bacaan.ragu, "confidence": bacaan.confidence})
    try:
        with db.session() as s:
            p = s.get(Periode, per.id)
            if p is None or p.ditutup:
                raise _Refuse("periode_ditutup", f"lembar no. {code.no}: periode '{per.nama}' sudah ditutup")
            if survey.no_exists(s, per.id, code.no) or s.scalar(
                select(PindaiLembar.id).where(PindaiLembar.periode_id == per.id, PindaiLembar.no_kuesioner == code.no)
            ):
                raise _Refuse("nomor_ganda", f"nomor kuesioner {code.no} sudah ada di periode '{per.nama}'")
            row = PindaiLembar(
                periode_id=per.id,
                no_kuesioner=code.no,
                berkas=page.source[:260],
                halaman=page.page,
                status="tinjau" if bacaan.ragu else "simpan",
                bacaan=data,
                saran_png=saran,
            )
            if bacaan.ragu:
                row.halaman_png = sheet.crop(0, 0, 210, 297, HALAMAN_DPI)
            else:
                try:
                    row.responden_id = survey.add_respondent(
                        s, per.id, rec, audit.Jejak("tambah", operator, f"pindai {page.source} hal. {page.page}")
                    )
                except ServiceError as e:
                    raise _Refuse("isian_tidak_sah", str(e)) from None
            s.add(row)
    except _Refuse as r:
        out.refuse(*where, r.alasan, r.pesan)
        return
    if bacaan.ragu:
        out.review += 1
    else:
        out.stored += 1


class _Refuse(Exception):
    def __init__(self, alasan: str, pesan: str) -> None:
        super().__init__(pesan)
        self.alasan, self.pesan = alasan, pesan


# ---------------------------------------------------------------- review
@dataclass(frozen=True)
class Tinjauan:
    """A sheet held for review: what was read, the fields in doubt, the choices of every field."""

    id: int
    periode_id: int
    no_kuesioner: int
    berkas: str
    halaman: int
    values: dict[str, Any]
    ragu: tuple[str, ...]
    pilihan: dict[str, tuple[str, ...]]  # field -> its values in print order (usia: none, typed)
    label: dict[str, tuple[str, ...]]  # field -> what the operator reads for each value
    wilayah: dict[str, tuple[float, float, float, float]]  # field -> region on the page (mm)


def antrean(db: Database, periode_id: int | None = None) -> list[Tinjauan]:
    """The sheets waiting for review, by number."""
    from skm_desktop.io import pindai as ip

    layouts = _Layouts(db)
    with db.read_session() as s:
        q = (
            select(PindaiLembar)
            .where(PindaiLembar.status == "tinjau")
            .order_by(PindaiLembar.periode_id, PindaiLembar.no_kuesioner)
        )
        if periode_id is not None:
            q = q.where(PindaiLembar.periode_id == periode_id)
        rows = [(r.id, r.periode_id, r.no_kuesioner, r.berkas, r.halaman, r.bacaan) for r in s.scalars(q)]
    out = []
    for rid, pid, no, berkas, hal, bacaan in rows:
        per = layouts.get(pid)
        if per is None:
            continue
        d = json.loads(bacaan)
        groups = ip.groups(per.layout)
        pilihan = {k: tuple(b["value"] for b in v) for k, v in groups.items() if ":" not in k}
        wil = {k: ip.field_region(per.layout, k) for k in pilihan} | {"usia": ip.field_region(per.layout, "usia")}
        label = {k: per.labels.get(k, v) for k, v in pilihan.items()}
        out.append(Tinjauan(rid, pid, no, berkas, hal, d["values"], tuple(d["ragu"]), pilihan, label, wil))
    return out


def gambar_halaman(db: Database, lembar_id: int) -> bytes:
    """The page image (PNG, HALAMAN_DPI) of a sheet held for review."""
    with db.read_session() as s:
        row = get_or_refuse(s, PindaiLembar, lembar_id, "Lembar pindai")
        return row.halaman_png or b""


def konfirmasi(db: Database, lembar_id: int, values: dict[str, Any], operator: str = "") -> int:
    """Stores a reviewed sheet with the values the operator confirmed; returns the respondent id."""
    layouts = _Layouts(db)
    with db.session() as s:
        row = get_or_refuse(s, PindaiLembar, lembar_id, "Lembar pindai")
        if row.status != "tinjau":
            raise ServiceError(f"Lembar no. {row.no_kuesioner} sudah disimpan.")
        per = layouts.get(row.periode_id)
        if per is None:
            raise ServiceError("Periode lembar ini tidak ditemukan.")
        rec = _record(per, values, row.berkas, row.halaman, operator).with_(no_kuesioner=row.no_kuesioner)
        rid = survey.add_respondent(
            s,
            row.periode_id,
            rec,
            audit.Jejak("tambah", operator, f"pindai {row.berkas} hal. {row.halaman}, diperiksa"),
        )
        row.responden_id = rid
        row.status = "simpan"
        row.halaman_png = None
        d = json.loads(row.bacaan)
        d["diperiksa"] = values
        row.bacaan = json.dumps(d)
        return rid


def saran_gambar(db: Database, responden_id: int) -> bytes | None:
    """The saran crop (PNG) of a respondent read from a scan, to transcribe; None for others."""
    with db.read_session() as s:
        return s.scalar(select(PindaiLembar.saran_png).where(PindaiLembar.responden_id == responden_id))


class PindaiService:
    """Scanned forms for the GUI (Berkas › Pindai kuesioner…), bound to one database."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def baca(self, target: Path, periode_id: int | None = None, operator: str = "") -> HasilPindai:
        return baca(self._db, target, periode_id, operator)

    def antrean(self, periode_id: int | None = None) -> list[Tinjauan]:
        return antrean(self._db, periode_id)

    def gambar_halaman(self, lembar_id: int) -> bytes:
        return gambar_halaman(self._db, lembar_id)

    def konfirmasi(self, lembar_id: int, values: dict[str, Any], operator: str = "") -> int:
        return konfirmasi(self._db, lembar_id, values, operator)

    def saran_gambar(self, responden_id: int) -> bytes | None:
        return saran_gambar(self._db, responden_id)
