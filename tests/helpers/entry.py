"""Keying questionnaires on the entry screen as an operator does, and the same
questionnaires imported by the command line, for the tests that compare the two."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from skm_desktop import cli
from skm_desktop.io.respondents import write_csv
from skm_desktop.services import results, survey
from skm_desktop.storage.database import open_database
from skm_desktop.ui.context import AppContext
from skm_desktop.ui.entry.page import EntryPage


def show_entry_page(qtbot, db, unit_id, periode_id, operator="Tes"):
    """The entry screen at 1366 px wide, shown, active, the cursor in its grid."""
    page = EntryPage(AppContext(db, unit_id, periode_id, operator))
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    qtbot.waitUntil(page.grid.hasFocus)
    return page


def codes(page, field):
    return {c.label: c.kode for c in page.session.choices[field]}


def current(page):
    idx = page.grid.currentIndex()
    return idx.row(), page.columns[idx.column()].key if page.columns[idx.column()].kind != "unsur" else page.columns[
        idx.column()
    ].header


def type_form(qtbot, page, rec, carried, queued=False):
    """Key one questionnaire from its new-row position; returns the carried (tanggal, layanan).
    ``queued``: the server is away, the form goes to this PC's queue and the cursor to the next form."""
    g = page.grid
    lay = codes(page, "layanan")
    if rec.tanggal != carried[0]:
        qtbot.keyClick(g, Qt.Key.Key_F2)
        assert current(page)[1] == "tanggal"
        qtbot.keyClicks(g, rec.tanggal.strftime("%d%m%Y"))
        qtbot.keyClick(g, Qt.Key.Key_Return)
    if carried[1] is None:  # the first form: the cursor waits on the empty layanan
        assert current(page)[1] == "layanan"
        qtbot.keyClick(g, lay[rec.layanan])
    elif rec.layanan != carried[1]:  # a carried layanan is skipped: F3 to change it
        qtbot.keyClick(g, Qt.Key.Key_F3)
        assert current(page)[1] == "layanan"
        qtbot.keyClick(g, lay[rec.layanan])
    assert current(page)[1] == "jenis_kelamin"
    for field in ("jenis_kelamin",):
        v = getattr(rec, field)
        qtbot.keyClick(g, codes(page, field)[v] if v else " ")
    if rec.usia is None:
        qtbot.keyClick(g, " ")
    else:
        qtbot.keyClicks(g, str(rec.usia))
    for field in ("pendidikan", "pekerjaan"):
        v = getattr(rec, field)
        qtbot.keyClick(g, codes(page, field)[v] if v else " ")
    for a in rec.answers:
        qtbot.keyClick(g, " " if a is None else str(a))
    if queued:
        assert page.model.is_draft(page.grid.currentIndex().row())
        return rec.tanggal, rec.layanan
    # the row is stored now; the cursor waits on Saran
    assert current(page)[1] == "saran"
    if rec.saran:
        qtbot.keyClicks(g, rec.saran)
    qtbot.keyClick(g, Qt.Key.Key_Return)
    return rec.tanggal, rec.layanan


def cli_import_summary(folder: Path, recs, unit: str, periode: str):
    """Write ``recs`` as a CSV, import it by ``skm-desktop import`` into a new file in
    ``folder`` and return (summary_dict, summary) of that period."""
    csv = folder / "kertas.csv"
    write_csv(csv, [f"U{i}" for i in range(1, 10)], recs)
    other = folder / "cli.db"
    assert cli.main(["import", str(csv), "--db", str(other), "--unit", unit, "--periode", periode]) == 0
    with open_database(other) as db2, db2.read_session() as s:
        p2 = survey.find_periode(s, periode)
        return results.summary_dict(s, p2.id), results.summary(s, p2.id)
