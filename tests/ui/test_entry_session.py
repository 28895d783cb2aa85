"""The keying session service behind the entry screen (no widgets)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import update

from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.respondent import KIOSK_NO_MIN, PAPER_NO_MAX, RespondentRecord
from skm_desktop.domain.tanggal import parse as parse_tanggal
from skm_desktop.services import ServiceError, demo, results, survey
from skm_desktop.services.entry import (
    KeyingSession,
    NumberMissing,
    NumberOutOfRange,
    NumberProblem,
    NumberTaken,
    PeriodClosed,
)
from skm_desktop.services.importing import bulk_insert
from skm_desktop.storage.models import Respondent


@pytest.fixture
def period(db):
    with db.session() as s:
        u = survey.create_unit(s, "Kelurahan Sesi")
        for name, _ in demo.LAYANAN:
            survey.add_layanan(s, u.id, name)
        p = survey.create_periode(s, u.id, "2024", None, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        recs = demo.generate_records(400, seed=5, blank_rate=0.05)
        recs[7] = recs[7].with_(layanan=None, tanggal=None, answers=(None,) * 9)
        bulk_insert(s, p, recs)
        s.execute(
            update(Respondent).where(Respondent.periode_id == p.id, Respondent.no_kuesioner == 9).values(ditahan=True)
        )
        return p.id


def test_fast_loading_equals_the_engine(db, period):
    k = KeyingSession.open(db, period, "Rina")
    with db.read_session() as s:
        assert [(rid, k.records[rid]) for rid in k.order] == survey.load_records(s, period)
        assert k.tally == results.tally(s, period)
        assert k.summary() == results.summary(s, period)
    assert k.count == 399 and 9 not in {r.no_kuesioner for r in k.records.values()}
    assert "ditahan" in k.no_problem(9)
    assert "sudah ada" in k.no_problem(10)
    assert k.no_problem(401) is None and k.next_no() == 401


def test_changes_keep_tally_and_database_in_step(db, period):
    k = KeyingSession.open(db, period, "Rina")
    k.batch = "B07"
    rid, stored = k.commit(
        RespondentRecord(
            500, (4, 4, 3, None, 2, 1, 4, 4, 3), dt.date(2024, 5, 2), demo.LAYANAN[0][0], "p", 30, "sma", "asn"
        )
    )
    assert (stored.jenis_kelamin, stored.pendidikan, stored.pekerjaan) == ("Perempuan", "SMA", "PNS")
    assert stored.operator == "Rina" and stored.batch == "B07" and stored.sumber == "kertas"
    k.update(rid, stored.with_(answers=(1,) * 9, layanan=demo.LAYANAN[1][0]))
    deleted = k.delete(k.find_no(3))
    k.restore(deleted)
    k.delete(k.find_no(4))
    with db.read_session() as s:
        assert k.tally == results.tally(s, period)
        assert k.progress() == results.progress(s, period)
    with pytest.raises(ServiceError, match="sudah ada"):
        k.commit(RespondentRecord(500, (4,) * 9))
    # the row in progress counts in the live figures only while it has answers
    before = k.tally.copy()
    k.set_draft_answers((4, None, None, None, None, None, None, None, None))
    assert k.tally.respondents == before.respondents + 1 and k.draft_counted
    k.set_draft_answers((4, 2, None, None, None, None, None, None, None))
    k.set_draft_answers(None)
    assert k.tally == before


def test_number_problems_are_typed(db, period):
    k = KeyingSession.open(db, period, "Rina")
    with pytest.raises(NumberTaken) as taken:
        k.commit(RespondentRecord(10, (4,) * 9))
    assert taken.value.no == 10 and not taken.value.held and "sudah ada" in str(taken.value)
    with pytest.raises(NumberTaken) as held:
        k.check_no(9)
    assert held.value.held
    with pytest.raises(NumberMissing):
        k.check_no(None)
    for bad in (0, -1, True, "12", 1.0):
        with pytest.raises(NumberOutOfRange):
            k.check_no(bad)
    # a new questionnaire keyed from paper has a paper number
    with pytest.raises(NumberOutOfRange, match="99.999"):
        k.commit(RespondentRecord(PAPER_NO_MAX + 1, (4,) * 9))
    assert isinstance(NumberTaken("x", 1, False), (NumberProblem, ServiceError))
    assert k.check_no(10, exclude_id=k.find_no(10)) == 10


def test_kiosk_numbers_do_not_move_the_next_paper_number(db, period):
    with db.session() as s:
        p = s.get(survey.Periode, period)
        bulk_insert(s, p, [RespondentRecord(KIOSK_NO_MIN, (4,) * 9, sumber="kiosk")])
    k = KeyingSession.open(db, period, "Rina")
    assert k.next_no() == 401
    rid = k.find_no(KIOSK_NO_MIN)
    k.update(rid, k.records[rid].with_(usia=40))  # its own number stays valid when other fields change
    with pytest.raises(NumberOutOfRange):
        k.update(rid, k.records[rid].with_(no_kuesioner=KIOSK_NO_MIN + 5))


def test_closed_period_refuses_changes(db, period):
    with db.session() as s:
        survey.update_periode(s, period, ditutup=True)
    k = KeyingSession.open(db, period)
    with pytest.raises(PeriodClosed, match="ditutup"):
        k.commit(RespondentRecord(900, (4,) * 9))


def test_draft_round_trip(db, period):
    k = KeyingSession.open(db, period, "Agus")
    assert k.load_draft() is None
    k.save_draft({"no": 401, "tanggal": dt.date(2024, 3, 1), "answers": [4, None]})
    assert KeyingSession.open(db, period, "Agus").load_draft() == {
        "no": 401,
        "tanggal": "2024-03-01",
        "answers": [4, None],
    }
    assert KeyingSession.open(db, period, "Rina").load_draft() is None  # per operator
    k.save_draft(None)
    assert k.load_draft() is None


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("14122024", dt.date(2024, 12, 14)),
        ("141224", dt.date(2024, 12, 14)),
        ("14/12/2024", dt.date(2024, 12, 14)),
        ("1-2-24", dt.date(2024, 2, 1)),
        ("15", dt.date(2024, 3, 15)),
        ("0504", dt.date(2024, 4, 5)),
    ],
)
def test_parse_tanggal(typed, expected):
    assert parse_tanggal(typed, dt.date(2024, 3, 9)) == expected


@pytest.mark.parametrize("typed", ["31022024", "1412202", "ab", "14/12/2024/1"])
def test_parse_tanggal_refuses(typed):
    with pytest.raises(DomainError):
        parse_tanggal(typed, dt.date(2024, 3, 9))
