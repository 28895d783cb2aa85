"""A file as this program left it at a clean close opens without its integrity check
(storage.clean_close); any change, a stale or hostile stamp, or a damage error brings it back."""

from __future__ import annotations

import json
import os
import sqlite3

import pytest
from sqlalchemy import text

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services import survey
from skm_desktop.storage import clean_close
from skm_desktop.storage import database as dbmod
from skm_desktop.storage.database import DamagedDatabase, open_database
from skm_desktop.storage.files import users_dir
from tests.helpers.units import unit_with_periode

pytestmark = pytest.mark.sqlite_only  # the check and its stamp are about SQLite files


@pytest.fixture
def checks(monkeypatch):
    """Every open's choice: True when PRAGMA quick_check ran."""
    seen: list[bool] = []
    real = dbmod._check_existing

    def spy(path, quick_check=True):
        seen.append(quick_check)
        return real(path, quick_check)

    monkeypatch.setattr(dbmod, "_check_existing", spy)
    return seen


def _filled(path, n=300):
    db = open_database(path)
    _, pid = unit_with_periode(db)
    with db.session() as s:
        for no in range(1, n + 1):
            survey.add_respondent(s, pid, RespondentRecord(no, (4, 3, 4, 3, 4, 3, 4, 3, 4)))
    db.close()


def test_a_cleanly_closed_file_opens_without_the_check_and_keeps_its_check_time(tmp_path, checks):
    path = tmp_path / "skm.db"
    _filled(path)
    created = clean_close.needs_check(path)[1]  # a new file needs no check: made by this program
    first = open_database(path)
    first.close()
    (users_dir(path) / clean_close.STAMP_FILE).unlink()
    checked = open_database(path)  # no stamp: checked
    checked.close()
    again = open_database(path)
    assert checks == [False, True, False]
    assert first.checked_at == created
    assert again.checked_at == checked.checked_at > created  # carried: a real check is due a day after the last
    again.close()
    stamp = json.loads((users_dir(path) / clean_close.STAMP_FILE).read_text(encoding="utf-8"))
    assert stamp["sidik"] == clean_close.fingerprint(path)


def test_one_damaged_page_behind_a_clean_stamp_is_still_found(tmp_path, checks):
    """Size and modification time kept, one page in the middle of the answers wrecked:
    the fingerprint differs, the check runs and refuses the file."""
    path = tmp_path / "skm.db"
    _filled(path, 800)
    _wreck_middle_page(path)
    with pytest.raises(DamagedDatabase, match="rusak"):
        open_database(path)
    assert checks == [True]


def test_a_file_left_open_is_checked_next_time(tmp_path, checks):
    """No clean close (the program was killed, the power went): the stamp no longer fits."""
    path = tmp_path / "skm.db"
    _filled(path)
    db = open_database(path)
    unit_with_periode(db, unit="Unit Dua")
    assert clean_close.needs_check(path)[0] is True  # written since: the log holds it
    db.engine.dispose()  # connections go, but close() (the stamp) never comes
    assert clean_close.needs_check(path)[0] is True
    for r in list(db.held):
        r.release()
    open_database(path).close()
    assert checks[-1] is True


def test_a_real_check_is_due_a_day_after_the_last(tmp_path):
    path = tmp_path / "skm.db"
    _filled(path, 5)
    open_database(path).close()
    need, when = clean_close.needs_check(path)
    assert need is False and when is not None
    assert clean_close.needs_check(path, now=when + clean_close.CHECK_EVERY_S - 1)[0] is False
    assert clean_close.needs_check(path, now=when + clean_close.CHECK_EVERY_S)[0] is True
    assert clean_close.needs_check(path, now=when - 3600)[0] is True  # a clock set back


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"{",
        b"[]",
        b'{"sidik": "x", "diperiksa": "kemarin"}',
        json.dumps({"sidik": None, "diperiksa": 1e300}).encode(),
        b"{" + b" " * 5000 + b"}",  # larger than any stamp of ours
    ],
)
def test_a_hostile_stamp_only_means_a_check(tmp_path, checks, content):
    path = tmp_path / "skm.db"
    _filled(path, 5)
    (users_dir(path) / clean_close.STAMP_FILE).write_bytes(content)
    open_database(path).close()
    assert checks == [True]


def _wreck_middle_page(path):
    st = path.stat()
    page = sqlite3.connect(path).execute("PRAGMA page_size").fetchone()[0]
    raw = bytearray(path.read_bytes())
    mid = (len(raw) // page // 2) * page
    raw[mid + 8 : mid + page] = os.urandom(page - 8)
    path.write_bytes(bytes(raw))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size


def test_an_error_saying_the_file_is_damaged_removes_the_stamp(tmp_path, checks):
    """The file is wrecked while it is open (a failing disk): the query that meets it fails,
    the stamp goes, close() writes none, and the next open checks — and refuses."""
    path = tmp_path / "skm.db"
    _filled(path, 800)
    db = open_database(path)
    stamp = users_dir(path) / clean_close.STAMP_FILE
    assert stamp.exists()
    db.engine.dispose()
    _wreck_middle_page(path)
    with pytest.raises(Exception, match="malformed"):
        with db.read_session() as s:  # every table and index the wrecked page can belong to
            for q in (
                "SELECT sum(nilai + unsur_id) FROM jawaban NOT INDEXED",
                "SELECT sum(nilai) FROM jawaban INDEXED BY ix_jawaban_unsur_nilai WHERE unsur_id > 0",
                "SELECT sum(no_kuesioner) FROM responden NOT INDEXED",
            ):
                s.execute(text(q)).all()
    assert db.suspect and not stamp.exists()
    db.close()
    assert not stamp.exists()  # a suspect file is never stamped clean
    with pytest.raises(DamagedDatabase):
        open_database(path)
    assert checks[-1] is True
