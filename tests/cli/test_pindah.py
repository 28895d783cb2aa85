"""`skm-desktop pindah` and server backups: a whole database moves between a SQLite
file and a real PostgreSQL server exactly, both ways, and nothing half-done stays."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from skm_desktop.cli import main
from skm_desktop.services.demo import create_demo
from skm_desktop.storage.database import open_database
from skm_desktop.storage.models import Base


def dump(target) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order (what "exactly" means)."""
    out = {}
    with open_database(target, create=False) as db, db.engine.connect() as conn:
        for t in Base.metadata.sorted_tables:
            order = list(t.primary_key.columns) or list(t.columns)
            rows = conn.execute(select(t).order_by(*order)).all()
            if t.name == "skm_meta":  # each database keeps its own facts (creator, marker)
                rows = [r for r in rows if r[0] not in ("dibuat_oleh", "application_id")]
            out[t.name] = [tuple(r) for r in rows]
    return out


def summary(target, capsys) -> dict:
    capsys.readouterr()
    assert main(["summary", "--db", str(target), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def demo_file(tmp_path):
    path = tmp_path / "unit.db"
    with open_database(path) as db:
        create_demo(db, n=120)
    return path


def test_file_to_server_and_back_is_exact(demo_file, tmp_path, pg_server, capsys):
    url = pg_server.fresh()
    assert main(["pindah", "--from", str(demo_file), "--to", url]) == 0
    assert "responden" in capsys.readouterr().out
    back = tmp_path / "kembali.db"
    assert main(["pindah", "--from", url, "--to", str(back)]) == 0
    original = dump(demo_file)
    assert sum(len(v) for v in original.values()) > 1000  # the demo really has content
    assert dump(url) == original
    assert dump(back) == original
    assert summary(url, capsys) == summary(demo_file, capsys) == summary(back, capsys)
    assert not list(tmp_path.glob("*.tmp*")), "no temporary file stays behind"
    assert not list(tmp_path.glob("*sementara*")), "nor the temporary file's users folder"


def test_non_empty_target_is_refused_unless_replaced(demo_file, tmp_path, pg_server, capsys):
    url = pg_server.fresh()
    assert main(["pindah", "--from", str(demo_file), "--to", url]) == 0
    before = dump(url)
    capsys.readouterr()
    assert main(["pindah", "--from", str(demo_file), "--to", url]) == 2
    err = capsys.readouterr().err
    assert "sudah berisi" in err and "--ganti" in err
    assert dump(url) == before
    assert main(["pindah", "--from", str(demo_file), "--to", url, "--ganti"]) == 0
    assert dump(url) == before


def test_ids_continue_after_the_copied_ones_on_the_server(demo_file, pg_server, capsys):
    url = pg_server.fresh()
    assert main(["pindah", "--from", str(demo_file), "--to", url]) == 0
    csv = demo_file.with_name("tambah.csv")
    csv.write_text(
        "no_kuesioner,tanggal,u1,u2,u3,u4,u5,u6,u7,u8,u9\n90001,2024-03-01,4,4,4,4,4,4,4,4,4\n", encoding="utf-8"
    )
    before = summary(url, capsys)
    assert main(["import", str(csv), "--db", url, "--periode", before["periode"]]) == 0, capsys.readouterr().err
    assert summary(url, capsys)["respondents"] == before["respondents"] + 1


def test_server_backup_is_a_portable_file_that_restores(demo_file, tmp_path, pg_server, capsys):
    url = pg_server.fresh()
    assert main(["pindah", "--from", str(demo_file), "--to", url]) == 0
    out = tmp_path / "cadangan-server.db"
    assert main(["backup", "--db", url, "--out", str(out)]) == 0
    assert dump(out) == dump(demo_file)
    assert not out.with_name(out.name + "-wal").exists()
    other = pg_server.fresh()
    assert main(["restore", str(out), "--db", other]) == 0, capsys.readouterr().err
    assert dump(other) == dump(demo_file)


def test_missing_source_is_refused_plainly(tmp_path, capsys):
    assert main(["pindah", "--from", str(tmp_path / "tidak-ada.db"), "--to", str(tmp_path / "b.db")]) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not (tmp_path / "b.db").exists()
