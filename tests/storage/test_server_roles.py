"""The SQL `skm-desktop server-sql` prints really sets up a least-privilege database:
run against a real server, the owner role creates the schema, the operator role keys
forms and reads results, and cannot change the schema."""

from __future__ import annotations

import os
import re

import psycopg
import pytest

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services.demo import create_demo
from skm_desktop.services.entry import KeyingSession
from skm_desktop.services.results import ResultsService
from skm_desktop.storage.database import open_database
from skm_desktop.storage.server import ServerUrlError, setup_sql

DB = f"skm_peran_{os.getpid()}"
OWNER, OPERATOR = f"skm_pemilik_{os.getpid()}", f"skm_operator_{os.getpid()}"


def run_as(srv, user: str, dbname: str, sql: str) -> None:
    s = srv.server
    with psycopg.connect(host=s.host, port=s.port, user=user, dbname=dbname, autocommit=True) as c:
        for stmt in _statements(sql):
            c.execute(stmt)


def _statements(sql: str):
    """psql input without its comments and \\password lines (the test cluster trusts loopback)."""
    text = "\n".join(l for l in sql.splitlines() if not l.startswith(("--", "\\")))
    return [st.strip() for st in text.split(";") if st.strip()]


@pytest.fixture
def roles(pg_server):
    sql = setup_sql(DB, OWNER, OPERATOR)
    steps = re.split(r"^-- Langkah \d.*$", sql, flags=re.M)
    run_as(pg_server, "postgres", "postgres", steps[1])
    run_as(pg_server, OWNER, DB, steps[2])
    yield pg_server
    with psycopg.connect(
        host=pg_server.server.host, port=pg_server.server.port, user="postgres", dbname="postgres", autocommit=True
    ) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{DB}" WITH (FORCE)')
        c.execute(f"DROP ROLE IF EXISTS {OPERATOR}")
        c.execute(f"DROP ROLE IF EXISTS {OWNER}")


def url(srv, user: str) -> str:
    return f"postgresql://{user}@{srv.server.host}:{srv.server.port}/{DB}"


def test_owner_creates_the_schema_and_the_operator_keys(roles):
    with open_database(url(roles, OWNER)) as db:
        create_demo(db, n=30)
    with open_database(url(roles, OPERATOR)) as db:
        from sqlalchemy import select

        from skm_desktop.storage.models import Periode

        with db.read_session() as s:
            pid = s.scalars(select(Periode.id).order_by(Periode.id.desc())).first()
        k = KeyingSession.open(db, pid, operator="ani")
        before = ResultsService(db).summary(pid).respondents
        k.commit(RespondentRecord(no_kuesioner=9500, answers=(4,) * 9))
        assert ResultsService(db).summary(pid).respondents == before + 1
    s = roles.server
    with psycopg.connect(host=s.host, port=s.port, user=OPERATOR, dbname=DB, autocommit=True) as c:
        for ddl in ("CREATE TABLE coba (x int)", "DROP TABLE responden", "ALTER TABLE unit ADD COLUMN x int"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                c.execute(ddl)


@pytest.mark.parametrize("bad", ["x; drop", "Operator", "", "1abc", "a" * 64])
def test_unsafe_names_are_refused(bad):
    with pytest.raises(ServerUrlError):
        setup_sql(bad)
    with pytest.raises(ServerUrlError):
        setup_sql("skm", operator=bad)
