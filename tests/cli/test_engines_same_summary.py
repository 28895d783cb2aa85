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
            assert _summary(sqlite_db, capsys, "--layanan", layanan) == _summary(
                server_db, capsys, "--layanan", layanan
            )
    finally:
        pg_server.drop_all()


def test_text_longer_than_its_column_refused_by_the_server_and_nothing_stored(tmp_path, pg_server, capsys):
    """PostgreSQL enforces VARCHAR lengths (SQLite does not): the refusal is a plain
    Indonesian message, exit 2, and the import's transaction leaves nothing behind."""
    from sqlalchemy import text

    from skm_desktop.storage.server import parse_server_url

    url = pg_server.fresh()
    f = tmp_path / "panjang.csv"
    f.write_text(
        f"no_kuesioner,jenis_layanan,u1,u2,u3,u4,u5,u6,u7,u8,u9\n1,{'L' * 300},4,4,4,4,4,4,4,4,4\n", encoding="utf-8"
    )
    try:
        assert main(["import", str(f), "--db", url, "--periode", "X"]) == 2
        err = capsys.readouterr().err
        # the import's own length check (200 characters) refuses it before the server's VARCHAR would
        assert "kolom jenis_layanan" in err and "paling panjang 200 karakter" in err, err
        assert "tidak ada data yang disimpan" in err
        eng = parse_server_url(url).make_engine("test")
        with eng.connect() as c:
            assert c.execute(text("select count(*) from responden")).scalar() == 0
            assert c.execute(text("select count(*) from periode")).scalar() == 0
        eng.dispose()
    finally:
        pg_server.drop_all()
