"""City / province recap figures (rekap.md), pure and exact.

Every unit figure comes either from the unit's raw respondents (a :class:`Tally`
pooled over the year, summarised by :func:`scoring.summarize`) or from the
figures the unit published (summary rows). Values are exact Fractions on the
converted scale 25–100; rounding happens only in the ``*_2dp`` properties, and
every mutu is taken from the 2-decimal value (:func:`category.kategori_of_konversi`).

Ranking is *competition* ranking ("1, 2, 2, 4"): units with the same 2-decimal
IKM share a rank and the next rank skips (neither reference recap prints a
ranking; competition ranking is how Indonesian rankings — peringkat — are
usually printed, and it keeps "rank n" meaning "n-1 units are better").
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from .category import Kategori, kategori_of_konversi
from .errors import DomainError
from .formatting import angka
from .numbers import round_half_up
from .scoring import NilaiKonversi, Summary, Tally, summarize
from .tahunan import tahun_of
from .unsur import UnsurSet

TAHUNAN = "Tahunan"
SEMESTER = ("Semester I", "Semester II")
TRIWULAN = ("Triwulan I", "Triwulan II", "Triwulan III", "Triwulan IV")
PERIODE_NAMES = (TAHUNAN, *SEMESTER, *TRIWULAN)
N_UNSUR_RINGKASAN = 9
NRR_ROUNDING_KONVERSI = Fraction(5, 10_000) * 25  # half a unit of an NRR printed to 3 decimals, ×25
KELOMPOK = (
    "Sekretariat",
    "Inspektorat",
    "Dinas",
    "Badan",
    "RSUD",
    "Satpol PP",
    "Kecamatan",
    "Kelurahan",
    "Puskesmas",
    "UPT",
    "Lainnya",
)

# where a unit's annual figure comes from (printed next to it)
METODE_RESPONDEN = "gabungan responden"
METODE_SEMESTER = "rata-rata semester"
METODE_TRIWULAN = "rata-rata triwulan"
METODE_TAHUNAN = "tahunan"
METODE_PERIODE = "rata-rata periode"  # raw periods whose unsur sets differ: mean of their figures

HEADLINE_MEAN = "mean_units"
HEADLINE_POOLED = "pooled"

# check-table kinds
CEK_MUTU = "mutu"  # published mutu is not the mutu of the published IKM
CEK_IKM_UNSUR = "ikm_unsur"  # published IKM does not follow from its unsur values
CEK_TAHUNAN = "tahunan"  # a Tahunan row differs from the mean of its semesters
CEK_RINGKASAN_DIABAIKAN = "ringkasan_diabaikan"  # raw data exists: the summary row is not used


_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV", "i": "I", "ii": "II", "iii": "III", "iv": "IV"}


def periode_of_text(text: str, blank_is_tahunan: bool = False) -> str | None:
    """Tahunan, Semester I/II or Triwulan I–IV named in ``text`` (``Semester 1``,
    ``TW II``, ``Rata-rata Tahunan``, ``Semester II 2024`` …); None when none is."""
    t = " ".join(text.lower().replace("-", " ").replace("(", " ").split())
    t = t.removeprefix("rata rata ").strip()
    if t in ("tahunan", "tahun", "annual") or (blank_is_tahunan and not t):
        return TAHUNAN
    words = t.split()
    for i, w in enumerate(words[:-1]):
        num = _ROMAN.get(words[i + 1])
        if w in ("semester", "smt", "sem") and num in ("I", "II"):
            return f"Semester {num}"
        if w in ("triwulan", "tw", "trw") and num:
            return f"Triwulan {num}"
    return None


def classify_periode(nama: str, mulai: dt.date | None, selesai: dt.date | None) -> tuple[int | None, str]:
    """(tahun, Tahunan / Semester … / Triwulan …) of a stored survey period. The year is the
    one rule of :func:`tahunan.tahun_of` (the end date's year, else the start date's, else the
    year the name ends with), so a unit's own annual report and the recap count a period for
    the same year; None when nothing says (the recap names such a period, never drops it silently)."""
    tahun = tahun_of(nama, mulai, selesai)
    named = periode_of_text(nama)
    if named is not None:
        return tahun, named
    if mulai is not None and selesai is not None and selesai.year == mulai.year:
        months = selesai.month - mulai.month + 1
        if months <= 3:
            return tahun, TRIWULAN[(mulai.month - 1) // 3]
        if months <= 6:
            return tahun, SEMESTER[(mulai.month - 1) // 6]
    return tahun, TAHUNAN


def two_dp(x: Fraction | Decimal) -> Decimal:
    return round_half_up(x, 2)


def mutu_of(x: Fraction | Decimal) -> Kategori:
    """Category of a converted value (25–100), from its 2-decimal figure."""
    return kategori_of_konversi(two_dp(x))


def standard_weight(n: int = N_UNSUR_RINGKASAN) -> Fraction:
    """The regulation's weight of one unsur (round(1/n, 3): 0,111 for nine)."""
    return Fraction(round_half_up(Fraction(1, n), 3))


