"""Keying use cases for the entry screen (Entri Kuesioner).

A :class:`KeyingSession` loads a period once — its questionnaires, unsur set,
choice lists with their one-key codes and sample targets — and keeps them in
plain Python structures, so that the screen never queries per paint. Every
change goes through the session: it is stored by :mod:`.survey` (one
transaction each) and applied to the engine's incremental :class:`Tally`, so
the live figures are ``summarize(unsur_set, tally)`` — O(unsur) per keystroke.

The row being keyed can take part in the live tally (``set_draft_answers``)
and is kept as a draft (the ``draft`` table, JSON) that survives a restart.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from skm_desktop.domain import formatting as fmt
from skm_desktop.domain.respondent import NO_MAX, PAPER_NO_MAX, Options, RespondentRecord, validate
from skm_desktop.domain.sample import Progress
from skm_desktop.domain.scoring import Answer, Summary, Tally, summarize
from skm_desktop.domain.unsur import UnsurSet
from skm_desktop.storage import bulk
from skm_desktop.storage.database import Database
from skm_desktop.storage.models import Draft, Layanan, Opsi, Periode, Respondent, TargetSampel, utcnow

from . import ServiceError, audit, survey
from .antrean import OfflineQueue, QueuedOffline, SendResult, is_connection_lost

_CatatKetikan = Callable[[Session, int, str, "int | None", int, int], None]
_catat_ketikan: _CatatKetikan | None
try:  # keying statistics for the verification module (keystrokes per hour)
    from .verifikasi import catat_ketikan as _catat_ketikan
except ImportError:  # pragma: no cover - module absent in a trimmed build
    _catat_ketikan = None

MAX_PACKED = 21  # answers packed 3 bits each into one 64-bit integer (bigint on PostgreSQL)
CODE_KEYS = "123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CHOICE_FIELDS = ("layanan", "jenis_kelamin", "pendidikan", "pekerjaan")


class NumberProblem(ServiceError):
    """The questionnaire number cannot be used (the message says why)."""


class NumberMissing(NumberProblem):
    pass


class NumberOutOfRange(NumberProblem):
    pass


class NumberTaken(NumberProblem):
    """Another questionnaire of the period (``held``: one held for checking) has the number."""

    def __init__(self, message: str, no: int, held: bool) -> None:
        super().__init__(message)
        self.no, self.held = no, held


class PeriodClosed(ServiceError):
    pass


@dataclass(frozen=True)
class Choice:
    kode: str  # the key the operator presses (upper case for letters)
    label: str


def _codes(labels: list[str], stored: list[str] | None = None) -> list[Choice]:
    """One-key codes: the unit's own codes (Opsi.kode) where set and unique,
    then the first free key of 1–9, A–Z for the rest."""
    out: list[Choice] = []
    used: set[str] = set()
    stored = stored or [""] * len(labels)
    for kode in stored:
        k = (kode or "").strip().upper()
        if len(k) == 1 and k not in used:
            used.add(k)
    taken: set[str] = set()
    free = iter(k for k in CODE_KEYS if k not in used)
    for label, kode in zip(labels, stored):
        k = (kode or "").strip().upper()
        if len(k) != 1 or k in taken:
            k = next(free, "")
        taken.add(k)
        out.append(Choice(k, label))
    return out


def keying_choices(s: Session, unit_id: int, options: Options | None = None) -> dict[str, list[Choice]]:
    """The one-key codes of the unit's active layanan and of its characteristics' options
    (the entry grid and the printed key card use the same)."""
    options = options if options is not None else survey.options(s, unit_id)
    stored: dict[str, list[str]] = {}
    for jenis, kode in s.execute(
        select(Opsi.jenis, Opsi.kode).where(Opsi.unit_id == unit_id).order_by(Opsi.jenis, Opsi.urutan)
    ):
        stored.setdefault(jenis, []).append(kode)
    active = [l.nama for l in survey.layanan_list(s, unit_id) if l.aktif]
    return {
        "layanan": _codes(active),
        "jenis_kelamin": _codes(list(options.jenis_kelamin), stored.get("jenis_kelamin")),
        "pendidikan": _codes(list(options.pendidikan), stored.get("pendidikan")),
        "pekerjaan": _codes(list(options.pekerjaan), stored.get("pekerjaan")),
    }


@dataclass
class KeyingSession:
    db: Database
    periode_id: int
    operator: str = ""
    batch: str = ""
    # loaded
    unit_id: int = 0
    unit_nama: str = ""
    periode_nama: str = ""
    tanggal_mulai: dt.date | None = None
    tanggal_selesai: dt.date | None = None
    ditutup: bool = False
    n_prioritas: int = 3
    unsur_set: UnsurSet | None = None
    options: Options = field(default_factory=Options)
    choices: dict[str, list[Choice]] = field(default_factory=dict)
    records: MutableMapping[int, RespondentRecord] = field(default_factory=dict)  # not held
    order: list[int] = field(default_factory=list)  # ids by number, as loaded
    numbers: dict[int, int] = field(default_factory=dict)  # no_kuesioner -> id (held ones too)
    held_numbers: set[int] = field(default_factory=set)
    tally: Tally | None = None
    per_layanan: dict[str | None, int] = field(default_factory=dict)
    targets: list[tuple[str, int]] = field(default_factory=list)  # (layanan, target)
    _draft_answers: tuple[Answer, ...] | None = None
    #: forms completed while the server was unreachable (server databases only)
    queue: OfflineQueue | None = None

    # ------------------------------------------------------------ loading
    @classmethod
    def open(cls, db: Database, periode_id: int, operator: str = "") -> KeyingSession:
        k = cls(db, periode_id, operator)
        k.queue = OfflineQueue.for_database(db)
        k.reload()
        return k

    def reload(self) -> None:
        with self.db.read_session() as s:
            p = s.get(Periode, self.periode_id)
            if p is None:
                raise ServiceError("Periode tidak ditemukan.")
            self.unit_id, self.unit_nama, self.periode_nama = p.unit_id, p.unit.nama, p.nama
            self.tanggal_mulai, self.tanggal_selesai = p.tanggal_mulai, p.tanggal_selesai
            self.ditutup, self.n_prioritas = bool(p.ditutup), p.n_prioritas
            unsur_set = self.unsur_set = survey.unsur_set(s, self.periode_id)
            self.options = survey.options(s, p.unit_id)
            self.choices = keying_choices(s, p.unit_id, self.options)
            n = len(unsur_set)
            lay_names = {l.id: l.nama for l in survey.layanan_list(s, p.unit_id)}
            loaded = (
                load_period_fast(s, self.periode_id, n, lay_names)
                if n <= MAX_PACKED
                else _load_slow(s, self.periode_id, n)
            )
            cur = s.connection().connection.cursor()
            try:
                cur.execute(
                    f"SELECT no_kuesioner, id, ditahan FROM responden WHERE periode_id = {placeholder(s)}",
                    (self.periode_id,),
                )
                all_numbers = cur.fetchall()
            finally:
                cur.close()
            self.targets = [
                (nama, t)
                for nama, t in s.execute(
                    select(Layanan.nama, TargetSampel.target)
                    .join(TargetSampel, TargetSampel.layanan_id == Layanan.id)
                    .where(TargetSampel.periode_id == self.periode_id)
                    .order_by(Layanan.urutan, Layanan.id)
                ).all()
            ]
        self.records, self.order, self.tally = loaded.records, loaded.order, loaded.tally
        self.per_layanan = loaded.per_layanan
        self.numbers = {no: rid for no, rid, _ in all_numbers}
        self.held_numbers = {no for no, _, held in all_numbers if held}
        self._draft_answers = None

    # ------------------------------------------------------------ figures
    def _loaded(self) -> tuple[UnsurSet, Tally]:
        if self.unsur_set is None or self.tally is None:
            raise ServiceError("Data periode belum dimuat.")
        return self.unsur_set, self.tally

    @property
    def n_unsur(self) -> int:
        return len(self._loaded()[0])

    @property
    def count(self) -> int:
        return len(self.records)

    def set_draft_answers(self, answers: tuple[Answer, ...] | None) -> None:
        """Let the row being keyed take part in the live figures (None: leave them)."""
        if answers is not None and all(a is None for a in answers):
            answers = None
        old = self._draft_answers
        if old == answers:
            return
        tally = self._loaded()[1]
        if old is not None and answers is not None:
            for i, (a, b) in enumerate(zip(old, answers)):
                if a != b:
                    tally.set_answer(i, a, b)
        elif old is not None:
            tally.remove(old)
        elif answers is not None:
            tally.add(answers)
        self._draft_answers = answers

    @property
    def draft_counted(self) -> bool:
        return self._draft_answers is not None

    def summary(self) -> Summary:
        unsur_set, tally = self._loaded()
        return summarize(unsur_set, tally, self.n_prioritas)

    def progress(self) -> list[Progress]:
        """Collected vs. target per layanan with a target, then the unit (stored rows only)."""
        out = [Progress(nama, t, self.per_layanan.get(nama, 0)) for nama, t in self.targets]
        if out:
            out.append(Progress("Total unit", sum(p.target for p in out), self.count))
        return out

    # ------------------------------------------------------------ numbers
    def next_no(self) -> int:
        """The paper number after the highest paper number (kiosk numbers have their own range)."""
        paper = [no for no in (*self.numbers, *self.queued_numbers()) if no <= PAPER_NO_MAX]
        return (max(paper) if paper else 0) + 1

    def check_no(self, no: object, exclude_id: int | None = None, maximum: int = NO_MAX) -> int:
        """``no`` if a questionnaire (other than ``exclude_id``) may have it; else raises
        NumberMissing, NumberOutOfRange or NumberTaken. ``maximum``: PAPER_NO_MAX for a
        number keyed from paper."""
        if no is None:
            raise NumberMissing("Nomor kuesioner wajib diisi.")
        if isinstance(no, bool) or not isinstance(no, int) or not 1 <= no <= maximum:
            raise NumberOutOfRange(f"Nomor kuesioner harus antara 1 dan {fmt.angka(maximum)}.")
        if exclude_id is None and self.queue is not None and no in self.queued_numbers():
            raise NumberTaken(f"Nomor kuesioner {no} sudah ada di antrean komputer ini (menunggu dikirim).", no, False)
        owner = self.numbers.get(no)
        if owner is not None and owner != exclude_id:
            held = no in self.held_numbers
            if held:
                raise NumberTaken(
                    f"Nomor kuesioner {no} sudah dipakai kuesioner yang ditahan untuk diperiksa.", no, True
                )
            raise NumberTaken(f"Nomor kuesioner {no} sudah ada di periode '{self.periode_nama}'.", no, False)
        return no

    def no_problem(self, no: object, exclude_id: int | None = None, maximum: int = NO_MAX) -> str | None:
        """Why ``no`` cannot be used (Indonesian), or None."""
        try:
            self.check_no(no, exclude_id, maximum)
        except NumberProblem as e:
            return str(e)
        return None

    def find_no(self, no: int) -> int | None:
        rid = self.numbers.get(no)
        return rid if rid in self.records else None

    # ------------------------------------------------------------ changes
    def _check_open(self) -> None:
        if self.ditutup:
            raise PeriodClosed(
                f"Periode '{self.periode_nama}' sudah ditutup; buka kembali di Pengaturan untuk mengubah data."
            )

    def _stamp(self, rec: RespondentRecord) -> RespondentRecord:
        return rec.with_(
            sumber=rec.sumber or "kertas",
            operator=rec.operator or self.operator,
            batch=rec.batch if rec.batch else self.batch,
        )

    def commit(
        self, rec: RespondentRecord, ketukan: int | None = None, durasi_ms: int | None = None
    ) -> tuple[int, RespondentRecord]:
        """Store a complete questionnaire, its audit row, the keying statistics
        (``ketukan`` key presses in ``durasi_ms``) and forget the draft — one
        transaction. Returns (id, stored record)."""
        self._check_open()
        self.check_no(rec.no_kuesioner, maximum=PAPER_NO_MAX)
        rec = self._stamp(rec)
        # on a server the first attempt already carries the form's queue token: when the
        # connection drops during COMMIT the server may have stored it, and the queue must know
        token = self.queue.new_token() if self.queue is not None else None
        note = OfflineQueue.token_note(token) if token else ""
        try:
            with self.db.session() as s:
                rid = survey.add_respondent(s, self.periode_id, rec, audit.Jejak("tambah", self.operator, note))
                stored = validate(rec, self.n_unsur, self.options)  # as add_respondent stored it
                if ketukan is not None and _catat_ketikan is not None:
                    _catat_ketikan(s, self.periode_id, self.operator, stored.no_kuesioner, ketukan, durasi_ms or 0)
                s.execute(delete(Draft).where(Draft.periode_id == self.periode_id, Draft.operator == self.operator))
        except (IntegrityError, ServiceError):
            self._refuse_if_taken_elsewhere(rec.no_kuesioner)
            raise
        except Exception as exc:
            if self.queue is None or not is_connection_lost(exc):
                raise
            stored = validate(rec, self.n_unsur, self.options)
            waiting = self.queue.add(self.periode_id, stored, self.operator, token)
            self.set_draft_answers(None)
            raise QueuedOffline(stored, waiting) from None
        self.set_draft_answers(None)
        self._added(rid, stored)
        return rid, stored

    def queued_numbers(self) -> set[int]:
        return self.queue.numbers(self.periode_id) if self.queue is not None else set()

    def waiting(self) -> int:
        """How many forms of this PC wait to be sent to the server."""
        return len(self.queue) if self.queue is not None else 0

    def send_waiting(self) -> SendResult | None:
        """Send the forms kept while the server was unreachable; reload when some arrived."""
        if self.queue is None or not self.waiting():
            return None
        result = self.queue.send(self.db)
        if result.sent:
            self.reload()
        return result

    def _refuse_if_taken_elsewhere(self, no: int) -> None:
        """Another PC stored ``no`` since this session loaded (the database's unique
        constraint refused ours, or the insert's own check saw it): learn it and say who."""
        with self.db.read_session() as s:
            row = s.execute(
                select(Respondent.id, Respondent.operator, Respondent.ditahan).where(
                    Respondent.periode_id == self.periode_id, Respondent.no_kuesioner == no
                )
            ).first()
        if row is None:
            return
        self.numbers[no] = row.id
        if row.ditahan:
            self.held_numbers.add(no)
        who = f" oleh operator '{row.operator}'" if row.operator and row.operator != self.operator else ""
        raise NumberTaken(
            f"Nomor kuesioner {no} baru saja disimpan{who} dari komputer lain di periode "
            f"'{self.periode_nama}'. Periksa nomor di kertasnya.",
            no,
            bool(row.ditahan),
        )

    def _added(self, rid: int, rec: RespondentRecord) -> None:
        self.records[rid] = rec
        self.order.append(rid)
        self.numbers[rec.no_kuesioner] = rid
        self._loaded()[1].add(rec.answers)
        self.per_layanan[rec.layanan] = self.per_layanan.get(rec.layanan, 0) + 1

    def update(self, rid: int, rec: RespondentRecord) -> RespondentRecord:
        """Change a stored questionnaire (one transaction); returns the stored record."""
        self._check_open()
        old = self.records[rid]
        # a changed number is keyed from paper; an unchanged one may be the kiosk's
        self.check_no(
            rec.no_kuesioner, exclude_id=rid, maximum=NO_MAX if rec.no_kuesioner == old.no_kuesioner else PAPER_NO_MAX
        )
        try:
            with self.db.session() as s:
                new = survey.change_respondent(s, rid, rec, audit.Jejak("ubah", self.operator), expected=old)
        except survey.ChangedElsewhere as e:  # another PC changed it: show theirs, store nothing of ours
            self._replace_loaded(rid, old, e.theirs)
            raise
        self._replace_loaded(rid, old, new)
        return new

    def _replace_loaded(self, rid: int, old: RespondentRecord, new: RespondentRecord) -> None:
        self.records[rid] = new
        if old.no_kuesioner != new.no_kuesioner:
            del self.numbers[old.no_kuesioner]
            self.numbers[new.no_kuesioner] = rid
        self._loaded()[1].replace(old.answers, new.answers)
        if old.layanan != new.layanan:
            self.per_layanan[old.layanan] -= 1
            self.per_layanan[new.layanan] = self.per_layanan.get(new.layanan, 0) + 1

    def delete(self, rid: int) -> RespondentRecord:
        self._check_open()
        rec = survey.delete_respondent(self.db, rid, operator=self.operator)
        old = self.records.pop(rid)
        self.order.remove(rid)
        self.numbers.pop(old.no_kuesioner, None)
        self._loaded()[1].remove(old.answers)
        self.per_layanan[old.layanan] -= 1
        return rec

    def restore(self, rec: RespondentRecord) -> int:
        """Store again a deleted questionnaire exactly as it was (undo of a deletion)."""
        self._check_open()
        self.check_no(rec.no_kuesioner)
        with self.db.session() as s:
            undo = audit.Jejak("pulih", self.operator, "Penghapusan diurungkan di layar Entri Kuesioner")
            rid = survey.add_respondent(s, self.periode_id, rec, undo)
        self._added(rid, rec)
        # back in its place among the numbers (the order the grid shows after a reload)
        self.order.remove(rid)
        nos = [self.records[o].no_kuesioner for o in self.order]
        self.order.insert(bisect.bisect_right(nos, rec.no_kuesioner), rid)
        return rid

    # ------------------------------------------------------------ drafts
    def save_draft(self, data: dict[str, Any] | None) -> None:
        """Keep the row in progress (None or empty: forget it)."""
        with self.db.session() as s:
            d = s.scalars(
                select(Draft).where(Draft.periode_id == self.periode_id, Draft.operator == self.operator)
            ).first()
            if not data:
                if d is not None:
                    s.delete(d)
                return
            text = json.dumps(data, ensure_ascii=False, default=_json_default)
            if d is None:
                s.add(Draft(periode_id=self.periode_id, operator=self.operator, data=text))
            else:
                d.data, d.updated_at = text, utcnow()

    def load_draft(self) -> dict[str, Any] | None:
        with self.db.read_session() as s:
            d = s.scalars(
                select(Draft).where(Draft.periode_id == self.periode_id, Draft.operator == self.operator)
            ).first()
            if d is None:
                return None
            try:
                data = json.loads(d.data)
            except ValueError:
                return None
        return data if isinstance(data, dict) else None


def _json_default(x: object) -> str:
    if isinstance(x, dt.date):
        return x.isoformat()
    raise TypeError(type(x))


# ---------------------------------------------------------------- fast loading
_FAST_SQL_TEXT = """
SELECT r.id, {columns},
       (SELECT CAST(coalesce(sum(CAST(j.nilai AS BIGINT) << (3 * u.urutan)), 0) AS BIGINT)
          FROM jawaban j JOIN unsur u ON u.id = j.unsur_id
         WHERE j.responden_id = r.id)
  FROM responden r
 WHERE r.periode_id = {{ph}} AND NOT r.ditahan
 ORDER BY r.no_kuesioner
""".format(columns=", ".join(f"r.{c.expression.name}" for c in survey.RECORD_COLUMNS))


def placeholder(s: Session) -> str:
    """The session driver's parameter marker, for the few queries that run on the raw
    cursor to skip SQLAlchemy's per-row cost."""
    return bulk.marker(s.get_bind().dialect)


RawRow = tuple[Any, ...]  # a DB-API row: its cells are whatever the driver returns


class LazyRecords(MutableMapping[int, RespondentRecord]):
    """id -> RespondentRecord, built from the raw row the first time it is asked
    for: opening a period of 50,000 questionnaires builds only the rows shown."""

    def __init__(self, raw: dict[int, RawRow | None], make: Callable[[RawRow], RespondentRecord]) -> None:
        self._raw = raw
        self._made: dict[int, RespondentRecord] = {}
        self._make = make

    def __getitem__(self, rid: int) -> RespondentRecord:
        rec = self._made.get(rid)
        if rec is None:
            raw = self._raw[rid]
            if raw is None:  # set by __setitem__ together with _made
                raise KeyError(rid)
            rec = self._made[rid] = self._make(raw)
        return rec

    def __setitem__(self, rid: int, rec: RespondentRecord) -> None:
        self._made[rid] = rec
        self._raw[rid] = None

    def __delitem__(self, rid: int) -> None:
        del self._raw[rid]
        self._made.pop(rid, None)

    def __contains__(self, rid: object) -> bool:
        return rid in self._raw

    def __iter__(self) -> Iterator[int]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


@dataclass
class Loaded:
    records: MutableMapping[int, RespondentRecord]  # id -> record
    order: list[int]  # ids by number
    tally: Tally
    per_layanan: dict[str | None, int]


def load_period_fast(s: Session, periode_id: int, n_unsur: int, lay_names: dict[int, str]) -> Loaded:
    """The questionnaires of a period (held ones left out), as :func:`survey.load_records`
    returns them, and their tally — in one pass over one query: each respondent's
    answers come packed into one integer (3 bits per unsur, in unsur order; 0 = blank)
    and the records themselves are built lazily."""
    urutan = [r.urutan for r in survey.unsur_rows(s, periode_id)]
    if urutan != list(range(n_unsur)):  # packing relies on urutan 0..n-1
        return _load_slow(s, periode_id, n_unsur)
    cur = s.connection().connection.cursor()  # the DB-API cursor: no per-row wrapping
    try:
        cur.execute(_FAST_SQL_TEXT.format(ph=placeholder(s)), (periode_id,))
        rows = cur.fetchall()
    finally:
        cur.close()
    decoded: dict[int, tuple[Answer, ...]] = {}
    dates: dict[str, dt.date] = {}

    def answers_of(packed: int) -> tuple[Answer, ...]:
        a = decoded.get(packed)
        if a is None:
            a = decoded[packed] = tuple(((packed >> (3 * i)) & 7) or None for i in range(n_unsur))
        return a

    def make(raw: RawRow) -> RespondentRecord:
        *cells, packed = raw  # the RECORD_COLUMNS, then the packed answers
        tgl = cells[1]
        if tgl is not None and not isinstance(tgl, dt.date):  # SQLite hands back the ISO text
            d = dates.get(tgl)
            if d is None:
                d = dates[tgl] = dt.date.fromisoformat(str(tgl)[:10])
            cells[1] = d
        return survey.record_of_row(cells, answers_of(packed), lay_names)

    raw: dict[int, RawRow | None] = {r[0]: r[1:] for r in rows}
    order = [r[0] for r in rows]
    packs = Counter(r[13] for r in rows)
    lids = Counter(r[3] for r in rows)
    counts: Counter[tuple[int, int]] = Counter()
    for packed, cnt in packs.items():
        for i, a in enumerate(answers_of(packed)):
            if a is not None:
                counts[(i, a)] += cnt
    tally = Tally.from_counts(n_unsur, len(rows), ((i, v, c) for (i, v), c in counts.items()))
    per_layanan: dict[str | None, int] = {}
    for lid, cnt in lids.items():
        name = lay_names.get(lid)
        per_layanan[name] = per_layanan.get(name, 0) + cnt
    return Loaded(LazyRecords(raw, make), order, tally, per_layanan)


def _load_slow(s: Session, periode_id: int, n_unsur: int) -> Loaded:
    loaded = survey.load_records(s, periode_id)
    per_layanan: dict[str | None, int] = {}
    for _, rec in loaded:
        per_layanan[rec.layanan] = per_layanan.get(rec.layanan, 0) + 1
    return Loaded(
        {rid: rec for rid, rec in loaded},
        [rid for rid, _ in loaded],
        Tally.from_answers(n_unsur, (rec.answers for _, rec in loaded)),
        per_layanan,
    )
