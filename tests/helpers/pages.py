"""Operator pages built on the first unit of a database, as the tests open them."""

from __future__ import annotations

from skm_desktop.services import setup
from skm_desktop.ui.context import AppContext


def first_unit_page(qtbot, db, page_cls, shown: bool = True):
    """``page_cls(ctx)`` on the first unit and its period; ``shown``: at 1100×700, exposed, active."""
    uid, pid = setup.first_unit(db)
    w = page_cls(AppContext(db, uid, pid))
    qtbot.addWidget(w)
    if shown:
        w.resize(1100, 700)
        w.show()
        w.activateWindow()
        qtbot.waitExposed(w)
    return w


def main_window_on(qtbot, db, title: str, operator: str = "Rina"):
    """The main window on ``db``, shown on the page titled ``title``: (window, page)."""
    from skm_desktop.ui import main_window as mw
    from skm_desktop.ui.pages import PAGES

    w = mw.MainWindow(db, operator)
    qtbot.addWidget(w)
    w.show()
    n = [t for t, _ in PAGES].index(title)
    w.show_page(n)
    return w, w.page(n)
