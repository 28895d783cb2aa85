"""Double-entry verification (verifikasi entri ganda).

A second operator keys a paper batch, or a random sample of N % of a period,
BLIND: the keying screen only ever receives the questionnaire's number, batch
and position (:class:`BlindItem`), never the first entry. Each second entry is
compared field by field with the stored questionnaire; every difference is a
mismatch (:class:`Selisih`) resolved against the paper by choosing the first
value, the second value or another value. The choice is recorded (who, when)
and, when all mismatches of a questionnaire are resolved, applied to the stored
questionnaire through :func:`survey.change_respondent`, which writes an audit
row "verifikasi" with the before/after values.

Also here: batch status, per-operator statistics, the period's error estimate and
:func:`verified_share` for the laporan — gathered here in one session, computed by
:mod:`skm_desktop.domain.kualitas`; the fields and the parsing of keyed values are
:mod:`skm_desktop.domain.isian`; the statistics PDF is :mod:`skm_desktop.reports.verifikasi`.

The UI holds a :class:`VerifikasiService` bound to the Database and never a Session.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from skm_desktop.domain import kualitas
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.isian import (  # noqa: F401
    BASE_FIELDS,
    PILIHAN,
    Isian,
    base_and_unsur,
    canonical,
    label_of,
    parse_value,
    show_value,
    terapkan,
)
from skm_desktop.domain.kualitas import (  # noqa: F401
    JENIS_BATCH,
    JENIS_SAMPEL,
    STATUS_BELUM,
    STATUS_SEDANG,
    STATUS_SELESAI,
    TANPA_BATCH,
    BatchStatus,
    ItemDiketik,
    Kertas,
    OperatorStat,
    PerkiraanKesalahan,
    SelisihNilai,
    VerifiedShare,
    ringkasan_lines,
)
from skm_desktop.storage.database import Database
from skm_desktop.storage.models import (
    KinerjaEntri,
    Periode,
    Respondent,
    Verifikasi,
    VerifikasiItem,
    VerifikasiSelisih,
    utcnow,
)

from . import ServiceError, audit, get_or_refuse, survey

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from skm_desktop.reports.model import KinerjaVerifikasi


# ------------------------------------------------------------------ fields
def form_fields(s: Session, periode_id: int) -> list[Isian]:
    p = get_or_refuse(s, Periode, periode_id, "Periode")
    opts = survey.options(s, p.unit_id)
    lists = {
        "jenis_layanan": opts.layanan,
        "jenis_kelamin": opts.jenis_kelamin,
        "pendidikan": opts.pendidikan,
        "pekerjaan": opts.pekerjaan,
    }
    return base_and_unsur(lists, [u.kode for u in survey.unsur_rows(s, periode_id)])


def parse_form(fields: list[Isian], values: Mapping[str, str]) -> dict[str, str]:
    """All keyed values as canonical text; the first bad one raises ServiceError naming the field."""
    out = {}
    for f in fields:
        try:
            out[f.key] = parse_value(f, values.get(f.key, ""))
        except DomainError as e:
            raise ServiceError(f"Isian {f.label}: {e}.") from None
    return out


# ------------------------------------------------------------------ keystrokes
def catat_ketikan(
    s: Session,
    periode_id: int,
    operator: str,
    no_kuesioner: int | None,
    ketukan: int,
    durasi_ms: int,
    jenis: str = "entri",
) -> None:
    """Store the key presses and keying time of one questionnaire (for keystrokes per hour).
    The entry screen calls this with ``jenis="entri"``; verification keying uses "verifikasi"."""
    if jenis not in ("entri", "verifikasi"):
        raise ServiceError(f"Jenis pengetikan '{jenis}' tidak dikenal.")
    s.add(
        KinerjaEntri(
            periode_id=periode_id,
            operator=(operator or "").strip(),
            jenis=jenis,
            no_kuesioner=no_kuesioner,
            ketukan=max(0, int(ketukan)),
            durasi_ms=max(0, int(durasi_ms)),
            waktu=utcnow(),
        )
    )
    s.flush()


# ------------------------------------------------------------------ jobs
@dataclass(frozen=True)
class JobInfo:
    id: int
    periode_id: int
    jenis: str
    batch: str
    persen: int | None
    operator: str
    dibuat: dt.datetime
    selesai: dt.datetime | None
    n_item: int
    n_diketik: int  # keyed a second time (resolved or not)
    n_selesai: int
    n_selisih: int
    n_selisih_terbuka: int

    @property
    def label(self) -> str:
        if self.jenis == JENIS_BATCH:
            return f"Bundel {self.batch or TANPA_BATCH}"
        return f"Sampel acak {self.persen}%"

    @property
    def semua_diketik(self) -> bool:
        return self.n_diketik >= self.n_item


def _job_info(s: Session, v: Verifikasi) -> JobInfo:
    counts = dict(
        s.execute(
            select(VerifikasiItem.status, func.count())
            .where(VerifikasiItem.verifikasi_id == v.id)
            .group_by(VerifikasiItem.status)
        ).all()
    )
    n_sel, n_open = s.execute(
        select(
            func.count(VerifikasiSelisih.id),
            func.count(VerifikasiSelisih.id).filter(VerifikasiSelisih.nilai_final.is_(None)),
        )
        .join(VerifikasiItem, VerifikasiItem.id == VerifikasiSelisih.item_id)
        .where(VerifikasiItem.verifikasi_id == v.id)
    ).one()
    n = sum(counts.values())
    return JobInfo(
        v.id,
        v.periode_id,
        v.jenis,
        v.batch,
        v.persen,
        v.operator,
        v.dibuat,
        v.selesai,
        n,
        counts.get("diketik", 0) + counts.get("selesai", 0),
        counts.get("selesai", 0),
        n_sel,
        n_open,
    )


def job_info(s: Session, job_id: int) -> JobInfo:
    v = s.get(Verifikasi, job_id)
    if v is None:
        raise ServiceError("Verifikasi tidak ditemukan.")
    return _job_info(s, v)


def jobs(s: Session, periode_id: int, open_only: bool = False) -> list[JobInfo]:
    q = select(Verifikasi).where(Verifikasi.periode_id == periode_id).order_by(Verifikasi.id)
    if open_only:
        q = q.where(Verifikasi.selesai.is_(None))
    return [_job_info(s, v) for v in s.scalars(q)]


def _paper_forms(s: Session, periode_id: int) -> list[Kertas]:
    """(id, no, batch, posisi, operator) of the period's questionnaires that have paper (not kiosk)."""
    return [
        Kertas(*r)
        for r in s.execute(
            select(Respondent.id, Respondent.no_kuesioner, Respondent.batch, Respondent.posisi, Respondent.operator)
            .where(Respondent.periode_id == periode_id, Respondent.sumber != "kiosk")
            .order_by(Respondent.no_kuesioner)
        )
    ]


