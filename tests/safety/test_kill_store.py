"""Power-cut safety: SIGKILL a process that is storing questionnaires, 50 times
at random moments. Every time the database passes integrity_check and holds
exactly the questionnaires the worker reported as committed (plus, at most,
the one whose commit finished just before the kill and before it could say so)."""

import os
import random
import signal
import sqlite3
import time

from skm_desktop.services import survey
from skm_desktop.storage.database import open_database

KILLS = 50


def _stored(path):
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        nos = {r[0] for r in con.execute("SELECT no_kuesioner FROM responden")}
        partial = con.execute(
            "SELECT r.no_kuesioner, count(j.unsur_id) FROM responden r LEFT JOIN jawaban j "
            "ON j.responden_id = r.id GROUP BY r.id HAVING count(j.unsur_id) <> 9"
        ).fetchall()
        assert partial == [], f"questionnaires stored without all their answers: {partial}"
        return nos
    finally:
        con.close()


def test_sigkill_while_storing(tmp_path, zygote, std_set):
    path = tmp_path / "skm.db"
    db = open_database(path)
    with db.session() as s:
        u = survey.create_unit(s, "Puskesmas Uji")
        pid = survey.create_periode(s, u.id, "2026", std_set).id
    db.close()
    seed = int(os.environ.get("SKM_KILL_SEED", random.randrange(1 << 30)))
    rnd = random.Random(seed)
    # The kill window scales with how long the first commit takes on this machine (a
    # loaded machine may need more than the nominal 0.12 s), so the kills land while
    # the worker is storing, not before its first commit.
    t = time.perf_counter()
    worker = zygote.start(task="store", db=str(path), periode_id=pid)
    while not (line := zygote.proc.stdout.readline()).startswith("ok "):
        assert line and not line.startswith("error"), f"worker: {line!r}"
    window = max(0.12, 4 * (time.perf_counter() - t))
    os.kill(worker, signal.SIGKILL)
    zygote.collect()
    stored_before: set[int] = _stored(path)
    reported_all: set[int] = set()
    total_reported = 0
    for k in range(KILLS):
        worker = zygote.start(task="store", db=str(path), periode_id=pid)
        time.sleep(rnd.uniform(0.0, window))
        os.kill(worker, signal.SIGKILL)
        lines = zygote.collect()
        errors = [x for x in lines if x.startswith("error")]
        assert not errors, f"seed {seed}, kill {k}: {errors}"
        reported = {int(x.split()[1]) for x in lines if x.startswith("ok ")}
        total_reported += len(reported)
        stored = _stored(path)
        new = stored - stored_before
        assert stored_before <= stored, f"seed {seed}, kill {k}: committed questionnaires disappeared"
        assert reported <= new, f"seed {seed}, kill {k}: reported {sorted(reported - new)} missing"
        # only the questionnaire after the last reported one may be committed-but-unreported
        nxt = (max(reported) if reported else (max(stored_before) if stored_before else 0)) + 1
        assert new - reported <= {nxt}, f"seed {seed}, kill {k}: unexpected rows {sorted(new - reported)}"
        reported_all |= reported
        stored_before = stored
    assert total_reported > KILLS, "the worker hardly committed anything: kills were not during work"
    print(f"{KILLS} kills, {total_reported} commits reported, {len(stored_before)} stored (seed {seed})")
    # the program itself still opens the file (recovering the WAL) and counts the same rows
    db = open_database(path, create=False)
    with db.read_session() as s:
        assert survey.respondent_count(s, pid) == len(stored_before)
    db.close()
