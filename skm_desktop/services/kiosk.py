"""Kiosk use cases: settings, the exit PIN, what a kiosk session asks, saving
one completed response, burst detection and the operator's review of held
(suspicious) responses.

Settings live in the key/value ``Pengaturan`` table under ``kiosk.*`` with JSON
values. The PIN is never stored: only a random salt and a PBKDF2-HMAC-SHA256
digest (standard library), compared in constant time.

Numbering: kiosk questionnaires get numbers from their own range
(:data:`KIOSK_NO_BASE` + 1, + 2, …) so they can never take a number printed on
a paper form that the operator will key later in the same period. The number
is chosen inside the saving transaction (highest kiosk number + 1) and the
save is retried when another writer took it first.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import time
from dataclasses import asdict, dataclass, field, fields, replace

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from skm_desktop.domain import karakteristik as kar
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.storage.database import Database
from skm_desktop.storage.models import Audit, Jawaban, Periode, Pengaturan, Respondent, utcnow

from . import ServiceError, survey

PREFIX = "kiosk."
PIN_KEY = "kiosk.pin"
PIN_ITERATIONS = 120_000
PIN_MIN, PIN_MAX = 4, 8
#: kiosk questionnaires are numbered KIOSK_NO_BASE + 1, + 2, … in each period
KIOSK_NO_BASE = 100_000
SAVE_ATTEMPTS = 5
SARAN_MAX = 500


# ---------------------------------------------------------------- settings
@dataclass(frozen=True)
class KioskSettings:
    tanya_jenis_kelamin: bool = True
    tanya_usia: bool = True
    tanya_pendidikan: bool = True
    tanya_pekerjaan: bool = True
    tanya_saran: bool = True
    #: seconds without a tap before the countdown starts
    batas_diam: int = 60
    #: seconds of the "are you still there?" countdown
    hitung_mundur: int = 10
    #: minimum seconds between two completed responses; closer ones are held
    jeda_minimum: int = 20
    #: a response completed faster than this many seconds per unsur is held
    detik_per_unsur: float = 1.5
    #: taps sooner than this after a question appears are ignored (ms)
    jeda_baca_ms: int = 600
    #: a second tap sooner than this after the previous one is ignored (ms)
    jeda_ketuk_ms: int = 350
    teks_sambutan: str = "Bantu kami meningkatkan pelayanan. Penilaian Anda hanya butuh 1–2 menit."
    kontras_tinggi: bool = False

    # limits (value, minimum, maximum, Indonesian name) checked on save
    @staticmethod
    def limits() -> dict[str, tuple[float, float, str]]:
        return {"batas_diam": (15, 900, "Batas waktu diam"),
                "hitung_mundur": (3, 60, "Hitung mundur"),
                "jeda_minimum": (0, 600, "Jeda minimum antarresponden"),
                "detik_per_unsur": (0, 10, "Waktu minimum per unsur"),
                "jeda_baca_ms": (0, 3000, "Jeda baca"),
                "jeda_ketuk_ms": (0, 2000, "Jeda ketukan")}

    def characteristics(self) -> list[str]:
        """The characteristic screens to show, in order."""
        out = []
        for name in ("jenis_kelamin", "usia", "pendidikan", "pekerjaan"):
            if getattr(self, f"tanya_{name}"):
                out.append(name)
        return out


def _coerce(f, raw):
    default = f.default
    if isinstance(default, bool):
        return bool(raw)
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return str(raw)


def load_settings_s(s: Session) -> KioskSettings:
    rows = dict(s.execute(select(Pengaturan.kunci, Pengaturan.nilai)
                          .where(Pengaturan.kunci.like(PREFIX + "%"))).all())
    values = {}
    for f in fields(KioskSettings):
        raw = rows.get(PREFIX + f.name)
        if raw is None:
            continue
        try:
            values[f.name] = _coerce(f, json.loads(raw))
        except (ValueError, TypeError):
            continue  # a damaged value falls back to the default
    return KioskSettings(**values)


def load_settings(db: Database) -> KioskSettings:
    with db.read_session() as s:
        return load_settings_s(s)


def validate_settings(st: KioskSettings) -> KioskSettings:
    for name, (lo, hi, label) in KioskSettings.limits().items():
        v = getattr(st, name)
        if not lo <= v <= hi:
            raise ServiceError(f"{label} harus antara {lo:g} dan {hi:g} (tertulis {v:g}).")
    text = " ".join(st.teks_sambutan.split())
    if len(text) > 300:
        raise ServiceError(f"Teks sambutan terlalu panjang ({len(text)} karakter; maksimal 300).")
    return replace(st, teks_sambutan=text)


def save_settings(db: Database, st: KioskSettings) -> KioskSettings:
    st = validate_settings(st)
    with db.session() as s:
        for name, value in asdict(st).items():
            _put(s, PREFIX + name, json.dumps(value, ensure_ascii=False))
    return st


def _put(s: Session, key: str, value: str) -> None:
    row = s.get(Pengaturan, key)
    if row is None:
        s.add(Pengaturan(kunci=key, nilai=value))
    else:
        row.nilai = value


# ---------------------------------------------------------------- PIN
def _digest(pin: str, salt: bytes, iterations: int) -> bytes:
    return hashlib.pbkdf2_hmac("sha256", pin.encode("utf-8"), salt, iterations)


def check_pin_format(pin: str) -> str:
    pin = (pin or "").strip()
    if not pin.isdigit() or not PIN_MIN <= len(pin) <= PIN_MAX:
        raise ServiceError(f"PIN harus {PIN_MIN} sampai {PIN_MAX} angka.")
    return pin


def set_pin(db: Database, pin: str, confirm: str | None = None) -> None:
    pin = check_pin_format(pin)
    if confirm is not None and pin != (confirm or "").strip():
        raise ServiceError("PIN dan ulangan PIN tidak sama.")
    salt = os.urandom(16)
    value = json.dumps({"algoritma": "pbkdf2_sha256", "iterasi": PIN_ITERATIONS, "garam": salt.hex(),
                        "hash": _digest(pin, salt, PIN_ITERATIONS).hex()})
    with db.session() as s:
        _put(s, PIN_KEY, value)


def has_pin(db: Database) -> bool:
    with db.read_session() as s:
        return s.get(Pengaturan, PIN_KEY) is not None


def verify_pin(db: Database, pin: str) -> bool:
    with db.read_session() as s:
        row = s.get(Pengaturan, PIN_KEY)
        raw = row.nilai if row is not None else None
    if raw is None:
        return False
    try:
        d = json.loads(raw)
        salt, expected, iterations = bytes.fromhex(d["garam"]), bytes.fromhex(d["hash"]), int(d["iterasi"])
    except (ValueError, KeyError, TypeError):
        return False
    return hmac.compare_digest(_digest(str(pin), salt, iterations), expected)


# ---------------------------------------------------------------- what a session asks
@dataclass(frozen=True)
class KioskQuestion:
    kode: str
    nama: str
    pertanyaan: str
    labels: tuple[str, str, str, str]


@dataclass(frozen=True)
class KioskSetup:
    unit_nama: str
    logo: bytes | None
    periode_id: int
    periode_nama: str
    layanan: tuple[str, ...]
    questions: tuple[KioskQuestion, ...]
    jenis_kelamin: tuple[str, ...]
    pendidikan: tuple[str, ...]
    pekerjaan: tuple[str, ...]
    settings: KioskSettings = field(default_factory=KioskSettings)


def current_periode(s: Session, unit_id: int) -> Periode:
    """The period the kiosk collects for: the latest one that is not closed."""
    open_ = [p for p in survey.periode_list(s, unit_id) if not p.ditutup]
    if not open_:
        raise ServiceError("Tidak ada periode survei yang terbuka. Buat atau buka periode di aplikasi operator.")
    return open_[-1]


def load_setup(db: Database) -> KioskSetup:
    """Everything a kiosk session shows; raises ServiceError when the kiosk cannot run."""
    with db.read_session() as s:
        unit = survey.get_unit(s)
        p = current_periode(s, unit.id)
        rows = survey.unsur_rows(s, p.id)
        if not rows:
            raise ServiceError(f"Periode '{p.nama}' belum memiliki unsur survei.")
        opts = survey.options(s, unit.id)
        layanan = tuple(l.nama for l in survey.layanan_list(s, unit.id) if l.aktif)
        return KioskSetup(
            unit_nama=unit.nama, logo=unit.logo, periode_id=p.id, periode_nama=p.nama, layanan=layanan,
            questions=tuple(KioskQuestion(r.kode, r.nama, r.pertanyaan or r.nama,
                                          (r.label_1, r.label_2, r.label_3, r.label_4)) for r in rows),
            jenis_kelamin=opts.jenis_kelamin, pendidikan=opts.pendidikan, pekerjaan=opts.pekerjaan,
            settings=load_settings_s(s))


def parse_usia_text(text: str) -> int | None:
    """The age typed on the kiosk number pad; ServiceError with an Indonesian message."""
    try:
        return kar.parse_usia(text)
    except DomainError:
        raise ServiceError(f"Usia harus antara {kar.USIA_MIN} dan {kar.USIA_MAX} tahun.") from None


def is_usia_prefix_possible(text: str) -> bool:
    """Whether more digits may still be typed after ``text`` (no more than 3 digits)."""
    return len(text) < len(str(kar.USIA_MAX))


# ---------------------------------------------------------------- saving a response
@dataclass(frozen=True)
class KioskResponse:
    answers: tuple[int, ...]
    layanan: str | None = None
    jenis_kelamin: str | None = None
    usia: int | None = None
    pendidikan: str | None = None
    pekerjaan: str | None = None
    saran: str = ""
    #: seconds the respondent spent from the first question to the confirmation
    durasi: float | None = None


@dataclass(frozen=True)
class SaveResult:
    respondent_id: int
    no_kuesioner: int
    ditahan: bool
    alasan: str


def held_reason(s: Session, periode_id: int, resp: KioskResponse, st: KioskSettings,
                now: dt.datetime) -> str:
    """Why this response looks like a burst ("" when it looks genuine)."""
    reasons = []
    if resp.durasi is not None and st.detik_per_unsur > 0:
        minimum = st.detik_per_unsur * len(resp.answers)
        if resp.durasi < minimum:
            reasons.append(f"diisi terlalu cepat ({int(resp.durasi)} detik untuk {len(resp.answers)} unsur)")
    if st.jeda_minimum > 0:
        last = s.scalar(select(func.max(Respondent.created_at))
                        .where(Respondent.periode_id == periode_id, Respondent.sumber == "kiosk"))
        if last is not None:
            gap = (now - last).total_seconds()
            if gap < st.jeda_minimum:
                reasons.append(f"hanya {max(0, int(gap))} detik setelah responden kios sebelumnya "
                               f"(minimum {st.jeda_minimum} detik)")
    return "; ".join(reasons)


def next_kiosk_no(s: Session, periode_id: int) -> int:
    top = s.scalar(select(func.max(Respondent.no_kuesioner))
                   .where(Respondent.periode_id == periode_id, Respondent.no_kuesioner > KIOSK_NO_BASE))
    return (top or KIOSK_NO_BASE) + 1


class _NumberTaken(Exception):
    pass


def _save_once(db: Database, periode_id: int, resp: KioskResponse, st: KioskSettings,
               today: dt.date) -> SaveResult:
    with db.session() as s:
        now = utcnow()
        reason = held_reason(s, periode_id, resp, st, now)
        no = next_kiosk_no(s, periode_id)
        rec = RespondentRecord(no_kuesioner=no, answers=tuple(resp.answers), tanggal=today,
                               layanan=resp.layanan, jenis_kelamin=resp.jenis_kelamin, usia=resp.usia,
                               pendidikan=resp.pendidikan, pekerjaan=resp.pekerjaan,
                               saran=(resp.saran or "")[:SARAN_MAX], sumber="kiosk", operator="kios")
        try:
            rid = survey.add_respondent(s, periode_id, rec)
        except ServiceError:
            if survey.no_exists(s, periode_id, no):
                raise _NumberTaken() from None  # another kiosk took it meanwhile: retry
            raise
        if reason:
            hold(s, rid, reason)
        return SaveResult(rid, no, bool(reason), reason)


def save_response(db: Database, periode_id: int, resp: KioskResponse,
                  settings: KioskSettings | None = None, today: dt.date | None = None) -> SaveResult:
    """Store one completed kiosk response in ONE transaction (nothing on failure).

    Suspicious responses (too fast, or too close to the previous kiosk
    response) are stored held: not counted until the operator accepts them.
    """
    st = settings or load_settings(db)
    today = today or dt.date.today()
    last_exc: Exception | None = None
    for attempt in range(SAVE_ATTEMPTS):
        try:
            return _save_once(db, periode_id, resp, st, today)
        except (IntegrityError, OperationalError, _NumberTaken) as exc:  # number taken meanwhile, or file busy
            last_exc = exc
            time.sleep(0.05 * (attempt + 1))
    raise ServiceError("Jawaban tidak dapat disimpan karena basis data sedang sibuk. "
                       "Silakan coba lagi atau hubungi petugas.") from last_exc


# ---------------------------------------------------------------- held responses
def hold(s: Session, respondent_id: int, reason: str) -> None:
    """Mark a stored response as held (inside the caller's transaction) and record why."""
    r = s.get(Respondent, respondent_id)
    if r is None:
        raise ServiceError("Kuesioner tidak ditemukan.")
    s.execute(update(Respondent).where(Respondent.id == respondent_id).values(ditahan=True))
    s.add(Audit(operator="kios", aksi="tahan", periode_id=r.periode_id, responden_id=respondent_id,
                no_kuesioner=r.no_kuesioner, keterangan=reason))


@dataclass(frozen=True)
class HeldResponse:
    id: int
    no_kuesioner: int
    waktu: dt.datetime  # local time
    layanan: str | None
    answers: tuple[int | None, ...]
    saran: str
    alasan: str


def _local(utc_naive: dt.datetime) -> dt.datetime:
    """A stored UTC time as the PC's local time (naive), for display."""
    return utc_naive.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)


