"""Results of a selection (period, optionally one layanan): the storage layer
only counts; every figure is computed by :mod:`skm_desktop.domain`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from numbers import Rational
from typing import Any, TypedDict, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from skm_desktop.domain import karakteristik as kar
from skm_desktop.domain.numbers import round_half_up
from skm_desktop.domain.sample import Progress
from skm_desktop.domain.scoring import Summary, Tally, summarize
from skm_desktop.storage.database import Database
from skm_desktop.storage.models import IkmManual, Jawaban, Layanan, Periode, Respondent, TargetSampel, UnsurRow

from . import ServiceError, get_or_refuse, survey

_K = TypeVar("_K")


class UnsurJson(TypedDict):
    """One unsur of ``summary --json`` (cli.md)."""

    code: str
    name: str
    answered: int
    blank: int
    total: int
    counts: dict[str, int]
    nrr: float | None
    weight: float | None
    nrr_tertimbang: float | None
    konversi: float | None
    konversi_2dp: str | None
    mutu: str | None


class SummaryJson(TypedDict):
    """The ``summary --json`` structure of cli.md."""

    unit: str
    periode: str
    layanan: str | None
    respondents: int
    weights: str
    unsur: list[UnsurJson]
    ikm: float | None
    ikm_konversi: float | None
    ikm_konversi_2dp: str | None
    mutu: str | None
    kinerja: str | None
    prioritas: list[str]
    perlu_ditingkatkan: list[str]
    unsur_tanpa_jawaban: list[str]
    karakteristik: dict[str, dict[str, int]]


def _float(x: Rational | None) -> float | None:
    return None if x is None else float(x)


def tally(s: Session, periode_id: int, layanan_id: int | None = None) -> Tally:
    """Counts per unsur and value of the selection (held questionnaires excluded)."""
    if layanan_id is None:
        return tallies(s, [periode_id])[periode_id]
    rows = survey.unsur_rows(s, periode_id)
    index = {r.id: i for i, r in enumerate(rows)}
    q = (
        select(Jawaban.unsur_id, Jawaban.nilai, func.count())
        .join(Respondent, Respondent.id == Jawaban.responden_id)
        .where(Respondent.periode_id == periode_id, Respondent.ditahan.is_(False), Respondent.layanan_id == layanan_id)
        .group_by(Jawaban.unsur_id, Jawaban.nilai)
    )
    counts = [(index[uid], v, n) for uid, v, n in s.execute(q)]
    return Tally.from_counts(len(rows), survey.respondent_count(s, periode_id, layanan_id), counts)


IDS_PER_QUERY = 900  # bound parameters per IN list (well under every driver's limit)


def tallies(s: Session, periode_ids: Sequence[int]) -> dict[int, Tally]:
    """The tallies of many periods at once (held questionnaires excluded), in a few grouped
    queries however many periods there are — a city recap reads hundreds of periods."""
    ids = sorted(set(periode_ids))
    position: dict[int, tuple[int, int]] = {}  # unsur id -> (periode id, index in its period)
    n_unsur: dict[int, int] = dict.fromkeys(ids, 0)
    for chunk in _chunks(ids):
        unsur_q = select(UnsurRow.id, UnsurRow.periode_id).where(UnsurRow.periode_id.in_(chunk))
        for uid, pid in s.execute(unsur_q.order_by(UnsurRow.periode_id, UnsurRow.urutan)):
            position[uid] = (pid, n_unsur[pid])
            n_unsur[pid] += 1
    out = {pid: Tally(n) for pid, n in n_unsur.items()}
    for chunk in _chunks(sorted(position)):
        q = (
            select(Jawaban.unsur_id, Jawaban.nilai, func.count())
            .where(Jawaban.unsur_id.in_(chunk))
            .group_by(Jawaban.unsur_id, Jawaban.nilai)
        )
        _count_into(out, position, s.execute(q), 1)
    with_held: list[int] = []
    for chunk in _chunks(ids):
        per_periode = (
            select(Respondent.periode_id, Respondent.ditahan, func.count())
            .where(Respondent.periode_id.in_(chunk))
            .group_by(Respondent.periode_id, Respondent.ditahan)
        )
        for pid, ditahan, count in s.execute(per_periode):
            if ditahan:
                with_held.append(pid)
            else:
                out[pid].respondents = count
    for chunk in _chunks(with_held):  # held questionnaires are rare: their answers taken out again
        held = (
            select(Jawaban.unsur_id, Jawaban.nilai, func.count())
            .join(Respondent, Respondent.id == Jawaban.responden_id)
            .where(Respondent.periode_id.in_(chunk), Respondent.ditahan.is_(True))
            .group_by(Jawaban.unsur_id, Jawaban.nilai)
        )
        _count_into(out, position, s.execute(held), -1)
    return out


def _chunks(ids: Sequence[int]) -> list[Sequence[int]]:
    return [ids[i : i + IDS_PER_QUERY] for i in range(0, len(ids), IDS_PER_QUERY)]


def _count_into(out: dict[int, Tally], position: dict[int, tuple[int, int]], rows: Iterable[Any], sign: int) -> None:
    for uid, value, count in rows:
        pid, idx = position[uid]
        if value not in (1, 2, 3, 4):
            raise ServiceError(f"nilai tersimpan {value} di luar skala 1–4")
        out[pid].counts[idx][value] += sign * count


def summary(s: Session, periode_id: int, layanan_id: int | None = None) -> Summary:
    p = get_or_refuse(s, Periode, periode_id, "Periode")
    return summarize(survey.unsur_set(s, periode_id), tally(s, periode_id, layanan_id), p.n_prioritas)


def karakteristik(s: Session, periode_id: int, layanan_id: int | None = None) -> dict[str, kar.Distribution]:
    p = get_or_refuse(s, Periode, periode_id, "Periode")
    opts = survey.options(s, p.unit_id)
    where = [Respondent.periode_id == periode_id, Respondent.ditahan.is_(False)]
    if layanan_id is not None:
        where.append(Respondent.layanan_id == layanan_id)

    def grouped(col: InstrumentedAttribute[_K]) -> dict[_K, int]:
        q = select(func.count(), col).select_from(Respondent).where(*where).group_by(col)
        return {k: n for n, k in s.execute(q)}

    usia_counts: dict[str | None, int] = {}
    for age, n in ((k, v) for k, v in grouped(Respondent.usia).items()):
        g = kar.usia_group(age)
        usia_counts[g] = usia_counts.get(g, 0) + n
    lay_names: dict[int | None, str] = {l.id: l.nama for l in survey.layanan_list(s, p.unit_id)}
    lay_counts: dict[str | None, int] = {}
    for lid, n in grouped(Respondent.layanan_id).items():
        name = lay_names.get(lid)
        lay_counts[name] = lay_counts.get(name, 0) + n
    return {
        "jenis_kelamin": kar.distribution("jenis_kelamin", opts.jenis_kelamin, grouped(Respondent.jenis_kelamin)),
        "pendidikan": kar.distribution("pendidikan", opts.pendidikan, grouped(Respondent.pendidikan)),
        "pekerjaan": kar.distribution("pekerjaan", opts.pekerjaan, grouped(Respondent.pekerjaan)),
        "usia": kar.distribution("usia", kar.USIA_GROUPS, usia_counts),
        "jenis_layanan": kar.distribution("jenis_layanan", opts.layanan, lay_counts),
    }


def per_layanan(s: Session, periode_id: int) -> list[tuple[str, Summary]]:
    """The summary of every layanan that has respondents in the period
    (two grouped queries for all layanan together)."""
    p = get_or_refuse(s, Periode, periode_id, "Periode")
    us = survey.unsur_set(s, periode_id)
    index = {r.id: i for i, r in enumerate(survey.unsur_rows(s, periode_id))}
    live = (Respondent.periode_id == periode_id, Respondent.ditahan.is_(False))
    n_by_layanan = dict(
        s.execute(select(Respondent.layanan_id, func.count()).where(*live).group_by(Respondent.layanan_id)).all()
    )
    counts: dict[int | None, list[tuple[int, int, int]]] = {}
    q = (
        select(Respondent.layanan_id, Jawaban.unsur_id, Jawaban.nilai, func.count())
        .join(Respondent, Respondent.id == Jawaban.responden_id)
        .where(*live, Respondent.layanan_id.is_not(None))
        .group_by(Respondent.layanan_id, Jawaban.unsur_id, Jawaban.nilai)
    )
    for lid, uid, v, n in s.execute(q):
        counts.setdefault(lid, []).append((index[uid], v, n))
    out: list[tuple[str, Summary]] = []
    for lay in survey.layanan_list(s, p.unit_id):
        n = n_by_layanan.get(lay.id, 0)
        if n:
            t = Tally.from_counts(len(us), n, counts.get(lay.id, []))
            out.append((lay.nama, summarize(us, t, p.n_prioritas)))
    return out


def sumber_counts(s: Session, periode_id: int) -> dict[str, int]:
    q = (
        select(Respondent.sumber, func.count())
        .where(Respondent.periode_id == periode_id, Respondent.ditahan.is_(False))
        .group_by(Respondent.sumber)
    )
    found = dict(s.execute(q).all())
    return {k: found.get(k, 0) for k in kar.SUMBER}


def progress(s: Session, periode_id: int) -> list[Progress]:
    """Collected vs. target per layanan that has a target, and for the unit."""
    targets = s.execute(
        select(Layanan.nama, Layanan.id, TargetSampel.target)
        .join(TargetSampel, TargetSampel.layanan_id == Layanan.id)
        .where(TargetSampel.periode_id == periode_id)
        .order_by(Layanan.urutan, Layanan.id)
    ).all()
    out = [Progress(nama, t, survey.respondent_count(s, periode_id, lid)) for nama, lid, t in targets]
    if out:
        out.append(Progress("Total unit", sum(p.target for p in out), survey.respondent_count(s, periode_id)))
    return out


@dataclass(frozen=True)
class TrendPoint:
    label: str
    ikm_konversi_2dp: Decimal | None
    mutu: str | None
    respondents: int | None
    manual: bool = False


def trend(s: Session, unit_id: int) -> list[TrendPoint]:
    """IKM of every period of the unit plus the figures typed in by hand, oldest first."""
    from skm_desktop.domain.category import kategori_of_konversi

    points = []
    for lbl, val in s.execute(
        select(IkmManual.label, IkmManual.ikm_konversi).where(IkmManual.unit_id == unit_id)
    ).all():
        d = round_half_up(Decimal(val), 2)
        points.append(TrendPoint(lbl, d, kategori_of_konversi(d).mutu, None, True))
    points.sort(key=lambda p: p.label)
    for p in survey.periode_list(s, unit_id):
        sm = summary(s, p.id)
        points.append(TrendPoint(p.nama, sm.ikm_konversi_2dp, sm.mutu, sm.respondents))
    return points


def summary_dict(s: Session, periode_id: int, layanan_id: int | None = None) -> SummaryJson:
    """The `summary --json` structure of cli.md (numbers unrounded unless the key says so)."""
    p = get_or_refuse(s, Periode, periode_id, "Periode")
    lay_name = None
    if layanan_id is not None:
        lay_name = get_or_refuse(s, Layanan, layanan_id, "Jenis layanan").nama
    return summary_json(
        p.unit.nama, p.nama, lay_name, summary(s, periode_id, layanan_id), karakteristik(s, periode_id, layanan_id)
    )


def summary_json(
    unit: str, periode: str, layanan: str | None, sm: Summary, kar_: dict[str, kar.Distribution]
) -> SummaryJson:
    """The `summary --json` structure of one selection's figures (a period, or a pooled year)."""
    fl = _float
    unsur: list[UnsurJson] = []
    for r in sm.unsur:
        unsur.append(
            {
                "code": r.kode,
                "name": r.unsur.nama,
                "answered": r.answered,
                "blank": r.blank,
                "total": r.total,
                "counts": {str(v): r.counts[v - 1] for v in (1, 2, 3, 4)},
                "nrr": fl(r.nrr),
                "weight": fl(r.weight_used if r.weight_used is not None else r.weight),
                "nrr_tertimbang": fl(r.nrr_tertimbang),
                "konversi": fl(r.konversi),
                "konversi_2dp": None if r.konversi_2dp is None else str(r.konversi_2dp),
                "mutu": r.mutu,
            }
        )
    return {
        "unit": unit,
        "periode": periode,
        "layanan": layanan,
        "respondents": sm.respondents,
        "weights": sm.unsur_set.mode.value,
        "unsur": unsur,
        "ikm": fl(sm.ikm),
        "ikm_konversi": fl(sm.ikm_konversi),
        "ikm_konversi_2dp": None if sm.ikm is None else str(sm.ikm_konversi_2dp),
        "mutu": sm.mutu,
        "kinerja": sm.kinerja,
        "prioritas": [r.kode for r in sm.prioritas],
        "perlu_ditingkatkan": [r.kode for r in sm.perlu_ditingkatkan],
        "unsur_tanpa_jawaban": [r.kode for r in sm.tanpa_jawaban],
        "karakteristik": {k: d.as_counts() for k, d in kar_.items()},
    }


