"""What a renderer needs, gathered by services.documents from the services
(the renderers never touch the database and never compute a figure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from skm_desktop.domain.analisis import GapA, PerubahanUnsur, SampelRumus
from skm_desktop.domain.karakteristik import Distribution
from skm_desktop.domain.kualitas import BatchStatus, OperatorStat
from skm_desktop.domain.respondent import Options
from skm_desktop.domain.sample import Progress
from skm_desktop.domain.scoring import Answer, Summary
from skm_desktop.domain.unit import UnitProfile
from skm_desktop.domain.unsur import UnsurSet


@dataclass(frozen=True)
class Selection:
    unit: UnitProfile
    periode: str
    tanggal_mulai: dt.date | None
    tanggal_selesai: dt.date | None
    layanan: str | None  # None = all layanan
    unsur_set: UnsurSet
    summary: Summary
    opsi: Options | None = None  # the unit's choice lists (for the questionnaire)
    tanggal_dari_data: bool = False  # the period has no dates: first/last tanggal of its questionnaires
    gabungan: tuple[str, ...] = ()  # the periods pooled into this one (a year); () = one period

    @property
    def judul_seleksi(self) -> str:
        s = self.periode if self.gabungan else f"Periode {self.periode}"
        if self.layanan:
            s += f" – Layanan {self.layanan}"
        return s


@dataclass(frozen=True)
class OlahData:
    sel: Selection
    rows: Sequence[tuple[int, Sequence[Answer]]]  # (no. kuesioner, answers)
    ringkas: bool = False  # only the per-unsur tables, pointing to the XLSX for the respondents
    compact: bool = False  # the respondent table in the compact landscape layout (large units)


@dataclass(frozen=True)
class RtlRow:
    unsur_kode: str
    unsur_nama: str
    program: str
    triwulan: tuple[str, ...]
    jangka: str | None
    waktu: str
    penanggung_jawab: str
    realisasi: str = ""
    deskripsi: str = ""
    hambatan: str = ""
    strategi: str = ""


@dataclass(frozen=True)
class SaranGroup:
    unsur_kode: str | None  # None = not tied to an unsur
    judul: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class SampelLayanan:
    """One layanan's sample: the formula its target came from (None without a population)."""

    layanan: str
    rumus: SampelRumus | None
    target: int
    terkumpul: int


@dataclass(frozen=True)
class FotoLampiran:
    """A documentation photo of the period (already scaled down and checked on input)."""

    keterangan: str
    data: bytes
    lebar: int
    tinggi: int


@dataclass(frozen=True)
class Analisis:
    """BAB II/III/IV figures beyond the ranking, and the lampiran's own data."""

    sampel: Sequence[SampelLayanan] = ()
    sebaran: Sequence[tuple[str, str, tuple[Fraction, Fraction, Fraction, Fraction] | None]] = ()
    gap_a: Sequence[GapA] = ()
    perubahan: Sequence[PerubahanUnsur] = ()
    perubahan_periode: str | None = None  # the previous period compared with
    ikm_lalu: Decimal | None = None
    selisih_ikm: Decimal | None = None
    tim: Sequence[tuple[str, str]] = ()  # (nama, jabatan dalam tim)
    tanggal_fkp: dt.date | None = None
    foto: Sequence[FotoLampiran] = ()


@dataclass(frozen=True)
class Laporan:
    sel: Selection
    teks: dict[str, str]
    karakteristik: dict[str, Distribution]  # field -> distribution
    per_layanan: list[tuple[str, Summary]]  # (nama, summary)
    progress: list[Progress]
    targets: list[tuple[str, int | None, str, int, int]]  # (layanan, populasi, metode label, target, realised)
    sumber: dict[str, int]
    trend: list  # [TrendPoint]
    rtl: list[RtlRow]
    rtl_prev: list[RtlRow]
    rtl_prev_periode: str | None
    rtl_prev_persen: Fraction | None
    rtl_prev_sudah: int
    saran: list[SaranGroup]
    saran_total: int
    tempat: str
    tanggal_laporan: dt.date | None
    jadwal: list[tuple[str, str]]
    olah: OlahData | None = None
    trend_prev: tuple[str, Decimal, Decimal] | None = None  # (label, ikm_konversi_2dp, selisih) of the point before
    extras: dict[str, str] = field(default_factory=dict)
    analisis: Analisis = field(default_factory=Analisis)
    periode_tahun: tuple[tuple[str, Summary], ...] = ()  # a year's laporan: each period's own figures


@dataclass(frozen=True)
class KinerjaVerifikasi:
    """The entry and verification statistics of one period (reports.verifikasi)."""

    unit: str
    periode: str
    dicetak: dt.date
    operator: Sequence[OperatorStat]
    ringkasan: Sequence[str]  # the period's estimate, one sentence a line
    kalimat_laporan: str  # the verified share as the laporan words it
    bundel: Sequence[BatchStatus]
