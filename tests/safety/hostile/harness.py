"""The hostile-file harness: a registry of cases, each a function that writes
one hostile file, and a runner that feeds it to the real command line in its
own process and checks the invariants every refusal must keep:

- exit code 2 and a message on stderr, in Indonesian, naming the place
  (the case's ``expect`` fragments: row, column, cell or part of the file);
- no "Traceback" and no "kesalahan tak terduga";
- the database's logical content unchanged (a dump of every table);
- peak memory < MAX_PEAK_MB and wall time < MAX_SECONDS for the process.

Other areas add cases with ``@case(...)`` in their own module (e.g. .skm
packages) and a test that calls ``run_case`` — see test_hostile_import.py.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
MAX_PEAK_MB = 500
MAX_SECONDS = 30
# a runaway case must not take the CI machine down with it: the address space
# of the child is capped well above MAX_PEAK_MB (Python maps more than it uses)
CHILD_ADDRESS_SPACE = 3 * 1024**3


@dataclass
class Case:
    name: str
    filename: str
    make: Callable[[Path], None]
    expect: tuple[str, ...]  # fragments stderr must contain (case-insensitive)
    args: tuple[str, ...] = ()
    group: str = "import"
    command: tuple[str, ...] = ("import",)  # the CLI command the file is fed to


@dataclass
class Outcome:
    case: Case
    code: int
    stderr: str
    seconds: float
    peak_mb: float


REGISTRY: dict[str, list[Case]] = {}
STATS: list[Outcome] = []


def case(
    filename: str,
    *expect: str,
    args: tuple[str, ...] = (),
    group: str = "import",
    command: tuple[str, ...] = ("import",),
):
    """Register the decorated ``make(path)`` as a hostile case of ``group``, fed to ``command``."""

    def deco(fn):
        REGISTRY.setdefault(group, []).append(Case(fn.__name__, filename, fn, tuple(expect), args, group, command))
        return fn

    return deco


def dump(db: Path) -> dict[str, list]:
    """Every row of every table, sorted: the database's logical content."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        return {n: sorted(map(repr, con.execute(f'SELECT * FROM "{n}"'))) for n in names}
    finally:
        con.close()


def run_cli(args: list[str], workdir: Path) -> tuple[int, str, str, float, float]:
    """(exit code, stdout, stderr, seconds, peak MB) of `python -m skm_desktop ARGS` in a fresh process."""
    peak_file = workdir / "peak.txt"
    peak_file.unlink(missing_ok=True)
    env = {
        **os.environ,
        "SKM_PEAK_FILE": str(peak_file),
        "PYTHONPATH": str(ROOT),
        "QT_QPA_PLATFORM": "offscreen",
        "SKM_ADDRESS_SPACE": str(CHILD_ADDRESS_SPACE),
    }
    t = time.monotonic()
    p = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("_measured_cli.py")), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=workdir,
        timeout=MAX_SECONDS * 4,
    )
    seconds = time.monotonic() - t
    peak = int(peak_file.read_text()) / 1024 if peak_file.exists() else float("nan")
    return p.returncode, p.stdout, p.stderr, seconds, peak


def run_case(c: Case, template_db: Path, workdir: Path) -> Outcome:
    """Write the case's file, import it through the CLI, check every invariant."""
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "data.db"
    shutil.copy(template_db, db)
    f = workdir / c.filename
    c.make(f)
    assert f.stat().st_size <= 40 * 1024 * 1024, f"{c.name}: case file larger than any test needs"
    before = dump(db)
    code, out, err, seconds, peak = run_cli([*c.command, str(f), "--db", str(db), *c.args], workdir)
    o = Outcome(c, code, err, seconds, peak)
    STATS.append(o)
    assert "Traceback" not in err and "kesalahan tak terduga" not in err.lower(), f"{c.name}:\n{err[-3000:]}"
    assert code == 2, f"{c.name}: exit {code}\nstdout: {out[-2000:]}\nstderr: {err[-2000:]}"
    assert err.strip(), f"{c.name}: refused without a message"
    low = err.lower()
    missing = [x for x in c.expect if x.lower() not in low]
    assert not missing, f"{c.name}: message does not name {missing}:\n{err[:3000]}"
    assert dump(db) == before, f"{c.name}: the refused import changed the database"
    assert peak < MAX_PEAK_MB, f"{c.name}: peak memory {peak:.0f} MB"
    assert seconds < MAX_SECONDS, f"{c.name}: {seconds:.1f} s"
    return o


def summary() -> str:
    if not STATS:
        return "hostile corpus: no case ran"
    big = max(STATS, key=lambda o: o.peak_mb)
    slow = max(STATS, key=lambda o: o.seconds)
    return (
        f"hostile corpus: {len(STATS)} cases; largest peak memory {big.peak_mb:.0f} MB ({big.case.name}); "
        f"longest time {slow.seconds:.2f} s ({slow.case.name})"
    )
