"""A questionnaire as a plain record, and its validation against a period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from .errors import DomainError, type_name
from .karakteristik import (
    JENIS_KELAMIN,
    PEKERJAAN,
    PENDIDIKAN,
    SUMBER,
    SUMBER_DEFAULT,
    normalize_jenis_kelamin,
    normalize_pekerjaan,
    normalize_pendidikan,
    parse_usia,
)
from .scoring import Answer, parse_answer

NO_MAX = 9_999_999

# Questionnaire numbers live in two ranges that cannot collide: numbers printed
# on paper, keyed or imported, are at most PAPER_NO_MAX (five digits, far above
# the 10,351 forms of the largest unit survey in the reference material); the
# kiosk numbers its own forms from KIOSK_NO_MIN upwards in each period, so an
# imported number can never leave the kiosk without a free number.
PAPER_NO_MAX = 99_999
KIOSK_NO_MIN = PAPER_NO_MAX + 2  # 100,001: the kiosk's first number in a period


@dataclass(frozen=True)
class Options:
    """The choice lists configured for a unit."""

    jenis_kelamin: tuple[str, ...] = JENIS_KELAMIN
    pendidikan: tuple[str, ...] = PENDIDIKAN
    pekerjaan: tuple[str, ...] = PEKERJAAN
    layanan: tuple[str, ...] = ()

    @cached_property
    def layanan_by_key(self) -> dict[str, str]:
        """casefolded name -> registered name (one dictionary look-up per questionnaire)."""
        return {x.casefold(): x for x in reversed(self.layanan)}


#: the respondent's answers besides the unsur: fields of :class:`RespondentRecord`
#: (the kiosk's waiting responses and the entry draft are stored under these names)
KARAKTERISTIK = ("layanan", "jenis_kelamin", "usia", "pendidikan", "pekerjaan", "saran")


@dataclass(frozen=True)
class RespondentRecord:
    no_kuesioner: int
    answers: tuple[Answer, ...]
    tanggal: dt.date | None = None
    layanan: str | None = None
    jenis_kelamin: str | None = None
    usia: int | None = None
    pendidikan: str | None = None
    pekerjaan: str | None = None
    saran: str = ""
    sumber: str = SUMBER_DEFAULT
    batch: str = ""
    operator: str = ""
    posisi: int | None = None  # position of the form in its paper batch

    def with_(self, **kw: Any) -> RespondentRecord:
        return replace(self, **kw)

    # The one serialised shape of a questionnaire: .skm packages and the audit
    # trail both store exactly this dict (keys in RECORD_KEYS).
    def to_dict(self) -> dict[str, Any]:
        return {
            "no_kuesioner": self.no_kuesioner,
            "tanggal": self.tanggal.isoformat() if self.tanggal else None,
            "jenis_layanan": self.layanan,
            "jenis_kelamin": self.jenis_kelamin,
            "usia": self.usia,
            "pendidikan": self.pendidikan,
            "pekerjaan": self.pekerjaan,
            "jawaban": list(self.answers),
            "saran": self.saran,
            "sumber": self.sumber,
            "batch": self.batch,
            "posisi": self.posisi,
            "operator": self.operator,
        }

    @classmethod
    def from_dict(cls, d: object) -> RespondentRecord:
        """The record of a dict made by ``to_dict``, checked field by field (types,
        lengths, ranges; unknown keys refused). Raises DomainError naming the field.
        Values are not normalised against a unit's choice lists here: ``validate`` does that."""
        if not isinstance(d, dict):
            raise DomainError(f"kuesioner harus berupa objek, bukan {type_name(d)}")
        unknown = [k for k in d if k not in RECORD_KEYS]
        if unknown:
            shown = ", ".join(repr(k)[:40] for k in unknown[:5])
            raise DomainError(f"kolom tidak dikenal: {shown}")
        if "no_kuesioner" not in d:
            raise DomainError("kolom no_kuesioner tidak ada")
        if "jawaban" not in d:
            raise DomainError("kolom jawaban tidak ada")
        no = d["no_kuesioner"]
        if not _is_int(no) or not 1 <= no <= NO_MAX:
            raise DomainError(f"no_kuesioner {_show(no)} harus bilangan bulat 1 sampai {NO_MAX}")
        jawaban = d["jawaban"]
        if not isinstance(jawaban, list) or len(jawaban) > ANSWERS_MAX:
            raise DomainError(f"jawaban harus daftar berisi paling banyak {ANSWERS_MAX} nilai")
        # fast path (C-level set checks; the type check keeps out True and 1.0, equal to 1)
        if not ({type(a) for a in jawaban} <= _ANSWER_TYPES and _ANSWER_VALUES.issuperset(jawaban)):
            for i, a in enumerate(jawaban, start=1):
                if a is not None and (not _is_int(a) or not 1 <= a <= 4):
                    raise DomainError(f"jawaban U{i} {_show(a)} harus 1, 2, 3, 4 atau kosong")
        texts = {}
        for key, limit in TEXT_LIMITS.items():
            v = d.get(key)
            if v is not None and (not isinstance(v, str) or len(v) > limit):
                raise DomainError(f"{key} harus teks paling panjang {limit} karakter, bukan {_show(v)}")
            texts[key] = v
        tanggal = d.get("tanggal")
        if tanggal is not None:
            if not isinstance(tanggal, str) or len(tanggal) != 10:
                raise DomainError(f"tanggal {_show(tanggal)} harus berbentuk TTTT-BB-HH")
            try:
                tanggal = dt.date.fromisoformat(tanggal)
            except ValueError:
                raise DomainError(f"tanggal {_show(d['tanggal'])} bukan tanggal TTTT-BB-HH yang sah") from None
        usia = d.get("usia")
        if usia is not None and (not _is_int(usia) or not 0 <= usia <= USIA_MAX):
            raise DomainError(f"usia {_show(usia)} harus bilangan bulat 0 sampai {USIA_MAX}")
        posisi = d.get("posisi")
        if posisi is not None and (not _is_int(posisi) or not 1 <= posisi <= NO_MAX):
            raise DomainError(f"posisi {_show(posisi)} harus bilangan bulat 1 sampai {NO_MAX}")
        sumber = texts["sumber"]
        if sumber is not None and sumber not in SUMBER:
            raise DomainError(f"sumber {_show(sumber)} tidak dikenal; pilihan: {', '.join(SUMBER)}")
        return cls(
            no_kuesioner=no,
            answers=tuple(jawaban),
            tanggal=tanggal,
            layanan=texts["jenis_layanan"],
            jenis_kelamin=texts["jenis_kelamin"],
            usia=usia,
            pendidikan=texts["pendidikan"],
            pekerjaan=texts["pekerjaan"],
            saran=texts["saran"] or "",
            sumber=sumber or SUMBER_DEFAULT,
            batch=texts["batch"] or "",
            operator=texts["operator"] or "",
            posisi=posisi,
        )


