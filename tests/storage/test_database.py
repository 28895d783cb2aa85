"""Storage on real SQLite files: settings, schema, refusals, transactions."""

import sqlite3

import pytest
from sqlalchemy import text

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.domain.unsur import BobotMode, Unsur, UnsurSet, renumber
from skm_desktop.services import ServiceError, results, survey
from skm_desktop.storage import database as dbm
from skm_desktop.storage.database import DatabaseError, NewerDatabase, open_database


def setup_period(db, std_set):
    with db.session() as s:
        u = survey.create_unit(s, "Puskesmas Contoh")
        survey.add_layanan(s, u.id, "Poli Umum")
        p = survey.create_periode(s, u.id, "2025", std_set)
        return u.id, p.id


@pytest.mark.sqlite_only
def test_pragmas_wal_foreign_keys_synchronous(db):
    with db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert c.exec_driver_sql("PRAGMA application_id").scalar() == dbm.APPLICATION_ID


def test_schema_head_is_alembic_head_and_matches_models(new_db):
    from alembic.autogenerate import compare_metadata
    from alembic.config import Config
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(dbm.MIGRATIONS_DIR))
    script = ScriptDirectory.from_config(cfg)
    assert script.get_current_head() == dbm.SCHEMA_HEAD
    assert {r.revision for r in script.walk_revisions()} == set(dbm.KNOWN_REVISIONS)
    from skm_desktop.storage.models import Base

    # new files are created from the models and stamped; old files are migrated:
    # both must give the same schema
    target = new_db("migrated.db", empty=True)
    if str(target).startswith("postgresql://"):  # the same 0001..head chain, on the server
        from skm_desktop.storage.server import parse_server_url

        engine = parse_server_url(target).make_engine("test")
    else:
        engine = dbm.make_engine(target)
    dbm.migrate(engine)
    with engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c), Base.metadata)
        assert c.exec_driver_sql("select version_num from alembic_version").scalar() == dbm.SCHEMA_HEAD
    engine.dispose()
    assert diff == []


@pytest.mark.sqlite_only
def test_newer_database_refused_and_untouched(tmp_path):
    path = tmp_path / "baru.db"
    open_database(path).close()
    con = sqlite3.connect(path)
    con.execute("update alembic_version set version_num='9999'")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(NewerDatabase, match="versi SKM Desktop yang lebih baru"):
        open_database(path)
    assert path.read_bytes() == before


@pytest.mark.sqlite_only
def test_damaged_file_refused_and_untouched(tmp_path):
    path = tmp_path / "rusak.db"
    d = open_database(path)
    d.close()
    raw = bytearray(path.read_bytes())
    raw[100:4096] = b"\xff" * (4096 - 100)  # wreck the first page after the header
    path.write_bytes(bytes(raw))
    with pytest.raises(DatabaseError):
        open_database(path)
    assert path.read_bytes() == bytes(raw)


def test_one_respondent_one_transaction_and_duplicates(db, std_set):
    uid, pid = setup_period(db, std_set)
    rec = RespondentRecord(7, (4, 4, 3, 4, 3, 4, 4, None, 4), layanan="poli umum", jenis_kelamin="P")
    rid = survey.save_respondent(db, pid, rec)
    with pytest.raises(ServiceError, match="Nomor kuesioner 7 sudah ada"):
        survey.save_respondent(db, pid, rec)
    with pytest.raises(ServiceError, match="U3"):
        survey.save_respondent(db, pid, rec.with_(no_kuesioner=8, answers=(4, 4, 9, 4, 3, 4, 4, None, 4)))
    with db.read_session() as s:
        assert survey.respondent_count(s, pid) == 1
        stored = survey.load_records(s, pid)
        assert stored[0][0] == rid and stored[0][1].layanan == "Poli Umum"
        assert stored[0][1].answers == (4, 4, 3, 4, 3, 4, 4, None, 4)
        assert survey.next_no(s, pid) == 8
    survey.update_respondent(db, rid, rec.with_(answers=(1,) * 9))
    with db.read_session() as s:
        assert results.summary(s, pid).unsur[0].nrr == 1
    deleted = survey.delete_respondent(db, rid)
    assert deleted.no_kuesioner == 7
    with db.read_session() as s:
        assert survey.respondent_count(s, pid) == 0
        assert s.execute(text("select count(*) from jawaban")).scalar() == 0


def test_unsur_set_frozen_once_answered(db, std_set):
    uid, pid = setup_period(db, std_set)
    extra = UnsurSet(renumber(std_set.unsur + (Unsur("U10", "Unsur tambahan"),)), std_set.mode)
    with db.session() as s:
        survey.set_unsur_set(s, pid, extra)  # allowed while empty
    survey.save_respondent(db, pid, RespondentRecord(1, (4,) * 10))
    with pytest.raises(ServiceError, match="terkunci"):
        with db.session() as s:
            survey.set_unsur_set(s, pid, std_set)
    with db.session() as s:  # switching only the weights mode stays allowed
        survey.set_unsur_set(s, pid, extra.with_mode(BobotMode.EKSAK))
    with db.read_session() as s:
        us = survey.unsur_set(s, pid)
        assert len(us) == 10 and us.mode is BobotMode.EKSAK


