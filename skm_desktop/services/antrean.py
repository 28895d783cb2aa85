"""Forms completed while the server database could not be reached are never lost.

An operator PC keying into a database on a PostgreSQL server may lose the network
in the middle of a form. :class:`OfflineQueue` keeps each completed form in a
small SQLite file on this PC (in the user's data folder, beside the settings; one
file per server database) and :meth:`OfflineQueue.send` stores them on the server
when it is back — in the order they were keyed, each exactly once:

- every queued form has a token; the server-side transaction that stores the form
  also writes its audit row with that token, so a form whose sending was cut off
  after the server committed (the reply never arrived) is recognised on the next
  attempt and not stored twice;
- a number another PC stored meanwhile is a conflict: the form stays in the queue,
  marked, with the reason, for the operator to resolve (another number, or drop).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, OperationalError

from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.storage.database import Database
from skm_desktop.storage.models import Audit

from . import ServiceError, audit, survey

#: a queue holds forms of one working day at most; a larger file is not ours
QUEUE_MAX = 5_000
QUEUE_FILE_MAX = 64 * 1024 * 1024
TOKEN_MARK = audit.TOKEN_MARK

_SCHEMA = """
CREATE TABLE IF NOT EXISTS tertunda (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    token TEXT NOT NULL UNIQUE,
    periode_id INTEGER NOT NULL,
    operator TEXT NOT NULL,
    data TEXT NOT NULL,
    bentrok TEXT NOT NULL DEFAULT ''
)
"""


class QueuedOffline(ServiceError):
    """The server could not be reached: the form was kept on this PC and will be sent."""

    def __init__(self, rec: RespondentRecord, waiting: int) -> None:
        self.rec = rec
        self.waiting = waiting
        super().__init__(
            f"Server tidak terjangkau. Kuesioner no. {rec.no_kuesioner} disimpan dulu di komputer ini "
            f"dan dikirim otomatis saat server kembali ({waiting} menunggu dikirim). Saran pada kertasnya "
            "dapat diketik setelah kuesioner itu terkirim."
        )


@dataclass(frozen=True)
class QueuedForm:
    id: int
    token: str
    periode_id: int
    operator: str
    rec: RespondentRecord
    bentrok: str  # why the server refused it ("" = waiting)


@dataclass(frozen=True)
class SendResult:
    sent: int
    conflicts: int
    waiting: int
    reachable: bool


#: SQLSTATE classes of a lost server: connection exception (08) and operator intervention
#: (57P: shut down, restarting); a deadlock (40P01) or a statement timeout (57014) is not
LOST_STATES = ("08", "57P")


def is_connection_lost(exc: BaseException) -> bool:
    """The server did not answer (network, server down or restarting), as opposed to a refusal."""
    if isinstance(exc, DBAPIError) and getattr(exc, "connection_invalidated", False):
        return True
    if isinstance(exc, OperationalError):
        state = getattr(exc.orig, "sqlstate", None)
        return state is None or str(state).startswith(LOST_STATES)  # no state: it never reached a server
    return False


class OfflineQueue:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._numbers: dict[int, set[int]] = {}  # periode -> queued numbers (checked at every key)
        self._check_file()
        with self._con() as con:
            con.execute(_SCHEMA)

    @classmethod
    def for_database(cls, db: Database, folder: Path | None = None) -> OfflineQueue | None:
        """The queue of a server database (None for a SQLite file: it is on this PC already)."""
        if not db.is_server:
            return None
        if folder is None:
            from skm_desktop.paths import user_data_dir

            folder = user_data_dir() / "antrean"
        key = hashlib.blake2b(db.label.encode(), digest_size=8).hexdigest()
        folder.mkdir(parents=True, exist_ok=True)
        return cls(folder / f"server-{key}.db")

    def _check_file(self) -> None:
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return
        if size > QUEUE_FILE_MAX:
            raise ServiceError(f"Berkas antrean {self.path} terlalu besar ({size} bita); periksa berkas itu.")

    @contextmanager
    def _con(self) -> Iterator[sqlite3.Connection]:
        try:
            con = sqlite3.connect(str(self.path), timeout=5)
        except sqlite3.Error as e:
            raise ServiceError(f"Berkas antrean {self.path} tidak dapat dibuka ({e}).") from None
        try:
            con.execute("PRAGMA synchronous=FULL")  # a power cut right after keying keeps the form
            with con:
                yield con
        except sqlite3.DatabaseError as e:
            raise ServiceError(f"Berkas antrean {self.path} rusak atau tidak dapat ditulis ({e}).") from None
        finally:
            con.close()

    # ------------------------------------------------------------ contents
    @staticmethod
    def new_token() -> str:
        """The token a form carries in its audit row from its first attempt on (so a form whose
        reply was lost is recognised when it is sent again)."""
        return uuid.uuid4().hex

    @staticmethod
    def token_note(token: str) -> str:
        return f"({TOKEN_MARK}{token})"

    def add(self, periode_id: int, rec: RespondentRecord, operator: str, token: str | None = None) -> int:
        """Keep ``rec`` (with the ``token`` its first attempt carried); returns how many forms are waiting now."""
        self._numbers.clear()
        with self._con() as con:
            n = con.execute("SELECT count(*) FROM tertunda").fetchone()[0]
            if n >= QUEUE_MAX:
                raise ServiceError(f"Sudah {n} kuesioner menunggu dikirim; sambungkan kembali server dulu.")
            con.execute(
                "INSERT INTO tertunda (token, periode_id, operator, data) VALUES (?, ?, ?, ?)",
                (token or self.new_token(), periode_id, operator, json.dumps(rec.to_dict(), ensure_ascii=False)),
            )
            return int(n) + 1

    def forms(self, periode_id: int | None = None) -> list[QueuedForm]:
        q = "SELECT id, token, periode_id, operator, data, bentrok FROM tertunda"
        args: tuple[int, ...] = ()
        if periode_id is not None:
            q, args = q + " WHERE periode_id = ?", (periode_id,)
        with self._con() as con:
            rows = con.execute(q + " ORDER BY id LIMIT ?", (*args, QUEUE_MAX)).fetchall()
        out = []
        for rid, token, pid, op, data, bentrok in rows:
            try:
                rec = RespondentRecord.from_dict(json.loads(data))
            except (ValueError, DomainError) as e:
                rec = RespondentRecord(0, ())
                bentrok = bentrok or f"isi antrean tidak sah ({e})"
            out.append(QueuedForm(rid, token, pid, op, rec, bentrok))
        return out

    def __len__(self) -> int:
        with self._con() as con:
            return int(con.execute("SELECT count(*) FROM tertunda").fetchone()[0])

    def numbers(self, periode_id: int) -> set[int]:
        """The numbers waiting in ``periode_id`` (read once, kept until this queue changes)."""
        got = self._numbers.get(periode_id)
        if got is None:
            got = self._numbers[periode_id] = {f.rec.no_kuesioner for f in self.forms(periode_id)}
        return got

    def drop(self, form_id: int) -> None:
        """The operator decided the form is not to be stored (e.g. keyed twice)."""
        self._numbers.clear()
        with self._con() as con:
            con.execute("DELETE FROM tertunda WHERE id = ?", (form_id,))

    def renumber(self, form_id: int, no: int) -> None:
        """The operator gave a conflicting form another number: it waits to be sent again."""
        self._numbers.clear()
        with self._con() as con:
            (data,) = con.execute("SELECT data FROM tertunda WHERE id = ?", (form_id,)).fetchone()
            d = json.loads(data)
            d["no_kuesioner"] = no
            RespondentRecord.from_dict(d)  # still a valid form
            con.execute("UPDATE tertunda SET data = ?, bentrok = '' WHERE id = ?", (json.dumps(d), form_id))

    # ------------------------------------------------------------ sending
    def send(self, db: Database) -> SendResult:
        """Store the waiting forms on the server in order. Stops at the first sign the
        server is (still) unreachable; a refused form is marked and the rest go on."""
        sent = 0
        reachable = True
        for form in self.forms():
            if form.bentrok:
                continue
            try:
                if self._already_stored(db, form):
                    self.drop(form.id)
                    continue
                with db.session() as s:
                    survey.add_respondent(
                        s,
                        form.periode_id,
                        form.rec,
                        audit.Jejak(
                            "tambah", form.operator, f"Dikirim dari antrean komputer ini {self.token_note(form.token)}"
                        ),
                    )
            except ServiceError as e:
                self._mark(form.id, str(e))
                continue
            except Exception as e:  # noqa: BLE001 - connection lost again: wait for the next attempt
                if is_connection_lost(e):
                    reachable = False
                    break
                raise
            self.drop(form.id)
            sent += 1
        left = self.forms()
        return SendResult(sent, sum(1 for f in left if f.bentrok), len(left), reachable)

    def _already_stored(self, db: Database, form: QueuedForm) -> bool:
        """Whether an earlier attempt stored ``form`` and only its reply was lost: its token in
        an audit row of its period (the period's rows through ix_audit_periode_waktu, not a
        scan of the whole audit table for every waiting form)."""
        mark = f"{TOKEN_MARK}{form.token}"
        with db.read_session() as s:
            q = select(Audit.id).where(
                Audit.periode_id == form.periode_id, Audit.aksi == "tambah", Audit.keterangan.contains(mark)
            )
            return s.scalar(q.limit(1)) is not None

    def _mark(self, form_id: int, reason: str) -> None:
        with self._con() as con:
            con.execute("UPDATE tertunda SET bentrok = ? WHERE id = ?", (reason[:500], form_id))
