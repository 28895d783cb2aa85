"""The operator window on a PostgreSQL server database: it opens, names the server
in its title and About box, and refuses the file-only backup/restore with a message."""

from PySide6.QtWidgets import QMessageBox

from skm_desktop.cli import main
from skm_desktop.storage.database import open_database
from skm_desktop.ui.main_window import MainWindow, recent_files


def test_main_window_on_a_server_database(qtbot, pg_server, monkeypatch):
    url = pg_server.fresh()
    assert main(["demo", "--db", url]) == 0
    db = open_database(url)
    said = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a, **k: said.append((title, text)))
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: said.append((title, text)))
    try:
        w = MainWindow(db, "Tes")
        qtbot.addWidget(w)
        assert url.split("://", 1)[1].split("/")[0] in w.windowTitle()
        assert recent_files()[0] == url  # the address is remembered as it is, not as a path
        w.backup()
        w.restore()
        w.about()
        assert [t for t, _ in said] == ["Cadangkan", "Pulihkan", "Tentang SKM Desktop"]
        assert "server" in said[0][1] and "pg_dump" in said[0][1]
        assert url in said[2][1] or db.label in said[2][1]
        w.close()
    finally:
        db.close()
