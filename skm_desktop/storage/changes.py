"""Has another program changed the database? (the operator app polls this).

``PRAGMA data_version`` on one dedicated read-only connection changes exactly
when another connection committed since the last look; it costs microseconds
(no table is read). Commits made through this program's own sessions are
absorbed as they happen (checked just before and after each commit), so the
app's own saves are not announced twice. When the version moved, a small
fingerprint of the setup tables tells a change of the survey set-up (new
period, layanan, unsur) from new or changed questionnaires.

On a PostgreSQL server there is no data_version: the "version" is a small
stamp read on the watcher's own connection (row counts and the newest
``updated_at`` of the questionnaires, the newest audit row, and the small
set-up tables' rows) — no statistics views.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from typing import Literal

from sqlalchemy import event, text
from sqlalchemy.exc import SQLAlchemyError

SETUP_TABLES = ("unit", "layanan", "periode", "unsur", "opsi", "target_sampel")
SETUP_ROW_LIMIT = 5000  # per table: set-up tables hold dozens of rows; junk stays bounded

Change = Literal["setup", "data"]


class ExternalChanges:
    """``poll()`` -> None (nothing new), "data" (questionnaires) or "setup" (set-up changed too)."""

    def __init__(self, db) -> None:
        self._lock = threading.Lock()
        self._con: _ServerConnection | sqlite3.Connection | None
        if getattr(db, "is_server", False):
            self._con = _ServerConnection(db.engine)
        else:
            con = sqlite3.connect(f"file:{db.path}?mode=ro", uri=True, check_same_thread=False)
            con.execute("PRAGMA busy_timeout=200")
            self._con = con
        self._pending = False
        self._version = self._read()
        self._setup = self._setup_stamp()
        self._maker = db.sessionmaker
        event.listen(self._maker, "before_commit", self._before_commit)
        event.listen(self._maker, "after_commit", self._after_commit)
        db.add_lock(self)  # closed with the database (a restore must find no open handle)

    # ------------------------------------------------------------ queries
    def _read(self):
        if isinstance(self._con, _ServerConnection):  # set-up tables are small: their rows are the stamp
            return self._con.version(), self._setup_stamp()
        return self._con.execute("PRAGMA data_version").fetchone()[0]

    def _setup_stamp(self) -> str:
        h = hashlib.blake2b(digest_size=16)
        for t in SETUP_TABLES:
            try:
                if isinstance(self._con, _ServerConnection):
                    rows = self._con.rows(f"SELECT * FROM {t} ORDER BY id LIMIT {SETUP_ROW_LIMIT}")
                elif self._con is not None:
                    rows = self._con.execute(f"SELECT * FROM {t} ORDER BY rowid LIMIT {SETUP_ROW_LIMIT}").fetchall()
                else:
                    rows = None
            except (sqlite3.Error, SQLAlchemyError):
                rows = None
            h.update(repr((t, rows)).encode())
        return h.hexdigest()

    # ------------------------------------------------------------ own commits
    def _before_commit(self, _session) -> None:
        with self._lock:
            if self._con is not None and self._read() != self._version:
                self._pending = True  # someone else committed since the last poll

    def _after_commit(self, _session) -> None:
        with self._lock:
            if self._con is None:
                return
            try:
                self._version = self._read()
                if not self._pending:
                    self._setup = self._setup_stamp()
            except (sqlite3.Error, SQLAlchemyError):
                self._pending = True

    # ------------------------------------------------------------ API
    def poll(self) -> Change | None:
        """What another program changed since the last poll. Never raises (a locked or
        replaced file reads as "no news" and is looked at again next time)."""
        with self._lock:
            if self._con is None:
                return None
            try:
                v = self._read()
                if v == self._version and not self._pending:
                    return None
                stamp = self._setup_stamp()
            except (sqlite3.Error, SQLAlchemyError):
                return None
            self._version, self._pending = v, False
            changed_setup, self._setup = stamp != self._setup, stamp
            return "setup" if changed_setup else "data"

    def release(self) -> None:
        with self._lock:
            con, self._con = self._con, None
        if con is not None:
            for name, fn in (("before_commit", self._before_commit), ("after_commit", self._after_commit)):
                try:
                    event.remove(self._maker, name, fn)
                except Exception:  # noqa: BLE001 - already gone
                    pass
            con.close()


class _ServerConnection:
    """The watcher's own connection to the server; each look is a short read-only transaction."""

    STAMP = text(
        "SELECT (SELECT count(*) FROM responden), (SELECT max(updated_at) FROM responden), "
        "(SELECT max(id) FROM audit), (SELECT count(*) FROM jawaban)"
    )

    def __init__(self, engine) -> None:
        self._conn = engine.connect()

    def version(self):
        try:
            return tuple(self._conn.execute(self.STAMP).one())
        finally:
            self._conn.rollback()

    def rows(self, sql: str):
        try:
            return [tuple(r) for r in self._conn.execute(text(sql)).all()]
        finally:
            self._conn.rollback()

    def close(self) -> None:
        self._conn.close()
