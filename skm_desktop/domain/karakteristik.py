"""Respondent characteristics: the configured lists, synonyms, age groups and
percentage tables whose printed figures add up to exactly 100,00."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .errors import DomainError

JENIS_KELAMIN = ("Laki-laki", "Perempuan")
PENDIDIKAN = ("SD ke bawah", "SMP", "SMA", "D1-D3", "D4/S1", "S2", "S3")
PEKERJAAN = ("PNS", "TNI", "POLRI", "Swasta", "Wirausaha", "Pelajar/Mahasiswa", "Lainnya")
# The age groups: (oldest age in the group, None for the last; key; label shown)
_USIA_BANDS: tuple[tuple[int | None, str, str], ...] = (
    (25, "<= 25", "≤ 25 tahun"),
    (35, "26-35", "26–35 tahun"),
    (45, "36-45", "36–45 tahun"),
    (55, "46-55", "46–55 tahun"),
    (None, ">= 56", "≥ 56 tahun"),
)
USIA_GROUPS = tuple(key for _, key, _ in _USIA_BANDS)
USIA_LABELS = {key: label for _, key, label in _USIA_BANDS}
USIA_MIN, USIA_MAX = 10, 120
TIDAK_DIISI = "Tidak diisi"

SUMBER = ("kertas", "kiosk", "impor")
SUMBER_DEFAULT = SUMBER[0]  # a record keyed from paper unless told otherwise

KARAKTERISTIK_LABELS = {  # the characteristics reported, in their order
    "jenis_kelamin": "Jenis Kelamin",
    "pendidikan": "Pendidikan",
    "pekerjaan": "Pekerjaan",
    "usia": "Usia",
    "jenis_layanan": "Jenis Layanan",
}
KARAKTERISTIK_FIELDS = tuple(KARAKTERISTIK_LABELS)

_SYN_JK = {
    "l": "Laki-laki",
    "laki-laki": "Laki-laki",
    "laki laki": "Laki-laki",
    "laki": "Laki-laki",
    "pria": "Laki-laki",
    "p": "Perempuan",
    "perempuan": "Perempuan",
    "wanita": "Perempuan",
}
_SYN_PENDIDIKAN = {
    "sltp": "SMP",
    "slta": "SMA",
    "smu": "SMA",
    "smk": "SMA",
    "d1": "D1-D3",
    "d2": "D1-D3",
    "d3": "D1-D3",
    "diii": "D1-D3",
    "diploma": "D1-D3",
    "d4": "D4/S1",
    "s1": "D4/S1",
    "s-1": "D4/S1",
    "sarjana": "D4/S1",
    "s-2": "S2",
    "magister": "S2",
    "s-3": "S3",
    "doktor": "S3",
    "sd": "SD ke bawah",
    "tidak sekolah": "SD ke bawah",
}
_SYN_PEKERJAAN = {
    "asn": "PNS",
    "wiraswasta": "Wirausaha",
    "wirausaha": "Wirausaha",
    "pelajar": "Pelajar/Mahasiswa",
    "mahasiswa": "Pelajar/Mahasiswa",
}


def _fold(s: str) -> str:
    return " ".join(str(s).strip().lower().split())


def _normalize(value: object, options: Sequence[str], synonyms: Mapping[str, str], what: str) -> str | None:
    if value is None:
        return None
    s = _fold(str(value))
    if not s:
        return None
    for opt in options:
        if _fold(opt) == s:
            return opt
    target = synonyms.get(s)
    if target is not None:
        for opt in options:
            if opt == target:
                return opt
    raise DomainError(f"{what} '{str(value).strip()}' tidak dikenal; pilihan: {', '.join(options)}")


def normalize_jenis_kelamin(value: object, options: Sequence[str] = JENIS_KELAMIN) -> str | None:
    return _normalize(value, options, _SYN_JK, "jenis kelamin")


def normalize_pendidikan(value: object, options: Sequence[str] = PENDIDIKAN) -> str | None:
    return _normalize(value, options, _SYN_PENDIDIKAN, "pendidikan")


def normalize_pekerjaan(value: object, options: Sequence[str] = PEKERJAAN) -> str | None:
    return _normalize(value, options, _SYN_PEKERJAAN, "pekerjaan")


def parse_usia(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise DomainError(f"usia '{value}' bukan bilangan bulat")
    if isinstance(value, float):
        if not value.is_integer():
            raise DomainError(f"usia '{value:g}' harus bilangan bulat tahun")
        value = int(value)
    if isinstance(value, int):
        n = value
    else:
        s = str(value).strip()
        if not s:
            return None
        if s.endswith(".0"):
            s = s[:-2]
        if not (s.isascii() and s.isdigit()) or len(s) > 6:  # "²".isdigit(); int() of 10⁵ digits
            shown = s if len(s) <= 20 else s[:20] + "…"
            raise DomainError(f"usia '{shown}' harus bilangan bulat tahun ({USIA_MIN}–{USIA_MAX})")
        n = int(s)
    if not USIA_MIN <= n <= USIA_MAX:
        raise DomainError(f"usia {n} di luar rentang {USIA_MIN}–{USIA_MAX} tahun")
    return n


def usia_group(age: int | None) -> str | None:
    if age is None:
        return None
    # the first group the age fits in: the last one is open, so there always is one
    return next(key for oldest, key, _ in _USIA_BANDS if oldest is None or age <= oldest)


def percentages(counts: Sequence[int], places: int = 2) -> list[Decimal]:
    """Percentages of the total, rounded so the printed figures sum to 100.

    Largest-remainder method: every figure is its exact share rounded down to
    ``places`` decimals, then the units still missing go to the largest
    remainders (ties to the earlier category). All zero gives all zero.
    """
    total = sum(counts)
    if any(c < 0 for c in counts):
        raise DomainError("jumlah tidak boleh negatif")
    if total == 0:
        return [Decimal(0).quantize(Decimal(1).scaleb(-places)) for _ in counts]
    unit = 10**places
    exact = [Fraction(c * 100 * unit, total) for c in counts]
    floors = [int(x) for x in exact]
    missing = 100 * unit - sum(floors)
    order = sorted(range(len(counts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:missing]:
        floors[i] += 1
    q = Decimal(1).scaleb(-places)
    return [(Decimal(f) / unit).quantize(q) for f in floors]


@dataclass(frozen=True)
class Row:
    label: str
    count: int
    percent: Decimal


@dataclass(frozen=True)
class Distribution:
    field: str
    rows: tuple[Row, ...]

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rows)

    def as_counts(self) -> dict[str, int]:
        return {r.label: r.count for r in self.rows}


def distribution(field: str, categories: Sequence[str], counts: Mapping[str | None, int]) -> Distribution:
    """Counts and percentages over ``categories`` (in that order).

    Values outside the list and missing values (``None``) are shown as one
    "Tidak diisi" row when there are any, so the percentages remain shares of
    all respondents and still add up to 100.
    """
    known = [counts.get(c, 0) for c in categories]
    other = sum(n for k, n in counts.items() if k not in categories)
    labels = list(categories)
    values = known
    if other:
        labels.append(TIDAK_DIISI)
        values = known + [other]
    pct = percentages(values)
    return Distribution(field, tuple(Row(l, n, p) for l, n, p in zip(labels, values, pct)))


def count_values(values: Iterable[str | None]) -> dict[str | None, int]:
    out: dict[str | None, int] = {}
    for v in values:
        out[v] = out.get(v, 0) + 1
    return out
