"""One operator app per database file; the kiosk and CLI imports alongside it; the app
sees forms stored by other programs without a restart."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from skm_desktop.services import safety as svc
from skm_desktop.services import survey
from skm_desktop.storage.backup import backup_file
from skm_desktop.ui import safety as ui_safety
from skm_desktop.ui.app import watch_external_changes
from skm_desktop.ui.cadangan import RestoreDialog
from skm_desktop.ui.context import AppContext

from .helpers import ModalDriver, add, count, make_db

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "Basis data ini sedang dibuka oleh aplikasi operator SKM Desktop di komputer "


def _env():
    return dict(os.environ, PYTHONPATH=str(ROOT))


def test_second_operator_is_told_who_holds_the_file(tmp_path, std_set):
    path = tmp_path / "skm.db"
    make_db(path, 2, std_set)
    first = svc.open_for(path, "operator")
    try:
        with pytest.raises(svc.OperatorBusy) as e:
            svc.open_for(path, "operator")
        msg = str(e.value)
        assert msg.startswith(PREFIX) and "(pengguna " in msg and " sejak " in msg
        assert e.value.holder.pid == os.getpid()
        assert svc.other_users(path) == []  # the refused opening left nothing registered
        kiosk = svc.open_for(path, "kiosk")  # the kiosk may share the file with the operator app
        with kiosk.read_session() as s:
            assert survey.find_periode(s, "2026") is not None
        kiosk.close()
    finally:
        first.close()
    svc.open_for(path, "operator").close()  # free again once the first app closed


_OPERATOR = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, sys.argv[1])
    from skm_desktop.services.safety import open_for
    db = open_for(sys.argv[2], "operator")
    print("siap", flush=True)
    sys.stdin.readline()
""")


def test_second_operator_app_shows_the_holder_and_opens_nothing(qtbot, tmp_path, std_set):
    path = tmp_path / "skm.db"
    make_db(path, 2, std_set)
    other = subprocess.Popen(
        [sys.executable, "-c", _OPERATOR, str(ROOT), str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout.readline().strip() == "siap"
        driver = ModalDriver(qtbot, ["tutupButton"])
        assert ui_safety.open_database_interactive(path, None, tmp_path / "cadangan") is None
        driver.stop()
        assert driver.done()
        assert "sedang dipakai" in driver.texts[0] and PREFIX in driver.texts[0]
        assert [u.pid for u in svc.other_users(path)] == [other.pid]

        # Pulihkan in this app while the other program has the file: refused before anything is closed
        backup = backup_file(path, tmp_path / "cadangan.db")
        closed = []
        dlg = RestoreDialog(path, tmp_path / "cadangan", None, before_restore=lambda: closed.append(1))
        qtbot.addWidget(dlg)
        driver = ModalDriver(qtbot, ["yaPulihkanButton", "okButton"])
        assert dlg.restore_from(backup) is False
        driver.stop()
        assert driver.done() and closed == []
        assert "Pemulihan ditolak" in driver.texts[1] and PREFIX in driver.texts[1]
    finally:
        other.stdin.close()
        other.wait(timeout=20)
    db = ui_safety.open_database_interactive(path, None, tmp_path / "cadangan")  # its lock went with it
    assert db is not None
    db.close()


def _csv(tmp_path, numbers):
    p = tmp_path / f"impor-{numbers[0]}.csv"
    p.write_text(
        "no_kuesioner,u1,u2,u3,u4,u5,u6,u7,u8,u9\n" + "".join(f"{n},4,3,4,3,4,3,4,3,4\n" for n in numbers),
        encoding="utf-8",
    )
    return p


def test_cli_import_while_the_app_is_open_is_picked_up_by_the_poll(qtbot, tmp_path, std_set):
    path = tmp_path / "skm.db"
    pid = make_db(path, 2, std_set)
    db = svc.open_for(path, "operator")
    host = QWidget()
    qtbot.addWidget(host)
    with db.read_session() as s:
        ctx = AppContext(db, survey.get_unit(s).id, pid, "Uji", host)
    timer = watch_external_changes(db, ctx, host)
    changes = timer._skm_changes
    try:
        assert timer.isActive()
        add(db, pid, [3, 4])  # this app's own saves are not news
        assert changes.poll() is None

        data, setup = [], []
        ctx.dataChanged.connect(lambda: data.append(1))
        ctx.setupChanged.connect(lambda: setup.append(1))
        r = subprocess.run(
            [
                sys.executable,
                "-m",
                "skm_desktop",
                "import",
                str(_csv(tmp_path, [10, 11, 12])),
                "--db",
                str(path),
                "--unit",
                "Puskesmas Uji",
                "--periode",
                "2026",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env=_env(),
            cwd=ROOT,
        )
        assert r.returncode == 0, r.stderr  # allowed while the operator app is open (WAL)
        qtbot.waitUntil(lambda: bool(data), timeout=5000)
        assert setup == []  # questionnaires only: no set-up reload
        with db.read_session() as s:
            assert survey.next_no(s, pid) == 13
        assert count(path) == 7

        # an import that creates a new period is announced as a set-up change
        data.clear()
        r = subprocess.run(
            [
                sys.executable,
                "-m",
                "skm_desktop",
                "import",
                str(_csv(tmp_path, [1, 2])),
                "--db",
                str(path),
                "--unit",
                "Puskesmas Uji",
                "--periode",
                "2027",
            ],
            capture_output=True,
            text=True,
            timeout=60,
            env=_env(),
            cwd=ROOT,
        )
        assert r.returncode == 0, r.stderr
        qtbot.waitUntil(lambda: bool(setup and data), timeout=5000)
    finally:
        timer.stop()
        db.close()
    assert changes.poll() is None  # closed with the database: no open handle is left behind
