"""Unsur (rated elements) and unsur sets with their weights (bobot)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from fractions import Fraction
from typing import Any, TypedDict

from .errors import DomainError
from .numbers import round_half_up, to_fraction

SCALE = (1, 2, 3, 4)
MIN_UNSUR = 9
WEIGHT_TOLERANCE = Fraction(5, 10000)  # ±0.0005 for custom weights


class BobotMode(str, Enum):
    STANDAR = "standar"  # round(1/n, 3) — the regulation's worked example
    EKSAK = "eksak"  # exactly 1/n
    KUSTOM = "kustom"  # one weight per unsur, summing to 1

    @property
    def label(self) -> str:
        return {
            "standar": "Standar (1/n dibulatkan 3 desimal)",
            "eksak": "Eksak (1/n)",
            "kustom": "Kustom (ditetapkan per unsur)",
        }[self.value]


@dataclass(frozen=True)
class Unsur:
    kode: str
    nama: str
    pertanyaan: str = ""
    labels: tuple[str, str, str, str] = ("Tidak baik", "Kurang baik", "Baik", "Sangat baik")
    definisi: str = ""
    bobot: Fraction | None = None  # only for BobotMode.KUSTOM

    def __post_init__(self) -> None:
        if not self.kode.strip():
            raise DomainError("Kode unsur tidak boleh kosong.")
        if not self.nama.strip():
            raise DomainError(f"Nama unsur {self.kode} tidak boleh kosong.")
        if len(self.labels) != 4:
            raise DomainError(f"Unsur {self.kode} harus memiliki 4 label jawaban.")


@dataclass(frozen=True)
class UnsurSet:
    """An ordered set of unsur and how they are weighted."""

    unsur: tuple[Unsur, ...]
    mode: BobotMode = BobotMode.STANDAR
    _weights: tuple[Fraction, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        unsur = tuple(self.unsur)
        object.__setattr__(self, "unsur", unsur)
        object.__setattr__(self, "mode", BobotMode(self.mode))
        if not unsur:
            raise DomainError("Set unsur kosong: minimal 9 unsur.")
        codes = [u.kode.strip().upper() for u in unsur]
        dup = sorted({c for c in codes if codes.count(c) > 1})
        if dup:
            raise DomainError(f"Kode unsur ganda: {', '.join(dup)}.")
        object.__setattr__(self, "_weights", self._compute_weights())

    def _compute_weights(self) -> tuple[Fraction, ...]:
        n = len(self.unsur)
        if self.mode is BobotMode.STANDAR:
            w = to_fraction(round_half_up(Fraction(1, n), 3))
            return (w,) * n
        if self.mode is BobotMode.EKSAK:
            return (Fraction(1, n),) * n
        weights = []
        for u in self.unsur:
            if u.bobot is None:
                raise DomainError(f"Bobot kustom unsur {u.kode} belum diisi.")
            w = to_fraction(u.bobot)
            if w <= 0:
                raise DomainError(f"Bobot unsur {u.kode} harus lebih dari 0 (tertulis {float(w):g}).")
            weights.append(w)
        total = sum(weights, Fraction(0))
        if abs(total - 1) > WEIGHT_TOLERANCE:
            raise DomainError(
                f"Jumlah bobot kustom harus 1 (±0,0005); sekarang {str(round_half_up(total, 4)).replace('.', ',')}."
            )
        return tuple(weights)

    @property
    def weights(self) -> tuple[Fraction, ...]:
        return self._weights

    def weights_for(self, included: list[bool] | tuple[bool, ...]) -> tuple[Fraction | None, ...]:
        """Weights when only the ``included`` unsur take part in the IKM.

        Unsur nobody answered are left out and the weights of the rest are
        renormalised to sum to 1 (each weight over the sum of the included
        ones): 0,111 over 8 × 0,111 gives exactly 0,125. With every unsur
        included this is exactly :attr:`weights`, as published (in the
        standar mode 9 × 0,111 = 0,999).
        """
        if all(included):
            return self._weights
        rest = sum((w for w, x in zip(self._weights, included) if x), Fraction(0))
        if rest == 0:
            return (None,) * len(self.unsur)
        return tuple(w / rest if x else None for w, x in zip(self._weights, included))

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(u.kode for u in self.unsur)

    def __len__(self) -> int:
        return len(self.unsur)

    def index_of(self, kode: str) -> int:
        key = kode.strip().upper()
        for i, u in enumerate(self.unsur):
            if u.kode.upper() == key:
                return i
        raise KeyError(kode)

    @property
    def below_regulation_minimum(self) -> bool:
        return len(self.unsur) < MIN_UNSUR

    def with_mode(self, mode: BobotMode) -> UnsurSet:
        return UnsurSet(self.unsur, mode)

    def with_unsur(self, unsur: tuple[Unsur, ...]) -> UnsurSet:
        return UnsurSet(unsur, self.mode)


class UnsurDict(TypedDict, total=False):
    """The JSON shape of one unsur (``bobot`` only when custom-weighted)."""

    kode: str
    nama: str
    pertanyaan: str
    labels: list[str]
    definisi: str
    bobot: str


def unsur_from_dict(d: Mapping[str, Any]) -> Unsur:
    labels = tuple(str(x) for x in (d.get("labels") or Unsur.labels))
    bobot = d.get("bobot")
    return Unsur(
        kode=str(d["kode"]).strip(),
        nama=str(d["nama"]).strip(),
        pertanyaan=str(d.get("pertanyaan", "")).strip(),
        labels=labels,  # type: ignore[arg-type]  # length 4 is checked in Unsur.__post_init__
        definisi=str(d.get("definisi", "")).strip(),
        bobot=None if bobot in (None, "") else to_fraction(str(bobot)),
    )


def unsur_to_dict(u: Unsur) -> UnsurDict:
    d: UnsurDict = {
        "kode": u.kode,
        "nama": u.nama,
        "pertanyaan": u.pertanyaan,
        "labels": list(u.labels),
        "definisi": u.definisi,
    }
    if u.bobot is not None:
        d["bobot"] = str(float(u.bobot))
    return d


def unsur_set_from_dict(d: Mapping[str, Any]) -> UnsurSet:
    return UnsurSet(tuple(unsur_from_dict(x) for x in d["unsur"]), BobotMode(d.get("bobot", "standar")))


def renumber(unsur: tuple[Unsur, ...]) -> tuple[Unsur, ...]:
    """Give unsur the codes U1..Un in their current order."""
    return tuple(replace(u, kode=f"U{i}") for i, u in enumerate(unsur, start=1))
