import datetime as dt
import sqlite3

from skm_desktop.services.autobackup import AutoBackup, backup_info, db_key, list_backups, restore_with_backup, rotate
from skm_desktop.storage.database import open_database

from .helpers import add, count, make_db


class Clock:
    def __init__(self):
        self.t = 1000.0
        self.now = dt.datetime(2026, 3, 1, 8, 0, 0)

    def tick(self, minutes):
        self.t += minutes * 60
        self.now += dt.timedelta(minutes=minutes)


def _auto(tmp_path, clock, **kw):
    return AutoBackup(tmp_path / "skm.db", tmp_path / "cadangan", clock=lambda: clock.t, now=lambda: clock.now, **kw)


def test_maybe_backup_waits_for_the_interval_and_for_changes(tmp_path, std_set):
    pid = make_db(tmp_path / "skm.db", 3, std_set)
    c = Clock()
    ab = _auto(tmp_path, c, every_minutes=10)
    assert ab.maybe_backup() is None  # entry starts: the interval starts
    db = open_database(tmp_path / "skm.db")
    add(db, pid, [4])
    c.tick(9)
    assert ab.maybe_backup() is None  # too early
    c.tick(1)
    first = ab.maybe_backup()
    assert first is not None and first.parent == tmp_path / "cadangan"
    assert count(first) == 4
    assert sqlite3.connect(first).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    add(db, pid, [5, 6])
    c.tick(1)
    assert ab.maybe_backup() is None  # changed, but within the interval
    c.tick(10)
    second = ab.maybe_backup()
    assert second is not None and count(second) == 6
    c.tick(30)
    assert ab.maybe_backup() is None  # nothing changed since
    db.close()
    assert [e.path for e in list_backups(tmp_path / "cadangan", "skm")] == [second, first]
    assert list_backups(tmp_path / "cadangan", "skm")[0].reason == "otomatis"


def test_close_backs_up_only_changes(tmp_path, std_set):
    pid = make_db(tmp_path / "skm.db", 2, std_set)
    c = Clock()
    ab = _auto(tmp_path, c)
    out = ab.backup_on_close()
    assert out is not None and out.name.endswith("-tutup.db") and count(out) == 2
    c.tick(1)
    assert ab.backup_on_close() is None
    db = open_database(tmp_path / "skm.db")
    add(db, pid, [3])
    db.close()
    c.tick(1)
    assert count(ab.backup_on_close()) == 3


def test_a_new_session_does_not_repeat_an_up_to_date_backup(tmp_path, std_set):
    make_db(tmp_path / "skm.db", 2, std_set)
    c = Clock()
    _auto(tmp_path, c).backup_now("tutup")
    c.tick(60)
    assert _auto(tmp_path, c).backup_on_close() is None


def test_rotation_keeps_the_last_n_and_one_per_month(tmp_path, std_set):
    make_db(tmp_path / "skm.db", 1, std_set)
    c = Clock()
    c.now = dt.datetime(2025, 11, 3, 9, 0)
    ab = _auto(tmp_path, c, keep=3)
    made = []
    for _ in range(14):  # one every 10 days: Nov 2025 … Mar 2026
        made.append((c.now, ab.backup_now("otomatis")))
        c.tick(10 * 24 * 60)
    kept = {e.path for e in list_backups(tmp_path / "cadangan", "skm")}
    newest3 = {p for _, p in made[-3:]}
    month_newest = {}
    for when, p in made:
        month_newest[(when.year, when.month)] = p
    assert kept == newest3 | set(month_newest.values())
    assert len(kept) < len(made)
    assert {(w.year, w.month) for w, p in made if p in kept} == set(month_newest)


def test_rotation_leaves_other_files_alone(tmp_path, std_set):
    d = tmp_path / "cadangan"
    d.mkdir()
    other = d / "catatan.txt"
    other.write_text("x")
    other_db = d / "lain-20250101-080000-otomatis.db"
    other_db.write_bytes(b"")
    make_db(tmp_path / "skm.db", 1, std_set)
    c = Clock()
    ab = _auto(tmp_path, c, keep=1)
    for _ in range(3):
        ab.backup_now("manual")
        c.tick(1)
    rotate(d, tmp_path / "skm.db", 1)
    assert other.exists() and other_db.exists()
    assert len(list_backups(d, "skm")) == 1


def test_failed_automatic_backup_does_not_raise(tmp_path):
    c = Clock()
    ab = _auto(tmp_path, c)
    ab.maybe_backup()
    c.tick(20)
    ab._last_fingerprint = ("changed",)
    assert ab.maybe_backup() is None  # the database file does not exist
    assert ab.last_error


def test_restore_with_backup_keeps_the_current_file(tmp_path, std_set):
    pid = make_db(tmp_path / "skm.db", 2, std_set)
    c = Clock()
    ab = _auto(tmp_path, c)
    old = ab.backup_now("manual")
    db = open_database(tmp_path / "skm.db")
    add(db, pid, [3, 4, 5])
    db.close()
    saved = restore_with_backup(old, tmp_path / "skm.db", tmp_path / "cadangan")
    assert count(tmp_path / "skm.db") == 2
    assert count(saved) == 5 and saved.name.endswith("-sebelum_pulih.db")
    assert saved in {e.path for e in list_backups(tmp_path / "cadangan", "skm")}
    assert backup_info(saved).respondents == 5
    assert backup_info(tmp_path / "tidak-ada.db") is None