class ResultsService:
    """The results of one database for the GUI (the Hasil page): each method is
    one read transaction over the Session-level functions above and returns
    the domain's plain results."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def summary(self, periode_id: int, layanan_id: int | None = None) -> Summary:
        with self._db.read_session() as s:
            _periode(s, periode_id)
            return summary(s, periode_id, layanan_id)

    def per_layanan(self, periode_id: int) -> list[tuple[str, Summary]]:
        with self._db.read_session() as s:
            _periode(s, periode_id)
            return per_layanan(s, periode_id)

    def karakteristik(self, periode_id: int, layanan_id: int | None = None) -> dict[str, kar.Distribution]:
        with self._db.read_session() as s:
            _periode(s, periode_id)
            return karakteristik(s, periode_id, layanan_id)

    def trend(self, unit_id: int) -> list[TrendPoint]:
        with self._db.read_session() as s:
            return trend(s, unit_id)

    def progress(self, periode_id: int) -> list[Progress]:
        with self._db.read_session() as s:
            return progress(s, periode_id)

    def sumber_counts(self, periode_id: int) -> dict[str, int]:
        with self._db.read_session() as s:
            return sumber_counts(s, periode_id)


def _periode(s: Session, periode_id: int) -> Periode:
    p = s.get(Periode, periode_id)
    if p is None:
        raise ServiceError("Periode tidak ditemukan (mungkin sudah dihapus).")
    return p