def ikm_from_unsur(values: Sequence[Fraction]) -> Fraction:
    """IKM konversi from the nine unsur konversi values with the standard weights."""
    if len(values) != N_UNSUR_RINGKASAN:
        raise DomainError(f"IKM dari unsur memerlukan {N_UNSUR_RINGKASAN} nilai unsur, bukan {len(values)}")
    w = standard_weight()
    return sum((v * w for v in values), Fraction(0))


def _half_unit(d: Decimal) -> Fraction:
    """Half a unit of the last decimal place written: the rounding a published figure may hide."""
    exp = d.as_tuple().exponent
    places = -exp if isinstance(exp, int) and exp < 0 else 0
    return Fraction(1, 2 * 10**places)


# ---------------------------------------------------------------- inputs
@dataclass(frozen=True)
class RingkasanFigure:
    """A summary row as published. ``ikm`` and ``unsur`` are on the converted scale
    (25–100), kept as the Decimals written (their decimal places bound the rounding)."""

    periode: str
    ikm: Decimal | None
    unsur: tuple[Decimal, ...] = ()  # u1…u9 konversi, empty when not given
    unsur_scale: int = 1  # 25 when the row gave NRR (1–4): a written digit weighs 25× on konversi
    responden: int | None = None
    target: int | None = None
    mutu: str = ""  # as published, "" when not given

    @cached_property
    def unsur_fractions(self) -> dict[str, Fraction]:
        """U1… -> konversi as exact fractions (made once), when all nine are given; else empty."""
        if len(self.unsur) != N_UNSUR_RINGKASAN:
            return {}
        return {f"U{i + 1}": Fraction(v) for i, v in enumerate(self.unsur)}

    @cached_property  # exact Fraction sums are costly and a recap asks for it several times
    def ikm_used(self) -> Fraction:
        """The published IKM, or the one the unsur values give."""
        if self.ikm is not None:
            return Fraction(self.ikm)
        if len(self.unsur) == N_UNSUR_RINGKASAN:
            return ikm_from_unsur(list(self.unsur_fractions.values()))
        raise DomainError(f"ringkasan {self.periode}: IKM kosong dan nilai unsur tidak lengkap")


@dataclass(frozen=True)
class RawYear:
    """A unit's raw respondents of one year: the pooled tally, or — when its periods
    used different unsur sets — one summary per period."""

    unsur_set: UnsurSet | None
    tally: Tally | None
    period_summaries: tuple[tuple[str, Summary], ...] = ()  # (periode name, summary) of every raw period

    def summary(self) -> Summary | None:
        if self.unsur_set is None or self.tally is None or self.tally.respondents == 0:
            return None
        return summarize(self.unsur_set, self.tally)


@dataclass(frozen=True)
class UnitYearInput:
    unit: str
    kelompok: str = ""
    raw: RawYear | None = None
    ringkasan: tuple[RingkasanFigure, ...] = ()
    target: int | None = None  # the recap's target sample for the year (RekapTarget)
    manual_ikm: Decimal | None = None  # a past year's IKM typed in for the trend (IkmManual)


# ---------------------------------------------------------------- results
class IkmFigure:
    """A unit's (or one of its periods') IKM on the 25–100 scale, exact, with its printed
    2-decimal figure and category (each worked out once: the figures are frozen, and a
    recap of 600 units reads them thousands of times while sorting and ranking)."""

    ikm: Fraction

    @cached_property
    def ikm_2dp(self) -> Decimal:
        return two_dp(self.ikm)

    @cached_property
    def kategori(self) -> Kategori:
        return mutu_of(self.ikm)

    @property
    def mutu(self) -> str:
        return self.kategori.mutu


@dataclass(frozen=True)
class PeriodRow(IkmFigure):
    periode: str
    ikm: Fraction
    source: str  # paket / ringkasan
    unsur: Mapping[str, Fraction] = field(default_factory=dict)  # U1… -> konversi of this period, when known
    responden: int | None = None


