"""Copying a whole SKM database between engines, exactly: a SQLite file to a
PostgreSQL server and back (``skm-desktop pindah``), and a server database into a
portable SQLite backup file (``skm-desktop backup`` of a server).

Every table of the models is copied row for row with its primary keys (so the
audit trail still points at the same forms), in dependency order, in one
transaction on the target: a failure leaves the target as it was. The
``alembic_version`` row is not copied: both sides are opened (and migrated) to
the same schema head by :func:`open_database` first. On PostgreSQL the id
sequences are moved past the copied ids, so the next form gets a fresh id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Integer, func, select, text

from .bulk import insert_rows
from .database import SERVER_MARKER_KEY, Database, DatabaseError
from .models import Base

#: rows read and written per batch: bounded memory whatever the size of the database
BATCH = 5_000
#: the tables whose rows say "this database already holds a survey"
CONTENT_TABLES = ("unit", "responden")
#: facts about the file itself, which the target keeps as its own
OWN_META_KEYS = frozenset({SERVER_MARKER_KEY, "dibuat_oleh"})


class TargetNotEmpty(DatabaseError):
    """The target already holds data and replacing it was not asked for."""


@dataclass
class TransferReport:
    #: table name -> rows copied
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def respondents(self) -> int:
        return self.rows.get("responden", 0)


def content_counts(db: Database) -> dict[str, int]:
    """How many rows the content tables hold (``{"unit": 2, "responden": 640}``)."""
    tables = Base.metadata.tables
    with db.engine.connect() as conn:
        return {t: conn.execute(select(func.count()).select_from(tables[t])).scalar_one() for t in CONTENT_TABLES}


def copy_database(
    src: Database,
    dst: Database,
    *,
    replace: bool = False,
    progress: Callable[[str, int], None] | None = None,
) -> TransferReport:
    """Copy every row of ``src`` into ``dst`` (both already at the same schema head).

    A ``dst`` that holds units or forms is refused with :class:`TargetNotEmpty`
    unless ``replace``; then its rows are deleted in the same transaction, so a
    failure half-way leaves it exactly as it was."""
    if src.label == dst.label:
        raise DatabaseError("Sumber dan tujuan adalah basis data yang sama.")
    held = content_counts(dst)
    if any(held.values()) and not replace:
        raise TargetNotEmpty(
            f"Basis data tujuan {dst.label} sudah berisi {held['unit']} unit dan {held['responden']} "
            "responden. Pilih tujuan yang kosong, atau minta isinya diganti (--ganti)."
        )
    tables = Base.metadata.sorted_tables
    report = TransferReport()
    with src.engine.connect() as sconn, dst.engine.begin() as dconn:
        if dconn.dialect.name == "sqlite":
            # deferred: the rows of a table arrive before the tables that point back at it are complete
            dconn.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
        for table in reversed(tables):
            if table.name == "skm_meta":
                dconn.execute(table.delete().where(table.c.kunci.not_in(OWN_META_KEYS)))
            else:
                dconn.execute(table.delete())
        for table in tables:
            order = list(table.primary_key.columns) or list(table.columns)
            query = select(table).order_by(*order)
            if table.name == "skm_meta":
                query = query.where(table.c.kunci.not_in(OWN_META_KEYS))
            n = 0
            result = sconn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
            for part in result.partitions(BATCH):
                insert_rows(dconn, table, part)
                n += len(part)
                if progress:
                    progress(table.name, n)
            report.rows[table.name] = n
        if dconn.dialect.name == "postgresql":
            _advance_sequences(dconn)
    return report


def _advance_sequences(conn) -> None:
    """After rows were written with explicit ids, each serial id's sequence continues after the largest one."""
    for table in Base.metadata.sorted_tables:
        pk = list(table.primary_key.columns)
        if len(pk) != 1 or not isinstance(pk[0].type, Integer):
            continue
        col = pk[0].name
        seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": col}).scalar()
        if seq is None:
            continue
        conn.execute(
            text(
                f"SELECT setval(:s, COALESCE((SELECT MAX({col}) FROM {table.name}), 1), "
                f"(SELECT MAX({col}) FROM {table.name}) IS NOT NULL)"
            ),
            {"s": seq},
        )
