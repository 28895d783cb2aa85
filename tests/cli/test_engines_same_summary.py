"""The same data gives the same `summary --json` on SQLite and on the PostgreSQL server
(every figure comes from domain/scoring.py; the engines only store and count)."""
import json

import pytest

from skm_desktop.cli import main


def _summary(target, capsys, *extra):
    capsys.readouterr()
    assert main(["summary", "--db", target, "--json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.sqlite_only  # this test itself spans both engines
@pytest.mark.parametrize("n", [100, 10_000])
def test_demo_summary_identical_on_both_engines(n, tmp_path, pg_server, capsys):
    sqlite_db = str(tmp_path / "demo.db")
    server_db = pg_server.fresh()
    try:
        for target in (sqlite_db, server_db):
            assert main(["demo", "--db", target, "--responden", str(n)]) == 0
        a, b = _summary(sqlite_db, capsys), _summary(server_db, capsys)
        assert a == b
        assert a["respondents"] == n
        # per layanan too: the grouped queries must agree
        from skm_desktop.services.demo import LAYANAN
        for layanan in [name for name, _ in LAYANAN][:2]:
            assert _summary(sqlite_db, capsys, "--layanan", layanan) == _summary(server_db, capsys,
                                                                                "--layanan", layanan)
    finally:
        pg_server.drop_all()