def held_responses(db: Database, periode_id: int) -> list[HeldResponse]:
    with db.read_session() as s:
        ids = list(s.scalars(select(Respondent.id).where(Respondent.periode_id == periode_id,
                                                         Respondent.ditahan.is_(True))))
        if not ids:
            return []
        records = survey.load_records(s, periode_id, ids=ids)
        created = dict(s.execute(select(Respondent.id, Respondent.created_at)
                                 .where(Respondent.id.in_(ids))).all())
        reasons: dict[int, str] = {}
        for rid, text in s.execute(select(Audit.responden_id, Audit.keterangan)
                                   .where(Audit.responden_id.in_(ids), Audit.aksi == "tahan")
                                   .order_by(Audit.id)):
            reasons[rid] = text
        return [HeldResponse(rid, rec.no_kuesioner, _local(created[rid]), rec.layanan, rec.answers, rec.saran,
                             reasons.get(rid, "")) for rid, rec in records]


def _held_row(s: Session, respondent_id: int) -> Respondent:
    r = s.get(Respondent, respondent_id)
    if r is None:
        raise ServiceError("Kuesioner tidak ditemukan (mungkin sudah diproses).")
    if not r.ditahan:
        raise ServiceError(f"Kuesioner no. {r.no_kuesioner} tidak sedang ditahan.")
    p = s.get(Periode, r.periode_id)
    if p.ditutup:
        raise ServiceError(f"Periode '{p.nama}' sudah ditutup; buka kembali untuk memproses kuesioner ini.")
    return r