_Query = TypeVar("_Query", bound="Select[Unpack[tuple[Any, ...]]]")  # the typed rows of the query it is given


def _of_periode(q: _Query, periode_id: int, *where: ColumnElement[bool]) -> _Query:
    """``q`` (over verification items) kept to the items of the period's jobs."""
    return q.join(Verifikasi, Verifikasi.id == VerifikasiItem.verifikasi_id).where(
        Verifikasi.periode_id == periode_id, *where
    )


def _verified_ids(s: Session, periode_id: int) -> set[int]:
    return set(
        s.scalars(_of_periode(select(VerifikasiItem.responden_id), periode_id, VerifikasiItem.status == "selesai"))
    )


def _open_ids(s: Session, periode_id: int) -> dict[int, int]:
    """respondent id -> open job id, for items not yet finished in unfinished jobs."""
    open_items = (Verifikasi.selesai.is_(None), VerifikasiItem.status != "selesai")
    rows = s.execute(_of_periode(select(VerifikasiItem.responden_id, Verifikasi.id), periode_id, *open_items)).all()
    return {rid: vid for rid, vid in rows if rid is not None}  # an item of a deleted form has no id


def _open_batch_jobs(s: Session, periode_id: int) -> dict[str, int]:
    """batch label -> id of its unfinished batch job."""
    return dict(
        s.execute(
            select(Verifikasi.batch, Verifikasi.id).where(
                Verifikasi.periode_id == periode_id, Verifikasi.jenis == JENIS_BATCH, Verifikasi.selesai.is_(None)
            )
        ).all()
    )


