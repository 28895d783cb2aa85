"""The main window on a recap database of generated units, shown on the Rekap page
(shared by the Rekap page's layout, kelompok and scale tests)."""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from skm_desktop.storage.database import open_database
from skm_desktop.ui import main_window as mw
from skm_desktop.ui.app import apply_style
from skm_desktop.ui.pages import PAGES
from tests.helpers.rekap_city import make_city


@contextmanager
def rekap_window(qtbot, tmp_path, units: int, size: tuple[int, int] | None = (1366, 768)):
    """(main window, Rekap page index, its database): with ``size`` the window is shown on
    the page and its table filled; with None it is left to the test to size and show."""
    QSettings().remove("berkas/folder_rekap")
    app = QApplication.instance()
    before = app.styleSheet()
    apply_style(app)  # as the program shows it (padding and fonts decide what fits)
    db = open_database(tmp_path / "rekap.db")
    make_city(db, tmp_path, units)
    w = mw.MainWindow(db, "Rina")
    qtbot.addWidget(w)
    n = [t for t, _ in PAGES].index("Rekap")
    if size is not None:
        show_rekap(qtbot, w, n, *size)
    try:
        yield w, n, db
    finally:
        w.close()
        db.close()
        app.setStyleSheet(before)


def show_rekap(qtbot, w, n: int, width: int, height: int):
    """The window at ``width``×``height`` on the Rekap page, its unit table filled."""
    w.resize(width, height)
    w.show()
    w.show_page(n)
    page = w.page(n)
    qtbot.waitUntil(lambda: page.proxy.rowCount() > 0, timeout=20000)
    QApplication.processEvents()
    return page
