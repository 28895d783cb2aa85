"""Keying into a server database while the network comes and goes: every form
completed while the server is unreachable is kept on this PC and sent, exactly once,
when it is back; a number another PC took meanwhile is shown as a conflict."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services.antrean import OfflineQueue, QueuedOffline
from skm_desktop.services.demo import create_demo
from skm_desktop.services.entry import KeyingSession, NumberTaken
from skm_desktop.services.results import ResultsService
from skm_desktop.storage.database import open_database
from skm_desktop.storage.models import Periode
from tests.helpers.netproxy import CablePlug


def form(no: int, a: int = 4) -> RespondentRecord:
    return RespondentRecord(no_kuesioner=no, answers=(a,) * 9)


@pytest.fixture
def server(pg_server, tmp_path):
    """A demo database on the real server, reached through a cable the test can pull."""
    url = pg_server.fresh()
    with open_database(url) as db:
        create_demo(db, n=40)
        with db.read_session() as s:
            pid = s.scalars(select(Periode.id).order_by(Periode.id.desc())).first()
    plug = CablePlug(pg_server.server.host, pg_server.server.port)
    via = f"postgresql://{pg_server.server.user}@127.0.0.1:{plug.port}/{url.rsplit('/', 1)[1]}"
    yield url, via, pid, plug, tmp_path / "antrean"
    plug.close()


def keying(via, pid, folder, operator="ani"):
    db = open_database(via, program="operator")
    k = KeyingSession.open(db, pid, operator=operator)
    k.queue = OfflineQueue.for_database(db, folder)
    return db, k


def count(url, pid) -> int:
    with open_database(url) as db:
        return ResultsService(db).summary(pid).respondents


def test_forms_keyed_offline_are_sent_once_when_the_server_is_back(server):
    url, via, pid, plug, folder = server
    db, k = keying(via, pid, folder)
    try:
        before = count(url, pid)
        k.commit(form(8001))
        plug.pull()
        for no in (8002, 8003, 8004):
            with pytest.raises(QueuedOffline) as e:
                k.commit(form(no))
            assert "disimpan dulu di komputer ini" in str(e.value)
        assert k.waiting() == 3
        with pytest.raises(NumberTaken, match="antrean"):
            k.check_no(8003)  # a queued number cannot be keyed twice
        assert k.send_waiting().reachable is False and k.waiting() == 3  # still down: nothing lost
        plug.plug()
        result = k.send_waiting()
        assert (result.sent, result.waiting, result.conflicts) == (3, 0, 0)
        assert count(url, pid) == before + 4
        assert k.send_waiting() is None  # nothing left: sending again changes nothing
        assert count(url, pid) == before + 4
        assert {8002, 8003, 8004} <= set(k.numbers)
    finally:
        db.close()


def test_a_form_whose_reply_was_lost_is_not_stored_twice(server):
    url, via, pid, plug, folder = server
    db, k = keying(via, pid, folder)
    try:
        plug.pull()
        with pytest.raises(QueuedOffline):
            k.commit(form(8101))
        plug.plug()
        (queued,) = k.queue.forms()
        # the server stored it but the reply never reached this PC: simulate by sending it
        # through another connection, leaving the local queue as it was
        with open_database(url) as other:
            from skm_desktop.services import audit, survey
            from skm_desktop.services.antrean import TOKEN_MARK

            with other.session() as s:
                survey.add_respondent(s, pid, queued.rec, audit.Jejak("tambah", "ani", f"({TOKEN_MARK}{queued.token})"))
        before = count(url, pid)
        result = k.send_waiting()
        assert (result.sent, result.waiting) == (0, 0)
        assert count(url, pid) == before
    finally:
        db.close()


def test_a_number_taken_meanwhile_is_a_conflict_for_the_operator(server):
    url, via, pid, plug, folder = server
    db, k = keying(via, pid, folder)
    try:
        plug.pull()
        with pytest.raises(QueuedOffline):
            k.commit(form(8201, a=1))
        with pytest.raises(QueuedOffline):
            k.commit(form(8202, a=2))
        with open_database(url) as other:  # another PC, still connected, keys 8201 first
            KeyingSession.open(other, pid, operator="budi").commit(form(8201, a=3))
        plug.plug()
        result = k.send_waiting()
        assert (result.sent, result.conflicts, result.waiting) == (1, 1, 1)
        (conflict,) = k.queue.forms()
        assert conflict.rec.no_kuesioner == 8201 and "8201" in conflict.bentrok
        k.queue.renumber(conflict.id, 8203)  # the operator checks the paper: it was 8203
        assert k.send_waiting().sent == 1
        k.reload()
        assert k.records[k.numbers[8203]].answers == (1,) * 9
        assert k.records[k.numbers[8201]].answers == (3,) * 9  # budi's form untouched
    finally:
        db.close()


def test_server_restart_mid_keying_loses_and_doubles_nothing(server, pg_server):
    """The server drops every connection (a restart) between forms; keying goes on."""
    url, via, pid, plug, folder = server
    db, k = keying(via, pid, folder)
    try:
        before = count(url, pid)
        for no in range(8301, 8311):
            if no == 8305:
                name = url.rsplit("/", 1)[1]
                pg_server.admin().execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                    (name,),
                )
            try:
                k.commit(form(no))
            except QueuedOffline:
                pass
        k.send_waiting()
        assert k.waiting() == 0
        assert count(url, pid) == before + 10
        k.reload()
        assert all(n in k.numbers for n in range(8301, 8311))
    finally:
        db.close()


def test_a_damaged_or_huge_queue_file_is_refused_plainly(tmp_path):
    bad = tmp_path / "rusak.db"
    bad.write_bytes(b"bukan sqlite" * 100)
    from skm_desktop.services import ServiceError

    with pytest.raises(ServiceError, match="antrean"):
        OfflineQueue(bad)
    big = tmp_path / "besar.db"
    with open(big, "wb") as f:
        f.truncate(65 * 1024 * 1024)
    with pytest.raises(ServiceError, match="terlalu besar"):
        OfflineQueue(big)


def test_a_form_whose_commit_reply_was_lost_on_its_first_attempt_is_not_stored_twice(server):
    """The connection drops during COMMIT: the server stored the form, this PC queued it.
    The first attempt already carried the form's token, so sending the queue recognises it."""
    from skm_desktop.storage.models import Audit

    url, via, pid, plug, folder = server
    db, k = keying(via, pid, folder)
    try:
        rid, stored = k.commit(form(8301))
        with open_database(url) as other, other.read_session() as s:
            note = s.scalar(select(Audit.keterangan).where(Audit.responden_id == rid, Audit.aksi == "tambah"))
        assert note and "antrean:" in note
        with open_database(url) as other, other.read_session() as s:
            from skm_desktop.services import audit

            shown = [e for e in audit.list_audit(s, pid) if e.responden_id == rid]
        assert shown and all("antrean:" not in e.keterangan for e in shown)  # the audit page hides the mark
        token = note.split("antrean:", 1)[1].rstrip(")")
        k.queue.add(pid, stored, "ani", token)  # what commit() does when the reply never comes
        before = count(url, pid)
        result = k.send_waiting()
        assert (result.sent, result.waiting, result.conflicts) == (0, 0, 0)
        assert count(url, pid) == before
    finally:
        db.close()
