"""The audit trail: every addition, change, deletion, restoration and
verification of a stored questionnaire, with before/after values (JSON), who
and when; listing with filters; finding a deletion to restore.

The rows are written inside the caller's transaction, so a change and its
audit row are stored together or not at all.

This module sits below :mod:`.survey` (which writes a row for every change);
restoring a deletion, which stores a questionnaire again through
:mod:`.survey`, lives above both, in :mod:`.auditing`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.storage.models import Audit, Periode, utcnow

from . import ServiceError

#: action key -> label shown to the user
AKSI = {
    "tambah": "Tambah",
    "ubah": "Ubah",
    "hapus": "Hapus",
    "pulih": "Pulihkan",
    "verifikasi": "Verifikasi",
    "impor": "Impor",
}

#: record fields in display order -> label shown to the user (answers follow as U1 … Un)
FIELD_LABELS = {
    "no_kuesioner": "No. kuesioner",
    "tanggal": "Tanggal",
    "jenis_layanan": "Jenis layanan",
    "jenis_kelamin": "Jenis kelamin",
    "usia": "Usia",
    "pendidikan": "Pendidikan",
    "pekerjaan": "Pekerjaan",
    "saran": "Saran",
    "sumber": "Sumber",
    "batch": "Batch",
    "posisi": "Posisi dalam batch",
    "operator": "Operator entri",
}


@dataclass(frozen=True)
class Jejak:
    """What is done to a questionnaire, by whom and why: its audit row's action
    (a key of AKSI), operator, note and the audit row it follows from (a restore)."""

    aksi: str
    operator: str = ""
    keterangan: str = ""
    ref_id: int | None = None


# ------------------------------------------------------------------ JSON of a record
def record_to_dict(rec: RespondentRecord) -> dict[str, Any]:
    return rec.to_dict()  # the one serialiser: domain.respondent.RespondentRecord


def record_from_dict(d: dict[str, Any]) -> RespondentRecord:
    try:
        return RespondentRecord.from_dict(d)
    except DomainError as e:
        raise ServiceError(f"Isi kuesioner dalam jejak audit tidak sah: {e}.") from None


def _dump(rec: RespondentRecord | None) -> str | None:
    return None if rec is None else json.dumps(record_to_dict(rec), ensure_ascii=False)


# ------------------------------------------------------------------ writing
def record(
    s: Session,
    jejak: Jejak,
    periode_id: int | None,
    *,
    responden_id: int | None = None,
    no_kuesioner: int | None = None,
    sebelum: RespondentRecord | None = None,
    sesudah: RespondentRecord | None = None,
    sebelum_json: str | None = None,
) -> int:
    """Write one audit row in the caller's transaction; returns its id."""
    if jejak.aksi not in AKSI:
        raise ServiceError(f"Jenis aksi jejak audit '{jejak.aksi}' tidak dikenal.")
    if no_kuesioner is None:
        known = sesudah or sebelum
        no_kuesioner = known.no_kuesioner if known else None
    values = dict(
        waktu=utcnow(),
        operator=(jejak.operator or "").strip(),
        aksi=jejak.aksi,
        periode_id=periode_id,
        responden_id=responden_id,
        no_kuesioner=no_kuesioner,
        sebelum=sebelum_json if sebelum_json is not None else _dump(sebelum),
        sesudah=_dump(sesudah),
        keterangan=jejak.keterangan,
        ref_id=jejak.ref_id,
    )
    return s.execute(insert(Audit).values(**values).returning(Audit.id)).scalar_one()


# ------------------------------------------------------------------ reading
@dataclass(frozen=True)
class FieldChange:
    key: str
    label: str
    sebelum: Any
    sesudah: Any

    @property
    def berubah(self) -> bool:
        return bool(self.sebelum != self.sesudah)


#: how a form's offline-queue token is written in its audit note (services.antrean): a
#: technical mark, left out of what the audit page shows
TOKEN_MARK = "antrean:"
_TOKEN_NOTE = re.compile(r"\s*\(" + re.escape(TOKEN_MARK) + r"[0-9a-f]{32}\)")


def shown_note(keterangan: str) -> str:
    """An audit note as the operator reads it (without the queue token)."""
    return _TOKEN_NOTE.sub("", keterangan).strip()


@dataclass(frozen=True)
class AuditEntry:
    id: int
    waktu: dt.datetime
    operator: str
    aksi: str
    periode_id: int | None
    periode: str
    responden_id: int | None
    no_kuesioner: int | None
    sebelum: dict[str, Any] | None  # the RespondentRecord.to_dict shape, as stored
    sesudah: dict[str, Any] | None
    keterangan: str
    ref_id: int | None
    dipulihkan: bool  # a deletion that has been restored already
    komputer: str = ""  # the PC it was done on

    @property
    def oleh(self) -> str:
        """Who did it, and on which PC: "Rina (PC-LOKET)"."""
        who = self.operator or "(tanpa nama)"
        return f"{who} ({self.komputer})" if self.komputer else who

    @property
    def aksi_label(self) -> str:
        return AKSI.get(self.aksi, self.aksi)

    @property
    def dapat_dipulihkan(self) -> bool:
        return self.aksi == "hapus" and isinstance(self.sebelum, dict) and not self.dipulihkan

    def fields(self) -> list[FieldChange]:
        """Before/after per field (answers as U1 … Un), in display order."""
        a = self.sebelum if isinstance(self.sebelum, dict) else {}
        b = self.sesudah if isinstance(self.sesudah, dict) else {}
        if not a and not b:
            return []
        out = []
        for key, label in FIELD_LABELS.items():
            if key == "saran":
                n = max(len(a.get("jawaban") or ()), len(b.get("jawaban") or ()))
                for i in range(n):
                    ja, jb = a.get("jawaban") or [], b.get("jawaban") or []
                    out.append(
                        FieldChange(
                            f"u{i + 1}", f"U{i + 1}", ja[i] if i < len(ja) else None, jb[i] if i < len(jb) else None
                        )
                    )
            out.append(FieldChange(key, label, a.get(key), b.get(key)))
        return out


