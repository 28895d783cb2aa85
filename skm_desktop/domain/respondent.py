"""A questionnaire as a plain record, and its validation against a period."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Sequence

from .errors import DomainError
from .karakteristik import (JENIS_KELAMIN, PEKERJAAN, PENDIDIKAN, SUMBER, normalize_jenis_kelamin,
                            normalize_pekerjaan, normalize_pendidikan, parse_usia)
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
    sumber: str = "kertas"
    batch: str = ""
    operator: str = ""
    posisi: int | None = None  # position of the form in its paper batch

    def with_(self, **kw) -> "RespondentRecord":
        return replace(self, **kw)


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
        if not (s.isascii() and s.isdigit()) or len(s) > 9:  # ASCII 0-9 only; never a huge int
            raise DomainError(f"nomor kuesioner '{s}' harus bilangan bulat positif")
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
    layanan = (record.layanan or "").strip() or None
    if layanan is not None and options.layanan:
        match = [x for x in options.layanan if x.casefold() == layanan.casefold()]
        if not match:
            raise DomainError(f"jenis layanan '{layanan}' tidak terdaftar")
        layanan = match[0]
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


def answers_text(answers: Sequence[Answer]) -> str:
    return " ".join("-" if a is None else str(a) for a in answers)