def test_closed_period_refuses_changes(db, std_set):
    uid, pid = setup_period(db, std_set)
    with db.session() as s:
        survey.update_periode(s, pid, ditutup=True)
    with pytest.raises(ServiceError, match="sudah ditutup"):
        survey.save_respondent(db, pid, RespondentRecord(1, (4,) * 9))


def test_held_respondents_not_counted(db, std_set):
    uid, pid = setup_period(db, std_set)
    survey.save_respondent(db, pid, RespondentRecord(1, (4,) * 9))
    rid = survey.save_respondent(db, pid, RespondentRecord(2, (1,) * 9, sumber="kiosk"))
    with db.session() as s:
        s.execute(text("update responden set ditahan = true where id = :i"), {"i": rid})
    with db.read_session() as s:
        sm = results.summary(s, pid)
        assert sm.respondents == 1 and sm.unsur[0].nrr == 4
        assert results.sumber_counts(s, pid) == {"kertas": 1, "kiosk": 0, "impor": 0, "pindai": 0}
        assert len(survey.load_records(s, pid)) == 1
        assert len(survey.load_records(s, pid, include_held=True)) == 2


def test_sql_tally_equals_domain_tally(new_db):
    from skm_desktop.domain.scoring import Tally
    from skm_desktop.services.demo import create_demo

    d = open_database(new_db("demo.db"))
    create_demo(d, n=200)
    with d.read_session() as s:
        p = survey.find_periode(s)
        recs = [r for _, r in survey.load_records(s, p.id)]
        assert results.tally(s, p.id) == Tally.from_answers(9, [r.answers for r in recs])
        lay = survey.layanan_list(s, p.unit_id)[0]
        sub = [r.answers for r in recs if r.layanan == lay.nama]
        assert results.tally(s, p.id, lay.id) == Tally.from_answers(9, sub)
    d.close()


def test_per_layanan_equals_one_summary_per_layanan(new_db):
    from skm_desktop.services.demo import create_demo

    d = open_database(new_db("demo.db"))
    create_demo(d, n=150)
    with d.read_session() as s:
        p = survey.find_periode(s)
        got = results.per_layanan(s, p.id)
        ids = survey.layanan_ids(s, p.unit_id)
        assert [name for name, _ in got] == [
            l.nama for l in survey.layanan_list(s, p.unit_id) if survey.respondent_count(s, p.id, l.id)
        ]
        for name, sm in got:
            one = results.summary(s, p.id, ids[name])
            assert sm.respondents == one.respondents and sm.ikm == one.ikm
            assert [r.counts for r in sm.unsur] == [r.counts for r in one.unsur]
    d.close()


def test_bulk_insert_stores_exactly_what_the_orm_stores(db, std_set):
    import datetime as dt

    from skm_desktop.services.importing import bulk_insert

    uid, pid = setup_period(db, std_set)
    rec = RespondentRecord(
        1,
        (4, 3, None, 2, 1, 4, 4, 3, 3),
        dt.date(2024, 3, 5),
        "Poli Umum",
        "Perempuan",
        33,
        "SMA",
        "PNS",
        "saran",
        "impor",
        "B01",
        "Rina",
        2,
    )
    with db.session() as s:
        bulk_insert(s, s.get(survey.Periode, pid), [rec])
    survey.save_respondent(db, pid, rec.with_(no_kuesioner=2))
    cols = (
        "tanggal, layanan_id, jenis_kelamin, usia, pendidikan, pekerjaan, saran, sumber, batch, operator, "
        "posisi, ditahan, typeof(tanggal), typeof(created_at), length(created_at), typeof(ditahan)"
    )
    if db.dialect == "postgresql":  # the server's types are the columns' own; the values must match
        cols = (
            "tanggal, layanan_id, jenis_kelamin, usia, pendidikan, pekerjaan, saran, sumber, batch, operator, "
            "posisi, ditahan, pg_typeof(tanggal)::text, pg_typeof(created_at)::text, pg_typeof(ditahan)::text"
        )
    with db.read_session() as s:
        a, b = s.execute(text(f"select {cols} from responden order by no_kuesioner")).all()
        assert tuple(a) == tuple(b)
        stored = [r for _, r in survey.load_records(s, pid)]
    assert stored[0] == rec and stored[1] == rec.with_(no_kuesioner=2)


def test_database_is_a_context_manager_that_closes(tmp_path):
    path = tmp_path / "skm.db"
    with open_database(path) as db:
        with db.session() as s:
            s.execute(text("INSERT INTO skm_meta (kunci, nilai) VALUES ('uji', '1')"))
        assert db.engine.pool.checkedin() == 1  # a pooled connection keeps the WAL file open
        assert (tmp_path / "skm.db-wal").exists()
    # closed: the last connection checkpointed and removed the WAL file
    assert db.engine.pool.checkedin() == 0
    assert not (tmp_path / "skm.db-wal").exists()


def test_database_context_closes_when_the_block_raises(tmp_path):
    path = tmp_path / "skm.db"
    with pytest.raises(RuntimeError):
        with open_database(path) as db:
            with db.read_session() as s:
                s.execute(text("SELECT 1"))
            raise RuntimeError("gagal")
    assert db.engine.pool.checkedin() == 0
    assert not (tmp_path / "skm.db-wal").exists()
    with open_database(path) as again:  # still a good database
        with again.read_session() as s:
            assert s.execute(text("SELECT nilai FROM skm_meta WHERE kunci = 'dibuat_oleh'")).scalar()
