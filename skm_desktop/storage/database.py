"""Opening, creating, checking and migrating an SKM database file.

SQLite settings, chosen for keying on PCs with unstable power:
- ``journal_mode=WAL``: readers (the results panel) never block the writer;
- ``synchronous=FULL``: every committed questionnaire is on disk before the
  entry screen says it is saved. NORMAL would be faster but, in WAL mode, may
  lose the last commits on power loss — we key one respondent per transaction,
  so the fsync cost (a few ms) is invisible, and one import is one transaction;
- ``foreign_keys=ON`` and a ``busy_timeout`` so the kiosk and the operator app
  can share a file.
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

APPLICATION_ID = 0x534B4D31  # "SKM1" in PRAGMA application_id
SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# The newest schema revision this program knows; tests assert it is Alembic's head.
SCHEMA_HEAD = "0004"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004")


class DatabaseError(Exception):
    """A database that cannot be opened; ``str(err)`` is an Indonesian message."""


class NotSkmDatabase(DatabaseError):
    pass


class DamagedDatabase(DatabaseError):
    pass


class NewerDatabase(DatabaseError):
    pass


def _pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA synchronous=FULL")
    cur.close()


def make_engine(path: Path | str) -> Engine:
    engine = create_engine(f"sqlite:///{Path(path)}", future=True)
    event.listen(engine, "connect", _pragmas)
    return engine


def _check_existing(path: Path) -> str | None:
    """Inspect a file read-only. Returns its schema revision (None = empty SQLite file)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        raise DatabaseError(f"Berkas {path} tidak dapat dibaca: {exc.strerror or exc}.") from exc
    if not head:
        return None  # a zero-byte file: treated as a new database
    if not head.startswith(SQLITE_MAGIC):
        raise NotSkmDatabase(f"Berkas {path} bukan basis data SKM (bukan berkas SQLite).")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise DamagedDatabase(f"Basis data {path} tidak dapat dibuka: {exc}.") from exc
    try:
        try:
            ok = con.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise DamagedDatabase(f"Basis data {path} rusak: {exc}. Pulihkan dari cadangan.") from exc
        if ok != "ok":
            raise DamagedDatabase(f"Basis data {path} rusak ({ok}). Pulihkan dari cadangan.")
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return None
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        if "alembic_version" not in tables or "skm_meta" not in tables or app_id != APPLICATION_ID:
            raise NotSkmDatabase(f"Berkas {path} adalah basis data SQLite lain, bukan basis data SKM.")
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        con.close()


def _alembic_config(connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to SCHEMA_HEAD (creates it in a new file)."""
    from alembic import command

    with engine.connect() as conn:
        # Batch migrations rebuild a table (copy, DROP, rename). With foreign keys on,
        # that DROP cascades: rebuilding `responden` would delete every answer. SQLite
        # ignores this pragma inside a transaction, so it is set before the migration's.
        conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
        conn.commit()
        try:
            with conn.begin():
                command.upgrade(_alembic_config(conn), "head")
                bad = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if bad:
                    raise DatabaseError(f"Migrasi basis data gagal: {len(bad)} rujukan tidak sah ({bad[0][0]}).")
                conn.execute(text(f"PRAGMA application_id={APPLICATION_ID}"))
                from skm_desktop import __version__
                conn.execute(text("INSERT INTO skm_meta (kunci, nilai) VALUES ('dibuat_oleh', :v) "
                                  "ON CONFLICT (kunci) DO NOTHING"), {"v": f"SKM Desktop {__version__}"})
        finally:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()


def create_schema(engine: Engine) -> None:
    """A brand-new file: create the current schema directly and stamp it with
    SCHEMA_HEAD (a test asserts that the models equal the migrated schema), so
    that creating a database does not pay for loading Alembic."""
    from skm_desktop import __version__
    from .models import Base

    with engine.begin() as conn:
        Base.metadata.create_all(conn)
        conn.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                             "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))")
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": SCHEMA_HEAD})
        conn.execute(text(f"PRAGMA application_id={APPLICATION_ID}"))
        conn.execute(text("INSERT INTO skm_meta (kunci, nilai) VALUES ('dibuat_oleh', :v)"),
                     {"v": f"SKM Desktop {__version__}"})


@dataclass
class Database:
    path: Path
    engine: Engine
    sessionmaker: sessionmaker

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is one transaction: committed on success, rolled back on error."""
        with self.sessionmaker() as s:
            with s.begin():
                yield s

    def read_session(self) -> Session:
        return self.sessionmaker()

    def close(self) -> None:
        """Release every connection (idempotent; sessions opened later reconnect)."""
        self.engine.dispose()

    # ``with open_database(p) as db:`` closes the database however the block ends.
    def __enter__(self) -> "Database":
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def open_database(path: Path | str, create: bool = True) -> Database:
    """Open (and, when allowed, create or migrate) the database at ``path``.

    The result is a context manager: ``with open_database(p) as db: ...``
    closes it at the end of the block, also when the block raises.

    A file that is not an SKM database, is damaged or comes from a newer
    version raises a :class:`DatabaseError` and is never written to.
    """
    path = Path(path)
    exists = path.exists() and path.stat().st_size > 0
    if path.is_dir():
        raise DatabaseError(f"{path} adalah folder, bukan berkas basis data.")
    if exists:
        revision = _check_existing(path)
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise NewerDatabase(
                f"Basis data {path} dibuat oleh versi SKM Desktop yang lebih baru (skema {revision}). "
                "Perbarui aplikasi untuk membukanya.")
    elif not create:
        raise DatabaseError(f"Basis data {path} tidak ditemukan.")
    else:
        revision = None
        if not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path)
    if not exists:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA journal_mode=WAL")
    if not exists:
        create_schema(engine)
    elif revision != SCHEMA_HEAD:
        if revision is not None:
            from .backup import backup_before_migration
            backup_before_migration(path)
        migrate(engine)
    return Database(path, engine, sessionmaker(engine, expire_on_commit=False))


def is_wal(path: Path | str) -> bool:
    con = sqlite3.connect(str(path))
    try:
        return con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        con.close()


def remove_database_files(path: Path | str) -> None:
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(path) + suffix)
        if p.exists():
            os.remove(p)