@dataclass(frozen=True)
class CheckItem:
    """A disagreement in a unit's own figures, for the operator's check table."""

    unit: str
    periode: str
    kind: str  # CEK_*
    published: str  # the figure as published (text)
    recomputed: str  # what follows by the rules (text)
    message: str  # Indonesian, for the table


@dataclass(frozen=True)
class UnitFigure(IkmFigure):
    unit: str
    kelompok: str
    ikm: Fraction  # konversi 25–100, exact
    metode: str  # METODE_*
    source: str  # paket / ringkasan
    responden: int | None
    target: int | None
    periods: tuple[PeriodRow, ...]
    unsur: Mapping[str, Fraction]  # U1… -> konversi, when known
    summary: Summary | None = None  # the pooled raw summary (source paket)
    tally: Tally | None = None  # its tally, for the city's pooled figure


def period_sort_key(name: str) -> int:
    """Tahunan, Semester I, II, Triwulan I … IV, then any other name."""
    return PERIODE_NAMES.index(name) if name in PERIODE_NAMES else len(PERIODE_NAMES)


def _konversi_unsur(sm: Summary) -> dict[str, Fraction]:
    return {r.kode.upper(): r.konversi for r in sm.unsur if r.konversi is not None}


def _mean(xs: Sequence[Fraction]) -> Fraction:
    return sum(xs, Fraction(0)) / len(xs)


def _fmt(x: Fraction | Decimal) -> str:
    """2-decimal figure as data (point), for the check table's columns."""
    return str(two_dp(x))


def _id(x: Fraction | Decimal) -> str:
    """2-decimal figure the Indonesian way (comma), for messages."""
    return angka(x, 2)


def _id_written(d: Decimal) -> str:
    """A published figure with the decimals it was written with, the Indonesian way."""
    return str(d).replace(".", ",")


def check_ringkasan(unit: str, row: RingkasanFigure) -> list[CheckItem]:
    """The row's own disagreements: mutu ≠ mutu(ikm), ikm ≠ ikm(u1…u9) beyond rounding."""
    out: list[CheckItem] = []
    ikm = row.ikm_used
    if row.mutu and row.mutu.upper() != mutu_of(ikm).mutu:
        out.append(
            CheckItem(
                unit,
                row.periode,
                CEK_MUTU,
                row.mutu.upper(),
                mutu_of(ikm).mutu,
                f"mutu tertulis {row.mutu.upper()}, padahal IKM {_id(ikm)} bermutu {mutu_of(ikm).mutu}",
            )
        )
    if row.ikm is not None and len(row.unsur) == N_UNSUR_RINGKASAN:
        from_u = ikm_from_unsur(list(row.unsur_fractions.values()))
        w = standard_weight()
        # each unsur value may hide the rounding of its written decimals, or of the NRR printed
        # to 3 decimals (0,0005 × 25 on the converted scale), whichever is coarser
        tol = _half_unit(row.ikm) + sum(
            (w * max(_half_unit(v) * row.unsur_scale, NRR_ROUNDING_KONVERSI) for v in row.unsur), Fraction(0)
        )
        if abs(from_u - Fraction(row.ikm)) > tol:
            out.append(
                CheckItem(
                    unit,
                    row.periode,
                    CEK_IKM_UNSUR,
                    str(row.ikm),
                    _fmt(from_u),
                    f"IKM tertulis {_id_written(row.ikm)}, padahal nilai unsurnya memberi {_id(from_u)}",
                )
            )
    return out


