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
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from . import clean_close, files
from .errors import DatabaseError
from .server import ServerUrl, ServerUrlError, is_server_url, parse_server_url

APPLICATION_ID = 0x534B4D31  # "SKM1" in PRAGMA application_id
SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def _read_revisions(folder: Path) -> tuple[str, ...]:
    """The migration chain, oldest first, read from the revision files' own
    ``revision``/``down_revision`` lines (no Alembic import: opening a file stays
    fast). A folder that is not one linear chain is a packaging error."""
    pattern = re.compile(r"^(revision|down_revision)\s*=\s*(?:['\"]([^'\"]+)['\"]|None)\s*$", re.M)
    parent: dict[str, str | None] = {}
    for f in sorted(folder.glob("*.py")):
        found = dict((k, v or None) for k, v in pattern.findall(f.read_text(encoding="utf-8")))
        if found.get("revision"):
            parent[found["revision"]] = found.get("down_revision")
    child: dict[str | None, str] = {p: r for r, p in parent.items()}
    if len(child) != len(parent):
        raise RuntimeError(f"migrasi bercabang di {folder}")
    chain: list[str] = []
    rev = child.get(None)
    while rev is not None:
        chain.append(rev)
        rev = child.get(rev)
    if len(chain) != len(parent):
        raise RuntimeError(f"rantai migrasi tidak utuh di {folder}")
    return tuple(chain)


# The revisions this program knows, oldest first, and the newest (the schema it
# writes); derived from migrations/versions, so a new revision file is all it takes.
KNOWN_REVISIONS = _read_revisions(MIGRATIONS_DIR / "versions")
SCHEMA_HEAD = KNOWN_REVISIONS[-1]


class NotSkmDatabase(DatabaseError):
    pass


class DamagedDatabase(DatabaseError):
    pass


class NewerDatabase(DatabaseError):
    pass


class DatabaseInUse(DatabaseError):
    """Another live program has the file open; ``users`` says who."""

    def __init__(self, message: str, users: list[files.Pengguna]):
        super().__init__(message)
        self.users = users


#: how this program names itself in the lock files (the CLI, app and kiosk set it)
DEFAULT_PROGRAM = "program SKM Desktop"


def in_use_message(users: list[files.Pengguna], action: str) -> str:
    first = users[0].describe()
    more = f" dan {len(users) - 1} program lain" if len(users) > 1 else ""
    return (
        f"{first}{more}. {action} ditolak agar kuesioner yang sedang disimpan program itu tidak hilang. "
        "Tutup program tersebut lalu coba lagi."
    )


@contextmanager
def replacing(path: Path | str, action: str = "Penggantian basis data") -> Iterator[None]:
    """Run the block (which replaces, renames or deletes the database file) only while no
    other live program has ``path`` open; nobody can open it until the block ends.
    Raises :class:`DatabaseInUse` naming the programs otherwise."""
    try:
        with files.exclusive(path) as others:
            if others:
                raise DatabaseInUse(in_use_message(others, action), others)
            yield
    except TimeoutError:
        raise DatabaseInUse(
            f"Basis data {path} sedang diganti atau dipulihkan oleh program lain; coba lagi sebentar lagi.", []
        ) from None


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


def _check_existing(path: Path, quick_check: bool = True) -> str | None:
    """Inspect a file read-only. Returns its schema revision (None = empty SQLite file).
    ``quick_check=False``: the pages are not read (storage.clean_close knows the file)."""
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
            ok = con.execute("PRAGMA quick_check").fetchone()[0] if quick_check else "ok"
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError as exc:
            raise DamagedDatabase(f"Basis data {path} rusak: {exc}. Pulihkan dari cadangan.") from exc
        if ok != "ok":
            raise DamagedDatabase(f"Basis data {path} rusak ({ok}). Pulihkan dari cadangan.")
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
    if engine.dialect.name != "sqlite":
        _migrate_server(engine)
        return
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

                conn.execute(
                    text(
                        "INSERT INTO skm_meta (kunci, nilai) VALUES ('dibuat_oleh', :v) ON CONFLICT (kunci) DO NOTHING"
                    ),
                    {"v": f"SKM Desktop {__version__}"},
                )
        finally:
            conn.exec_driver_sql("PRAGMA foreign_keys=ON")
            conn.commit()


#: the skm_meta row that marks a server database as SKM's (SQLite: PRAGMA application_id)
SERVER_MARKER_KEY = "application_id"
SERVER_MARKER = f"0x{APPLICATION_ID:08X}"
#: pg_advisory_xact_lock key: one PC at a time creates or migrates the schema
_SCHEMA_LOCK = APPLICATION_ID


