"""Four operator processes key into one period of a real PostgreSQL server at the same
moment, with overlapping questionnaire numbers: every number is stored exactly once,
every other attempt at it is refused by number, and the figures add up."""

from __future__ import annotations

import multiprocessing as mp

from sqlalchemy import func, select

from skm_desktop.services.demo import create_demo
from skm_desktop.services.results import ResultsService
from skm_desktop.storage.database import open_database
from skm_desktop.storage.models import Periode, Respondent

KEYERS = 4
FORMS = 30  # each keyer: numbers 5000 + k*20 + j → neighbours share 10 numbers


def keyer(url: str, pid: int, k: int, start, out) -> None:
    from skm_desktop.domain.respondent import RespondentRecord
    from skm_desktop.services.entry import KeyingSession, NumberTaken

    db = open_database(url, program=f"pengetik {k}")
    session = KeyingSession.open(db, pid, operator=f"pengetik{k}")
    start.wait(30)
    stored, refused = [], []
    for j in range(FORMS):
        no = 5000 + k * 20 + j
        try:
            session.commit(RespondentRecord(no, (1 + (k + j) % 4,) * 9))
            stored.append(no)
        except NumberTaken:
            refused.append(no)
    db.close()
    out.put((k, stored, refused))


def test_four_keyers_at_once(pg_server):
    url = pg_server.fresh()
    with open_database(url) as db:
        create_demo(db, n=20)
        with db.read_session() as s:
            pid = s.scalars(select(Periode.id).order_by(Periode.id.desc())).first()
        before = ResultsService(db).summary(pid).respondents
    ctx = mp.get_context("spawn")
    start, out = ctx.Event(), ctx.Queue()
    procs = [ctx.Process(target=keyer, args=(url, pid, k, start, out)) for k in range(KEYERS)]
    for p in procs:
        p.start()
    start.set()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(30)
        assert p.exitcode == 0
    stored = [no for _, s, _ in results for no in s]
    refused = [no for _, _, r in results for no in r]
    wanted = {5000 + k * 20 + j for k in range(KEYERS) for j in range(FORMS)}
    assert len(stored) == len(set(stored)) == len(wanted)  # each number once, none lost
    assert set(stored) == wanted
    assert len(refused) == KEYERS * FORMS - len(wanted)
    with open_database(url) as db:
        with db.read_session() as s:
            dup = s.execute(
                select(Respondent.no_kuesioner)
                .where(Respondent.periode_id == pid)
                .group_by(Respondent.no_kuesioner)
                .having(func.count() > 1)
            ).all()
        assert dup == []
        assert ResultsService(db).summary(pid).respondents == before + len(wanted)