RECORD_KEYS = (
    "no_kuesioner",
    "tanggal",
    "jenis_layanan",
    "jenis_kelamin",
    "usia",
    "pendidikan",
    "pekerjaan",
    "jawaban",
    "saran",
    "sumber",
    "batch",
    "posisi",
    "operator",
)
#: longest text accepted per serialised field (the database columns' sizes; saran is free text)
TEXT_LIMITS = {
    "jenis_layanan": 200,
    "jenis_kelamin": 20,
    "pendidikan": 100,
    "pekerjaan": 100,
    "saran": 5000,
    "sumber": 10,
    "batch": 50,
    "operator": 100,
}
_ANSWER_TYPES = frozenset({int, type(None)})
_ANSWER_VALUES = frozenset({1, 2, 3, 4, None})
ANSWERS_MAX = 60  # answers per questionnaire: far above the 9 unsur of the regulation
USIA_MAX = 150

#: plausible questionnaire dates: the regulation (PermenPAN-RB 14/2017) to a year ahead
TANGGAL_MIN = dt.date(2017, 1, 1)


def tanggal_max(today: dt.date | None = None) -> dt.date:
    today = today or dt.date.today()
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 1, day=28)


def check_tanggal(tanggal: dt.date | None, today: dt.date | None = None) -> None:
    """A date outside TANGGAL_MIN .. today + 1 year is refused (a typing or clock error)."""
    if tanggal is None:
        return
    hi = tanggal_max(today)
    if not TANGGAL_MIN <= tanggal <= hi:
        raise DomainError(
            f"tanggal {tanggal:%d-%m-%Y} di luar rentang wajar ({TANGGAL_MIN:%d-%m-%Y} sampai {hi:%d-%m-%Y})"
        )


