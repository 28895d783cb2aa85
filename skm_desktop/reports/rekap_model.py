"""Plain data of the city / province recap documents (rekap laporan PDF and XLSX, exposé).

services/rekap_dokumen.py gathers it from :mod:`domain.rekap`; every figure is already a
2-decimal Decimal (half-up, as printed) or a count, so the documents only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class PeriodeRow:
    periode: str  # Semester I, Triwulan II …
    ikm: Decimal
    mutu: str
    unsur: tuple[Decimal | None, ...] = ()  # U1… konversi of the period, () when not known
    responden: int | None = None


@dataclass(frozen=True)
class UnitRow:
    """One unit of the per-unit table: its period rows, then its annual row. Its number in
    the table is its place in :attr:`RekapDokumen.units` (best first)."""

    unit: str
    kelompok: str
    periods: tuple[PeriodeRow, ...]
    unsur: tuple[Decimal | None, ...]  # U1… annual konversi, None when unknown
    ikm: Decimal
    mutu: str
    kinerja: str
    cara: str  # how the annual figure was made: gabungan responden / rata-rata semester / tahunan
    sumber: str  # paket / ringkasan
    metode: str  # collection method (kertas / kios / online / campuran), "" when unknown
    responden: int | None
    target: int | None
    persen: Decimal | None  # realised sample, % of the target


@dataclass(frozen=True)
class RankRow:
    rank: int
    unit: str
    ikm: Decimal
    mutu: str
    prev: Decimal | None  # previous year
    mutu_prev: str
    prev2: Decimal | None  # the year before
    mutu_prev2: str
    change: str  # naik / turun / tetap / "" (no previous figure)
    selisih: Decimal | None  # ikm − prev, 2 decimals


@dataclass(frozen=True)
class CheckRow:
    unit: str
    periode: str
    published: str
    recomputed: str
    message: str


@dataclass(frozen=True)
class TrendPoint:
    tahun: int
    ikm: Decimal | None
    sasaran: Decimal | None


@dataclass(frozen=True)
class RealisasiRow:
    nama: str
    target: int
    responden: int
    persen: Decimal | None


@dataclass(frozen=True)
class RekapDokumen:
    wilayah: str  # e.g. "Pemerintah Kota Contoh"; "" when not set
    tahun: int
    previous_tahun: int
    previous2_tahun: int
    ikm: Decimal | None  # the headline city figure
    mutu: str
    kinerja: str
    headline: str  # Indonesian: which figure is the headline
    ikm_mean_units: Decimal | None
    ikm_pooled: Decimal | None
    units: tuple[UnitRow, ...]  # best first
    ranking: tuple[RankRow, ...]
    kelompok_units: tuple[tuple[str, tuple[str, ...]], ...]  # kelompok -> units (reported)
    metode_counts: tuple[tuple[str, int], ...]
    cara_counts: tuple[tuple[str, int], ...]
    mutu_counts: tuple[tuple[str, int], ...]  # A…D
    compared: int
    naik: int
    turun: int
    tetap: int
    transitions: tuple[tuple[str, int], ...]  # ("B → A", n)
    only_current: tuple[str, ...]
    only_previous: tuple[str, ...]
    unsur_city: tuple[tuple[str, str, Decimal, str], ...]  # (kode, nama, mean konversi, mutu)
    unsur_codes: tuple[str, ...]  # the per-unit table's unsur columns: header and every row's values
    lowest_unsur: str  # "U7 Penanganan pengaduan (78,12)" or ""
    trend: tuple[TrendPoint, ...]
    sasaran: Decimal | None
    sasaran_tercapai: bool | None
    selisih_sasaran: Decimal | None
    realisasi_kelompok: tuple[RealisasiRow, ...]
    realisasi_total: RealisasiRow
    respondents: int
    not_reported: tuple[str, ...]
    checks: tuple[CheckRow, ...]
    teks: dict[str, str] = field(default_factory=dict)  # kunci -> text (BAB I, jadwal, kesimpulan)
    teks_judul: dict[str, str] = field(default_factory=dict)  # kunci -> heading
