"""Figures of the laporan's analysis beyond the ranking (BAB III/IV): each unsur's
share of answers 1–4, its gap to mutu A, its change against the previous period,
and the kind of a trend point (annual or part of a year). Pure Python; every
figure comes from a :class:`~skm_desktop.domain.scoring.Summary`."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .category import INTERVAL_1_4, KATEGORI
from .formatting import parse_angka
from .numbers import round_half_up
from .periode import _SEMESTER, _TRIWULAN, _YEAR
from .sample import KM_CHI2, KM_D, KM_P, METODE_SAMPEL, SLOVIN_E, krejcie_morgan_parts, slovin_parts, target
from .scoring import Summary, UnsurResult

#: The lower bound of mutu A, on the 1–4 scale and converted (the 2017 table).
BATAS_A_NRR = parse_angka(INTERVAL_1_4["A"][0], "batas bawah mutu A")
BATAS_A_KONVERSI = KATEGORI[0].batas_bawah


def answer_shares(r: UnsurResult) -> tuple[Fraction, Fraction, Fraction, Fraction] | None:
    """Percent of the answers of one unsur that were 1, 2, 3 and 4 (exact; they sum to 100).
    None when nobody answered the unsur."""
    if not r.answered:
        return None
    a, b, c, d = (Fraction(100 * n, r.answered) for n in r.counts)
    return a, b, c, d


@dataclass(frozen=True)
class GapA:
    kode: str
    nama: str
    nrr_3dp: Decimal
    konversi_2dp: Decimal
    mutu: str
    gap_nrr: Decimal  # 0 when the unsur already reached A
    gap_konversi: Decimal


def gap_ke_a(sm: Summary) -> list[GapA]:
    """How far each answered unsur is below the lower bound of mutu A, from its printed
    NRR (3 decimals) and converted value (2 decimals), so the gap agrees with the page.
    An unsur whose mutu (from its rounded konversi) is A has no gap, even when its
    printed NRR (3,532) is below the 4-decimal bound 3,5324."""
    out = []
    for r in sm.unsur:
        if r.nrr is None or r.nrr_3dp is None or r.konversi_2dp is None or r.mutu is None:
            continue
        if r.mutu == "A":
            gn = gk = Decimal(0)
        else:
            gn = max(Decimal(0), BATAS_A_NRR - r.nrr_3dp)
            gk = max(Decimal(0), BATAS_A_KONVERSI - r.konversi_2dp)
        out.append(GapA(r.kode, r.unsur.nama, r.nrr_3dp, r.konversi_2dp, r.mutu, gn, gk))
    return out


@dataclass(frozen=True)
class PerubahanUnsur:
    kode: str
    nama: str
    nrr_lalu: Decimal | None  # printed NRR (3 decimals) of the previous period; None = not measured then
    nrr_kini: Decimal | None
    selisih: Decimal | None  # kini − lalu of the printed values

    @property
    def arah(self) -> str:
        if self.selisih is None:
            return "–"
        return "naik" if self.selisih > 0 else "turun" if self.selisih < 0 else "tetap"


def perubahan_unsur(lalu: Summary, kini: Summary) -> list[PerubahanUnsur]:
    """The change of each unsur of ``kini`` against the unsur with the same code in
    ``lalu``. The difference is taken between the printed (3-decimal) NRR, so that
    'selisih' is exactly what a reader subtracts on the page."""
    before = {r.kode: r.nrr_3dp for r in lalu.unsur}
    out = []
    for r in kini.unsur:
        prev = before.get(r.kode)
        now = r.nrr_3dp
        diff = now - prev if now is not None and prev is not None else None
        out.append(PerubahanUnsur(r.kode, r.unsur.nama, prev, now, diff))
    return out


def selisih_ikm(lalu: Summary, kini: Summary) -> Decimal | None:
    """Change of the printed IKM konversi (2 decimals)."""
    a, b = lalu.ikm_konversi_2dp, kini.ikm_konversi_2dp
    return None if a is None or b is None else round_half_up(b - a, 2)


def jenis_titik(label: str) -> str:
    """'semester', 'triwulan', 'tahunan' (a label that is only a year or 'Tahun 2024'),
    or 'lain' (a custom period)."""
    t = label.strip()
    if _SEMESTER.match(t):
        return "semester"
    if _TRIWULAN.match(t):
        return "triwulan"
    m = _YEAR.match(t)
    if m and m.group("pre").strip().lower() in ("", "tahun"):
        return "tahunan"
    return "lain"


@dataclass(frozen=True)
class SampelRumus:
    """The sample-size formula one target came from, with this population put in:
    Krejcie & Morgan  S = X²·N·P(1−P) / (d²·(N−1) + X²·P(1−P)), rounded to the nearest;
    Slovin            n = N / (1 + N·e²), rounded up."""

    metode: str  # key of METODE_SAMPEL
    label: str
    populasi: int
    pembilang: Fraction  # X²·N·P(1−P)   or  N
    penyebut: Fraction  # d²·(N−1) + X²·P(1−P)   or  1 + N·e²
    hasil: Fraction  # pembilang / penyebut, before rounding
    sampel: int  # the minimum sample (domain.sample.target)
    chi2: Fraction = KM_CHI2
    p: Fraction = KM_P
    d: Fraction = KM_D
    e: Fraction | None = None  # Slovin's margin of error

    @property
    def krejcie_morgan(self) -> bool:
        return self.metode == "krejcie-morgan"


def rumus_sampel(populasi: int | None, metode: str) -> SampelRumus | None:
    """The worked formula of a target, or None when there is no population (or an
    unknown method) to work it from."""
    if populasi is None or populasi <= 0 or metode not in METODE_SAMPEL:
        return None
    n = populasi
    if metode == "krejcie-morgan":
        top, bottom = krejcie_morgan_parts(n)
        return SampelRumus(metode, METODE_SAMPEL[metode], n, top, bottom, top / bottom, target(n, metode))
    e = SLOVIN_E[metode]
    top, bottom = slovin_parts(n, e)
    return SampelRumus(metode, METODE_SAMPEL[metode], n, top, bottom, top / bottom, target(n, metode), e=e)
