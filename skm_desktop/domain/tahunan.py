"""The figures of a year: every respondent of the year's periods pooled into one
Tally (metode-skm.md "Periods and annual figures") — never the mean of the
period indices. Periods are pooled only when their unsur sets are the same
(codes, names, weighting); otherwise the difference is named.

Which periods belong to a year (:func:`tahun_of`): the year of the period's end
date; without an end date, the year of its start date; without dates, the
4-digit year its name ends with ("Semester I 2024", "Tahun 2024", "2024"). A
period running from July 2023 to June 2024 therefore counts for 2024.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import DomainError
from .scoring import Summary, Tally, summarize
from .unsur import UnsurSet

_YEAR_AT_END = re.compile(r"(?:^|\D)((?:19|20)\d{2})\s*$")


class PoolingRefused(DomainError):
    """The periods of a year cannot be pooled; ``str()`` names the difference."""


def tahun_of(nama: str, mulai: dt.date | None, selesai: dt.date | None) -> int | None:
    """The year a period reports for (see the module docstring), None when nothing says."""
    if selesai is not None:
        return selesai.year
    if mulai is not None:
        return mulai.year
    m = _YEAR_AT_END.search(nama.strip())
    return int(m.group(1)) if m else None


@dataclass(frozen=True)
class PeriodePart:
    """One period of the year: its name, unsur set, tally and number of priority unsur."""

    nama: str
    unsur_set: UnsurSet
    tally: Tally
    n_prioritas: int = 3


@dataclass(frozen=True)
class Tahunan:
    tahun: int
    label: str  # "Tahun 2024 (Semester I + Semester II)"
    parts: tuple[tuple[str, Summary], ...]  # each period's own figures, in order
    summary: Summary  # all respondents of the year, one Tally


def unsur_difference(a: PeriodePart, b: PeriodePart) -> str | None:
    """What differs between two periods' unsur sets, in words; None when they are the same."""
    ka = [u.kode for u in a.unsur_set.unsur]
    kb = [u.kode for u in b.unsur_set.unsur]
    only_a = [k for k in ka if k not in kb]
    only_b = [k for k in kb if k not in ka]
    if only_a or only_b:
        parts = []
        if only_a:
            parts.append(f"unsur {', '.join(only_a)} ada di periode {a.nama} tetapi tidak di {b.nama}")
        if only_b:
            parts.append(f"unsur {', '.join(only_b)} ada di periode {b.nama} tetapi tidak di {a.nama}")
        return "; ".join(parts)
    if ka != kb:
        return f"urutan unsur berbeda: {' '.join(ka)} di periode {a.nama}, {' '.join(kb)} di {b.nama}"
    for ua, ub in zip(a.unsur_set.unsur, b.unsur_set.unsur):
        if " ".join(ua.nama.split()).casefold() != " ".join(ub.nama.split()).casefold():
            return f"unsur {ua.kode} bernama '{ua.nama}' di periode {a.nama} tetapi '{ub.nama}' di {b.nama}"
    if a.unsur_set.mode != b.unsur_set.mode or a.unsur_set.weights != b.unsur_set.weights:
        for ua, wa, wb in zip(a.unsur_set.unsur, a.unsur_set.weights, b.unsur_set.weights):
            if wa != wb:
                return (
                    f"bobot unsur {ua.kode} berbeda: {float(wa):.4g} di periode {a.nama}, "
                    f"{float(wb):.4g} di {b.nama} (bobot {a.unsur_set.mode.label.lower()} / "
                    f"{b.unsur_set.mode.label.lower()})"
                )
        return f"cara pembobotan berbeda: {a.unsur_set.mode.label} di periode {a.nama}, {b.unsur_set.mode.label} di {b.nama}"
    return None


def _short(nama: str, tahun: int) -> str:
    """'Semester I 2024' -> 'Semester I' inside the year's label."""
    short = re.sub(rf"\s*(?:tahun\s+)?{tahun}\s*$", "", nama.strip(), flags=re.I).strip()
    return short or nama.strip()


def label_tahun(tahun: int, names: Sequence[str]) -> str:
    return f"Tahun {tahun} (" + " + ".join(_short(n, tahun) for n in names) + ")"


def pool(tahun: int, parts: Sequence[PeriodePart]) -> Tahunan:
    """The year's figures: one Tally over every respondent of ``parts`` (in period order),
    scored with their (common) unsur set; each period's own summary beside it.
    Raises PoolingRefused when there is no period or the unsur sets differ."""
    if not parts:
        raise PoolingRefused(f"Tidak ada periode pada tahun {tahun}.")
    first = parts[0]
    for p in parts[1:]:
        diff = unsur_difference(first, p)
        if diff is not None:
            raise PoolingRefused(
                f"Periode tahun {tahun} tidak dapat digabung karena set unsurnya berbeda: {diff}. "
                "Samakan set unsur kedua periode, atau buat laporan per periode."
            )
    total = Tally.merged(p.tally for p in parts)
    n_prioritas = parts[-1].n_prioritas
    return Tahunan(
        tahun,
        label_tahun(tahun, [p.nama for p in parts]),
        tuple((p.nama, summarize(p.unsur_set, p.tally, p.n_prioritas)) for p in parts),
        summarize(first.unsur_set, total, n_prioritas),
    )
