"""Killing an import at random moments leaves either nothing or all of it."""

import os
import random
import shutil
import signal
import sqlite3
import time

import pytest

from skm_desktop.storage.database import open_database

ROWS = 3000
LAYANAN = ["Rawat Jalan", "Imunisasi", "Laboratorium"]


def _write_csv(path, n):
    lines = [
        "no_kuesioner;tanggal;jenis_layanan;jenis_kelamin;usia;pendidikan;pekerjaan;"
        + ";".join(f"u{i}" for i in range(1, 10))
        + ";saran"
    ]
    rnd = random.Random(7)
    for no in range(1, n + 1):
        ans = ";".join(str(rnd.choice([1, 2, 3, 3, 4, 4, ""])) for _ in range(9))
        lines.append(
            f"{no};2026-0{1 + no % 9}-1{no % 10};{LAYANAN[no % 3]};{'Laki-laki' if no % 2 else 'Perempuan'};"
            f"{18 + no % 60};SMA;Swasta;{ans};{'antrean lama' if no % 7 == 0 else ''}"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _count(path):
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return (
            con.execute("SELECT count(*) FROM responden").fetchone()[0],
            con.execute("SELECT count(*) FROM jawaban").fetchone()[0],
            con.execute("SELECT count(*) FROM periode").fetchone()[0],
            con.execute("SELECT count(*) FROM layanan").fetchone()[0],
        )
    finally:
        con.close()


@pytest.fixture(scope="module")
def import_files(tmp_path_factory):
    d = tmp_path_factory.mktemp("impor")
    csv = d / "responden.csv"
    _write_csv(csv, ROWS)
    empty = d / "kosong.db"
    open_database(empty).close()
    return csv, empty


def test_kill_import_leaves_nothing_or_all(tmp_path, zygote, import_files):
    csv, empty = import_files
    # a full, undisturbed run: how long it takes and what "all" looks like
    full = tmp_path / "penuh.db"
    shutil.copy(empty, full)
    zygote.start(task="import", db=str(full), csv=str(csv))
    lines = zygote.collect()
    assert lines and lines[-1].startswith(f"done {ROWS} "), lines
    duration = float(lines[-1].split()[2])
    all_counts = _count(full)
    assert all_counts[0] == ROWS
    nothing = _count(empty)

    seed = int(os.environ.get("SKM_KILL_SEED", random.randrange(1 << 30)))
    rnd = random.Random(seed)
    outcomes = []
    for k in range(12):
        path = tmp_path / f"uji{k}.db"
        shutil.copy(empty, path)
        worker = zygote.start(task="import", db=str(path), csv=str(csv))
        # half the kills anywhere, half in the last fifth of the run, where the rows are written
        time.sleep(rnd.uniform(0.0, duration * 1.05) if k % 2 else rnd.uniform(duration * 0.8, duration * 1.05))
        os.kill(worker, signal.SIGKILL)
        lines = zygote.collect()
        assert not any(x.startswith("error") for x in lines), lines
        counts = _count(path)
        finished = any(x.startswith("done") for x in lines)
        assert counts in (nothing, all_counts), f"seed {seed}, kill {k}: partial import {counts}"
        if finished:
            assert counts == all_counts, f"seed {seed}, kill {k}: reported done but rows missing"
        outcomes.append(counts == all_counts)
    # the kills must have hit the import itself, not only before or after it
    assert not all(outcomes), f"seed {seed}: every kill came after the import finished"
    print(
        f"import of {ROWS} rows takes {duration:.2f} s; {len(outcomes)} kills: "
        f"{sum(outcomes)} left all of it, {len(outcomes) - sum(outcomes)} left nothing (seed {seed})"
    )
