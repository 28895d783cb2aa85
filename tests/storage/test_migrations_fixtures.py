"""Upgrading saved databases of every schema revision never loses data.

The files in tests/fixtures/db/ were written by tests/fixtures/make_fixtures.py
at each revision with plain SQL; opening them with today's code migrates them.
"""

import importlib.util
import shutil
import sqlite3
from pathlib import Path

import pytest

from skm_desktop.cli import main
from skm_desktop.services import results, survey
from skm_desktop.storage.database import SCHEMA_HEAD, open_database

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
_spec = importlib.util.spec_from_file_location("make_fixtures", FIXTURES / "make_fixtures.py")
make_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make_fixtures)
FILES = sorted((FIXTURES / "db").glob("schema-*.sqlite"))


def _snapshot(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table (except Alembic's own), by table, with the columns it had."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND name NOT LIKE 'sqlite_%' AND name <> 'alembic_version'"
            )
        ]
        snap = {}
        for t in tables:
            cols = [r[1] for r in con.execute(f"PRAGMA table_info({t})")]
            snap[t] = (cols, sorted(con.execute(f"SELECT {', '.join(cols)} FROM {t}").fetchall(), key=repr))
        return snap
    finally:
        con.close()


def _rows(path: Path, table: str, cols: list[str]) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return sorted(con.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall(), key=repr)
    finally:
        con.close()


def test_every_revision_has_a_saved_file():
    revs = make_fixtures.revisions()
    assert revs[-1] == SCHEMA_HEAD
    missing = [r for r in revs if not make_fixtures.fixture_path(r).exists()]
    assert not missing, f"run: python tests/fixtures/make_fixtures.py  (missing {missing})"


@pytest.mark.parametrize("fixture", FILES, ids=[f.stem for f in FILES])
def test_upgrade_keeps_every_row(tmp_path, fixture):
    path = tmp_path / "skm.db"
    shutil.copy(fixture, path)
    before = _snapshot(path)
    assert before["responden"][1], "fixture without respondents"
    old_rev = sqlite3.connect(path).execute("SELECT version_num FROM alembic_version").fetchone()[0]

    db = open_database(path)
    try:
        with db.read_session() as s:
            p = survey.find_periode(s, "Tahun 2025")
            sm = results.summary(s, p.id)
            held = [
                r
                for r in before["responden"][1]
                if "ditahan" in before["responden"][0] and r[before["responden"][0].index("ditahan")]
            ]
            assert sm.respondents == len(before["responden"][1]) - len(held)
            assert sm.ikm is not None
    finally:
        db.close()

    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_HEAD
    con.close()
    for table, (cols, rows) in before.items():
        if table == "skm_meta":
            continue  # the program may add its own keys
        assert _rows(path, table, cols) == rows, f"{fixture.name}: rows of {table} changed by the upgrade"

    backups = list(tmp_path.glob("skm.sebelum-migrasi-*.db"))
    if old_rev != SCHEMA_HEAD:
        assert len(backups) == 1, "no backup was made before migrating"
        assert _snapshot(backups[0]) == before
    else:
        assert backups == []


@pytest.mark.parametrize("fixture", FILES[:1], ids=[f.stem for f in FILES[:1]])
def test_oldest_file_works_from_the_command_line(tmp_path, fixture, capsys):
    path = tmp_path / "lama.db"
    shutil.copy(fixture, path)
    assert main(["summary", "--db", str(path), "--periode", "Tahun 2025"]) == 0
    out = capsys.readouterr().out
    assert "Puskesmas Arsip" in out and "IKM konversi:" in out