def unit_figure(inp: UnitYearInput) -> tuple[UnitFigure | None, list[CheckItem]]:
    """A unit's annual figure by the rules of rekap.md, and its check items."""
    checks: list[CheckItem] = []
    raw_sm = inp.raw.summary() if inp.raw is not None else None
    raw_periods = tuple(
        PeriodRow(name, sm.ikm_konversi, "paket", _konversi_unsur(sm), sm.respondents)
        for name, sm in (inp.raw.period_summaries if inp.raw else ())
        if sm.ikm_konversi is not None
    )
    if raw_sm is not None or raw_periods:
        for row in inp.ringkasan:
            checks.append(
                CheckItem(
                    inp.unit,
                    row.periode,
                    CEK_RINGKASAN_DIABAIKAN,
                    _fmt(row.ikm_used),
                    "data responden",
                    "ringkasan tidak dipakai: unit ini mempunyai data responden (paket) untuk tahun yang sama",
                )
            )
        if raw_sm is not None and raw_sm.ikm_konversi is not None:
            return (
                UnitFigure(
                    inp.unit,
                    inp.kelompok,
                    raw_sm.ikm_konversi,
                    METODE_RESPONDEN,
                    "paket",
                    raw_sm.respondents,
                    inp.target,
                    tuple(sorted(raw_periods, key=lambda p: period_sort_key(p.periode))),
                    _konversi_unsur(raw_sm),
                    raw_sm,
                    inp.raw.tally if inp.raw is not None else None,
                ),
                checks,
            )
        if raw_periods:  # periods with different unsur sets: the mean of their figures
            n = sum(sm.respondents for _, sm in inp.raw.period_summaries) if inp.raw else 0
            return (
                UnitFigure(
                    inp.unit,
                    inp.kelompok,
                    _mean([p.ikm for p in raw_periods]),
                    METODE_PERIODE,
                    "paket",
                    n,
                    inp.target,
                    raw_periods,
                    {},
                ),
                checks,
            )
    rows = list(inp.ringkasan)
    if not rows:
        if inp.manual_ikm is not None:
            fig = UnitFigure(
                inp.unit, inp.kelompok, Fraction(inp.manual_ikm), METODE_TAHUNAN, "ringkasan", None, inp.target, (), {}
            )
            return fig, checks
        return None, checks
    for row in rows:
        checks += check_ringkasan(inp.unit, row)
    semesters = [r for r in rows if r.periode in SEMESTER]
    triwulan = [r for r in rows if r.periode in TRIWULAN]
    tahunan = next((r for r in rows if r.periode == TAHUNAN), None)
    parts = semesters or triwulan
    periods = tuple(
        PeriodRow(r.periode, r.ikm_used, "ringkasan", r.unsur_fractions, r.responden)
        for r in sorted(parts, key=lambda r: period_sort_key(r.periode))
    )
    if parts:
        ikm = _mean([r.ikm_used for r in parts])
        metode = METODE_SEMESTER if semesters else METODE_TRIWULAN
        if tahunan is not None and two_dp(tahunan.ikm_used) != two_dp(ikm):
            checks.append(
                CheckItem(
                    inp.unit,
                    TAHUNAN,
                    CEK_TAHUNAN,
                    _fmt(tahunan.ikm_used),
                    _fmt(ikm),
                    f"IKM tahunan tertulis {_id(tahunan.ikm_used)}, padahal rata-rata "
                    f"{'semester' if semesters else 'triwulan'}nya {_id(ikm)} (yang dipakai)",
                )
            )
        complete = all(len(r.unsur) == N_UNSUR_RINGKASAN for r in parts)
        unsur = _mean_unsur(parts) if complete else {}
        responden = _sum_known([r.responden for r in parts])
        if responden is None and tahunan is not None:
            responden = tahunan.responden
        row_target = _sum_known([r.target for r in parts])
        if row_target is None and tahunan is not None:
            row_target = tahunan.target
    else:
        assert tahunan is not None  # rows hold Tahunan or sub-annual periods only
        ikm, metode = tahunan.ikm_used, METODE_TAHUNAN
        unsur = dict(tahunan.unsur_fractions)
        responden, row_target = tahunan.responden, tahunan.target
    target = inp.target if inp.target is not None else row_target
    return UnitFigure(inp.unit, inp.kelompok, ikm, metode, "ringkasan", responden, target, periods, unsur), checks


def _sum_known(xs: Sequence[int | None]) -> int | None:
    known = [x for x in xs if x is not None]
    return sum(known) if known else None


def _mean_unsur(rows: Sequence[RingkasanFigure]) -> dict[str, Fraction]:
    if not rows:
        return {}
    return {k: _mean([r.unsur_fractions[k] for r in rows]) for k in rows[0].unsur_fractions}


# ---------------------------------------------------------------- the city
@dataclass(frozen=True)
class RankedUnit:
    figure: UnitFigure
    rank: int
    previous: UnitFigure | None

    @property
    def change(self) -> str | None:
        """naik / turun / tetap on the 2-decimal figures; None without a previous figure."""
        if self.previous is None:
            return None
        a, b = self.previous.ikm_2dp, self.figure.ikm_2dp
        return "naik" if b > a else "turun" if b < a else "tetap"

    @property
    def selisih_2dp(self) -> Decimal | None:
        """This year's printed IKM minus last year's printed IKM; None without a previous figure."""
        return None if self.previous is None else self.figure.ikm_2dp - self.previous.ikm_2dp


