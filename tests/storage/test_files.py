"""storage.files: the atomic-write helper and the database-user locks (Qt-free)."""

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from skm_desktop.storage import files
from skm_desktop.storage.database import DatabaseInUse, open_database, remove_database_files, replacing
from skm_desktop.storage.recovery import restore_file, set_aside_damaged

ROOT = Path(__file__).resolve().parents[2]


# ------------------------------------------------------------------ atomic_write
def test_atomic_write_replaces_whole_and_leaves_no_temp(tmp_path):
    out = tmp_path / "laporan.pdf"
    out.write_bytes(b"lama")
    with files.atomic_write(out) as tmp:
        assert tmp.parent == out.parent and tmp != out
        tmp.write_bytes(b"baru")
        assert out.read_bytes() == b"lama"  # not visible before the block ends
    assert out.read_bytes() == b"baru"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["laporan.pdf"]


def test_atomic_write_failure_keeps_the_old_file_and_removes_the_temp(tmp_path):
    out = tmp_path / "ekspor.xlsx"
    out.write_bytes(b"lama")
    with pytest.raises(ZeroDivisionError):
        with files.atomic_write(out) as tmp:
            tmp.write_bytes(b"setengah")
            Path(str(tmp) + "-journal").write_bytes(b"x")
            raise ZeroDivisionError  # a failure in the middle of writing
    assert out.read_bytes() == b"lama"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ekspor.xlsx"]


def test_atomic_write_body_that_writes_nothing_fails_cleanly(tmp_path):
    out = tmp_path / "x.db"
    with pytest.raises(OSError):
        with files.atomic_write(out):
            pass
    assert list(tmp_path.iterdir()) == []


def test_temp_names_are_unique():
    t = Path("/x/a.db")
    assert len({files.temp_name(t) for _ in range(50)}) == 50


# ------------------------------------------------------------------ user locks
def test_open_database_registers_and_close_releases(tmp_path):
    path = tmp_path / "skm.db"
    db = open_database(path, program="uji")
    users = files.live_users(path, include_self=True)
    assert [(u.program, u.pid) for u in users] == [("uji", os.getpid())]
    assert users[0].host and users[0].user and users[0].started
    assert files.live_users(path) == []  # this process does not count against itself
    db.close()
    assert files.live_users(path, include_self=True) == []
    assert not list(files.users_dir(path).glob("pengguna-*"))


_HOLDER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, sys.argv[1])
    from skm_desktop.storage.database import open_database
    db = open_database(sys.argv[2], program="pemegang uji")
    print("siap", flush=True)
    time.sleep(60)
