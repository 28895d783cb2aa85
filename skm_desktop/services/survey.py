"""Set-up and keying use cases: units, layanan, periods, unsur sets, respondents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from skm_desktop.domain import karakteristik as kar
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.respondent import Options, RespondentRecord, validate
from skm_desktop.domain.scoring import Answer
from skm_desktop.domain.unsur import BobotMode, Unsur, UnsurSet
from skm_desktop.storage.database import Database
from skm_desktop.storage.models import Audit as AuditRow
from skm_desktop.storage.models import Jawaban, Layanan, Opsi, Periode, Respondent, TargetSampel, Unit, UnsurRow, utcnow

from . import ServiceError, audit, get_or_refuse
from .forms import standard_unsur_set


# ---------------------------------------------------------------- plain views
@dataclass(frozen=True)
class PeriodeInfo:
    id: int
    unit_id: int
    nama: str
    tanggal_mulai: dt.date | None
    tanggal_selesai: dt.date | None
    bobot_mode: str
    ditutup: bool
    n_prioritas: int


def periode_info(p: Periode) -> PeriodeInfo:
    return PeriodeInfo(
        p.id, p.unit_id, p.nama, p.tanggal_mulai, p.tanggal_selesai, p.bobot_mode, p.ditutup, p.n_prioritas
    )


# ---------------------------------------------------------------- units
def get_unit(s: Session, unit_id: int | None = None) -> Unit:
    if unit_id is not None:
        u = s.get(Unit, unit_id)
        if u is None:
            raise ServiceError(f"Unit dengan id {unit_id} tidak ada.")
        return u
    u = s.scalars(select(Unit).order_by(Unit.id)).first()
    if u is None:
        raise ServiceError("Basis data belum memiliki unit pelayanan. Jalankan penyiapan atau impor data.")
    return u


def find_unit(s: Session, nama: str) -> Unit | None:
    key = nama.strip().casefold()
    for u in s.scalars(select(Unit)):
        if u.nama.casefold() == key:
            return u
    return None


def create_unit(s: Session, nama: str, **profile: str | bytes | None) -> Unit:
    nama = " ".join(nama.split())
    if not nama:
        raise ServiceError("Nama unit pelayanan wajib diisi.")
    if find_unit(s, nama) is not None:
        raise ServiceError(f"Unit '{nama}' sudah ada.")
    u = Unit(nama=nama, **profile)
    s.add(u)
    s.flush()
    for jenis, labels in (
        ("jenis_kelamin", kar.JENIS_KELAMIN),
        ("pendidikan", kar.PENDIDIKAN),
        ("pekerjaan", kar.PEKERJAAN),
    ):
        for i, label in enumerate(labels):
            s.add(Opsi(unit_id=u.id, jenis=jenis, urutan=i, label=label, kode=str(i + 1)))
    s.flush()
    return u


def get_or_create_unit(s: Session, nama: str | None) -> Unit:
    if nama:
        return find_unit(s, nama) or create_unit(s, nama)
    u = s.scalars(select(Unit).order_by(Unit.id)).first()
    return u or create_unit(s, "Unit Pelayanan")


def options(s: Session, unit_id: int) -> Options:
    rows = s.execute(
        select(Opsi.jenis, Opsi.label).where(Opsi.unit_id == unit_id).order_by(Opsi.jenis, Opsi.urutan)
    ).all()
    lists: dict[str, list[str]] = {}
    for jenis, label in rows:
        lists.setdefault(jenis, []).append(label)
    lay = s.scalars(select(Layanan.nama).where(Layanan.unit_id == unit_id).order_by(Layanan.urutan, Layanan.id)).all()
    return Options(
        jenis_kelamin=tuple(lists.get("jenis_kelamin", kar.JENIS_KELAMIN)),
        pendidikan=tuple(lists.get("pendidikan", kar.PENDIDIKAN)),
        pekerjaan=tuple(lists.get("pekerjaan", kar.PEKERJAAN)),
        layanan=tuple(lay),
    )


def set_options(s: Session, unit_id: int, jenis: str, labels: Sequence[str]) -> None:
    if jenis not in ("jenis_kelamin", "pendidikan", "pekerjaan"):
        raise ServiceError(f"Daftar '{jenis}' tidak dikenal.")
    clean = [" ".join(x.split()) for x in labels if x.strip()]
    if len({x.casefold() for x in clean}) != len(clean):
        raise ServiceError("Daftar pilihan berisi nilai ganda.")
    if not clean:
        raise ServiceError("Daftar pilihan tidak boleh kosong.")
    s.execute(delete(Opsi).where(Opsi.unit_id == unit_id, Opsi.jenis == jenis))
    for i, label in enumerate(clean):
        s.add(Opsi(unit_id=unit_id, jenis=jenis, urutan=i, label=label, kode=str(i + 1) if i < 9 else ""))
    s.flush()


# ---------------------------------------------------------------- layanan
def layanan_list(s: Session, unit_id: int) -> list[Layanan]:
    return list(s.scalars(select(Layanan).where(Layanan.unit_id == unit_id).order_by(Layanan.urutan, Layanan.id)))


def add_layanan(s: Session, unit_id: int, nama: str) -> Layanan:
    nama = " ".join(nama.split())
    if not nama:
        raise ServiceError("Nama jenis layanan wajib diisi.")
    for l in layanan_list(s, unit_id):
        if l.nama.casefold() == nama.casefold():
            raise ServiceError(f"Jenis layanan '{nama}' sudah ada.")
    n = s.scalar(select(func.count()).select_from(Layanan).where(Layanan.unit_id == unit_id)) or 0
    lay = Layanan(unit_id=unit_id, nama=nama, urutan=n)
    s.add(lay)
    s.flush()
    return lay


def rename_layanan(s: Session, layanan_id: int, nama: str) -> None:
    lay = s.get(Layanan, layanan_id)
    nama = " ".join(nama.split())
    if lay is None or not nama:
        raise ServiceError("Nama jenis layanan wajib diisi.")
    for l in layanan_list(s, lay.unit_id):
        if l.id != layanan_id and l.nama.casefold() == nama.casefold():
            raise ServiceError(f"Jenis layanan '{nama}' sudah ada.")
    lay.nama = nama


def delete_layanan(s: Session, layanan_id: int) -> None:
    used = s.scalar(select(func.count()).select_from(Respondent).where(Respondent.layanan_id == layanan_id))
    if used:
        raise ServiceError(
            f"Jenis layanan ini dipakai oleh {used} responden dan tidak dapat dihapus; nonaktifkan saja."
        )
    s.execute(delete(TargetSampel).where(TargetSampel.layanan_id == layanan_id))
    s.execute(delete(Layanan).where(Layanan.id == layanan_id))


def layanan_ids(s: Session, unit_id: int) -> dict[str, int]:
    return {l.nama: l.id for l in layanan_list(s, unit_id)}


# ---------------------------------------------------------------- periods
def periode_list(s: Session, unit_id: int | None = None) -> list[Periode]:
    q = select(Periode).order_by(Periode.tanggal_mulai.is_(None), Periode.tanggal_mulai, Periode.id)
    if unit_id is not None:
        q = q.where(Periode.unit_id == unit_id)
    return list(s.scalars(q))


def find_periode(s: Session, nama: str | None = None, unit_id: int | None = None) -> Periode:
    """The named period, or the only/latest one (by start date, then creation), of the
    unit ``unit_id`` — by default the database's own unit (the one created first), so a
    second unit (an imported package's) never silently takes over."""
    if unit_id is None:
        unit_id = s.scalar(select(Unit.id).order_by(Unit.id).limit(1))
    periods = periode_list(s, unit_id)
    if nama:
        for p in periods:
            if p.nama.casefold() == nama.strip().casefold():
                return p
        raise ServiceError(
            f"Periode '{nama}' tidak ditemukan"
            + (f"; yang ada: {', '.join(p.nama for p in periods)}." if periods else ".")
        )
    if not periods:
        raise ServiceError("Basis data belum memiliki periode survei.")
    return periods[-1]


def create_periode(
    s: Session,
    unit_id: int,
    nama: str,
    unsur_set: UnsurSet | None = None,
    tanggal_mulai: dt.date | None = None,
    tanggal_selesai: dt.date | None = None,
) -> Periode:
    nama = " ".join(nama.split())
    if not nama:
        raise ServiceError("Nama periode wajib diisi.")
    if tanggal_mulai and tanggal_selesai and tanggal_selesai < tanggal_mulai:
        raise ServiceError("Tanggal selesai periode tidak boleh sebelum tanggal mulai.")
    for p in periode_list(s, unit_id):
        if p.nama.casefold() == nama.casefold():
            raise ServiceError(f"Periode '{nama}' sudah ada.")
    us = unsur_set or standard_unsur_set()
    p = Periode(
        unit_id=unit_id,
        nama=nama,
        tanggal_mulai=tanggal_mulai,
        tanggal_selesai=tanggal_selesai,
        bobot_mode=us.mode.value,
    )
    s.add(p)
    s.flush()
    _write_unsur(s, p, us)
    return p


def update_periode(s: Session, periode_id: int, **fields: Any) -> None:  # checked below, key by key
    p = s.get(Periode, periode_id)
    if p is None:
        raise ServiceError("Periode tidak ditemukan.")
    if "nama" in fields:
        nama = " ".join(str(fields["nama"]).split())
        if not nama:
            raise ServiceError("Nama periode wajib diisi.")
        for other in periode_list(s, p.unit_id):
            if other.id != p.id and other.nama.casefold() == nama.casefold():
                raise ServiceError(f"Periode '{nama}' sudah ada.")
        fields["nama"] = nama
    a = fields.get("tanggal_mulai", p.tanggal_mulai)
    b = fields.get("tanggal_selesai", p.tanggal_selesai)
    if a and b and b < a:
        raise ServiceError("Tanggal selesai periode tidak boleh sebelum tanggal mulai.")
    if "n_prioritas" in fields and not 1 <= int(fields["n_prioritas"]) <= 9:
        raise ServiceError("Jumlah unsur prioritas harus 1 sampai 9.")
    for k, v in fields.items():
        if k not in ("nama", "tanggal_mulai", "tanggal_selesai", "ditutup", "n_prioritas"):
            raise ServiceError(f"Isian periode '{k}' tidak dikenal.")
        setattr(p, k, v)


def _write_unsur(s: Session, p: Periode, us: UnsurSet) -> None:
    s.execute(delete(UnsurRow).where(UnsurRow.periode_id == p.id))
    for i, u in enumerate(us.unsur):
        s.add(
            UnsurRow(
                periode_id=p.id,
                urutan=i,
                kode=u.kode,
                nama=u.nama,
                pertanyaan=u.pertanyaan,
                definisi=u.definisi,
                label_1=u.labels[0],
                label_2=u.labels[1],
                label_3=u.labels[2],
                label_4=u.labels[3],
                bobot=None if u.bobot is None else _fraction_text(u.bobot),
            )
        )
    p.bobot_mode = us.mode.value
    s.flush()


def _fraction_text(x: Fraction) -> str:
    return f"{x.numerator}/{x.denominator}" if x.denominator != 1 else str(x.numerator)


def respondent_count(s: Session, periode_id: int, layanan_id: int | None = None, include_held: bool = False) -> int:
    """Questionnaires of a period (held ones — awaiting the operator's review — excluded by default)."""
    q = select(func.count()).select_from(Respondent).where(Respondent.periode_id == periode_id)
    if not include_held:
        q = q.where(Respondent.ditahan.is_(False))
    if layanan_id is not None:
        q = q.where(Respondent.layanan_id == layanan_id)
    return s.scalar(q) or 0


def is_frozen(s: Session, periode_id: int) -> bool:
    return respondent_count(s, periode_id, include_held=True) > 0


def set_unsur_set(s: Session, periode_id: int, us: UnsurSet) -> None:
    """Replace the unsur set of a period; refused once the period has answers."""
    p = s.get(Periode, periode_id)
    if p is None:
        raise ServiceError("Periode tidak ditemukan.")
    n = respondent_count(s, periode_id, include_held=True)
    if n:
        if us.mode is not BobotMode(p.bobot_mode) and _same_unsur(unsur_set(s, periode_id), us):
            p.bobot_mode = us.mode.value  # changing only how weights are computed is allowed
            return
        raise ServiceError(
            f"Set unsur periode '{p.nama}' sudah terkunci karena sudah ada {n} kuesioner. "
            "Urutan, kode, dan jumlah unsur tidak dapat diubah lagi; buat periode baru untuk set unsur lain."
        )
    _write_unsur(s, p, us)


def update_unsur_texts(s: Session, periode_id: int, us: UnsurSet) -> None:
    """Change names, questions and answer labels only (allowed on a frozen set)."""
    current = unsur_set(s, periode_id)
    if current.codes != us.codes:
        set_unsur_set(s, periode_id, us)
        return
    rows = s.scalars(select(UnsurRow).where(UnsurRow.periode_id == periode_id).order_by(UnsurRow.urutan))
    for row, u in zip(rows, us.unsur):
        row.nama, row.pertanyaan, row.definisi = u.nama, u.pertanyaan, u.definisi
        row.label_1, row.label_2, row.label_3, row.label_4 = u.labels
    p = get_or_refuse(s, Periode, periode_id, "Periode")
    if us.mode.value != p.bobot_mode or us.mode is BobotMode.KUSTOM:
        if is_frozen(s, periode_id) and us.mode is BobotMode.KUSTOM:
            for row, u in zip(
                s.scalars(select(UnsurRow).where(UnsurRow.periode_id == periode_id).order_by(UnsurRow.urutan)), us.unsur
            ):
                row.bobot = None if u.bobot is None else _fraction_text(u.bobot)
        p.bobot_mode = us.mode.value


def _same_unsur(a: UnsurSet, b: UnsurSet) -> bool:
    return a.codes == b.codes


def unsur_rows(s: Session, periode_id: int) -> list[UnsurRow]:
    return list(s.scalars(select(UnsurRow).where(UnsurRow.periode_id == periode_id).order_by(UnsurRow.urutan)))


def unsur_set(s: Session, periode_id: int) -> UnsurSet:
    p = get_or_refuse(s, Periode, periode_id, "Periode")
    return _unsur_set_of(p, unsur_rows(s, periode_id))


def unsur_sets(s: Session, periods: Sequence[Periode]) -> dict[int, UnsurSet]:
    """The unsur sets of many periods in one query (a city recap reads hundreds)."""
    rows: dict[int, list[UnsurRow]] = {p.id: [] for p in periods}
    q = select(UnsurRow).where(UnsurRow.periode_id.in_(list(rows))).order_by(UnsurRow.periode_id, UnsurRow.urutan)
    for r in s.scalars(q) if rows else ():
        rows[r.periode_id].append(r)
    return {p.id: _unsur_set_of(p, rows[p.id]) for p in periods}


def _unsur_set_of(p: Periode, rows: Sequence[UnsurRow]) -> UnsurSet:
    return UnsurSet(
        tuple(
            Unsur(
                kode=r.kode,
                nama=r.nama,
                pertanyaan=r.pertanyaan,
                definisi=r.definisi,
                labels=(r.label_1, r.label_2, r.label_3, r.label_4),
                bobot=None if r.bobot is None else Fraction(r.bobot),
            )
            for r in rows
        ),
        BobotMode(p.bobot_mode),
    )


def _record_columns(rec: RespondentRecord, periode_id: int, layanan: dict[str, int]) -> dict[str, object]:
    return dict(
        periode_id=periode_id,
        no_kuesioner=rec.no_kuesioner,
        tanggal=rec.tanggal,
        layanan_id=layanan[rec.layanan] if rec.layanan else None,
        jenis_kelamin=rec.jenis_kelamin,
        usia=rec.usia,
        pendidikan=rec.pendidikan,
        pekerjaan=rec.pekerjaan,
        saran=rec.saran,
        sumber=rec.sumber,
        batch=rec.batch,
        operator=rec.operator,
        posisi=rec.posisi,
    )


def validate_for_periode(s: Session, periode_id: int, rec: RespondentRecord) -> RespondentRecord:
    p = get_or_refuse(s, Periode, periode_id, "Periode")
    n = len(unsur_rows(s, periode_id))
    try:
        return validate(rec, n, options(s, p.unit_id))
    except DomainError as e:
        raise ServiceError(f"Kuesioner no. {rec.no_kuesioner}: {e}.") from None


def no_exists(s: Session, periode_id: int, no: int, exclude_id: int | None = None) -> bool:
    q = select(Respondent.id).where(Respondent.periode_id == periode_id, Respondent.no_kuesioner == no)
    if exclude_id is not None:
        q = q.where(Respondent.id != exclude_id)
    return s.scalar(q) is not None


def next_no(s: Session, periode_id: int) -> int:
    return (s.scalar(select(func.max(Respondent.no_kuesioner)).where(Respondent.periode_id == periode_id)) or 0) + 1


def _check_open(s: Session, periode_id: int) -> Periode:
    p = s.get(Periode, periode_id)
    if p is None:
        raise ServiceError("Periode tidak ditemukan.")
    if p.ditutup:
        raise ServiceError(f"Periode '{p.nama}' sudah ditutup; buka kembali di Pengaturan untuk mengubah data.")
    return p


TAMBAH = audit.Jejak("tambah")
UBAH = audit.Jejak("ubah")


def save_respondent(db: Database, periode_id: int, rec: RespondentRecord, *, operator: str = "") -> int:
    """Validate and store one questionnaire in its own transaction. Returns its id."""
    with db.session() as s:
        return add_respondent(s, periode_id, rec, audit.Jejak("tambah", operator))


def add_respondent(s: Session, periode_id: int, rec: RespondentRecord, jejak: audit.Jejak = TAMBAH) -> int:
    """Store one questionnaire and its audit row (``jejak``: what and who; the
    operator defaults to the record's keying operator)."""
    rec, cols = _checked_columns(s, periode_id, rec)
    rid = s.execute(insert(Respondent).values(**cols).returning(Respondent.id)).scalar_one()
    _insert_answers(s, periode_id, [(rid, rec.answers)])
    if not jejak.operator:  # who keyed it, unless the caller says who stores it
        jejak = replace(jejak, operator=rec.operator)
    audit.record(s, jejak, periode_id, responden_id=rid, sesudah=rec)
    return rid


def _checked_columns(
    s: Session, periode_id: int, rec: RespondentRecord, exclude_id: int | None = None
) -> tuple[RespondentRecord, dict[str, Any]]:
    """The validated record and its responden columns, refused while the period is
    closed or when its number is taken (by a questionnaire other than ``exclude_id``)."""
    p = _check_open(s, periode_id)
    rec = validate_for_periode(s, periode_id, rec)
    if no_exists(s, periode_id, rec.no_kuesioner, exclude_id=exclude_id):
        raise ServiceError(f"Nomor kuesioner {rec.no_kuesioner} sudah ada di periode '{p.nama}'.")
    return rec, _record_columns(rec, periode_id, layanan_ids(s, p.unit_id))


def _insert_answers(s: Session, periode_id: int, items: Iterable[tuple[int, Sequence[Answer]]]) -> None:
    unsur_ids = [r.id for r in unsur_rows(s, periode_id)]
    rows = [
        {"responden_id": rid, "unsur_id": uid, "nilai": a}
        for rid, answers in items
        for uid, a in zip(unsur_ids, answers)
        if a is not None
    ]
    if rows:
        s.execute(insert(Jawaban), rows)


class ChangedElsewhere(ServiceError):
    """The questionnaire was changed by another PC since it was loaded; ``theirs`` is
    what is stored now (shown to the operator, who decides again)."""

    def __init__(self, theirs: RespondentRecord, when: dt.datetime | None, operator: str = "") -> None:
        self.theirs = theirs
        self.when = when
        self.operator = operator
        by = f" oleh operator '{operator}'" if operator else ""
        super().__init__(
            f"Kuesioner no. {theirs.no_kuesioner} baru saja diubah{by} dari komputer lain; "
            "perubahan Anda tidak disimpan. Isi yang tersimpan sekarang ditampilkan: periksa, lalu ubah lagi bila perlu."
        )


def update_respondent(db: Database, respondent_id: int, rec: RespondentRecord, *, operator: str = "") -> None:
    with db.session() as s:
        change_respondent(s, respondent_id, rec, audit.Jejak("ubah", operator))


def change_respondent(
    s: Session,
    respondent_id: int,
    rec: RespondentRecord,
    jejak: audit.Jejak = UBAH,
    *,
    expected: RespondentRecord | None = None,
) -> RespondentRecord:
    """Replace a stored questionnaire inside the caller's transaction and write its
    audit row with the before/after values (none when nothing changed). Returns
    the stored (validated) record.

    ``expected``: the questionnaire as the caller loaded it. When the stored one
    differs (another PC changed it meanwhile), nothing is written and
    :class:`ChangedElsewhere` carries the other's values. The row is locked for the
    check (``FOR UPDATE`` on a server), so two PCs can never both pass it."""
    r = s.get(Respondent, respondent_id, with_for_update=True)
    if r is None:
        raise ServiceError("Kuesioner tidak ditemukan (mungkin sudah dihapus dari komputer lain).")
    _check_open(s, r.periode_id)
    before = load_records(s, r.periode_id, ids=[respondent_id])[0][1]
    if expected is not None and before != expected:
        last_by = s.scalar(
            select(AuditRow.operator)
            .where(AuditRow.responden_id == respondent_id)
            .order_by(AuditRow.id.desc())
            .limit(1)
        )
        raise ChangedElsewhere(before, r.updated_at, last_by or "")
    rec, cols = _checked_columns(s, r.periode_id, rec, exclude_id=respondent_id)
    cols["updated_at"] = utcnow()
    s.execute(update(Respondent).where(Respondent.id == respondent_id).values(**cols))
    s.execute(delete(Jawaban).where(Jawaban.responden_id == respondent_id))
    _insert_answers(s, r.periode_id, [(respondent_id, rec.answers)])
    if before != rec or jejak.aksi != "ubah":
        audit.record(s, jejak, r.periode_id, responden_id=respondent_id, sebelum=before, sesudah=rec)
    return rec


def delete_respondent(db: Database, respondent_id: int, *, operator: str = "") -> RespondentRecord:
    """Delete one questionnaire; returns what was deleted (for undo). The audit
    trail keeps its values, so it can be restored later."""
    with db.session() as s:
        r = s.get(Respondent, respondent_id)
        if r is None:
            raise ServiceError("Kuesioner tidak ditemukan (mungkin sudah dihapus).")
        _check_open(s, r.periode_id)
        rec = load_records(s, r.periode_id, ids=[respondent_id])[0][1]
        s.execute(delete(Jawaban).where(Jawaban.responden_id == respondent_id))
        s.execute(delete(Respondent).where(Respondent.id == respondent_id))
        audit.record(s, audit.Jejak("hapus", operator), r.periode_id, responden_id=respondent_id, sebelum=rec)
        return rec


# The responden columns a RespondentRecord is made of, in the order record_of_row reads them.
RECORD_COLUMNS = (
    Respondent.no_kuesioner,
    Respondent.tanggal,
    Respondent.layanan_id,
    Respondent.jenis_kelamin,
    Respondent.usia,
    Respondent.pendidikan,
    Respondent.pekerjaan,
    Respondent.saran,
    Respondent.sumber,
    Respondent.batch,
    Respondent.operator,
    Respondent.posisi,
)


def record_of_row(cells: Sequence[Any], answers: tuple[Answer, ...], lay_names: Mapping[int, str]) -> RespondentRecord:
    """The record of one responden row, its cells in RECORD_COLUMNS order (the ORM's
    or the DB-API cursor's), with its answers and the unit's layanan names by id."""
    no, tgl, lid, jk, usia, pend, pek, saran, sumber, batch, op, pos = cells
    return RespondentRecord(
        no, answers, tgl, lay_names.get(lid), jk, usia, pend, pek, saran or "", sumber, batch or "", op or "", pos
    )


def load_records(
    s: Session,
    periode_id: int,
    layanan_id: int | None = None,
    ids: Sequence[int] | None = None,
    include_held: bool = False,
) -> list[tuple[int, RespondentRecord]]:
    """All questionnaires of a period as (id, record), ordered by number.

    Held questionnaires are left out unless asked for (or named in ``ids``)."""
    p = get_or_refuse(s, Periode, periode_id, "Periode")
    lay_names = {l.id: l.nama for l in layanan_list(s, p.unit_id)}
    unsur_index = {r.id: i for i, r in enumerate(unsur_rows(s, periode_id))}
    n = len(unsur_index)
    where = [Respondent.periode_id == periode_id]
    if layanan_id is not None:
        where.append(Respondent.layanan_id == layanan_id)
    if ids is not None:
        where.append(Respondent.id.in_(list(ids)))
    elif not include_held:
        where.append(Respondent.ditahan.is_(False))
    resp = s.execute(select(Respondent.id, *RECORD_COLUMNS).where(*where).order_by(Respondent.no_kuesioner)).all()
    answers: dict[int, list[Answer]] = {r[0]: [None] * n for r in resp}
    aq = (
        select(Jawaban.responden_id, Jawaban.unsur_id, Jawaban.nilai)
        .join(Respondent, Respondent.id == Jawaban.responden_id)
        .where(Respondent.periode_id == periode_id)
    )
    if ids is not None:
        aq = aq.where(Jawaban.responden_id.in_(list(ids)))
    for rid, uid, v in s.execute(aq):
        row = answers.get(rid)
        if row is not None:
            row[unsur_index[uid]] = v
    return [(rid, record_of_row(cells, tuple(answers[rid]), lay_names)) for rid, *cells in resp]
