"""The operator's keying session on a SQLite file and on a real PostgreSQL server:
loading, storing, and two PCs keying into one period at the same moment."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services.demo import create_demo
from skm_desktop.services.entry import KeyingSession, NumberTaken
from skm_desktop.services.results import ResultsService
from skm_desktop.services.survey import ChangedElsewhere
from skm_desktop.storage.database import open_database
from skm_desktop.storage.models import Periode

ANSWERS = (4, 3, 4, 3, 4, 3, 4, 3, 4)


@pytest.fixture
def demo(db):
    create_demo(db, n=60)
    with db.read_session() as s:
        pid = s.scalars(select(Periode.id).order_by(Periode.id.desc())).first()
    return db, pid


def test_session_loads_what_the_summary_counts(demo):
    db, pid = demo
    k = KeyingSession.open(db, pid, operator="ani")
    assert k.count == ResultsService(db).summary(pid).respondents > 0
    assert len(k.order) == k.count
    first = k.records[k.order[0]]
    assert len(first.answers) == k.n_unsur


def test_a_stored_form_is_seen_after_reload(demo):
    db, pid = demo
    k = KeyingSession.open(db, pid, operator="ani")
    n = k.count
    k.commit(RespondentRecord(no_kuesioner=9001, answers=ANSWERS))
    k.reload()
    assert k.count == n + 1
    assert k.find_no(9001) is not None


def test_number_taken_by_another_pc_is_refused_and_named(demo, db_target):
    db, pid = demo
    other = open_database(db_target, program="PC kedua")
    try:
        a = KeyingSession.open(db, pid, operator="ani")
        b = KeyingSession.open(other, pid, operator="budi")  # loaded before ani stores 9100
        a.commit(RespondentRecord(no_kuesioner=9100, answers=ANSWERS))
        with pytest.raises(NumberTaken) as e:
            b.commit(RespondentRecord(no_kuesioner=9100, answers=(1,) * 9))
        assert "9100" in str(e.value) and "ani" in str(e.value)
        assert b.find_no(9100) is None and 9100 in b.numbers  # b now knows the number is taken
        b.reload()
        assert b.records[b.numbers[9100]].answers == ANSWERS  # ani's form, untouched
    finally:
        other.close()


def test_an_operator_edits_the_same_form_again_and_again(demo):
    db, pid = demo
    k = KeyingSession.open(db, pid, operator="ani")
    for rid in k.order[:5]:  # demo forms, loaded by the fast path
        rec = k.records[rid]
        k.update(rid, rec.with_(saran="pertama"))
        k.update(rid, k.records[rid].with_(saran="kedua", answers=(2,) * 9))
    k.reload()
    assert [k.records[r].saran for r in k.order[:5]] == ["kedua"] * 5


def test_an_edit_of_a_form_another_pc_changed_is_refused_with_theirs(demo, db_target):
    db, pid = demo
    other = open_database(db_target, program="PC kedua")
    try:
        a = KeyingSession.open(db, pid, operator="ani")
        b = KeyingSession.open(other, pid, operator="budi")
        rid = a.order[0]
        theirs = b.update(rid, b.records[rid].with_(answers=(1,) * 9))
        with pytest.raises(ChangedElsewhere) as e:
            a.update(rid, a.records[rid].with_(answers=(4,) * 9))
        assert e.value.theirs == theirs and "budi" in str(e.value)
        assert a.records[rid] == theirs  # the operator now sees the other's values
        a.update(rid, a.records[rid].with_(saran="setelah diperiksa"))  # deciding again works
        b.reload()
        assert b.records[rid].answers == (1,) * 9 and b.records[rid].saran == "setelah diperiksa"
    finally:
        other.close()


def test_the_audit_trail_names_the_pc_and_the_operator(demo):
    from skm_desktop.services.auditing import AuditFilter, AuditService
    from skm_desktop.storage.files import computer_name

    db, pid = demo
    k = KeyingSession.open(db, pid, operator="ani")
    k.commit(RespondentRecord(no_kuesioner=9200, answers=ANSWERS))
    (entry,) = AuditService(db).entries(AuditFilter(pid, no_kuesioner=9200))
    assert entry.komputer == computer_name() != ""
    assert entry.oleh == f"ani ({computer_name()})"


def test_a_period_of_many_unsur_loads_every_answer_as_stored(db):
    """The fast loader packs 3 bits per unsur into one integer: with 21 unsur that needs
    63 bits — on PostgreSQL the shift must be done in bigint, not int4."""
    import datetime as dt

    from skm_desktop.domain.unsur import Unsur, UnsurSet
    from skm_desktop.services import survey
    from skm_desktop.services.entry import MAX_PACKED

    us = UnsurSet(tuple(Unsur(f"U{i}", f"Unsur {i}") for i in range(1, MAX_PACKED + 1)))
    with db.session() as s:
        u = survey.create_unit(s, "Unit Banyak Unsur")
        pid = survey.create_periode(s, u.id, "2025", us, dt.date(2025, 1, 1), dt.date(2025, 12, 31)).id
    forms = [(4,) * MAX_PACKED, tuple((i % 4) + 1 for i in range(MAX_PACKED)), (None,) * (MAX_PACKED - 1) + (4,)]
    for no, a in enumerate(forms, 1):
        survey.save_respondent(db, pid, RespondentRecord(no, a))
    k = KeyingSession.open(db, pid, operator="ani")
    assert [k.records[i].answers for i in k.order] == forms
