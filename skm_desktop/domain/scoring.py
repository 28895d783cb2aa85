"""NRR, IKM, categories and priorities (metode-skm.md).

The input is a :class:`Tally` — how many respondents gave each value to each
unsur. A tally is built from respondents' answers, updated one respondent at a
time by the entry screen (O(unsur) per change), or filled from counts that the
storage layer aggregated; all three give the same :class:`Summary`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from .category import Kategori, kategori_of_konversi, konversi
from .errors import DomainError
from .numbers import round_half_up
from .unsur import SCALE, Unsur, UnsurSet

Answer = int | None  # 1..4, or None for a blank ("kosong")
DEFAULT_N_PRIORITAS = 3


def parse_answer(value: object) -> Answer:
    """Accept 1–4, a–d (case-insensitive) or blank; raise DomainError otherwise."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise DomainError(f"nilai '{value}' bukan jawaban 1–4")
    if isinstance(value, int):
        if value in SCALE:
            return value
        raise DomainError(f"nilai '{value}' di luar skala 1–4 (harus 1, 2, 3, 4, a–d, atau kosong)")
    if isinstance(value, float):
        if value.is_integer() and int(value) in SCALE:
            return int(value)
        raise DomainError(f"nilai '{value:g}' di luar skala 1–4 (harus 1, 2, 3, 4, a–d, atau kosong)")
    s = str(value).strip().lower()
    if s in ("", "-"):
        return None
    if s in ("1", "2", "3", "4"):
        return int(s)
    if s in ("a", "b", "c", "d"):
        return "abcd".index(s) + 1
    if s in ("1.0", "2.0", "3.0", "4.0"):
        return int(s[0])
    if s.lstrip("-").isascii() and s.lstrip("-").isdigit():
        raise DomainError(f"nilai '{str(value).strip()}' di luar skala 1–4 (harus 1, 2, 3, 4, a–d, atau kosong)")
    raise DomainError(f"nilai '{value}' bukan jawaban yang sah (1, 2, 3, 4, a–d, atau kosong)")


class Tally:
    """Counts per unsur per value; index 0 of each row is unused."""

    __slots__ = ("counts", "respondents")

    def __init__(self, n_unsur: int) -> None:
        self.counts: list[list[int]] = [[0, 0, 0, 0, 0] for _ in range(n_unsur)]
        self.respondents = 0

    @property
    def n_unsur(self) -> int:
        return len(self.counts)

    def _apply(self, answers: Sequence[Answer], sign: int) -> None:
        if len(answers) != len(self.counts):
            raise DomainError(f"jumlah jawaban ({len(answers)}) tidak sama dengan jumlah unsur ({len(self.counts)})")
        for row, a in zip(self.counts, answers):
            if a is not None:
                row[a] += sign
        self.respondents += sign

    def add(self, answers: Sequence[Answer]) -> None:
        self._apply(answers, 1)

    def remove(self, answers: Sequence[Answer]) -> None:
        self._apply(answers, -1)

    def replace(self, old: Sequence[Answer], new: Sequence[Answer]) -> None:
        self._apply(old, -1)
        self._apply(new, 1)

    def set_answer(self, index: int, old: Answer, new: Answer) -> None:
        """Change one answer of a respondent already counted (O(1))."""
        row = self.counts[index]
        if old is not None:
            row[old] -= 1
        if new is not None:
            row[new] += 1

    @classmethod
    def from_answers(cls, n_unsur: int, rows: Iterable[Sequence[Answer]]) -> Tally:
        t = cls(n_unsur)
        for r in rows:
            t.add(r)
        return t

    @classmethod
    def from_counts(cls, n_unsur: int, respondents: int, counts: Iterable[tuple[int, int, int]]) -> Tally:
        """From (unsur index, value, count) triples, e.g. a GROUP BY result."""
        t = cls(n_unsur)
        t.respondents = respondents
        for idx, value, n in counts:
            if value not in SCALE:
                raise DomainError(f"nilai tersimpan {value} di luar skala 1–4")
            t.counts[idx][value] += n
        return t

    def merge(self, other: Tally) -> None:
        """Count every respondent of ``other`` too (a tally of the same unsur count)."""
        if other.n_unsur != self.n_unsur:
            raise DomainError(f"tally dengan {other.n_unsur} unsur tidak dapat digabung dengan {self.n_unsur} unsur")
        for row, add in zip(self.counts, other.counts):
            for v in SCALE:
                row[v] += add[v]
        self.respondents += other.respondents

    @classmethod
    def merged(cls, tallies: Iterable[Tally]) -> Tally:
        """One tally of all respondents of ``tallies`` (the same unsur count, at least one)."""
        out: Tally | None = None
        for t in tallies:
            if out is None:
                out = t.copy()
            else:
                out.merge(t)
        if out is None:
            raise DomainError("tidak ada tally untuk digabung")
        return out

    def copy(self) -> Tally:
        t = Tally(0)
        t.counts = [row[:] for row in self.counts]
        t.respondents = self.respondents
        return t

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Tally) and self.counts == other.counts and self.respondents == other.respondents


class NilaiKonversi:
    """What follows from a value on the 25–100 scale — an IKM, a recap's headline: its
    printed 2-decimal figure and its category; each None while there is no value.
    The owner says which value is ``konversi``."""

    @property
    def konversi(self) -> Fraction | None:
        raise NotImplementedError

    @property
    def konversi_2dp(self) -> Decimal | None:
        c = self.konversi
        return None if c is None else round_half_up(c, 2)

    @property
    def kategori(self) -> Kategori | None:
        shown = self.konversi_2dp
        return None if shown is None else kategori_of_konversi(shown)

    @property
    def mutu(self) -> str | None:
        k = self.kategori
        return None if k is None else k.mutu

    @property
    def kinerja(self) -> str | None:
        k = self.kategori
        return None if k is None else k.kinerja


