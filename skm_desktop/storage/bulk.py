"""Writing many rows at once, on either engine, inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table


def copy_rows(conn: Any, table: str, names: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """PostgreSQL: COPY ... FROM STDIN on the connection's own driver connection (same
    transaction); ten times faster than executemany for a 10,000-form import."""
    cur = conn.connection.driver_connection.cursor()
    try:
        with cur.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as cp:
            for row in rows:
                cp.write_row(row)
    finally:
        cur.close()


def marker(dialect: Any) -> str:
    """The DB-API parameter marker of a dialect's driver (sqlite3: ``?``, psycopg: ``%s``)."""
    return "?" if dialect.paramstyle == "qmark" else "%s"


def write_rows(conn: Any, table: str, names: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``rows``, already in the driver's own types, into ``table`` (columns ``names``):
    COPY on PostgreSQL, elsewhere one executemany without SQLAlchemy's per-row work."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        copy_rows(conn, table, names, rows)
        return
    marks = ", ".join(marker(conn.dialect) for _ in names)
    conn.exec_driver_sql(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", rows)


def insert_rows(conn: Any, table: Table, rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``rows`` (values in ``table.columns`` order, as ``select(table)`` returns them)
    into ``table``, each value turned into what the driver stores by its column type's own
    bind processor (PostgreSQL's COPY takes them as they are)."""
    if not rows:
        return
    names = [c.name for c in table.columns]
    if conn.dialect.name != "postgresql":
        procs = [c.type.dialect_impl(conn.dialect).bind_processor(conn.dialect) for c in table.columns]
        if any(procs):
            rows = [tuple(v if p is None or v is None else p(v) for p, v in zip(procs, row)) for row in rows]
        else:
            rows = [tuple(row) for row in rows]  # the driver takes tuples, not SQLAlchemy rows
    write_rows(conn, table.name, names, rows)
