"""A unit's whole year: the periods that belong to it (domain.tahunan.tahun_of)
pooled into one Tally by domain.tahunan.pool, the characteristics summed, and
the `summary --json` structure of cli.md for the year."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

from sqlalchemy import select
from sqlalchemy.orm import Session

from skm_desktop.domain import karakteristik as kar
from skm_desktop.domain.scoring import Summary
from skm_desktop.domain.tahunan import PeriodePart, PoolingRefused, Tahunan, pool, tahun_of
from skm_desktop.domain.unsur import UnsurSet
from skm_desktop.storage.database import Database
from skm_desktop.storage.models import Layanan, Periode, Unit

from . import ServiceError, get_or_refuse, results, survey

TAHUN_MIN, TAHUN_MAX = 2000, 2100


class PeriodeJson(TypedDict):
    periode: str
    respondents: int
    ikm_konversi_2dp: str | None


class TahunJson(results.SummaryJson):
    """`summary --tahun --json`: the period keys plus the year and each period's figures."""

    tahun: int
    periods: list[PeriodeJson]


def _unit(s: Session, unit_id: int | None) -> Unit:
    if unit_id is None:
        unit_id = s.scalar(select(Unit.id).order_by(Unit.id).limit(1))
        if unit_id is None:
            raise ServiceError("Basis data belum memiliki unit.")
    return get_or_refuse(s, Unit, unit_id, "Unit")


def check_tahun(tahun: int) -> int:
    if not isinstance(tahun, int) or isinstance(tahun, bool) or not TAHUN_MIN <= tahun <= TAHUN_MAX:
        raise ServiceError(f"Tahun '{tahun}' tidak sah; tulis empat angka antara {TAHUN_MIN} dan {TAHUN_MAX}.")
    return tahun


def years(s: Session, unit_id: int | None) -> list[int]:
    """The years that have at least one period of the unit, oldest first."""
    u = _unit(s, unit_id)
    found = {tahun_of(p.nama, p.tanggal_mulai, p.tanggal_selesai) for p in survey.periode_list(s, u.id)}
    return sorted(y for y in found if y is not None)


def year_periods(s: Session, unit_id: int | None, tahun: int) -> list[Periode]:
    """The unit's periods of ``tahun`` in date order; refused (naming the years there are) when none."""
    u = _unit(s, unit_id)
    check_tahun(tahun)
    periods = [p for p in survey.periode_list(s, u.id) if tahun_of(p.nama, p.tanggal_mulai, p.tanggal_selesai) == tahun]
    if not periods:
        have = years(s, u.id)
        raise ServiceError(
            f"Unit {u.nama} tidak memiliki periode pada tahun {tahun}"
            + (f"; tahun yang ada: {', '.join(map(str, have))}." if have else ".")
        )
    return periods


def tahunan(
    s: Session,
    unit_id: int | None,
    tahun: int,
    layanan_id: int | None = None,
    periods: Sequence[Periode] | None = None,
) -> Tahunan:
    """Every respondent of the year's periods (one layanan when given) in one Tally;
    ``periods``: the year's periods when the caller has already loaded them."""
    periods = list(periods) if periods else year_periods(s, unit_id, tahun)
    if layanan_id is not None:
        lay = s.get(Layanan, layanan_id)
        if lay is None or lay.unit_id != periods[0].unit_id:
            raise ServiceError("Jenis layanan tidak ditemukan pada unit ini.")
    return pool(tahun, _parts(s, periods, _unsur_sets(s, periods), layanan_id))


def _unsur_sets(s: Session, periods: Sequence[Periode]) -> dict[int, UnsurSet]:
    return {p.id: survey.unsur_set(s, p.id) for p in periods}


def _parts(
    s: Session, periods: Sequence[Periode], sets: dict[int, UnsurSet], layanan_id: int | None
) -> list[PeriodePart]:
    return [PeriodePart(p.nama, sets[p.id], results.tally(s, p.id, layanan_id), p.n_prioritas) for p in periods]


def per_layanan(
    s: Session, unit_id: int | None, tahun: int, periods: Sequence[Periode] | None = None
) -> list[tuple[str, Summary]]:
    """The pooled year of every layanan that has respondents in it (the year's periods
    and their unsur sets read once for all of them)."""
    periods = list(periods) if periods else year_periods(s, unit_id, tahun)
    sets = _unsur_sets(s, periods)
    out = []
    for lay in survey.layanan_list(s, periods[0].unit_id):
        sm = pool(tahun, _parts(s, periods, sets, lay.id)).summary
        if sm.respondents:
            out.append((lay.nama, sm))
    return out


def karakteristik_tahun(
    s: Session, unit_id: int | None, tahun: int, layanan_id: int | None = None
) -> dict[str, kar.Distribution]:
    return karakteristik(s, [p.id for p in year_periods(s, unit_id, tahun)], layanan_id)


def karakteristik(s: Session, periode_ids: list[int], layanan_id: int | None = None) -> dict[str, kar.Distribution]:
    """The characteristics of the respondents of several periods: the counts summed
    per category (the percentages recomputed over all of them)."""
    merged: dict[str, dict[str | None, int]] = {}
    order: dict[str, list[str]] = {}
    for pid in periode_ids:
        for field, dist in results.karakteristik(s, pid, layanan_id).items():
            counts = merged.setdefault(field, {})
            cats = order.setdefault(field, [])
            for row in dist.rows:
                key = None if row.label == kar.TIDAK_DIISI else row.label
                if key is not None and key not in cats:
                    cats.append(key)
                counts[key] = counts.get(key, 0) + row.count
    return {f: kar.distribution(f, order[f], merged[f]) for f in merged}


def summary_dict(s: Session, unit_id: int | None, tahun: int, layanan_id: int | None = None) -> TahunJson:
    periods = year_periods(s, unit_id, tahun)
    th = tahunan(s, unit_id, tahun, layanan_id, periods)
    lay_name = None if layanan_id is None else get_or_refuse(s, Layanan, layanan_id, "Jenis layanan").nama
    base = results.summary_json(
        periods[0].unit.nama, th.label, lay_name, th.summary, karakteristik(s, [p.id for p in periods], layanan_id)
    )
    out: TahunJson = {
        **base,
        "tahun": tahun,
        "periods": [
            {
                "periode": nama,
                "respondents": sm.respondents,
                "ikm_konversi_2dp": None if sm.ikm is None else str(sm.ikm_konversi_2dp),
            }
            for nama, sm in th.parts
        ],
    }
    return out


class TahunanService:
    """The year's figures for the GUI (Hasil, Dokumen): one read transaction per call."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def years(self, unit_id: int | None) -> list[int]:
        with self.db.read_session() as s:
            return years(s, unit_id)

    def tahunan(self, unit_id: int | None, tahun: int, layanan_id: int | None = None) -> Tahunan:
        with self.db.read_session() as s:
            return tahunan(s, unit_id, tahun, layanan_id)

    def per_layanan(self, unit_id: int | None, tahun: int) -> list[tuple[str, Summary]]:
        with self.db.read_session() as s:
            return per_layanan(s, unit_id, tahun)

    def karakteristik(
        self, unit_id: int | None, tahun: int, layanan_id: int | None = None
    ) -> dict[str, kar.Distribution]:
        with self.db.read_session() as s:
            return karakteristik_tahun(s, unit_id, tahun, layanan_id)


__all__ = ["PoolingRefused", "TahunanService", "tahunan", "summary_dict", "year_periods", "years"]