class NilaiSkala(NilaiKonversi):
    """A value on the 1–4 scale — an unsur's NRR, the IKM — with its 3-decimal figure and
    its conversion to 25–100 (and what follows from that, :class:`NilaiKonversi`); each None
    while there is no value (nobody answered). The owner says which value is ``nilai``."""

    @property
    def nilai(self) -> Fraction | None:
        raise NotImplementedError

    @property
    def nilai_3dp(self) -> Decimal | None:
        return None if self.nilai is None else round_half_up(self.nilai, 3)

    @property
    def konversi(self) -> Fraction | None:
        return None if self.nilai is None else konversi(self.nilai)


@dataclass(frozen=True)
class UnsurResult(NilaiSkala):
    unsur: Unsur
    answered: int
    blank: int
    total: int
    counts: tuple[int, int, int, int]  # how many answered 1, 2, 3, 4
    nrr: Fraction | None
    weight: Fraction  # nominal weight of the unsur set
    weight_used: Fraction | None  # after renormalisation; None when left out
    nrr_tertimbang: Fraction | None

    @property
    def kode(self) -> str:
        return self.unsur.kode

    @property
    def nilai(self) -> Fraction | None:
        return self.nrr

    nrr_3dp = NilaiSkala.nilai_3dp

    @property
    def nrr_tertimbang_3dp(self) -> Decimal | None:
        return None if self.nrr_tertimbang is None else round_half_up(self.nrr_tertimbang, 3)


@dataclass(frozen=True)
class Summary(NilaiSkala):
    unsur_set: UnsurSet
    respondents: int
    unsur: tuple[UnsurResult, ...]
    ikm: Fraction | None
    n_prioritas: int = DEFAULT_N_PRIORITAS

    # --- the index --------------------------------------------------------
    @property
    def nilai(self) -> Fraction | None:
        return self.ikm

    ikm_konversi = NilaiSkala.konversi
    ikm_konversi_2dp = NilaiSkala.konversi_2dp
    ikm_3dp = NilaiSkala.nilai_3dp

    # --- unsur lists --------------------------------------------------------
    @property
    def tanpa_jawaban(self) -> tuple[UnsurResult, ...]:
        """Unsur nobody answered: no NRR, left out of the IKM."""
        return tuple(r for r in self.unsur if r.nrr is None)

    @property
    def renormalised(self) -> bool:
        return bool(self.tanpa_jawaban) and self.ikm is not None

    def _scored(self) -> list[tuple[UnsurResult, Fraction]]:
        return [(r, r.nrr) for r in self.unsur if r.nrr is not None]

    def ranking(self) -> tuple[UnsurResult, ...]:
        """Unsur with an NRR, lowest first; ties keep unsur order (stable sort)."""
        return tuple(r for r, _ in sorted(self._scored(), key=lambda p: p[1]))

    @property
    def prioritas(self) -> tuple[UnsurResult, ...]:
        return self.ranking()[: self.n_prioritas]

    @property
    def terkuat(self) -> tuple[UnsurResult, ...]:
        """Highest NRR first; ties keep unsur order."""
        return tuple(r for r, _ in sorted(self._scored(), key=lambda p: -p[1]))[: self.n_prioritas]

    @property
    def perlu_ditingkatkan(self) -> tuple[UnsurResult, ...]:
        """Unsur whose category is C or D, lowest first."""
        return tuple(r for r in self.ranking() if r.mutu in ("C", "D"))

    def by_kode(self, kode: str) -> UnsurResult:
        return self.unsur[self.unsur_set.index_of(kode)]


def summarize(unsur_set: UnsurSet, tally: Tally, n_prioritas: int = DEFAULT_N_PRIORITAS) -> Summary:
    """Compute every figure of a selection from its tally."""
    if tally.n_unsur != len(unsur_set):
        raise DomainError(f"tally memiliki {tally.n_unsur} unsur, set unsur memiliki {len(unsur_set)}")
    if n_prioritas < 1:
        raise DomainError("Jumlah unsur prioritas minimal 1.")
    weights = unsur_set.weights
    used = unsur_set.weights_for([sum(row[1:]) > 0 for row in tally.counts])
    results: list[UnsurResult] = []
    ikm = Fraction(0)
    any_answered = False
    for u, w, row in zip(unsur_set.unsur, weights, tally.counts):
        c = (row[1], row[2], row[3], row[4])
        answered = sum(c)
        total = c[0] + 2 * c[1] + 3 * c[2] + 4 * c[3]
        nrr: Fraction | None = None
        w_used: Fraction | None = None
        nt: Fraction | None = None
        if answered:
            any_answered = True
            nrr = Fraction(total, answered)
            w_used = used[len(results)]
            if w_used is None:  # weights_for leaves out only unanswered unsur
                raise DomainError(f"bobot unsur {u.kode} hilang padahal unsur itu dijawab")
            nt = nrr * w_used
            ikm += nt
        results.append(UnsurResult(u, answered, tally.respondents - answered, total, c, nrr, w, w_used, nt))
    return Summary(unsur_set, tally.respondents, tuple(results), ikm if any_answered else None, n_prioritas)


def summarize_answers(
    unsur_set: UnsurSet, rows: Iterable[Sequence[Answer]], n_prioritas: int = DEFAULT_N_PRIORITAS
) -> Summary:
    return summarize(unsur_set, Tally.from_answers(len(unsur_set), rows), n_prioritas)