def _check_can_start(s: Session, periode_id: int, operator: str) -> Periode:
    p = s.get(Periode, periode_id)
    if p is None:
        raise ServiceError("Periode tidak ditemukan.")
    if p.ditutup:
        raise ServiceError(f"Periode '{p.nama}' sudah ditutup; buka kembali di Pengaturan untuk memverifikasi.")
    if not (operator or "").strip():
        raise ServiceError("Nama operator verifikasi wajib diisi.")
    return p


def _create_job(
    s: Session,
    periode_id: int,
    jenis: str,
    operator: str,
    forms: Iterable[Kertas],
    batch: str = "",
    persen: int | None = None,
    benih: int | None = None,
) -> int:
    v = Verifikasi(
        periode_id=periode_id,
        jenis=jenis,
        batch=batch,
        persen=persen,
        benih=benih,
        operator=operator.strip(),
        dibuat=utcnow(),
    )
    s.add(v)
    s.flush()
    for i, (rid, no, _b, _pos, op) in enumerate(forms):
        s.add(
            VerifikasiItem(
                verifikasi_id=v.id, urutan=i, responden_id=rid, no_kuesioner=no, operator_1=op or "", status="antre"
            )
        )
    s.flush()
    return v.id


def mulai_batch(db: Database, periode_id: int, batch: str, operator: str) -> int:
    """Start verifying one paper batch (every form of it not yet verified). Returns the job id."""
    batch = (batch or "").strip()
    shown = batch or TANPA_BATCH
    with db.session() as s:
        _check_can_start(s, periode_id, operator)
        forms = [f for f in _paper_forms(s, periode_id) if (f.batch or "") == batch]
        if not forms:
            raise ServiceError(f"Bundel {shown} tidak ada di periode ini (atau hanya berisi isian kios).")
        if _open_batch_jobs(s, periode_id).get(batch) is not None:
            raise ServiceError(f"Bundel {shown} sedang diverifikasi; lanjutkan verifikasi yang sudah dimulai.")
        open_ids, verified = _open_ids(s, periode_id), _verified_ids(s, periode_id)
        todo = sorted((f for f in forms if f.id not in verified and f.id not in open_ids), key=kualitas.urutan_kertas)
        if not todo:
            if all(f.id in verified for f in forms):
                raise ServiceError(f"Bundel {shown} sudah terverifikasi.")
            raise ServiceError(
                f"Kuesioner bundel {shown} yang belum terverifikasi sedang berada dalam sampel acak "
                "yang belum selesai; selesaikan sampel itu dulu."
            )
        return _create_job(s, periode_id, JENIS_BATCH, operator, todo, batch=batch)


def mulai_sampel(db: Database, periode_id: int, persen: int, operator: str, seed: int | None = None) -> int:
    """Start verifying a random sample of ``persen`` % of the paper forms not yet verified."""
    try:
        persen = int(persen)
    except (TypeError, ValueError):
        raise ServiceError("Persentase sampel harus bilangan bulat 1 sampai 100.") from None
    if not 1 <= persen <= 100:
        raise ServiceError("Persentase sampel harus 1 sampai 100.")
    with db.session() as s:
        _check_can_start(s, periode_id, operator)
        verified, open_ids = _verified_ids(s, periode_id), _open_ids(s, periode_id)
        pool = [f for f in _paper_forms(s, periode_id) if f.id not in verified and f.id not in open_ids]
        if not pool:
            raise ServiceError("Tidak ada kuesioner kertas yang belum diverifikasi di periode ini.")
        benih = seed if seed is not None else random.SystemRandom().randrange(2**31)
        chosen = sorted(kualitas.pilih_sampel(pool, persen, benih), key=kualitas.urutan_kertas)
        return _create_job(s, periode_id, JENIS_SAMPEL, operator, chosen, persen=persen, benih=benih)