@dataclass(frozen=True)
class Changes:
    compared: int
    naik: int
    turun: int
    tetap: int
    mutu_transitions: dict[str, int]  # "B->A": n (only pairs that changed)
    only_current: tuple[str, ...]  # units with a figure this year only
    only_previous: tuple[str, ...]  # units with a figure last year only


@dataclass(frozen=True)
class Realisasi:
    """Target vs. realised sample of a group (a kelompok, or the whole recap)."""

    nama: str
    target: int
    responden: int

    @property
    def persen(self) -> Fraction | None:
        return None if not self.target else Fraction(self.responden * 100, self.target)


@dataclass(frozen=True)
class LowestUnsur:
    kode: str
    konversi: Fraction  # mean of the units' unsur konversi
    units: int  # units that gave this unsur

    @property
    def konversi_2dp(self) -> Decimal:
        return two_dp(self.konversi)


@dataclass(frozen=True)
class Sasaran:
    target: Decimal
    realisasi: Fraction

    @property
    def selisih(self) -> Fraction:
        return self.realisasi - Fraction(self.target)

    @property
    def tercapai(self) -> bool:
        return two_dp(self.realisasi) >= two_dp(self.target)


@dataclass(frozen=True)
class RekapYear(NilaiKonversi):
    tahun: int
    previous_tahun: int
    units: tuple[RankedUnit, ...]  # best first
    not_reported: tuple[str, ...]
    ikm_mean_units: Fraction | None
    ikm_pooled: Fraction | None
    pooled_summary: Summary | None
    headline: str  # HEADLINE_MEAN or HEADLINE_POOLED (the one used)
    changes: Changes
    mutu_counts: dict[str, int]
    lowest_unsur: LowestUnsur | None
    lowest_unsur_kelompok: dict[str, LowestUnsur]
    realisasi_unit: tuple[Realisasi, ...]
    realisasi_kelompok: tuple[Realisasi, ...]
    realisasi_total: Realisasi
    sasaran: Sasaran | None
    checks: tuple[CheckItem, ...] = field(default=())

    @property
    def respondents(self) -> int:
        return sum(u.figure.responden or 0 for u in self.units)

    @property
    def konversi(self) -> Fraction | None:
        """The headline IKM (25–100): pooled, or the mean of the units, as ``headline`` says."""
        return self.ikm_pooled if self.headline == HEADLINE_POOLED else self.ikm_mean_units

    ikm = konversi
    ikm_2dp = NilaiKonversi.konversi_2dp

    @property
    def source(self) -> str:
        kinds = {u.figure.source for u in self.units}
        return kinds.pop() if len(kinds) == 1 else "campuran" if kinds else ""


def rank_competition(values: Sequence[Decimal]) -> list[int]:
    """Ranks of ``values`` (higher is better), ties sharing the rank, the next skipping."""
    order = sorted(range(len(values)), key=lambda i: -values[i])
    ranks = [0] * len(values)
    for pos, i in enumerate(order):
        if pos and values[i] == values[order[pos - 1]]:
            ranks[i] = ranks[order[pos - 1]]
        else:
            ranks[i] = pos + 1
    return ranks


def unsur_means(figures: Sequence[UnitFigure]) -> list[LowestUnsur]:
    """Every unsur's mean over the units that gave it (the city's unsur figures), U1 first."""
    per: dict[str, list[Fraction]] = {}
    for f in figures:
        for k, v in f.unsur.items():
            per.setdefault(k, []).append(v)
    means = [LowestUnsur(k, _mean(vs), len(vs)) for k, vs in per.items()]
    return sorted(means, key=lambda x: _unsur_order(x.kode))


def _lowest(figures: Sequence[UnitFigure]) -> LowestUnsur | None:
    means = unsur_means(figures)
    if not means:
        return None
    return min(means, key=lambda x: (x.konversi, _unsur_order(x.kode)))


def count_labels(labels: Iterable[str]) -> list[tuple[str, int]]:
    """How many times each label occurs (most frequent first, then by name): counts by metode …"""
    return sorted(Counter(labels).items(), key=lambda kv: (-kv[1], kv[0].casefold()))


def _unsur_order(kode: str) -> tuple[int, str]:
    digits = kode[1:] if kode[:1].upper() == "U" else ""
    return (int(digits), kode) if digits.isdigit() else (10**6, kode)


