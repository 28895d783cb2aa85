"""The operator window on a PostgreSQL server database: Berkas › Sambungkan ke server…
connects by the fields an operator types (the password into the user's pgpass file,
never into the settings), and Cadangkan/Pulihkan copy the server database to a
portable file and back."""

import sqlite3
import stat

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox

from skm_desktop.cli import main
from skm_desktop.storage.database import open_database
from skm_desktop.ui.berkas.server import ServerDialog
from skm_desktop.ui.main_window import MainWindow, recent_files


def answer_server_dialog(qtbot, fields: dict[str, str], seen: list) -> None:
    def fill():
        dlg = QApplication.activeModalWidget()
        if not isinstance(dlg, ServerDialog):
            QTimer.singleShot(20, fill)
            return
        seen.append(dlg)
        for name, text in fields.items():
            edit = dlg.findChild(object, name)
            edit.selectAll()
            qtbot.keyClicks(edit, text)
        ok = dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    QTimer.singleShot(20, fill)


def test_connect_to_server_through_the_menu(qtbot, pg_server, tmp_path, monkeypatch):
    pgpass = tmp_path / "pgpass.conf"
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    url = pg_server.fresh()
    assert main(["demo", "--db", url]) == 0
    local = tmp_path / "lokal.db"
    assert main(["demo", "--db", str(local)]) == 0
    db = open_database(local)
    s = pg_server.server
    try:
        w = MainWindow(db, "Tes")
        qtbot.addWidget(w)
        asked, seen = [], []
        w.databaseRequested.connect(asked.append)
        answer_server_dialog(
            qtbot,
            {
                "serverHost": s.host,
                "serverPort": str(s.port),
                "serverDatabase": url.rsplit("/", 1)[1],
                "serverUser": s.user,
                "serverPassword": "rahasia:123",
            },
            seen,
        )
        w.server_action.trigger()
        qtbot.waitUntil(lambda: bool(asked), timeout=10000)
        assert asked == [f"postgresql://{s.user}@{s.host}:{s.port}/{url.rsplit('/', 1)[1]}"]
        line = pgpass.read_text(encoding="utf-8").strip()
        assert line == f"{s.host}:{s.port}:{url.rsplit('/', 1)[1]}:{s.user}:rahasia\\:123"
        assert stat.S_IMODE(pgpass.stat().st_mode) == 0o600
        settings = QSettings()
        assert not any("rahasia" in str(settings.value(k)) for k in settings.allKeys())
        with open_database(asked[0]) as server_db:  # the address really opens
            assert server_db.is_server
        w.close()
    finally:
        db.close()


def test_backup_and_restore_of_a_server_database(qtbot, pg_server, tmp_path, monkeypatch):
    url = pg_server.fresh()
    assert main(["demo", "--db", url]) == 0
    db = open_database(url)
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a, **k: said.append((title, text)))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    out = tmp_path / "cadangan-server.db"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(out), ""))
    try:
        w = MainWindow(db, "Tes")
        qtbot.addWidget(w)
        assert url.split("://", 1)[1].split("/")[0] in w.windowTitle()
        assert recent_files()[0] == url  # the address is remembered as it is, not as a path
        w.backup()
        assert said[-1][0] == "Cadangkan" and str(out) in said[-1][1]
        con = sqlite3.connect(out)
        n = con.execute("SELECT count(*) FROM responden").fetchone()[0]
        con.close()
        assert n > 0
        with db.session() as s:
            from sqlalchemy import text

            s.execute(text("DELETE FROM jawaban"))
            s.execute(text("DELETE FROM responden"))
        asked = []
        w.databaseRequested.connect(asked.append)
        w.restore()
        assert said[-1][0] == "Pulihkan" and "dipulihkan" in said[-1][1]
        assert asked == [db.label]
        with db.engine.connect() as c:
            from sqlalchemy import text

            assert c.execute(text("SELECT count(*) FROM responden")).scalar() == n
        w.close()
    finally:
        db.close()