def check_no_range(no: int, sumber: str) -> None:
    """Paper/import numbers are at most PAPER_NO_MAX; kiosk numbers start at KIOSK_NO_MIN;
    a number's range and its sumber must agree."""
    if no <= PAPER_NO_MAX:
        if sumber == "kiosk":
            raise DomainError(f"nomor {no} adalah nomor kertas/impor (1 sampai {PAPER_NO_MAX}) tetapi sumbernya kiosk")
    elif no < KIOSK_NO_MIN:
        raise DomainError(
            f"nomor {no} tidak dipakai: nomor kertas/impor paling besar {PAPER_NO_MAX}, nomor kios mulai {KIOSK_NO_MIN}"
        )
    elif sumber != "kiosk":
        raise DomainError(f"nomor {no} adalah nomor kios (mulai {KIOSK_NO_MIN}) tetapi sumbernya {sumber}")


def _is_int(v: object) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _show(v: object) -> str:
    """A value for a message: short, whatever its size."""
    if isinstance(v, (dict, list)):
        return f"({type_name(v)})"
    text = repr(v)
    return text if len(text) <= 40 else text[:37] + "…"


def parse_no_kuesioner(value: object) -> int:
    if isinstance(value, bool):
        raise DomainError(f"nomor kuesioner '{value}' tidak sah")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        n = value
    else:
        s = str(value if value is not None else "").strip()
        if s.endswith(".0"):
            s = s[:-2]
        if not s:
            raise DomainError("nomor kuesioner wajib diisi")
        if not (s.isascii() and s.isdigit()) or len(s) > 12:  # "²".isdigit(); int() of 10⁵ digits
            shown = s if len(s) <= 20 else s[:20] + "…"
            raise DomainError(f"nomor kuesioner '{shown}' harus bilangan bulat positif")
        n = int(s)
    if not 1 <= n <= NO_MAX:
        raise DomainError(f"nomor kuesioner {n} harus antara 1 dan {NO_MAX}")
    return n


def parse_sumber(value: object) -> str:
    s = str(value or "").strip().lower()
    if not s:
        return "kertas"
    if s not in SUMBER:
        raise DomainError(f"sumber '{value}' tidak dikenal; pilihan: {', '.join(SUMBER)}")
    return s


def validate(record: RespondentRecord, n_unsur: int, options: Options) -> RespondentRecord:
    """Normalise and check a record; raises DomainError naming the field."""
    if len(record.answers) != n_unsur:
        raise DomainError(f"kuesioner harus memiliki {n_unsur} jawaban unsur, ada {len(record.answers)}")
    answers = []
    for i, a in enumerate(record.answers, start=1):
        try:
            answers.append(parse_answer(a))
        except DomainError as e:
            raise DomainError(f"U{i}: {e}") from None
    layanan = _normalise_field("layanan", record.layanan, options)
    return replace(
        record,
        no_kuesioner=parse_no_kuesioner(record.no_kuesioner),
        answers=tuple(answers),
        layanan=layanan,
        jenis_kelamin=normalize_jenis_kelamin(record.jenis_kelamin, options.jenis_kelamin),
        usia=parse_usia(record.usia),
        pendidikan=normalize_pendidikan(record.pendidikan, options.pendidikan),
        pekerjaan=normalize_pekerjaan(record.pekerjaan, options.pekerjaan),
        saran=(record.saran or "").strip(),
        sumber=parse_sumber(record.sumber),
        batch=(record.batch or "").strip(),
        operator=(record.operator or "").strip(),
    )


