"""The Dokumen page's service: everything the page reads and writes — periods and
layanan to choose from, the laporan texts, rencana tindak lanjut and its realisation,
past IKM figures, and building a document — as one object bound to a Database.
Each call is one transaction (or one read); no Session ever leaves this object,
and every result is plain data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from skm_desktop.domain.scoring import Summary
from skm_desktop.domain.unsur import UnsurSet
from skm_desktop.storage.database import Database

from . import documents, laporan_teks, results, survey, tahunan
from .lampiran_foto import MAX_FOTO, MAX_KETERANGAN, FotoItem, FotoService  # noqa: F401  (re-exported for the Dokumen page)
from .laporan_teks import IkmManualItem, Realisasi, RtlItem, TeksValue
from .pemeriksaan import TUJUAN, Temuan  # noqa: F401  (re-exported for the UI)
from .survey import PeriodeInfo


@dataclass(frozen=True)
class TanggalLaporan:
    tanggal: dt.date | None
    asal: str  # "bawaan" | "unit" | "periode"


@dataclass(frozen=True)
class RtlView:
    unsur_set: UnsurSet
    summary: Summary
    items: list[RtlItem]


@dataclass(frozen=True)
class RealisasiLalu:
    periode_id: int | None  # the previous period, None for a unit's first period
    periode_nama: str | None
    realisasi: Realisasi | None


@dataclass(frozen=True)
class IkmLalu:
    items: list[IkmManualItem]
    mutu: dict[str, str]  # label -> mutu of the manual trend point


class DokumenService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # choices ---------------------------------------------------------------
    def periode_list(self, unit_id: int | None) -> list[PeriodeInfo]:
        with self.db.read_session() as s:
            return [survey.periode_info(p) for p in survey.periode_list(s, unit_id)]

    def layanan(self, unit_id: int) -> list[tuple[int, str]]:
        with self.db.read_session() as s:
            return [(l.id, l.nama) for l in survey.layanan_list(s, unit_id)]

    # building --------------------------------------------------------------
    def build(
        self,
        kind: str,
        out: Path,
        periode_id: int | None,
        layanan_id: int | None = None,
        progress: documents.Progress = None,
        lampiran: str | None = None,
        tahun: int | None = None,
        unit_id: int | None = None,
    ) -> Path:
        """One document of the period, or with ``tahun`` of that whole year of the unit
        (the recap documents: of every unit in that year)."""
        return documents.build(
            self.db,
            kind,
            out,
            None if tahun is not None else periode_id,
            layanan_id,
            progress=progress,
            lampiran=lampiran,
            tahun=tahun,
            unit_id=unit_id,
        )

    def years(self, unit_id: int | None) -> list[int]:
        """The years the unit has periods in (a year's laporan pools them)."""
        with self.db.read_session() as s:
            return tahunan.years(s, unit_id)

    def periksa(self, kind: str, periode_id: int, layanan_id: int | None = None) -> list[Temuan]:
        """The pre-flight check of a document: what it would still miss (empty when complete)."""
        return documents.preflight(self.db, kind, periode_id, layanan_id)

    # the laporan date ------------------------------------------------------
    def tanggal_laporan(self, unit_id: int, periode_id: int) -> TanggalLaporan:
        with self.db.read_session() as s:
            return TanggalLaporan(
                laporan_teks.tanggal_laporan(s, unit_id, periode_id),
                laporan_teks.get_teks(s, unit_id, periode_id, "tanggal_laporan").asal,
            )

    # texts -----------------------------------------------------------------
    def teks(self, unit_id: int, periode_id: int, kunci: str) -> TeksValue:
        with self.db.read_session() as s:
            return laporan_teks.get_teks(s, unit_id, periode_id, kunci)

    def simpan_teks(self, unit_id: int, periode_id: int | None, kunci: str, isi: str) -> None:
        """``periode_id`` None: the unit's text (for every period)."""
        with self.db.session() as s:
            laporan_teks.set_teks(s, unit_id, periode_id, kunci, isi)

    def kembalikan_teks(self, unit_id: int, periode_id: int, kunci: str, juga_unit: bool) -> None:
        """Back to the default: the period's own text, and the unit's too when asked."""
        with self.db.session() as s:
            laporan_teks.reset_teks(s, unit_id, periode_id, kunci)
            if juga_unit:
                laporan_teks.reset_teks(s, unit_id, None, kunci)

    def teks_otomatis(self, periode_id: int, kunci: str) -> str:
        with self.db.read_session() as s:
            return documents.generated_teks(s, periode_id, kunci)

    # RTL -------------------------------------------------------------------
    def rtl(self, periode_id: int) -> RtlView:
        with self.db.read_session() as s:
            return RtlView(
                survey.unsur_set(s, periode_id), results.summary(s, periode_id), laporan_teks.list_rtl(s, periode_id)
            )

    def tambah_rtl(self, periode_id: int, unsur_kode: str, program: str, waktu: str, penanggung_jawab: str) -> int:
        with self.db.session() as s:
            return laporan_teks.add_rtl(s, periode_id, unsur_kode, program, waktu, penanggung_jawab)

    def ubah_rtl(self, rtl_id: int, unsur_kode: str, program: str, waktu: str, penanggung_jawab: str) -> None:
        with self.db.session() as s:
            laporan_teks.update_rtl(s, rtl_id, unsur_kode, program, waktu, penanggung_jawab)

    def hapus_rtl(self, rtl_id: int) -> None:
        with self.db.session() as s:
            laporan_teks.delete_rtl(s, rtl_id)

    def realisasi_lalu(self, periode_id: int) -> RealisasiLalu:
        with self.db.read_session() as s:
            prev = laporan_teks.previous_periode(s, periode_id)
            if prev is None:
                return RealisasiLalu(None, None, None)
            return RealisasiLalu(prev.id, prev.nama, laporan_teks.realisasi(s, prev.id))

    def simpan_realisasi(
        self, rtl_id: int, status: str, deskripsi: str = "", hambatan: str = "", strategi: str | None = None
    ) -> None:
        with self.db.session() as s:
            laporan_teks.set_realisasi(s, rtl_id, status, deskripsi, hambatan, strategi)

    # past IKM --------------------------------------------------------------
    def ikm_lalu(self, unit_id: int) -> IkmLalu:
        with self.db.read_session() as s:
            items = laporan_teks.list_ikm_manual(s, unit_id)
            mutu = {p.label: p.mutu for p in results.trend(s, unit_id) if p.manual and p.mutu is not None}
        return IkmLalu(items, mutu)

    def simpan_ikm_lalu(self, unit_id: int, label: str, ikm_konversi: str) -> None:
        with self.db.session() as s:
            laporan_teks.set_ikm_manual(s, unit_id, label, ikm_konversi)

    def hapus_ikm_lalu(self, ikm_id: int) -> None:
        with self.db.session() as s:
            laporan_teks.delete_ikm_manual(s, ikm_id)


# the vocabularies the page offers (constants, no database)
KINDS = documents.KINDS
KIND_LABELS = documents.KIND_LABELS
LAMPIRAN_LABELS = documents.LAMPIRAN_LABELS
TAHUN_KINDS = documents.TAHUN_KINDS
formats = documents.formats
TEKS = laporan_teks.TEKS
TEKS_KEYS = laporan_teks.TEKS_KEYS
HARI_PELAPORAN = laporan_teks.HARI_PELAPORAN
