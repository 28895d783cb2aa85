"""`restore` while another program is storing forms: refused (exit 2, Indonesian message,
nothing lost); once that program has exited — or was SIGKILLed — restore works."""

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from skm_desktop.storage import files
from skm_desktop.storage.backup import backup_file

from .helpers import count, make_db

ROOT = Path(__file__).resolve().parents[2]

# Stores questionnaires through the services until the stop file appears; after each
# commit returns, its number is appended (and fsynced) to the record file.
_SAVER = textwrap.dedent("""
    import os, sys
    sys.path.insert(0, sys.argv[1])
    from skm_desktop.domain.respondent import RespondentRecord
    from skm_desktop.services import survey
    from skm_desktop.storage.database import open_database
    db_path, periode_id, record, stop = sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
    db = open_database(db_path, create=False, program="penyimpan uji")
    with db.read_session() as s:
        no = survey.next_no(s, periode_id)
    print("siap", flush=True)
    with open(record, "a", encoding="utf-8") as out:
        while not os.path.exists(stop):
            survey.save_respondent(db, periode_id, RespondentRecord(
                no_kuesioner=no, answers=tuple((no + i) % 4 + 1 for i in range(9)), sumber="kertas"))
            out.write(f"{no}\\n"); out.flush(); os.fsync(out.fileno())
            no += 1
    db.close()
""")


def _cli(*args):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "skm_desktop", *args], capture_output=True, text=True, timeout=60, env=env, cwd=ROOT
    )


def _confirmed(record: Path) -> set[int]:
    return {int(x) for x in record.read_text(encoding="utf-8").split()} if record.exists() else set()


def _stored(path: Path) -> set[int]:
    con = sqlite3.connect(path)
    try:
        return {r[0] for r in con.execute("SELECT no_kuesioner FROM responden")}
    finally:
        con.close()


@pytest.fixture
def saving(tmp_path, std_set):
    """A database with 3 forms, a backup of it, and a child process storing more forms."""
    db = tmp_path / "skm.db"
    pid = make_db(db, 3, std_set)
    backup = backup_file(db, tmp_path / "cadangan.db")
    record, stop = tmp_path / "tercatat.txt", tmp_path / "berhenti"
    p = subprocess.Popen(
        [sys.executable, "-c", _SAVER, str(ROOT), str(db), str(pid), str(record), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert p.stdout.readline().strip() == "siap"
    deadline = time.monotonic() + 20
    while len(_confirmed(record)) < 5:  # it is really saving
        assert time.monotonic() < deadline and p.poll() is None
        time.sleep(0.02)
    yield db, backup, record, stop, p
    if p.poll() is None:
        p.kill()
        p.wait()


def test_restore_is_refused_while_forms_are_being_saved_and_nothing_is_lost(saving):
    db, backup, record, stop, p = saving
    r = _cli("restore", str(backup), "--db", str(db))
    assert r.returncode == 2, r.stderr
    assert "Pemulihan ditolak: Basis data ini sedang dibuka oleh penyimpan uji di komputer " in r.stderr
    assert "(pengguna " in r.stderr and "Traceback" not in r.stderr
    n_at_refusal = len(_confirmed(record))
    deadline = time.monotonic() + 20
    while len(_confirmed(record)) < n_at_refusal + 5:  # the saver went on undisturbed
        assert time.monotonic() < deadline and p.poll() is None
        time.sleep(0.02)
    stop.touch()
    assert p.wait(timeout=20) == 0
    confirmed = _confirmed(record)
    assert confirmed and confirmed <= _stored(db)  # every confirmed form is in the database
    assert _stored(db) == confirmed | {1, 2, 3}
    assert not list(db.parent.glob("*.sementara")) and not list(db.parent.glob("skm.sebelum-pulih-*"))

    # (2) the saver has exited: restore works, the file holds the backup's 3 forms
    r = _cli("restore", str(backup), "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert count(db) == 3
    kept = list(db.parent.glob("skm.sebelum-pulih-*.db"))
    assert len(kept) == 1 and count(kept[0]) == 3 + len(confirmed)  # the replaced content is kept


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_restore_works_after_the_saver_is_killed(saving):
    db, backup, record, _stop, p = saving
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    confirmed = _confirmed(record)
    assert len(list(files.users_dir(db).glob("pengguna-*.kunci"))) == 1  # its lock file stayed behind
    r = _cli("restore", str(backup), "--db", str(db))
    assert r.returncode == 0, r.stderr
    assert count(db) == 3
    assert not list(files.users_dir(db).glob("pengguna-*.kunci"))  # the stale lock was cleaned up
    kept = list(db.parent.glob("skm.sebelum-pulih-*.db"))
    assert len(kept) == 1 and confirmed <= _stored(kept[0])