def _stamp_server(conn) -> None:
    from skm_desktop import __version__

    for k, v in ((SERVER_MARKER_KEY, SERVER_MARKER), ("dibuat_oleh", f"SKM Desktop {__version__}")):
        conn.execute(
            text("INSERT INTO skm_meta (kunci, nilai) VALUES (:k, :v) ON CONFLICT (kunci) DO NOTHING"), {"k": k, "v": v}
        )


def _migrate_server(engine: Engine) -> None:
    """PostgreSQL: the same Alembic chain in one transaction (PG's DDL is transactional:
    a failed migration leaves the old schema untouched); one PC at a time."""
    from alembic import command

    with engine.connect() as conn:
        with conn.begin():
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SCHEMA_LOCK})
            command.upgrade(_alembic_config(conn), "head")
            _stamp_server(conn)


def create_schema(engine: Engine) -> None:
    """A brand-new file: create the current schema directly and stamp it with
    SCHEMA_HEAD (a test asserts that the models equal the migrated schema), so
    that creating a database does not pay for loading Alembic."""
    with engine.begin() as conn:
        _create_schema_on(conn)


def _create_schema_on(conn) -> None:
    from skm_desktop import __version__

    from .models import Base

    Base.metadata.create_all(conn)
    conn.exec_driver_sql(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
        "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
    )
    conn.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": SCHEMA_HEAD})
    if conn.dialect.name == "sqlite":
        conn.execute(text(f"PRAGMA application_id={APPLICATION_ID}"))
        conn.execute(
            text("INSERT INTO skm_meta (kunci, nilai) VALUES ('dibuat_oleh', :v)"), {"v": f"SKM Desktop {__version__}"}
        )
    else:
        _stamp_server(conn)


@dataclass
class Database:
    #: the SQLite file; None for a database on a PostgreSQL server (see ``url``)
    path: Path | None
    engine: Engine
    sessionmaker: sessionmaker
    #: released by close(): this program's lock files (storage.files), change watchers
    held: list = field(default_factory=list)
    #: the server's address (``postgresql://USER@HOST:PORT/DB``, never a password); None for SQLite
    url: str | None = None
    #: an Indonesian warning the GUI should show once (e.g. a SQLite file on a network share)
    peringatan: str | None = None
    #: SQLite: when the file's content was last really checked (or created); close() then
    #: stamps it as cleanly closed (storage.clean_close). None: no stamp (a server)
    checked_at: float | None = None
    #: SQLite said the file is damaged while it was open: close() leaves no stamp
    suspect: bool = False

    @property
    def is_server(self) -> bool:
        return self.url is not None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def label(self) -> str:
        """How messages name this database: the file's path or the server's address."""
        return self.url if self.url is not None else str(self.path)

    def add_lock(self, held) -> None:
        """Keep ``held`` (anything with ``release()``) until :meth:`close`."""
        self.held.append(held)

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
        if self.path is not None and self.checked_at is not None and not self.suspect and self.held:
            clean_close.remember(self.path, self.checked_at)  # while still registered as its user
        while self.held:
            self.held.pop().release()

    # ``with open_database(p) as db:`` closes the database however the block ends.
    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def open_database(path: Path | str, create: bool = True, program: str | None = None) -> Database:
    """Open (and, when allowed, create or migrate) the database at ``path``: a SQLite
    file, or ``postgresql://USER@HOST[:PORT]/DB`` for a database on a server.

    The result is a context manager: ``with open_database(p) as db: ...``
    closes it at the end of the block, also when the block raises.

    A file that is not an SKM database, is damaged or comes from a newer
    version raises a :class:`DatabaseError` and is never written to. The
    opening is registered as a user of the file (``program`` names it) until
    :meth:`Database.close`. A SQLite file on a network share opens, with
    ``Database.peringatan`` set (and logged): SQLite's locking is not safe there.
    """
    if is_server_url(path):
        try:
            server = parse_server_url(str(path))
        except ServerUrlError as exc:
            raise DatabaseError(str(exc)) from None
        return open_server(server, create=create, program=program)
    path = Path(path)
    if path.is_dir():
        raise DatabaseError(f"{path} adalah folder, bukan berkas basis data.")
    if not path.exists() and not create:
        raise DatabaseError(f"Basis data {path} tidak ditemukan.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        reg = files.register(path, program or DEFAULT_PROGRAM)
    except TimeoutError:
        raise DatabaseError(
            f"Basis data {path} sedang dipulihkan atau diganti oleh program lain; coba buka lagi sebentar lagi."
        ) from None
    except OSError as exc:
        raise DatabaseError(
            f"Folder kunci {files.users_dir(path)} tidak dapat dipakai: {exc.strerror or exc}."
        ) from exc
    try:
        db = _open_registered(path, create)
    except BaseException:
        if reg is not None:
            reg.release()
        raise
    if reg is not None:
        db.add_lock(reg)
    from .network import network_share_warning

    db.peringatan = network_share_warning(path)
    if db.peringatan:
        import logging

        logging.getLogger(__name__).warning("%s", db.peringatan)
    return db


def _server_tables(conn) -> set[str]:
    return set(inspect(conn).get_table_names())


def _check_server(conn, where: str) -> str | None:
    """Read-only look at a server database: its revision, or None when it has no tables."""
    tables = _server_tables(conn)
    if not tables:
        return None
    marker = None
    if "skm_meta" in tables:
        try:
            marker = conn.execute(
                text("SELECT nilai FROM skm_meta WHERE kunci = :k"), {"k": SERVER_MARKER_KEY}
            ).scalar()
        except SQLAlchemyError:
            marker = None
    if "alembic_version" not in tables or marker != SERVER_MARKER:
        raise NotSkmDatabase(
            f"Basis data {where} sudah berisi tabel lain dan bukan basis data SKM; "
            "tidak diubah. Pakai basis data kosong untuk SKM Desktop."
        )
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) != 1:
        raise DamagedDatabase(f"Basis data {where}: catatan versi skema tidak sah ({len(rows)} baris).")
    return rows[0]


