"""backup / restore from the command line, including over a damaged database."""

import hashlib

from skm_desktop.cli import main

from .helpers import corrupt, count, make_db


def _digest(p):
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_restore_over_a_damaged_database_keeps_its_raw_bytes(tmp_path, std_set, capsys):
    db = tmp_path / "skm.db"
    make_db(db, 6, std_set)
    assert main(["backup", "--db", str(db), "--out", str(tmp_path / "cadangan.db")]) == 0
    corrupt(db)
    damaged = _digest(db)
    assert main(["summary", "--db", str(db)]) == 2
    assert "rusak" in capsys.readouterr().err
    assert _digest(db) == damaged  # never written to

    assert main(["restore", str(tmp_path / "cadangan.db"), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "dipulihkan" in out and "sebelum-pulih" in out
    assert count(db) == 6
    kept = list(tmp_path.glob("skm.sebelum-pulih-*.db"))
    assert len(kept) == 1 and _digest(kept[0]) == damaged
    assert not list(tmp_path.glob("*.sementara")) and not list(tmp_path.glob("*.pulih"))


def test_backup_of_a_damaged_database_fails_cleanly(tmp_path, std_set, capsys):
    db = tmp_path / "skm.db"
    make_db(db, 3, std_set)
    corrupt(db)
    assert main(["backup", "--db", str(db), "--out", str(tmp_path / "c.db")]) == 2
    err = capsys.readouterr().err
    assert "rusak" in err and "Traceback" not in err
    assert not (tmp_path / "c.db").exists() and not list(tmp_path.glob("*.sementara"))


def test_restore_refuses_a_bad_backup_and_changes_nothing(tmp_path, std_set, capsys):
    db = tmp_path / "skm.db"
    pid = make_db(db, 4, std_set)
    bad = tmp_path / "bukan.db"
    bad.write_text("bukan cadangan")
    before = _digest(db)
    assert main(["restore", str(bad), "--db", str(db)]) == 2
    assert "tidak dapat dipakai" in capsys.readouterr().err
    assert _digest(db) == before and count(db) == 4
    del pid


def test_damaged_database_message_names_the_newest_good_backup(tmp_path, std_set, capsys, monkeypatch):
    import skm_desktop.paths as paths
    from skm_desktop.services.autobackup import AutoBackup

    monkeypatch.setattr(paths, "user_data_dir", lambda: tmp_path / "data")
    db = tmp_path / "skm.db"
    make_db(db, 5, std_set)
    good = AutoBackup(db, tmp_path / "data" / "cadangan").backup_now("otomatis")
    corrupt(db)
    assert main(["summary", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "rusak" in err and f'skm-desktop restore "{good}" --db "{db}"' in err
    assert main(["restore", str(good), "--db", str(db)]) == 0
    assert count(db) == 5
