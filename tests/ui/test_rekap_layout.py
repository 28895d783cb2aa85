"""The Rekap page at the screens it runs on: 156 units with real-length names in the
maximised main window at 1366×768 show every column of the unit table without a
horizontal scroll bar (the unit names elide, the full name is the tooltip), and at
1920×1080 the table takes the extra width."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from skm_desktop.ui.rekap.model import COL_CHANGE, COL_UNIT, COLUMNS
from tests.helpers.rekap_city import unit_names
from tests.helpers.rekap_window import rekap_window, show_rekap


@pytest.fixture
def city_window(qtbot, tmp_path):
    with rekap_window(qtbot, tmp_path, 156, size=None) as (w, n, _db):
        yield w, n


def shown_page(qtbot, w, n, width, height):
    page = show_rekap(qtbot, w, n, width, height)
    assert page.proxy.rowCount() == 153  # 3 of 156 did not report
    return page


def assert_every_column_visible(page):
    view, hh = page.view, page.view.horizontalHeader()
    assert view.horizontalScrollBar().maximum() == 0, (hh.length(), view.viewport().width())
    right = hh.sectionViewportPosition(COL_CHANGE) + hh.sectionSize(COL_CHANGE)
    assert right <= view.viewport().width()
    fm = hh.fontMetrics()
    for c, title in enumerate(COLUMNS):  # no header cut: each holds its whole title
        assert hh.sectionSize(c) >= fm.horizontalAdvance(title), title
        assert not view.isColumnHidden(c)


def test_every_column_visible_at_1366x768_with_long_names(qtbot, city_window):
    w, n = city_window
    page = shown_page(qtbot, w, n, 1366, 768)
    longest = max((name for name, _ in unit_names(156)), key=len)
    assert len(longest) > 55  # names as long as real ones
    assert_every_column_visible(page)
    # the unit names: the widest column left, elided in the middle, the full name its tooltip
    widths = [page.view.columnWidth(c) for c in range(len(COLUMNS))]
    assert widths[COL_UNIT] == max(widths) and widths[COL_UNIT] >= 300
    assert page.view.textElideMode() == Qt.TextElideMode.ElideMiddle
    row = next(r for r in range(page.proxy.rowCount()) if page.proxy.index(r, COL_UNIT).data() == longest)
    assert page.proxy.index(row, COL_UNIT).data(Qt.ItemDataRole.ToolTipRole) == longest
    # the detail pane beside it, never narrower than it can show
    detail = page.split.widget(1)
    assert detail.width() >= detail.minimumWidth() and page.split.sizes()[0] > 3 * page.split.sizes()[1]
    # sorting by another column gives it room for its sort mark and still needs no scroll bar
    hh = page.view.horizontalHeader()
    before = hh.sectionSize(COL_CHANGE)
    x = hh.sectionViewportPosition(COL_CHANGE) + hh.sectionSize(COL_CHANGE) // 2
    qtbot.mouseClick(hh.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, hh.height() // 2))
    QApplication.processEvents()
    assert hh.sortIndicatorSection() == COL_CHANGE
    assert hh.sectionSize(COL_CHANGE) > before
    assert_every_column_visible(page)
    # a narrower window (restored, not maximised): still every column, and no button cut
    w.resize(1100, 700)
    QApplication.processEvents()
    assert_every_column_visible(page)
    for b in (page.add_button, page.settings_button, page.doc_button):
        assert b.width() >= b.sizeHint().width(), b.text()


def test_wide_screen_gives_the_unit_names_room(qtbot, city_window):
    w, n = city_window
    page = shown_page(qtbot, w, n, 1920, 1080)
    assert_every_column_visible(page)
    fm = page.view.fontMetrics()
    widest = max(fm.horizontalAdvance(name) for name, _ in unit_names(156))
    assert page.view.columnWidth(COL_UNIT) > widest  # no name cut on a wide screen
    assert page.split.widget(1).width() <= 460 + page.split.handleWidth()  # the detail does not sprawl


def test_the_keyboard_reaches_search_filter_and_table(qtbot, city_window):
    """Alt+C to the search, Alt+L to the kelompok filter, Tab on into the table: an
    operator finds a unit without the mouse."""
    w, n = city_window
    page = shown_page(qtbot, w, n, 1366, 768)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(w, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.search.hasFocus())
    qtbot.keyClicks(page.search, "uptd balai")
    assert 0 < page.proxy.rowCount() < 153
    qtbot.keyClick(w, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: page.kelompok_combo.hasFocus())
    for b, key in ((page.add_button, "T"), (page.settings_button, "K"), (page.doc_button, "D")):
        assert f"&{key}".lower() in b.text().lower(), b.text()  # each menu button has its Alt key