def batalkan(db: Database, job_id: int) -> None:
    """Cancel a job that has no resolved mismatch yet (e.g. started by mistake)."""
    with db.session() as s:
        v = s.get(Verifikasi, job_id)
        if v is None:
            raise ServiceError("Verifikasi tidak ditemukan.")
        resolved = s.scalar(
            select(func.count(VerifikasiSelisih.id))
            .join(VerifikasiItem, VerifikasiItem.id == VerifikasiSelisih.item_id)
            .where(VerifikasiItem.verifikasi_id == job_id, VerifikasiSelisih.nilai_final.is_not(None))
        )
        if resolved or v.selesai is not None:
            raise ServiceError("Verifikasi yang sudah memiliki selisih terselesaikan tidak dapat dibatalkan.")
        s.delete(v)


# ------------------------------------------------------------------ blind keying
@dataclass(frozen=True)
class BlindItem:
    """What the verifying operator may see: which paper form to key. Never its values."""

    item_id: int
    urutan: int  # 1-based
    total: int
    no_kuesioner: int
    batch: str
    posisi: int | None
    operator_sama: bool = False  # keyed the first time by the same operator (less independent)


def next_item(s: Session, job_id: int) -> BlindItem | None:
    v = get_or_refuse(s, Verifikasi, job_id, "Pekerjaan verifikasi")
    items = list(
        s.scalars(select(VerifikasiItem).where(VerifikasiItem.verifikasi_id == job_id).order_by(VerifikasiItem.urutan))
    )
    for i, it in enumerate(items, start=1):
        if it.status == "antre":
            r = s.get(Respondent, it.responden_id) if it.responden_id is not None else None
            return BlindItem(
                it.id,
                i,
                len(items),
                it.no_kuesioner,
                (r.batch if r else "") or "",
                r.posisi if r else None,
                bool(it.operator_1) and it.operator_1.casefold() == v.operator.casefold(),
            )
    return None


def item_place(s: Session, item_id: int) -> str:
    """Where the paper form of an item is: "B01 / 3" (batch / position)."""
    it = s.get(VerifikasiItem, item_id)
    r = s.get(Respondent, it.responden_id) if it is not None and it.responden_id is not None else None
    if r is None:
        return "(sudah dihapus)"
    return (r.batch or TANPA_BATCH) + (f" / {r.posisi}" if r.posisi is not None else "")


def simpan_entri_kedua(
    db: Database, item_id: int, values: Mapping[str, str], ketukan: int = 0, durasi_ms: int = 0
) -> None:
    """Store the blind second entry of one form and compare it with the stored one.
    Bad input raises ServiceError naming the field; nothing is stored then."""
    with db.session() as s:
        it = s.get(VerifikasiItem, item_id)
        if it is None:
            raise ServiceError("Kuesioner verifikasi tidak ditemukan.")
        if it.status != "antre":
            raise ServiceError(f"Kuesioner no. {it.no_kuesioner} sudah diketik ulang.")
        v = get_or_refuse(s, Verifikasi, it.verifikasi_id, "Pekerjaan verifikasi")
        fields = form_fields(s, v.periode_id)
        second = parse_form(fields, values)
        loaded = survey.load_records(s, v.periode_id, ids=[it.responden_id]) if it.responden_id else []
        if not loaded:
            raise ServiceError(f"Kuesioner no. {it.no_kuesioner} sudah dihapus dari data; lewati kuesioner ini.")
        first = canonical(loaded[0][1], fields)
        it.entri_kedua = json.dumps(second, ensure_ascii=False)
        it.waktu_ketik = utcnow()
        it.n_isian = len(fields)
        diffs = [f.key for f in fields if first[f.key] != second[f.key]]
        it.n_selisih = len(diffs)
        for key in diffs:
            s.add(VerifikasiSelisih(item_id=it.id, isian=key, nilai_1=first[key], nilai_2=second[key]))
        it.status = "diketik" if diffs else "selesai"
        catat_ketikan(s, v.periode_id, v.operator, it.no_kuesioner, ketukan, durasi_ms, "verifikasi")
        _maybe_finish(s, v)


def lewati(db: Database, item_id: int) -> None:
    """Take a form out of the job (its paper is missing, or it was deleted)."""
    with db.session() as s:
        it = s.get(VerifikasiItem, item_id)
        if it is None or it.status != "antre":
            raise ServiceError("Hanya kuesioner yang belum diketik ulang yang dapat dilewati.")
        v = get_or_refuse(s, Verifikasi, it.verifikasi_id, "Pekerjaan verifikasi")
        s.delete(it)
        s.flush()
        _maybe_finish(s, v)


