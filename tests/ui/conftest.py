"""Fixtures shared by the GUI tests of several pages."""

import pytest

from skm_desktop.services import demo, survey
from skm_desktop.ui.context import AppContext
from skm_desktop.ui.dokumen import DokumenPage


@pytest.fixture
def page(qtbot, db, tmp_path):
    demo.create_demo(db, n=120)
    with db.read_session() as s:
        unit = survey.get_unit(s)
        periods = survey.periode_list(s, unit.id)
        ctx = AppContext(db, unit.id, periods[-1].id, "Rina")
    w = DokumenPage(ctx)
    w.set_default_folder(tmp_path)
    w.resize(1280, 700)
    qtbot.addWidget(w)
    w.show()
    w.export.refresh()
    return w
