"""Use cases of the Jejak Audit page: the periods and operators to filter by,
the filtered trail, and restoring a deleted questionnaire.

This module is above both :mod:`.audit` (the trail, written inside every
change) and :mod:`.survey` (which stores questionnaires and writes their
audit rows): restoring reads the trail and stores through survey, so it
cannot live in either without an import cycle.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from skm_desktop.domain.tanggal import format_display_waktu
from skm_desktop.storage.database import Database

from . import ServiceError, audit, survey
from .audit import AuditEntry


def restore(db: Database, audit_id: int, operator: str = "") -> int:
    """Store again a questionnaire deleted in audit row ``audit_id``; returns the new id.

    Refused when the row is not a deletion, was already restored, or its number
    has been used again in the meantime. One transaction: the questionnaire and
    its 'pulih' audit row are stored together or not at all."""
    with db.session() as s:
        d = audit.restorable_deletion(s, audit_id)
        if survey.no_exists(s, d.periode_id, d.record.no_kuesioner):
            raise ServiceError(
                f"Nomor kuesioner {d.record.no_kuesioner} sudah dipakai lagi di periode ini; "
                "ubah atau hapus kuesioner itu dulu sebelum memulihkan."
            )
        why = f"Dipulihkan dari penghapusan {format_display_waktu(d.waktu)}"
        return survey.add_respondent(s, d.periode_id, d.record, audit.Jejak("pulih", operator, why, audit_id))


@dataclass(frozen=True)
class AuditFilter:
    periode_id: int | None = None
    operator: str | None = None
    aksi: str | None = None
    no_kuesioner: int | None = None
    dari: dt.date | None = None
    sampai: dt.date | None = None


class AuditService:
    """The audit page's view of one database; every method is one transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def periods(self, unit_id: int | None = None) -> list[tuple[int, str]]:
        """(id, name) of the unit's periods (the first unit when ``unit_id`` is None), oldest first.

        Raises :class:`ServiceError` when the database has no unit."""
        with self._db.read_session() as s:
            uid = unit_id if unit_id is not None else survey.get_unit(s).id
            return [(p.id, p.nama) for p in survey.periode_list(s, uid)]

    def operators(self, periode_id: int | None = None) -> list[str]:
        with self._db.read_session() as s:
            return audit.operators(s, periode_id)

    def entries(self, f: AuditFilter = AuditFilter(), limit: int = 2000) -> list[AuditEntry]:
        """Audit rows, newest first, filtered (dates inclusive, in local dates)."""
        with self._db.read_session() as s:
            return audit.list_audit(s, f.periode_id, f.operator, f.aksi, f.no_kuesioner, f.dari, f.sampai, limit=limit)

    def restore(self, audit_id: int, operator: str = "") -> int:
        return restore(self._db, audit_id, operator)