def _maybe_finish(s: Session, v: Verifikasi) -> None:
    s.flush()
    left = s.scalar(
        select(func.count())
        .select_from(VerifikasiItem)
        .where(VerifikasiItem.verifikasi_id == v.id, VerifikasiItem.status != "selesai")
    )
    if not left and v.selesai is None:
        v.selesai = utcnow()


# ------------------------------------------------------------------ mismatches
@dataclass(frozen=True)
class Selisih:
    id: int
    item_id: int
    no_kuesioner: int
    isian: str
    label: str
    nilai_1: str
    nilai_2: str
    nilai_final: str | None
    pilihan: str
    operator_1: str
    operator_2: str
    operator: str  # who resolved it
    waktu: dt.datetime | None

    @property
    def selesai(self) -> bool:
        return self.nilai_final is not None

    def tampil(self, which: str) -> str:
        return show_value(self.isian, {"1": self.nilai_1, "2": self.nilai_2, "final": self.nilai_final}[which])


def daftar_selisih(s: Session, job_id: int) -> list[Selisih]:
    v = s.get(Verifikasi, job_id)
    if v is None:
        raise ServiceError("Verifikasi tidak ditemukan.")
    fields = form_fields(s, v.periode_id)
    order = {f.key: i for i, f in enumerate(fields)}
    rows = s.execute(
        select(VerifikasiSelisih, VerifikasiItem)
        .join(VerifikasiItem, VerifikasiItem.id == VerifikasiSelisih.item_id)
        .where(VerifikasiItem.verifikasi_id == job_id)
    ).all()
    out = [
        Selisih(
            d.id,
            it.id,
            it.no_kuesioner,
            d.isian,
            label_of(fields, d.isian),
            d.nilai_1,
            d.nilai_2,
            d.nilai_final,
            d.pilihan,
            it.operator_1,
            v.operator,
            d.operator,
            d.waktu,
        )
        for d, it in rows
    ]
    items = {it.id: it.urutan for _, it in rows}
    out.sort(key=lambda x: (items[x.item_id], order.get(x.isian, 99)))
    return out


def selesaikan(db: Database, selisih_id: int, pilihan: str, operator: str, nilai_lain: str | None = None) -> None:
    """Resolve one mismatch against the paper. When the last mismatch of a form is
    resolved, the chosen values are applied to the stored questionnaire (audited)."""
    if pilihan not in PILIHAN:
        raise ServiceError(f"Pilihan '{pilihan}' tidak dikenal.")
    with db.session() as s:
        d = s.get(VerifikasiSelisih, selisih_id)
        if d is None:
            raise ServiceError("Selisih tidak ditemukan.")
        it = get_or_refuse(s, VerifikasiItem, d.item_id, "Kuesioner verifikasi")
        v = get_or_refuse(s, Verifikasi, it.verifikasi_id, "Pekerjaan verifikasi")
        if d.nilai_final is not None:
            raise ServiceError(f"Selisih no. {it.no_kuesioner} ini sudah diselesaikan.")
        fields = form_fields(s, v.periode_id)
        isian = next((f for f in fields if f.key == d.isian), None)
        if isian is None:
            raise ServiceError(f"Isian '{d.isian}' sudah tidak ada di set unsur periode ini.")
        if pilihan == "pertama":
            final = d.nilai_1
        elif pilihan == "kedua":
            final = d.nilai_2
        else:
            try:
                final = parse_value(isian, nilai_lain or "")
            except DomainError as e:
                raise ServiceError(f"Kuesioner no. {it.no_kuesioner}, isian {isian.label}: {e}.") from None
        d.nilai_final, d.pilihan = final, pilihan
        d.operator, d.waktu = (operator or "").strip(), utcnow()
        s.flush()
        rest = s.scalar(
            select(func.count())
            .select_from(VerifikasiSelisih)
            .where(VerifikasiSelisih.item_id == it.id, VerifikasiSelisih.nilai_final.is_(None))
        )
        if rest:
            return
        loaded = survey.load_records(s, v.periode_id, ids=[it.responden_id]) if it.responden_id else []
        if not loaded:
            # deleted meanwhile: the resolution stays recorded, there is nothing to correct
            it.status = "selesai"
            _maybe_finish(s, v)
            return
        rid, current = loaded[0]
        finals = {
            x.isian: x.nilai_final
            for x in s.scalars(select(VerifikasiSelisih).where(VerifikasiSelisih.item_id == it.id))
        }
        now = canonical(current, fields)
        changes = [
            f"{label_of(fields, k)}: {show_value(k, now[k])} → {show_value(k, val)}"
            for k, val in finals.items()
            if now.get(k) != val
        ]
        label = _job_info(s, v).label
        note = (
            f"Verifikasi entri ganda ({label}), dicocokkan dengan kertas: " + "; ".join(changes)
            if changes
            else f"Verifikasi entri ganda ({label}): entri pertama sesuai kertas, tidak ada perubahan"
        )
        survey.change_respondent(s, rid, terapkan(current, fields, finals), audit.Jejak("verifikasi", operator, note))
        it.status = "selesai"
        _maybe_finish(s, v)