def validate_all(
    records: Sequence[RespondentRecord], n_unsur: int, options: Options
) -> tuple[list[RespondentRecord], list[tuple[int, RespondentRecord, DomainError]]]:
    """``validate`` for many records at once, with the same results: the choice
    fields are normalised once per distinct value (a period has a handful of them),
    and a record that needs no change is kept as it is. Returns (valid records,
    [(index, record, error)] for the others)."""
    # per field: raw value -> (normalised value,), or None when it needs the slow path
    caches: tuple[dict[object, tuple[str | None] | None], ...] = ({}, {}, {}, {})
    fields = ("layanan", "jenis_kelamin", "pendidikan", "pekerjaan")
    ok: list[RespondentRecord] = []
    bad: list[tuple[int, RespondentRecord, DomainError]] = []
    for i, rec in enumerate(records):
        try:
            answers = rec.answers
            if (
                len(answers) != n_unsur
                or type(rec.no_kuesioner) is not int
                or not 1 <= rec.no_kuesioner <= NO_MAX
                or not ({type(a) for a in answers} <= _ANSWER_TYPES and _ANSWER_VALUES.issuperset(answers))
                or not (rec.usia is None or type(rec.usia) is int)
            ):
                raise _Slow
            values: list[str | None] = []
            for cache, name in zip(caches, fields):
                raw = getattr(rec, name)
                if raw in cache:
                    hit = cache[raw]
                else:
                    try:
                        hit = (_normalise_field(name, raw, options),)
                    except DomainError:
                        hit = None
                    cache[raw] = hit
                if hit is None:
                    raise _Slow
                values.append(hit[0])
            usia = parse_usia(rec.usia)
            sumber = parse_sumber(rec.sumber)
            texts = ((rec.saran or "").strip(), (rec.batch or "").strip(), (rec.operator or "").strip())
            if (
                tuple(values) == (rec.layanan, rec.jenis_kelamin, rec.pendidikan, rec.pekerjaan)
                and usia == rec.usia
                and sumber == rec.sumber
                and type(answers) is tuple
                and texts == (rec.saran, rec.batch, rec.operator)
            ):
                ok.append(rec)
            else:
                ok.append(
                    RespondentRecord(
                        rec.no_kuesioner,
                        tuple(answers),
                        rec.tanggal,
                        values[0],
                        values[1],
                        usia,
                        values[2],
                        values[3],
                        texts[0],
                        sumber,
                        texts[1],
                        texts[2],
                        rec.posisi,
                    )
                )
        except (_Slow, DomainError, TypeError):
            try:  # the one-record path gives the exact result or message
                ok.append(validate(rec, n_unsur, options))
            except DomainError as e:
                bad.append((i, rec, e))
    return ok, bad


class _Slow(Exception):
    """Internal: this record takes the one-record path of ``validate``."""


def _normalise_field(name: str, value: object, options: Options) -> str | None:
    if name == "layanan":
        if value is not None and not isinstance(value, str):
            raise DomainError(f"jenis layanan {_show(value)} bukan teks")
        layanan = (value or "").strip() or None
        if layanan is not None and options.layanan:
            match = options.layanan_by_key.get(layanan.casefold())
            if match is None:
                raise DomainError(f"jenis layanan '{layanan}' tidak terdaftar")
            layanan = match
        return layanan
    if name == "jenis_kelamin":
        return normalize_jenis_kelamin(value, options.jenis_kelamin)
    if name == "pendidikan":
        return normalize_pendidikan(value, options.pendidikan)
    return normalize_pekerjaan(value, options.pekerjaan)


def answers_text(answers: Sequence[Answer]) -> str:
    return " ".join("-" if a is None else str(a) for a in answers)