def test_a_damaged_database_never_pushes_good_backups_out(tmp_path, std_set):
    from .helpers import corrupt

    make_db(tmp_path / "skm.db", 4, std_set)
    c = Clock()
    ab = _auto(tmp_path, c, keep=2)
    good = []
    for _ in range(2):
        good.append(ab.backup_now("otomatis"))
        c.tick(15)
    corrupt(tmp_path / "skm.db")
    for _ in range(3):
        c.tick(15)
        ab._last_fingerprint = ("changed",)
        assert ab.maybe_backup() is None
        assert "rusak" in ab.last_error or "tidak" in ab.last_error
    assert [e.path for e in list_backups(tmp_path / "cadangan", "skm")] == good[::-1]
    assert all(count(p) == 4 for p in good)
    assert not list((tmp_path / "cadangan").glob("*.sementara"))


# ------------------------------------------------------------ keyed by the database's full path
def _two(tmp_path, std_set, keep=2):
    """a/data.db and b/data.db, backed up into one folder."""
    a, b = tmp_path / "a" / "data.db", tmp_path / "b" / "data.db"
    for p, n in ((a, 3), (b, 5)):
        p.parent.mkdir()
        make_db(p, n, std_set)
    c = Clock()
    d = tmp_path / "cadangan"
    return (
        a,
        b,
        c,
        d,
        (
            AutoBackup(a, d, keep=keep, clock=lambda: c.t, now=lambda: c.now),
            AutoBackup(b, d, keep=keep, clock=lambda: c.t, now=lambda: c.now),
        ),
    )


def test_same_named_databases_have_separate_backup_lists(tmp_path, std_set):
    a, b, c, d, (aa, ab) = _two(tmp_path, std_set)
    made_a, made_b = [], []
    for _ in range(2):
        made_a.append(aa.backup_now("manual"))
        made_b.append(ab.backup_now("manual"))  # the same second: the names still differ
        c.tick(1)
    assert db_key(a) != db_key(b)
    assert [e.path for e in list_backups(d, db_path=a)] == made_a[::-1]
    assert [e.path for e in list_backups(d, db_path=b)] == made_b[::-1]
    assert all(count(p) == 3 for p in made_a) and all(count(p) == 5 for p in made_b)
    assert {e.key for e in list_backups(d, db_path=a)} == {db_key(a)}
    # a relative or differently written path of the same file is the same database
    assert db_key(tmp_path / "a" / ".." / "a" / "data.db") == db_key(a)
    assert len(list_backups(d, "data")) == 4  # by name only: both (display only)


def test_rotation_of_one_database_never_deletes_the_other_s_backups(tmp_path, std_set):
    a, b, c, d, (aa, ab) = _two(tmp_path, std_set, keep=2)
    kept_b = [ab.backup_now("otomatis")]
    c.tick(1)
    kept_b.append(ab.backup_now("otomatis"))
    for _ in range(6):  # a's rotation runs six times with b's backups in the folder
        c.tick(1)
        aa.backup_now("otomatis")
    assert len(list_backups(d, db_path=a)) == 2
    assert [e.path for e in list_backups(d, db_path=b)] == kept_b[::-1]
    assert all(p.exists() for p in kept_b)
    rotate(d, b, 1)  # and the other way round
    assert len(list_backups(d, db_path=b)) == 1 and len(list_backups(d, db_path=a)) == 2


def test_restore_offer_for_one_database_never_names_the_other_s_backup(tmp_path, std_set):
    from skm_desktop.ui.safety import newest_good_backup

    a, b, c, d, (aa, ab) = _two(tmp_path, std_set)
    own = aa.backup_now("otomatis")
    c.tick(60)
    other = ab.backup_now("otomatis")  # newer, same file name, other folder
    # an old-style backup (name only, origin unknown) newer than both is not offered either
    legacy = d / "data-29991231-080000-otomatis.db"
    make_db(legacy, 9, std_set)
    assert newest_good_backup(a, d).path == own
    assert newest_good_backup(b, d).path == other
    assert all(e.path not in (other, legacy) for e in list_backups(d, db_path=a))
    # restoring a keeps a's current file among a's backups only
    saved = restore_with_backup(own, a, d)
    assert saved.name.startswith(f"data-{db_key(a)}-") and saved.name.endswith("-sebelum_pulih.db")
    assert saved in {e.path for e in list_backups(d, db_path=a)}
    assert saved not in {e.path for e in list_backups(d, db_path=b)}
    assert legacy.exists()  # never rotated away: it is not known to be a's or b's


def test_cli_restore_hint_names_only_this_database_s_backup(tmp_path, std_set, monkeypatch):
    from skm_desktop import cli

    from .helpers import corrupt

    monkeypatch.setattr("skm_desktop.paths.user_data_dir", lambda: tmp_path)
    a, b, c, d, (aa, ab) = _two(tmp_path, std_set)
    own = aa.backup_now("otomatis")
    c.tick(60)
    other = ab.backup_now("otomatis")
    corrupt(a)
    hint = cli._restore_hint(str(a))
    assert str(own) in hint and str(other) not in hint


def test_old_style_backups_are_only_reported_as_unproven(tmp_path, std_set):
    from skm_desktop.services.autobackup import unproven_backups

    a, b, c, d, (aa, ab) = _two(tmp_path, std_set)
    aa.backup_now("manual")
    old = d / "data-20200101-080000-otomatis.db"
    make_db(old, 1, std_set)
    (d / "lain-20200101-080000-otomatis.db").write_bytes(b"")
    assert [e.path for e in unproven_backups(d, a)] == [old] == [e.path for e in unproven_backups(d, b)]
    assert old not in {e.path for e in list_backups(d, db_path=a) + list_backups(d, db_path=b)}