def open_server(server: ServerUrl, create: bool = True, program: str | None = None) -> Database:
    """Open the SKM database on a PostgreSQL server; an empty database gets the schema,
    an older one is migrated, a newer or foreign one is refused (and never written)."""
    where = server.describe()
    try:
        engine = server.make_engine(program or DEFAULT_PROGRAM)
    except ImportError as exc:  # a broken installation: say so instead of failing obscurely
        raise DatabaseError(
            f"Komponen koneksi PostgreSQL (psycopg/libpq) tidak lengkap di instalasi ini, "
            f"sehingga basis data {where} tidak dapat dibuka: {exc.__class__.__name__}. "
            "Pasang ulang SKM Desktop."
        ) from None
    try:
        try:
            with engine.connect() as conn:
                revision = _check_server(conn, where)
                conn.rollback()
            if revision is not None and revision not in KNOWN_REVISIONS:
                raise NewerDatabase(
                    f"Basis data {where} dibuat oleh versi SKM Desktop yang lebih baru (skema {revision}). "
                    "Perbarui aplikasi untuk membukanya."
                )
            if revision is None:
                if not create:
                    raise DatabaseError(f"Basis data {where} masih kosong (belum berisi data SKM).")
                with engine.connect() as conn:
                    with conn.begin():
                        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SCHEMA_LOCK})
                        # another PC may have created it while we waited for the lock
                        if _check_server(conn, where) is None:
                            _create_schema_on(conn)
            elif revision != SCHEMA_HEAD:
                migrate(engine)
        except SQLAlchemyError as exc:
            raise server.connection_error(exc) from None
    except BaseException:
        engine.dispose()
        raise
    return Database(None, engine, sessionmaker(engine, expire_on_commit=False), url=server.display)


def _open_registered(path: Path, create: bool) -> Database:
    exists = path.exists() and path.stat().st_size > 0
    if path.is_dir():
        raise DatabaseError(f"{path} adalah folder, bukan berkas basis data.")
    checked_at = time.time()
    if exists:
        need_check, last_checked = clean_close.needs_check(path)
        revision = _check_existing(path, quick_check=need_check)
        if not need_check and last_checked is not None:
            checked_at = last_checked
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise NewerDatabase(
                f"Basis data {path} dibuat oleh versi SKM Desktop yang lebih baru (skema {revision}). "
                "Perbarui aplikasi untuk membukanya."
            )
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
        others = files.live_users(path)
        if others:  # an older program has it open: changing the schema under it would break it
            engine.dispose()
            raise DatabaseInUse(in_use_message(others, "Pembaruan skema basis data"), others)
        if revision is not None:
            from .backup import backup_before_migration

            backup_before_migration(path)
        migrate(engine)
    db = Database(path, engine, sessionmaker(engine, expire_on_commit=False), checked_at=checked_at)
    event.listen(engine, "handle_error", lambda ctx: _damage_seen(db, ctx))
    return db


DAMAGE_WORDS = ("malformed", "not a database", "corrupt")


def _damage_seen(db: Database, ctx) -> None:
    """An error that says the file is damaged: its clean-close stamp goes, the next open checks."""
    exc = ctx.original_exception
    if isinstance(exc, sqlite3.DatabaseError) and any(w in str(exc).lower() for w in DAMAGE_WORDS):
        db.suspect = True
        if db.path is not None:
            clean_close.forget(db.path)


def is_wal(path: Path | str) -> bool:
    con = sqlite3.connect(str(path))
    try:
        return con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        con.close()


def remove_database_files(path: Path | str) -> None:
    """Delete the database file (with -wal/-shm); refused (DatabaseInUse) while another program has it open."""
    with replacing(path, "Penghapusan basis data"):
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(path) + suffix)
            if p.exists():
                os.remove(p)
