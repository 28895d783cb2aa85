"""Respondent characteristics: the configured lists, synonyms, age groups and
percentage tables (each share rounded on its own, metode-skm.md)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .errors import DomainError
from .formatting import angka as format_angka
from .numbers import round_half_up

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

SUMBER = ("kertas", "kiosk", "impor", "pindai")
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
    """Each count's share of the total in percent, rounded half-up on its own
    (metode-skm.md): equal counts always print equal percentages and every figure
    is within half a unit of the last place of the truth. The printed parts may
    therefore add up to 100 ± a few hundredths — :func:`rounding_note` words that;
    no remainder is ever shifted onto one row. All zero gives all zero.
    """
    total = sum(counts)
    if any(c < 0 for c in counts):
        raise DomainError("jumlah tidak boleh negatif")
    q = Decimal(1).scaleb(-places)
    if total == 0:
        return [Decimal(0).quantize(q) for _ in counts]
    return [round_half_up(Fraction(c * 100, total), places).quantize(q) for c in counts]


def rounding_note(printed: Sequence[Decimal]) -> str:
    """The one-line note under a percentage table whose printed parts do not add up to
    100,00 (metode-skm.md); empty when they do (or when nothing was counted)."""
    s = sum(printed, Decimal(0))
    if not printed or s == 0 or s == 100:
        return ""
    return (
        f"Jumlah yang tercetak {format_angka(s, 2)}% karena setiap persentase dibulatkan sendiri; "
        "jumlah sebenarnya 100,00%."
    )


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

    @property
    def jumlah_persen(self) -> Decimal | None:
        """What the Jumlah row prints: the true 100 (None when nobody was counted)."""
        return Decimal(100).quantize(Decimal("0.01")) if self.total else None

    @property
    def catatan_pembulatan(self) -> str:
        """The note under the table when the printed parts add up to 99,99, 100,01, …"""
        return rounding_note([r.percent for r in self.rows]) if self.total else ""


def distribution(field: str, categories: Sequence[str], counts: Mapping[str | None, int]) -> Distribution:
    """Counts and percentages over ``categories`` (in that order).

    Values outside the list and missing values (``None``) are shown as one
    "Tidak diisi" row when there are any, so the percentages remain shares of
    all respondents.
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
