"""Helper process for the kill tests (run as a script, POSIX only).

It imports the program once, then for every JSON line on stdin forks a
worker that does the task and reports on stdout; the parent line ``pid N``
tells the test whom to SIGKILL; after the next stdin line ("reap") the worker
is waited for and ``dead`` follows.
Forking from a warmed-up process makes 50 kills take seconds, not minutes;
the worker is still a separate process killed with SIGKILL at a random moment.

Worker output (written with os.write, unbuffered; one line each):
  ready               the worker opened the database and is about to start
  ok <no_kuesioner>   that questionnaire's transaction has committed
  done <n>            the import committed n questionnaires
"""

import json
import os
import sys
import time

sys.path.insert(0, sys.argv[1])

from skm_desktop.domain.respondent import RespondentRecord  # noqa: E402
from skm_desktop.services import survey  # noqa: E402
from skm_desktop.services.importing import import_file  # noqa: E402
from skm_desktop.storage.database import open_database  # noqa: E402


def say(line: str) -> None:
    os.write(1, (line + "\n").encode())


def store(task: dict) -> None:
    db = open_database(task["db"], create=False)
    periode_id = task["periode_id"]
    with db.read_session() as s:
        no = survey.next_no(s, periode_id)
    say("ready")
    while True:
        answers = tuple(((no + i) % 4) + 1 for i in range(9))
        rec = RespondentRecord(
            no_kuesioner=no,
            answers=answers,
            jenis_kelamin="Perempuan",
            usia=30 + no % 40,
            saran="uji putus daya " * (no % 3),
            sumber="kertas",
            operator="uji",
        )
        survey.save_respondent(db, periode_id, rec)
        say(f"ok {no}")
        no += 1


def do_import(task: dict) -> None:
    db = open_database(task["db"], create=False)
    say("ready")
    t = time.perf_counter()
    r = import_file(db, task["csv"], "Unit Uji", "2026")
    say(f"done {r.imported} {time.perf_counter() - t:.3f}")


TASKS = {"store": store, "import": do_import}

for line in sys.stdin:
    task = json.loads(line)
    pid = os.fork()
    if pid == 0:
        try:
            TASKS[task["task"]](task)
            code = 0
        except BaseException as exc:  # noqa: BLE001 - report and leave
            say(f"error {type(exc).__name__}: {exc}")
            code = 1
        os._exit(code)
    say(f"pid {pid}")
    # Reap only when the test says so: until then a finished worker stays a zombie, so its
    # pid cannot be reused by another process before the test's kill reaches it.
    sys.stdin.readline()
    _, status = os.waitpid(pid, 0)
    say(f"dead {status}")
