"""Kiosk use cases: settings, the exit PIN, what a kiosk session asks, saving
one completed response, burst detection and the operator's review of held
(suspicious) responses.

Settings live in the key/value ``Pengaturan`` table under ``kiosk.*`` with JSON
values. The PIN is never stored: only a random salt and a PBKDF2-HMAC-SHA256
digest (standard library), compared in constant time.

Numbering: kiosk questionnaires get numbers from their own range
(:data:`~skm_desktop.domain.respondent.KIOSK_NO_MIN` … ``NO_MAX``) so they can
never take a number printed on a paper form (at most ``PAPER_NO_MAX``) that the
operator will key later in the same period. The number is chosen inside the
saving transaction (highest kiosk number + 1, or the lowest free one when the
top of the range is taken) and the save is retried when another writer took
it first. A response that cannot be stored because the file is busy is kept
in a :class:`PendingStore` (memory and a small local file) and stored later.

PIN lockout: wrong PINs are counted in the database (``kiosk.pin_gagal``), so
a restart does not reset them; from the third wrong PIN on the pad is locked
for :data:`LOCKOUT_STEPS` (30 s, 1 min, 5 min, 15 min, then 1 hour each time).
Everything read back (hash parameters, the counter, the lock time) is checked.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import threading
import time
from collections.abc import Iterable
from dataclasses import Field, asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, aliased

from skm_desktop.domain import karakteristik as kar
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.respondent import KARAKTERISTIK, KIOSK_NO_MIN, NO_MAX, RespondentRecord
from skm_desktop.domain.scoring import Answer
from skm_desktop.storage.database import Database
from skm_desktop.storage.models import Audit, Jawaban, Pengaturan, Periode, Respondent, utcnow

from . import ServiceError, get_or_refuse, survey

PREFIX = "kiosk."
PIN_KEY = "kiosk.pin"
PIN_ITERATIONS = 120_000
#: a stored iteration count outside this range is refused (too weak, or a hang)
PIN_ITERATIONS_MIN, PIN_ITERATIONS_MAX = 100_000, 2_000_000
PIN_SALT_MIN, PIN_SALT_MAX = 16, 64
PIN_STORED_MAX = 1_000  # characters of the stored JSON read at all
PIN_MIN, PIN_MAX = 4, 8
LOCKOUT_KEY = "kiosk.pin_gagal"
#: wrong PINs allowed before the pad locks
LOCKOUT_FREE = 2
#: lock (seconds) after the 3rd, 4th, 5th, 6th wrong PIN; the last one repeats
LOCKOUT_STEPS = (30, 60, 5 * 60, 15 * 60, 60 * 60)
LOCKOUT_CAP = LOCKOUT_STEPS[-1]
LOCKOUT_COUNT_MAX = 10_000
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
        return {
            "batas_diam": (15, 900, "Batas waktu diam"),
            "hitung_mundur": (3, 60, "Hitung mundur"),
            "jeda_minimum": (0, 600, "Jeda minimum antarresponden"),
            "detik_per_unsur": (0, 10, "Waktu minimum per unsur"),
            "jeda_baca_ms": (0, 3000, "Jeda baca"),
            "jeda_ketuk_ms": (0, 2000, "Jeda ketukan"),
        }

    def characteristics(self) -> list[str]:
        """The characteristic screens to show, in order."""
        out = []
        for name in ("jenis_kelamin", "usia", "pendidikan", "pekerjaan"):
            if getattr(self, f"tanya_{name}"):
                out.append(name)
        return out


def _coerce(f: Field[Any], raw: Any) -> bool | int | float | str:  # raw: a value json.loads gave
    default = f.default
    if isinstance(default, bool):
        return bool(raw)
    if isinstance(default, int):
        return int(raw)
    if isinstance(default, float):
        return float(raw)
    return str(raw)


def load_settings_s(s: Session) -> KioskSettings:
    rows = dict(s.execute(select(Pengaturan.kunci, Pengaturan.nilai).where(Pengaturan.kunci.like(PREFIX + "%"))).all())
    values: dict[str, Any] = {}  # each value coerced to the type of its field's default
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


PIN_RESET_MSG = (
    "PIN keluar kios yang tersimpan tidak sah ({why}). Petugas harus mengatur PIN lagi "
    "di aplikasi operator, halaman Kios."
)


def set_pin(db: Database, pin: str, confirm: str | None = None) -> None:
    pin = check_pin_format(pin)
    if confirm is not None and pin != (confirm or "").strip():
        raise ServiceError("PIN dan ulangan PIN tidak sama.")
    salt = os.urandom(16)
    value = json.dumps(
        {
            "algoritma": "pbkdf2_sha256",
            "iterasi": PIN_ITERATIONS,
            "garam": salt.hex(),
            "hash": _digest(pin, salt, PIN_ITERATIONS).hex(),
        }
    )
    with db.session() as s:
        _put(s, PIN_KEY, value)
        _put(s, LOCKOUT_KEY, json.dumps({"gagal": 0, "kunci_sampai": None}))  # a new PIN starts afresh


def has_pin(db: Database) -> bool:
    with db.read_session() as s:
        return s.get(Pengaturan, PIN_KEY) is not None


@dataclass(frozen=True)
class StoredPin:
    salt: bytes
    digest: bytes
    iterations: int


def parse_stored_pin(raw: str | None) -> StoredPin:
    """The stored PIN parameters, checked as hostile; ServiceError (Indonesian) when unusable."""
    if raw is None:
        raise ServiceError("PIN keluar kios belum diatur. Atur PIN di aplikasi operator, halaman Kios.")
    if not isinstance(raw, str) or len(raw) > PIN_STORED_MAX:
        raise ServiceError(PIN_RESET_MSG.format(why="data terlalu panjang"))
    try:
        d = json.loads(raw)
        if not isinstance(d, dict):
            raise TypeError
        algo, it, salt_hex, hash_hex = d.get("algoritma"), d.get("iterasi"), d.get("garam"), d.get("hash")
        if not isinstance(salt_hex, str) or not isinstance(hash_hex, str):
            raise TypeError
        salt, digest = bytes.fromhex(salt_hex), bytes.fromhex(hash_hex)
    except (ValueError, TypeError):
        raise ServiceError(PIN_RESET_MSG.format(why="format rusak")) from None
    if algo != "pbkdf2_sha256":
        raise ServiceError(PIN_RESET_MSG.format(why=f"algoritma {str(algo)[:30]!r} tidak dikenal"))
    if type(it) is not int or not PIN_ITERATIONS_MIN <= it <= PIN_ITERATIONS_MAX:
        raise ServiceError(
            PIN_RESET_MSG.format(
                why=f"jumlah iterasi harus {PIN_ITERATIONS_MIN:,}–{PIN_ITERATIONS_MAX:,}".replace(",", ".")
            )
        )
    if not PIN_SALT_MIN <= len(salt) <= PIN_SALT_MAX:
        raise ServiceError(PIN_RESET_MSG.format(why=f"panjang garam {len(salt)} bita"))
    if len(digest) != hashlib.sha256().digest_size:
        raise ServiceError(PIN_RESET_MSG.format(why=f"panjang hash {len(digest)} bita"))
    return StoredPin(salt, digest, it)


def pin_problem(db: Database) -> str | None:
    """Why the stored PIN cannot be used (Indonesian), or None when it can."""
    with db.read_session() as s:
        row = s.get(Pengaturan, PIN_KEY)
        raw = row.nilai if row is not None else None
    try:
        parse_stored_pin(raw)
    except ServiceError as e:
        return str(e)
    return None


def verify_pin(db: Database, pin: str) -> bool:
    """Whether ``pin`` is the stored PIN (False for an unusable stored PIN; no lockout here)."""
    with db.read_session() as s:
        row = s.get(Pengaturan, PIN_KEY)
        raw = row.nilai if row is not None else None
    try:
        stored = parse_stored_pin(raw)
    except ServiceError:
        return False
    return hmac.compare_digest(_digest(str(pin), stored.salt, stored.iterations), stored.digest)


@dataclass(frozen=True)
class Lockout:
    gagal: int = 0
    #: UTC (naive) until which the pad is locked, or None
    kunci_sampai: dt.datetime | None = None

    def seconds_left(self, now: dt.datetime) -> int:
        if self.kunci_sampai is None or self.kunci_sampai <= now:
            return 0
        return max(1, int((self.kunci_sampai - now).total_seconds() + 0.999))


def lock_seconds(failures: int) -> int:
    """How long the pad locks after the ``failures``-th wrong PIN in a row (0: not locked)."""
    if failures <= LOCKOUT_FREE:
        return 0
    return LOCKOUT_STEPS[min(failures - LOCKOUT_FREE - 1, len(LOCKOUT_STEPS) - 1)]


def parse_lockout(raw: str | None, now: dt.datetime) -> Lockout:
    """The stored lockout, checked: counter bounded, a lock beyond the cap clamped to the cap.

    A damaged value is read as "locked for the cap" (a tamperer gains nothing by breaking it)."""
    if raw is None:
        return Lockout()
    cap = now + dt.timedelta(seconds=LOCKOUT_CAP)
    try:
        if len(raw) > PIN_STORED_MAX:
            raise ValueError
        d = json.loads(raw)
        if not isinstance(d, dict):
            raise ValueError
        n = d.get("gagal", 0)
        if type(n) is not int:
            raise ValueError
        n = max(0, min(n, LOCKOUT_COUNT_MAX))
        until = d.get("kunci_sampai")
        until = None if until is None else dt.datetime.fromisoformat(str(until)[:40])
        if until is not None and until.tzinfo is not None:
            until = until.astimezone(dt.timezone.utc).replace(tzinfo=None)
    except (ValueError, TypeError, OverflowError):
        return Lockout(LOCKOUT_FREE + 1, cap)
    if until is not None and until > cap:
        until = cap
    return Lockout(n, until)


def _now_utc() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def lockout_state(db: Database, now: dt.datetime | None = None) -> Lockout:
    now = now or _now_utc()
    with db.read_session() as s:
        row = s.get(Pengaturan, LOCKOUT_KEY)
        return parse_lockout(row.nilai if row is not None else None, now)


@dataclass(frozen=True)
class PinAttempt:
    ok: bool
    #: seconds the pad stays locked (0: may try again now)
    locked_seconds: int
    message: str


def wait_text(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} detik"
    minutes = (seconds + 59) // 60
    return f"{minutes} menit"


def attempt_pin(db: Database, pin: str, now: dt.datetime | None = None) -> PinAttempt:
    """One try at the exit PIN, with the stored, growing lockout (one transaction).

    While locked the PIN is not even checked. A right PIN resets the counter."""
    now = now or _now_utc()
    with db.session() as s:
        row = s.get(Pengaturan, PIN_KEY)
        stored = parse_stored_pin(row.nilai if row is not None else None)  # ServiceError: must be set again
        lrow = s.get(Pengaturan, LOCKOUT_KEY)
        lock = parse_lockout(lrow.nilai if lrow is not None else None, now)
        left = lock.seconds_left(now)
        if left:
            return PinAttempt(False, left, f"Terlalu banyak PIN salah. Tunggu {wait_text(left)} lalu coba lagi.")
        if hmac.compare_digest(_digest(str(pin), stored.salt, stored.iterations), stored.digest):
            _put(s, LOCKOUT_KEY, json.dumps({"gagal": 0, "kunci_sampai": None}))
            return PinAttempt(True, 0, "")
        n = min(lock.gagal + 1, LOCKOUT_COUNT_MAX)
        secs = lock_seconds(n)
        until = now + dt.timedelta(seconds=secs) if secs else None
        _put(s, LOCKOUT_KEY, json.dumps({"gagal": n, "kunci_sampai": until.isoformat() if until else None}))
    if secs:
        return PinAttempt(False, secs, f"PIN salah {n} kali. Tunggu {wait_text(secs)} lalu coba lagi.")
    return PinAttempt(False, 0, "PIN salah. Coba lagi.")


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
            unit_nama=unit.nama,
            logo=unit.logo,
            periode_id=p.id,
            periode_nama=p.nama,
            layanan=layanan,
            questions=tuple(
                KioskQuestion(r.kode, r.nama, r.pertanyaan or r.nama, (r.label_1, r.label_2, r.label_3, r.label_4))
                for r in rows
            ),
            jenis_kelamin=opts.jenis_kelamin,
            pendidikan=opts.pendidikan,
            pekerjaan=opts.pekerjaan,
            settings=load_settings_s(s),
        )


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
    """A finished kiosk response: the questionnaire as the respondent gave it (numbered,
    dated and marked as the kiosk's only when stored) and the time it took."""

    record: RespondentRecord
    #: seconds the respondent spent from the first question to the confirmation
    durasi: float | None = None

    @classmethod
    def of(cls, answers: tuple[int, ...], durasi: float | None = None, **karakteristik: Any) -> KioskResponse:
        """The response with these answers and (keyword) characteristics, see :data:`KARAKTERISTIK`."""
        return cls(RespondentRecord(0, tuple(answers), **karakteristik), durasi)

    @property
    def answers(self) -> tuple[Answer, ...]:
        return self.record.answers

    def dated(self, tanggal: dt.date) -> KioskResponse:
        """The response given on ``tanggal`` (stored with that date; undated: the day it is stored)."""
        return replace(self, record=self.record.with_(tanggal=tanggal))


@dataclass(frozen=True)
class SaveResult:
    respondent_id: int
    no_kuesioner: int
    ditahan: bool
    alasan: str


def held_reason(s: Session, periode_id: int, resp: KioskResponse, st: KioskSettings, now: dt.datetime) -> str:
    """Why this response looks like a burst ("" when it looks genuine)."""
    reasons = []
    if resp.durasi is not None and st.detik_per_unsur > 0:
        minimum = st.detik_per_unsur * len(resp.answers)
        if resp.durasi < minimum:
            reasons.append(f"diisi terlalu cepat ({int(resp.durasi)} detik untuk {len(resp.answers)} unsur)")
    if st.jeda_minimum > 0:
        last = s.scalar(
            select(func.max(Respondent.created_at)).where(
                Respondent.periode_id == periode_id, Respondent.sumber == "kiosk"
            )
        )
        if last is not None:
            gap = (now - last).total_seconds()
            if gap < st.jeda_minimum:
                reasons.append(
                    f"hanya {max(0, int(gap))} detik setelah responden kios sebelumnya "
                    f"(minimum {st.jeda_minimum} detik)"
                )
    return "; ".join(reasons)


def next_kiosk_no(s: Session, periode_id: int) -> int:
    """The number for the next kiosk questionnaire: highest kiosk-range number + 1, or,
    when the top of the range is taken (e.g. a hostile import), the lowest free one."""
    in_range = (Respondent.periode_id == periode_id, Respondent.no_kuesioner >= KIOSK_NO_MIN)
    top = s.scalar(select(func.max(Respondent.no_kuesioner)).where(*in_range, Respondent.no_kuesioner < NO_MAX))
    if top is None:
        top = KIOSK_NO_MIN - 1
    if not survey.no_exists(s, periode_id, top + 1):
        return top + 1
    return lowest_free_kiosk_no(s, periode_id)


def lowest_free_kiosk_no(s: Session, periode_id: int) -> int:
    """The lowest number >= KIOSK_NO_MIN not used in the period (one query);
    ServiceError only when all 9.9 million kiosk numbers are used."""
    if not survey.no_exists(s, periode_id, KIOSK_NO_MIN):
        return KIOSK_NO_MIN
    other = aliased(Respondent)
    nxt = Respondent.no_kuesioner + 1
    taken_next = select(other.id).where(other.periode_id == periode_id, other.no_kuesioner == nxt).exists()
    free = s.scalar(
        select(func.min(nxt)).where(
            Respondent.periode_id == periode_id,
            Respondent.no_kuesioner >= KIOSK_NO_MIN,
            Respondent.no_kuesioner < NO_MAX,
            ~taken_next,
        )
    )
    if free is None:
        raise ServiceError(
            f"Semua nomor kuesioner kios ({KIOSK_NO_MIN:,}–{NO_MAX:,}) di periode ini sudah terpakai.".replace(",", ".")
        )
    return int(free)


class _NumberTaken(Exception):
    pass


class KioskBusy(ServiceError):
    """The database could not take the response now (busy, locked, unreadable): try again later."""


def _save_once(db: Database, periode_id: int, resp: KioskResponse, st: KioskSettings) -> SaveResult:
    with db.session() as s:
        now = utcnow()
        reason = held_reason(s, periode_id, resp, st, now)
        no = next_kiosk_no(s, periode_id)
        rec = resp.record.with_(
            no_kuesioner=no,
            tanggal=resp.record.tanggal or dt.date.today(),
            saran=(resp.record.saran or "")[:SARAN_MAX],
            sumber="kiosk",
            operator="kios",
        )
        try:
            rid = survey.add_respondent(s, periode_id, rec)
        except ServiceError:
            if survey.no_exists(s, periode_id, no):
                raise _NumberTaken() from None  # another kiosk took it meanwhile: retry
            raise
        if reason:
            hold(s, rid, reason)
        return SaveResult(rid, no, bool(reason), reason)


def save_response(
    db: Database,
    periode_id: int,
    resp: KioskResponse,
    settings: KioskSettings | None = None,
    wait_busy: bool = True,
) -> SaveResult:
    """Store one completed kiosk response in ONE transaction (nothing on failure), dated
    as :meth:`KioskResponse.dated` says (else today).

    Suspicious responses (too fast, or too close to the previous kiosk
    response) are stored held: not counted until the operator accepts them.
    :class:`KioskBusy` when the file stayed busy (the caller keeps the response
    and tries again later); plain ServiceError when the response is refused.
    ``wait_busy=False``: give up at the first busy file (one SQLite busy timeout)
    instead of trying :data:`SAVE_ATTEMPTS` times, so a respondent never waits long.
    """
    last_exc: Exception | None = None
    for attempt in range(SAVE_ATTEMPTS):
        try:
            st = settings or load_settings(db)
            return _save_once(db, periode_id, resp, st)
        except (IntegrityError, _NumberTaken) as exc:  # number taken meanwhile by another writer: again
            last_exc = exc
        except (OperationalError, SQLAlchemyDatabaseError) as exc:  # file busy or momentarily unreadable
            last_exc = exc
            if not wait_busy:
                break
        time.sleep(0.05 * (attempt + 1))
    raise KioskBusy(
        "Jawaban belum dapat disimpan karena basis data sedang sibuk; kios akan mencoba lagi."
    ) from last_exc


# ---------------------------------------------------------------- responses waiting to be stored
PENDING_MAX = 1_000  # responses kept waiting (a kiosk takes far fewer in a day)
PENDING_FILE_MAX = 2_000_000  # bytes of the waiting-file read at all


def response_to_json(resp: KioskResponse, periode_id: int, tanggal: dt.date) -> dict[str, Any]:
    rec = resp.record
    return {
        "periode_id": periode_id,
        "tanggal": tanggal.isoformat(),
        "answers": list(rec.answers),
        **{name: getattr(rec, name) for name in KARAKTERISTIK},
        "durasi": resp.durasi,
    }


def response_from_json(d: object) -> tuple[int, dt.date, KioskResponse]:
    """One waiting response read back from the local file, checked (ValueError when not usable)."""
    if not isinstance(d, dict):
        raise ValueError("bukan objek")
    pid, answers = d.get("periode_id"), d.get("answers")
    if (
        type(pid) is not int
        or not isinstance(answers, list)
        or not 1 <= len(answers) <= 100
        or any(type(a) is not int or not 1 <= a <= 4 for a in answers)
    ):
        raise ValueError("periode atau jawaban tidak sah")

    def text(key: str, limit: int = 200) -> str | None:
        v = d.get(key)
        if v is None:
            return None
        if not isinstance(v, str):
            raise ValueError(key)
        return v[:limit]

    usia, durasi = d.get("usia"), d.get("durasi")
    if usia is not None and type(usia) is not int:
        raise ValueError("usia")
    if durasi is not None and (not isinstance(durasi, (int, float)) or isinstance(durasi, bool)):
        raise ValueError("durasi")
    tanggal = dt.date.fromisoformat(str(d.get("tanggal"))[:10])
    resp = KioskResponse.of(
        tuple(answers),
        durasi=None if durasi is None else float(durasi),
        layanan=text("layanan"),
        jenis_kelamin=text("jenis_kelamin"),
        usia=usia,
        pendidikan=text("pendidikan"),
        pekerjaan=text("pekerjaan"),
        saran=text("saran", SARAN_MAX) or "",
    )
    return pid, tanggal, resp


class PendingStore:
    """Completed responses not yet stored (the database was busy): kept in memory and in
    a small JSON file next to the database, so a crash or power cut loses nothing.

    ``flush`` stores what it can, in order; a response the database refuses for good
    (period closed, invalid) is moved to ``refused`` and to the ``.ditolak.json`` file
    for the operator, never dropped silently."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.items: list[tuple[int, dt.date, KioskResponse]] = []
        self.refused: list[tuple[dict[str, Any], str]] = []
        self.problem = ""  # the last reason the file could not be read or written
        self._lock = threading.RLock()
        if path is not None:
            self._read()

    @classmethod
    def for_database(cls, db: Database) -> PendingStore:
        if db.is_server:  # the queue stays on this PC, named after the server database
            import hashlib

            from skm_desktop.paths import user_data_dir

            key = hashlib.blake2b(db.label.encode(), digest_size=8).hexdigest()
            path = user_data_dir() / f"server-{key}"
            return cls(path.with_name(path.name + ".kios-tertunda.json"))
        if db.path is None:
            raise ServiceError("Basis data ini tidak punya berkas untuk antrean kios.")
        path = Path(db.path)
        return cls(path.with_name(path.name + ".kios-tertunda.json"))

    def __len__(self) -> int:
        return len(self.items)

    def _read(self) -> None:
        path = self.path
        if path is None:
            return
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            return
        except OSError as e:
            self.problem = f"Berkas {self.path} tidak dapat dibaca: {e.strerror}"
            return
        if size > PENDING_FILE_MAX:
            self.problem = f"Berkas {self.path} terlalu besar ({size} bita); tidak dibaca."
            return
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            rows = data.get("tertunda") if isinstance(data, dict) else None
            if not isinstance(rows, list):
                raise ValueError("isi bukan daftar jawaban tertunda")
        except (OSError, ValueError, RecursionError) as e:
            self.problem = f"Berkas {self.path} rusak dan tidak dibaca ({e.__class__.__name__})."
            return
        for i, row in enumerate(rows[:PENDING_MAX]):
            try:
                self.items.append(response_from_json(row))
            except (ValueError, TypeError) as e:
                self.refused.append((row if isinstance(row, dict) else {}, f"baris {i + 1} tidak sah: {e}"))
        if self.refused:
            self._write_refused()

    def _write(self) -> bool:
        if self.path is None:
            return False
        rows = [response_to_json(r, pid, tg) for pid, tg, r in self.items]
        try:
            if not rows:
                self.path.unlink(missing_ok=True)
                return True
            _atomic_write(self.path, json.dumps({"tertunda": rows}, ensure_ascii=False))
            return True
        except OSError as e:
            self.problem = f"Berkas {self.path} tidak dapat ditulis: {e.strerror}"
            return False

    def _write_refused(self) -> None:
        if self.path is None or not self.refused:
            return
        target = self.path.with_name(self.path.name.replace(".kios-tertunda.json", "") + ".kios-ditolak.json")
        try:
            _atomic_write(
                target,
                json.dumps({"ditolak": [{"data": d, "alasan": why} for d, why in self.refused]}, ensure_ascii=False),
            )
        except OSError as e:
            self.problem = f"Berkas {target} tidak dapat ditulis: {e.strerror}"

    def refuse(self, periode_id: int, resp: KioskResponse, tanggal: dt.date, reason: str) -> None:
        """Keep a response the database refused for good, for the operator (never dropped)."""
        with self._lock:
            self.refused.append((response_to_json(resp, periode_id, tanggal), reason))
            self._write_refused()

    def add(self, periode_id: int, resp: KioskResponse, tanggal: dt.date) -> None:
        with self._lock:
            if len(self.items) >= PENDING_MAX:
                raise ServiceError(f"Sudah {PENDING_MAX} jawaban menunggu disimpan; hubungi petugas.")
            self.items.append((periode_id, tanggal, resp))
            self._write()

    def flush(self, db: Database, settings: KioskSettings | None = None, wait_busy: bool = False) -> list[SaveResult]:
        """Store the waiting responses in order; stops at the first busy one. Returns what was stored.

        Safe to run in a worker thread while ``add`` is called from the GUI thread. The
        gap between respondents (``jeda_minimum``) is not checked for these delayed
        saves (they are stored together, long after they were given); the too-fast check is."""
        done: list[SaveResult] = []
        while True:
            with self._lock:
                if not self.items:
                    break
                item = self.items[0]
            pid, tanggal, resp = item
            try:
                st = replace(settings or load_settings(db), jeda_minimum=0)
                done.append(save_response(db, pid, resp.dated(tanggal), settings=st, wait_busy=wait_busy))
            except KioskBusy:
                break
            except (OperationalError, SQLAlchemyDatabaseError):  # load_settings on a busy file
                break
            except ServiceError as e:
                with self._lock:
                    self.refused.append((response_to_json(resp, pid, tanggal), str(e)))
                    self._write_refused()
            with self._lock:
                if self.items and self.items[0] is item:
                    self.items.pop(0)
                self._write()
        return done


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


# ---------------------------------------------------------------- held responses
def hold(s: Session, respondent_id: int, reason: str) -> None:
    """Mark a stored response as held (inside the caller's transaction) and record why."""
    r = s.get(Respondent, respondent_id)
    if r is None:
        raise ServiceError("Kuesioner tidak ditemukan.")
    s.execute(update(Respondent).where(Respondent.id == respondent_id).values(ditahan=True))
    _audit_held(s, r, "tahan", reason, operator="kios")


def _audit_held(s: Session, r: Respondent, aksi: str, keterangan: str, operator: str) -> None:
    """The audit row of one step in a held response's life: held, accepted, deleted."""
    s.add(
        Audit(
            operator=operator,
            aksi=aksi,
            periode_id=r.periode_id,
            responden_id=r.id,
            no_kuesioner=r.no_kuesioner,
            keterangan=keterangan,
        )
    )


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
        ids = list(
            s.scalars(select(Respondent.id).where(Respondent.periode_id == periode_id, Respondent.ditahan.is_(True)))
        )
        if not ids:
            return []
        records = survey.load_records(s, periode_id, ids=ids)
        created = dict(s.execute(select(Respondent.id, Respondent.created_at).where(Respondent.id.in_(ids))).all())
        reasons: dict[int | None, str] = {}
        for rid, text in s.execute(
            select(Audit.responden_id, Audit.keterangan)
            .where(Audit.responden_id.in_(ids), Audit.aksi == "tahan")
            .order_by(Audit.id)
        ):
            reasons[rid] = text
        return [
            HeldResponse(
                rid, rec.no_kuesioner, _local(created[rid]), rec.layanan, rec.answers, rec.saran, reasons.get(rid, "")
            )
            for rid, rec in records
        ]


def _held_row(s: Session, respondent_id: int) -> Respondent:
    r = s.get(Respondent, respondent_id)
    if r is None:
        raise ServiceError("Kuesioner tidak ditemukan (mungkin sudah diproses).")
    if not r.ditahan:
        raise ServiceError(f"Kuesioner no. {r.no_kuesioner} tidak sedang ditahan.")
    p = get_or_refuse(s, Periode, r.periode_id, "Periode")
    if p.ditutup:
        raise ServiceError(f"Periode '{p.nama}' sudah ditutup; buka kembali untuk memproses kuesioner ini.")
    return r


def accept_held(db: Database, respondent_ids: Iterable[int], operator: str = "") -> int:
    """Count held responses from now on. All or nothing. Returns how many."""
    ids = list(respondent_ids)
    with db.session() as s:
        for rid in ids:
            r = _held_row(s, rid)
            r.ditahan = False
            _audit_held(s, r, "terima", "Kuesioner kios yang ditahan diterima.", operator)
    return len(ids)


def delete_held(db: Database, respondent_ids: Iterable[int], operator: str = "") -> int:
    """Delete held responses (they were never counted). All or nothing. Returns how many."""
    ids = list(respondent_ids)
    with db.session() as s:
        for rid in ids:
            r = _held_row(s, rid)
            _audit_held(s, r, "hapus", "Kuesioner kios yang ditahan dihapus.", operator)
            s.execute(delete(Jawaban).where(Jawaban.responden_id == rid))
            s.execute(delete(Respondent).where(Respondent.id == rid))
    return len(ids)


def kiosk_counts(db: Database, periode_id: int) -> tuple[int, int]:
    """(kiosk responses counted, kiosk responses held) in a period."""
    with db.read_session() as s:
        rows = dict(
            s.execute(
                select(Respondent.ditahan, func.count())
                .where(Respondent.periode_id == periode_id, Respondent.sumber == "kiosk")
                .group_by(Respondent.ditahan)
            ).all()
        )
    return rows.get(False, 0), rows.get(True, 0)
