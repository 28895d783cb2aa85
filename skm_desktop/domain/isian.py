"""The keyed fields of the verification form (pure): which fields are compared, a stored
record's values as canonical text, a keyed value parsed to canonical text, and the
chosen values written back onto a record.

Fields compared: tanggal, jenis layanan, jenis kelamin, usia, pendidikan, pekerjaan
and every unsur answer. Saran (free text) is not double-keyed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from . import formatting as fmt
from . import karakteristik as kar
from . import tanggal as tgl
from .errors import DomainError
from .respondent import RespondentRecord
from .scoring import parse_answer

PILIHAN = {"pertama": "Entri pertama", "kedua": "Entri kedua", "lain": "Nilai lain"}
BASE_FIELDS = (
    ("tanggal", "Tanggal"),
    ("jenis_layanan", "Jenis layanan"),
    ("jenis_kelamin", "Jenis kelamin"),
    ("usia", "Usia"),
    ("pendidikan", "Pendidikan"),
    ("pekerjaan", "Pekerjaan"),
)


@dataclass(frozen=True)
class Isian:
    """One keyed field of the verification form."""

    key: str
    label: str
    pilihan: tuple[str, ...] = ()  # the coded choices (code = position + 1), if any


def base_and_unsur(base_lists: Mapping[str, tuple[str, ...] | list[str]], unsur_kode: list[str]) -> list[Isian]:
    """The form: the base fields (with the unit's coded choices) then one field per unsur, in order."""
    out = [Isian(k, label, tuple(base_lists.get(k, ()))) for k, label in BASE_FIELDS]
    out += [Isian(kode.lower(), kode, ()) for kode in unsur_kode]
    return out


def label_of(fields: list[Isian], key: str) -> str:
    return next((f.label for f in fields if f.key == key), key)


def canonical(rec: RespondentRecord, fields: list[Isian]) -> dict[str, str]:
    """The compared values of a stored record, as text ('' = empty)."""
    out = {
        "tanggal": rec.tanggal.isoformat() if rec.tanggal else "",
        "jenis_layanan": rec.layanan or "",
        "jenis_kelamin": rec.jenis_kelamin or "",
        "usia": "" if rec.usia is None else str(rec.usia),
        "pendidikan": rec.pendidikan or "",
        "pekerjaan": rec.pekerjaan or "",
    }
    keys = [f.key for f in fields if f.key not in out]
    for key, a in zip(keys, rec.answers):
        out[key] = "" if a is None else str(a)
    return out


def parse_value(isian: Isian, raw: str) -> str:
    """A keyed value (a code, a name, a number) as canonical text; raises DomainError."""
    text = " ".join(str(raw or "").split())
    if text in ("", "-"):
        return ""
    key = isian.key
    if key == "tanggal":
        return tgl.parse(text).isoformat()  # no base date: shortcuts (14, 1412) refused
    if key == "usia":
        return str(kar.parse_usia(text))
    if isian.pilihan or key in ("jenis_layanan", "jenis_kelamin", "pendidikan", "pekerjaan"):
        if text.isascii() and text.isdigit():
            i = int(text)
            if 1 <= i <= len(isian.pilihan):
                return isian.pilihan[i - 1]
            raise DomainError(f"kode {text} tidak ada; pilihan 1 sampai {len(isian.pilihan)}")
        if key == "jenis_kelamin":
            return kar.normalize_jenis_kelamin(text, isian.pilihan) or ""
        if key == "pendidikan":
            return kar.normalize_pendidikan(text, isian.pilihan) or ""
        if key == "pekerjaan":
            return kar.normalize_pekerjaan(text, isian.pilihan) or ""
        match = [x for x in isian.pilihan if x.casefold() == text.casefold()]
        if not match:
            raise DomainError(f"'{text}' tidak terdaftar")
        return match[0]
    a = parse_answer(text)
    return "" if a is None else str(a)


def terapkan(rec: RespondentRecord, fields: list[Isian], values: Mapping[str, str | None]) -> RespondentRecord:
    kw: dict[str, dt.date | int | str | None] = {}
    for key, v in values.items():
        if key == "tanggal":
            kw["tanggal"] = dt.date.fromisoformat(v) if v else None
        elif key == "usia":
            kw["usia"] = int(v) if v else None
        elif key == "jenis_layanan":
            kw["layanan"] = v or None
        elif key in ("jenis_kelamin", "pendidikan", "pekerjaan"):
            kw[key] = v or None
    answers = list(rec.answers)
    u_keys = [f.key for f in fields if f.key not in dict(BASE_FIELDS)]
    for i, key in enumerate(u_keys):
        if key in values:
            v = values[key]
            answers[i] = int(v) if v else None
    return rec.with_(answers=tuple(answers), **kw)


def show_value(key: str, value: str | None) -> str:
    """A canonical value as the user reads it."""
    if value is None:
        return ""
    if value == "":
        return "(kosong)"
    if key == "tanggal":
        return fmt.tanggal(dt.date.fromisoformat(value))
    return value