def _loads(text: str | None) -> dict[str, Any] | None:
    """A stored record dict; None when absent or not a JSON object."""
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _utc_of_local_midnight(d: dt.date) -> dt.datetime:
    return dt.datetime.combine(d, dt.time()).astimezone(dt.timezone.utc).replace(tzinfo=None)


def waktu_lokal(waktu: dt.datetime) -> dt.datetime:
    """A stored (UTC) time in the computer's local time."""
    return waktu.replace(tzinfo=dt.timezone.utc).astimezone().replace(tzinfo=None)


def list_audit(
    s: Session,
    periode_id: int | None = None,
    operator: str | None = None,
    aksi: str | None = None,
    no_kuesioner: int | None = None,
    dari: dt.date | None = None,
    sampai: dt.date | None = None,
    limit: int = 2000,
) -> list[AuditEntry]:
    """Audit rows, newest first, filtered by period, operator, action, number and
    date range (inclusive, in local dates)."""
    q = select(Audit, Periode.nama).outerjoin(Periode, Periode.id == Audit.periode_id)
    if periode_id is not None:
        q = q.where(Audit.periode_id == periode_id)
    if operator:
        q = q.where(Audit.operator == operator)
    if aksi:
        q = q.where(Audit.aksi == aksi)
    if no_kuesioner is not None:
        q = q.where(Audit.no_kuesioner == no_kuesioner)
    if dari is not None:
        q = q.where(Audit.waktu >= _utc_of_local_midnight(dari))
    if sampai is not None:
        q = q.where(Audit.waktu < _utc_of_local_midnight(sampai + dt.timedelta(days=1)))
    rows = s.execute(q.order_by(Audit.waktu.desc(), Audit.id.desc()).limit(limit)).all()
    ids = [a.id for a, _ in rows if a.aksi == "hapus"]
    restored = set()
    if ids:
        restored = set(s.scalars(select(Audit.ref_id).where(Audit.aksi == "pulih", Audit.ref_id.in_(ids))))
    return [
        AuditEntry(
            a.id,
            a.waktu,
            a.operator,
            a.aksi,
            a.periode_id,
            nama or "",
            a.responden_id,
            a.no_kuesioner,
            _loads(a.sebelum),
            _loads(a.sesudah),
            shown_note(a.keterangan or ""),
            a.ref_id,
            a.id in restored,
            a.komputer or "",
        )
        for a, nama in rows
    ]


def operators(s: Session, periode_id: int | None = None) -> list[str]:
    q = select(Audit.operator).distinct().where(Audit.operator != "")
    if periode_id is not None:
        q = q.where(Audit.periode_id == periode_id)
    return sorted(s.scalars(q), key=str.casefold)


# ------------------------------------------------------------------ a deletion to restore
@dataclass(frozen=True)
class Deletion:
    audit_id: int
    periode_id: int
    waktu: dt.datetime
    record: RespondentRecord


def restorable_deletion(s: Session, audit_id: int) -> Deletion:
    """The questionnaire deleted in audit row ``audit_id``, checked to be restorable
    as far as the trail knows: a deletion with its values, not restored yet, of
    a period that still exists. (Storing it again: :func:`.auditing.restore`.)"""
    a = s.get(Audit, audit_id)
    if a is None:
        raise ServiceError("Baris jejak audit tidak ditemukan.")
    before = _loads(a.sebelum)
    if a.aksi != "hapus" or not isinstance(before, dict):
        raise ServiceError("Hanya kuesioner yang dihapus yang dapat dipulihkan.")
    if s.scalar(select(Audit.id).where(Audit.aksi == "pulih", Audit.ref_id == audit_id)) is not None:
        raise ServiceError(f"Kuesioner no. {a.no_kuesioner} sudah pernah dipulihkan.")
    if a.periode_id is None or s.get(Periode, a.periode_id) is None:
        raise ServiceError("Periode kuesioner ini sudah tidak ada; kuesioner tidak dapat dipulihkan.")
    try:
        rec = record_from_dict(before)
    except (KeyError, TypeError, ValueError):
        raise ServiceError(
            f"Isi kuesioner no. {a.no_kuesioner} pada jejak audit tidak terbaca; kuesioner tidak dapat dipulihkan."
        ) from None
    return Deletion(a.id, a.periode_id, a.waktu, rec)