# ------------------------------------------------------------------ status and statistics
def batch_status(s: Session, periode_id: int) -> list[BatchStatus]:
    return kualitas.status_bundel(
        _paper_forms(s, periode_id), _verified_ids(s, periode_id), _open_batch_jobs(s, periode_id)
    )


def _keyed_items(s: Session, periode_id: int) -> list[ItemDiketik]:
    q = select(
        VerifikasiItem.id,
        VerifikasiItem.operator_1,
        Verifikasi.operator,
        VerifikasiItem.n_isian,
        VerifikasiItem.status,
        VerifikasiItem.responden_id,
    )
    return [ItemDiketik(*r) for r in s.execute(_of_periode(q, periode_id, VerifikasiItem.status != "antre"))]


def _mismatches(s: Session, periode_id: int) -> list[SelisihNilai]:
    q = select(
        VerifikasiSelisih.item_id, VerifikasiSelisih.nilai_1, VerifikasiSelisih.nilai_2, VerifikasiSelisih.nilai_final
    ).join(VerifikasiItem, VerifikasiItem.id == VerifikasiSelisih.item_id)
    return [SelisihNilai(*r) for r in s.execute(_of_periode(q, periode_id))]


def statistik_operator(s: Session, periode_id: int) -> list[OperatorStat]:
    entri = s.execute(
        select(Respondent.operator, func.count())
        .where(Respondent.periode_id == periode_id, Respondent.sumber != "kiosk")
        .group_by(Respondent.operator)
    ).all()
    ketikan = s.execute(
        select(KinerjaEntri.operator, func.sum(KinerjaEntri.ketukan), func.sum(KinerjaEntri.durasi_ms))
        .where(KinerjaEntri.periode_id == periode_id)
        .group_by(KinerjaEntri.operator)
    ).all()
    return kualitas.statistik_operator(entri, ketikan, _keyed_items(s, periode_id), _mismatches(s, periode_id))


def perkiraan_kesalahan(s: Session, periode_id: int) -> PerkiraanKesalahan:
    fields = form_fields(s, periode_id)
    paper = {f.id for f in _paper_forms(s, periode_id)}
    verified = _verified_ids(s, periode_id) & paper
    return kualitas.perkiraan_kesalahan(
        survey.respondent_count(s, periode_id),
        len(paper),
        len(verified),
        len(fields),
        _keyed_items(s, periode_id),
        _mismatches(s, periode_id),
    )


def verified_share(s: Session, periode_id: int) -> VerifiedShare:
    return kualitas.bagian_terverifikasi(perkiraan_kesalahan(s, periode_id), batch_status(s, periode_id))


# ------------------------------------------------------------------ printing
def statistik_dokumen(s: Session, periode_id: int) -> KinerjaVerifikasi:
    """Everything the statistics PDF prints, as plain data (reports.verifikasi renders it)."""
    from skm_desktop.reports.model import KinerjaVerifikasi

    p = s.get(Periode, periode_id)
    if p is None:
        raise ServiceError("Periode tidak ditemukan.")
    est = perkiraan_kesalahan(s, periode_id)
    return KinerjaVerifikasi(
        unit=p.unit.nama,
        periode=p.nama,
        dicetak=dt.date.today(),
        operator=statistik_operator(s, periode_id),
        ringkasan=ringkasan_lines(est),
        kalimat_laporan=verified_share(s, periode_id).kalimat(),
        bundel=batch_status(s, periode_id),
    )