def accept_held(db: Database, respondent_ids, operator: str = "") -> int:
    """Count held responses from now on. All or nothing. Returns how many."""
    ids = list(respondent_ids)
    with db.session() as s:
        for rid in ids:
            r = _held_row(s, rid)
            r.ditahan = False
            s.add(Audit(operator=operator, aksi="terima", periode_id=r.periode_id, responden_id=rid,
                        no_kuesioner=r.no_kuesioner, keterangan="Kuesioner kios yang ditahan diterima."))
    return len(ids)


def delete_held(db: Database, respondent_ids, operator: str = "") -> int:
    """Delete held responses (they were never counted). All or nothing. Returns how many."""
    ids = list(respondent_ids)
    with db.session() as s:
        for rid in ids:
            r = _held_row(s, rid)
            s.add(Audit(operator=operator, aksi="hapus", periode_id=r.periode_id, responden_id=rid,
                        no_kuesioner=r.no_kuesioner, keterangan="Kuesioner kios yang ditahan dihapus."))
            s.execute(delete(Jawaban).where(Jawaban.responden_id == rid))
            s.execute(delete(Respondent).where(Respondent.id == rid))
    return len(ids)


def kiosk_counts(db: Database, periode_id: int) -> tuple[int, int]:
    """(kiosk responses counted, kiosk responses held) in a period."""
    with db.read_session() as s:
        rows = dict(s.execute(select(Respondent.ditahan, func.count())
                              .where(Respondent.periode_id == periode_id, Respondent.sumber == "kiosk")
                              .group_by(Respondent.ditahan)).all())
    return rows.get(False, 0), rows.get(True, 0)