def compute(
    tahun: int,
    current: Sequence[UnitYearInput],
    previous: Sequence[UnitYearInput] = (),
    *,
    known_units: Sequence[str] = (),
    sasaran: Decimal | None = None,
    headline: str = HEADLINE_MEAN,
    kelompok: Sequence[str] = KELOMPOK,
) -> RekapYear:
    """Every figure of the recap of ``tahun``. ``known_units``: every unit of the database
    (those without a figure are belum melapor); ``previous``: the inputs of tahun − 1;
    ``kelompok``: the operator's kelompok list, the order of the per-kelompok figures."""
    figures: list[UnitFigure] = []
    checks: list[CheckItem] = []
    for inp in current:
        fig, ch = unit_figure(inp)
        checks += ch
        if fig is not None:
            figures.append(fig)
    prev: dict[str, UnitFigure] = {}
    for inp in previous:
        fig, _ = unit_figure(inp)
        if fig is not None:
            prev[fig.unit] = fig
    figures.sort(key=lambda f: (-f.ikm_2dp, f.unit.casefold()))
    ranks = rank_competition([f.ikm_2dp for f in figures])
    ranked = tuple(RankedUnit(f, r, prev.get(f.unit)) for f, r in zip(figures, ranks))

    reported = {f.unit for f in figures}
    not_reported = tuple(sorted((u for u in known_units if u not in reported), key=str.casefold))

    mean_units = _mean([f.ikm for f in figures]) if figures else None
    pooled_sm = _pooled(figures)
    pooled = pooled_sm.ikm_konversi if pooled_sm is not None else None
    used = HEADLINE_POOLED if headline == HEADLINE_POOLED and pooled is not None else HEADLINE_MEAN

    compared = [u for u in ranked if u.previous is not None]
    moves = Counter(u.change for u in compared)
    transitions = Counter(
        f"{u.previous.mutu}->{u.figure.mutu}" for u in compared if u.previous and u.previous.mutu != u.figure.mutu
    )
    changes = Changes(
        len(compared),
        moves["naik"],
        moves["turun"],
        moves["tetap"],
        dict(sorted(transitions.items())),
        tuple(u.figure.unit for u in ranked if u.previous is None),
        tuple(sorted((n for n in prev if n not in reported), key=str.casefold)),
    )
    mutu_counts = {k: 0 for k in "ABCD"}
    for f in figures:
        mutu_counts[f.mutu] += 1

    by_kelompok: dict[str, list[UnitFigure]] = {}
    for f in figures:
        by_kelompok.setdefault(f.kelompok or "Lainnya", []).append(f)
    lowest_k = {k: low for k, fs in sorted(by_kelompok.items()) if (low := _lowest(fs)) is not None}

    real_unit = tuple(Realisasi(f.unit, f.target or 0, f.responden or 0) for f in figures)
    real_k = tuple(
        Realisasi(k, sum(f.target or 0 for f in fs), sum(f.responden or 0 for f in fs))
        for k, fs in sorted(by_kelompok.items(), key=lambda kv: kelompok_order(kv[0], kelompok))
    )
    total = Realisasi("Total", sum(r.target for r in real_unit), sum(r.responden for r in real_unit))
    realised = pooled if used == HEADLINE_POOLED else mean_units
    sas = Sasaran(sasaran, realised) if sasaran is not None and realised is not None else None
    return RekapYear(
        tahun,
        tahun - 1,
        ranked,
        not_reported,
        mean_units,
        pooled,
        pooled_sm,
        used,
        changes,
        mutu_counts,
        _lowest(figures),
        lowest_k,
        real_unit,
        real_k,
        total,
        sas,
        tuple(checks),
    )


def kelompok_order(k: str, kelompok: Sequence[str] = KELOMPOK) -> tuple[int, str]:
    """Sort key of kelompok ``k``: its place in the list ``kelompok``, others after it by name."""
    return (kelompok.index(k), k) if k in kelompok else (len(kelompok), k)


def _pooled(figures: Sequence[UnitFigure]) -> Summary | None:
    """All respondents of all units as one survey — only when every unit has pooled raw
    data with the same unsur codes."""
    if not figures:
        return None
    first = figures[0].summary
    if first is None:
        return None
    tallies: list[Tally] = []
    for f in figures:
        if f.summary is None or f.tally is None or f.summary.unsur_set.codes != first.unsur_set.codes:
            return None
        tallies.append(f.tally)
    return summarize(first.unsur_set, Tally.merged(tallies))