""")


def _holder(path):
    p = subprocess.Popen([sys.executable, "-c", _HOLDER, str(ROOT), str(path)], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "siap"
    return p


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_other_process_blocks_delete_until_it_is_killed(tmp_path):
    path = tmp_path / "skm.db"
    open_database(path).close()
    p = _holder(path)
    try:
        users = files.live_users(path)
        assert [(u.program, u.pid) for u in users] == [("pemegang uji", p.pid)]
        with pytest.raises(DatabaseInUse) as e:
            remove_database_files(path)
        msg = str(e.value)
        assert msg.startswith("Basis data ini sedang dibuka oleh pemegang uji di komputer ")
        assert "(pengguna " in msg and " sejak " in msg and "ditolak" in msg
        with pytest.raises(DatabaseInUse):
            set_aside_damaged(path)
        with pytest.raises(DatabaseInUse):
            restore_file(path, path)
        assert path.exists() and not [x for x in tmp_path.iterdir() if "rusak" in x.name or "pulih" in x.name]
    finally:
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
    stale = list(files.users_dir(path).glob("pengguna-*.kunci"))
    assert len(stale) == 1  # the killed process could not clean up ...
    remove_database_files(path)  # ... but its lock died with it
    assert not path.exists() and not stale[0].exists()


def test_hostile_lock_files_are_bounded_and_never_crash(tmp_path):
    path = tmp_path / "skm.db"
    folder = files.users_dir(path)
    folder.mkdir()
    (folder / "pengguna-1-aa.kunci").write_bytes(b"\xff\xfe" * 50_000)
    (folder / "pengguna-2-bb.kunci").write_text(json.dumps([1, 2]))
    (folder / "pengguna-3-cc.kunci").mkdir()
    (folder / "lain.txt").write_text("bukan kunci")
    assert files.live_users(path) == []  # nobody holds them: stale, removed
    assert sorted(p.name for p in folder.iterdir()) == ["gerbang.kunci", "lain.txt", "pengguna-3-cc.kunci"]
    info = files._parse(json.dumps({"program": "x\n\ty", "pid": "bukan", "host": "h" * 500}).encode(), None)
    assert info.program == "x y" and info.pid == 0 and info.host == "h" * 60
    huge = files._parse(json.dumps({"program": "p" * 10_000}).encode(), None)  # cut at 4 KB: not JSON
    assert huge.program == "tidak diketahui"
    assert "waktu yang tidak diketahui" in files._parse(b"{}", None).describe()


def test_operator_lock_is_exclusive_and_names_the_holder(tmp_path):
    path = tmp_path / "skm.db"
    open_database(path).close()
    first = files.claim_operator(path, "aplikasi operator SKM Desktop")
    assert isinstance(first, files.Registration)
    second = files.claim_operator(path, "aplikasi operator SKM Desktop")
    assert isinstance(second, files.Pengguna) and second.pid == os.getpid()
    assert second.describe().startswith("Basis data ini sedang dibuka oleh aplikasi operator SKM Desktop di komputer ")
    first.release()
    again = files.claim_operator(path, "aplikasi operator SKM Desktop")
    assert isinstance(again, files.Registration)
    again.release()


def test_replacing_holds_the_gate_against_new_openers(tmp_path, monkeypatch):
    path = tmp_path / "skm.db"
    open_database(path).close()
    monkeypatch.setattr(files, "GATE_TIMEOUT_S", 0.2)
    with replacing(path):
        with pytest.raises(TimeoutError):
            with files.gate(path, timeout=0.2):
                pass
    with files.gate(path, timeout=0.2) as ok:
        assert ok


def test_ui_entry_points_import_no_storage_module():
    """ui/app.py, ui/safety.py and ui/cadangan.py reach the database file only through services."""
    import ast

    for name in ("app.py", "safety.py", "cadangan.py"):
        tree = ast.parse((ROOT / "skm_desktop" / "ui" / name).read_text(encoding="utf-8"))
        mods = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
        mods |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        assert not [m for m in mods if m.startswith("skm_desktop.storage")], name


_OLD_PROGRAM = textwrap.dedent("""
    import sys
    sys.path.insert(0, sys.argv[1])
    from skm_desktop.storage import files
    reg = files.register(sys.argv[2], "SKM Desktop versi lama")
    print("siap", flush=True)
    sys.stdin.readline()
""")


def test_schema_upgrade_waits_until_no_other_program_has_the_file(tmp_path):
    import shutil

    from skm_desktop.storage.recovery import schema_revision

    path = tmp_path / "lama.db"
    shutil.copy(ROOT / "tests" / "fixtures" / "db" / "schema-0001.sqlite", path)
    p = subprocess.Popen(
        [sys.executable, "-c", _OLD_PROGRAM, str(ROOT), str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert p.stdout.readline().strip() == "siap"
        with pytest.raises(DatabaseInUse) as e:
            open_database(path)
        assert "SKM Desktop versi lama" in str(e.value) and "Pembaruan skema" in str(e.value)
        assert schema_revision(path) == "0001"  # untouched
        assert [u.pid for u in files.live_users(path, include_self=True)] == [p.pid]  # none of ours left
    finally:
        p.stdin.close()
        p.wait(timeout=20)
    db = open_database(path)
    db.close()
    assert schema_revision(path) != "0001"
