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