def cetak_statistik_pdf(db: Database, periode_id: int, out: Path | str, invariant: bool | None = None) -> Path:
    """A PDF (A4 landscape) of the per-operator statistics and the period's estimate."""
    from skm_desktop.reports import verifikasi as report

    out = Path(out)
    with db.read_session() as s:
        data = statistik_dokumen(s, periode_id)
    tmp = out.with_name(out.name + ".sementara")
    try:
        report.build_pdf(data, tmp, invariant)
        tmp.replace(out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return out


# ------------------------------------------------------------------ the object the UI holds
@dataclass(frozen=True)
class Ikhtisar:
    """The overview of a period's verification: what the start page shows."""

    bundel: list[BatchStatus]
    jobs: list[JobInfo]  # newest first
    share: VerifiedShare
    operator: list[OperatorStat]
    perkiraan: PerkiraanKesalahan

    @property
    def ringkasan(self) -> list[str]:
        return ringkasan_lines(self.perkiraan)


@dataclass(frozen=True)
class DaftarSelisih:
    job: JobInfo
    selisih: list[Selisih]
    tempat: dict[int, str]  # item id -> "B01 / 3"


class VerifikasiService:
    """Double-entry verification bound to one Database; every call is one transaction
    (or one read), and no Session ever leaves this object."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def ikhtisar(self, periode_id: int) -> Ikhtisar:
        with self.db.read_session() as s:
            return Ikhtisar(
                batch_status(s, periode_id),
                list(reversed(jobs(s, periode_id))),
                verified_share(s, periode_id),
                statistik_operator(s, periode_id),
                perkiraan_kesalahan(s, periode_id),
            )

    def mulai_batch(self, periode_id: int, batch: str, operator: str) -> int:
        return mulai_batch(self.db, periode_id, batch, operator)

    def mulai_sampel(self, periode_id: int, persen: int, operator: str, seed: int | None = None) -> int:
        return mulai_sampel(self.db, periode_id, persen, operator, seed)

    def batalkan(self, job_id: int) -> None:
        batalkan(self.db, job_id)

    def job(self, job_id: int) -> JobInfo:
        with self.db.read_session() as s:
            return job_info(s, job_id)

    def isian(self, job_id: int) -> tuple[JobInfo, list[Isian]]:
        """The job and the fields its forms are keyed with."""
        with self.db.read_session() as s:
            info = job_info(s, job_id)
            return info, form_fields(s, info.periode_id)

    def berikutnya(self, job_id: int) -> tuple[JobInfo, BlindItem | None]:
        """The job and its next form to key blind (None: all keyed)."""
        with self.db.read_session() as s:
            return job_info(s, job_id), next_item(s, job_id)

    def simpan_entri_kedua(self, item_id: int, values: Mapping[str, str], ketukan: int = 0, durasi_ms: int = 0) -> None:
        simpan_entri_kedua(self.db, item_id, values, ketukan, durasi_ms)

    def lewati(self, item_id: int) -> None:
        lewati(self.db, item_id)

    def daftar_selisih(self, job_id: int) -> DaftarSelisih:
        with self.db.read_session() as s:
            info = job_info(s, job_id)
            diffs = daftar_selisih(s, job_id)
            where: dict[int, str] = {}
            for d in diffs:
                if d.item_id not in where:
                    where[d.item_id] = item_place(s, d.item_id)
            return DaftarSelisih(info, diffs, where)

    def selesaikan(self, selisih_id: int, pilihan: str, operator: str, nilai_lain: str | None = None) -> None:
        selesaikan(self.db, selisih_id, pilihan, operator, nilai_lain)

    def cetak_statistik_pdf(self, periode_id: int, out: Path | str, invariant: bool | None = None) -> Path:
        return cetak_statistik_pdf(self.db, periode_id, out, invariant)
