"""Keying 100 paper questionnaires with the keyboard only, as an operator does,
and checking the stored data and the live panel against the engine's figures
for the same questionnaires imported by the command line."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from skm_desktop.domain import formatting as fmt
from skm_desktop.services import demo, results, survey
from tests.helpers.entry import cli_import_summary, codes, current, show_entry_page, type_form

UNIT, PERIODE = "Kelurahan Uji", "2024"


def make_unit(db):
    with db.session() as s:
        u = survey.create_unit(s, UNIT)
        for name, _ in demo.LAYANAN:
            survey.add_layanan(s, u.id, name)
        p = survey.create_periode(s, u.id, PERIODE, None, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        return u.id, p.id


@pytest.fixture
def beeps(monkeypatch):
    calls = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: calls.append(1)))
    return calls


@pytest.fixture
def page_factory(qtbot, db):
    QSettings().remove("entry/batch")
    unit_id, periode_id = make_unit(db)

    def make(operator="Tes"):
        return show_entry_page(qtbot, db, unit_id, periode_id, operator)

    make.periode_id = periode_id
    make.unit_id = unit_id
    return make


def test_key_100_questionnaires_matches_cli_import(qtbot, page_factory, db, tmp_path, beeps):
    page = page_factory()
    page.batch_edit.setText("B01")
    page._batch_changed()
    recs = demo.generate_records(100, seed=7, year=2024)
    recs = [r.with_(operator="Tes", batch="B01", sumber="kertas") for r in recs]
    # a few characteristics left blank on paper, and some blank answers (the generator adds some too)
    recs[3] = recs[3].with_(pendidikan=None, usia=None)
    recs[8] = recs[8].with_(answers=(None,) + recs[8].answers[1:])
    recs[9] = recs[9].with_(answers=recs[9].answers[:4] + (None, None) + recs[9].answers[6:])
    assert sum(a is None for r in recs for a in r.answers) >= 4

    g = page.grid
    assert g.hasFocus()
    carried = (None, None)
    for i, rec in enumerate(recs):
        if i == 40:
            # the operator types a number that is already stored: refused at once, before any answer
            qtbot.keyClick(g, Qt.Key.Key_Home)
            assert current(page)[1] == "no"
            qtbot.keyClicks(g, "12")
            assert page.model.error_cell is not None
            assert "sudah ada" in page.message.text()
            qtbot.keyClick(g, Qt.Key.Key_Return)
            assert current(page)[1] == "no"  # cannot leave the cell with a duplicate
            n_beeps = len(beeps)
            qtbot.keyClick(g, Qt.Key.Key_Escape)
            assert page.model.error_cell is None and page.model.draft.no == 41
            for _ in range(3):
                qtbot.keyClick(g, Qt.Key.Key_Tab)
            assert len(beeps) == n_beeps
        if i == 60:
            # a wrong key in an answer cell: nothing changes but a beep and the counter
            before = page.model.draft.to_json()
            jk_col = page.col_index["jenis_kelamin"]
            assert g.currentIndex().column() == jk_col
            qtbot.keyClick(g, "7")
            assert page.model.draft.to_json() == before
            assert g.currentIndex().column() == jk_col
            assert page.wrong_keys == 2  # the refused duplicate number counted too
        carried = type_form(qtbot, page, rec, carried)

    assert page.wrong_keys == 2
    assert len(beeps) == 2
    assert "salah tekan 2" in page.counter.text()

    # stored data = what was on paper
    with db.read_session() as s:
        stored = [r for _, r in survey.load_records(s, page_factory.periode_id)]
        keyed = results.summary_dict(s, page_factory.periode_id)
    assert len(stored) == 100
    assert [r.with_(posisi=None) for r in stored] == recs

    # every stored form has its audit row and its keying statistics (for keystrokes per hour)
    from sqlalchemy import func, select

    from skm_desktop.storage.models import Audit, KinerjaEntri

    with db.read_session() as s:
        assert (
            s.scalar(select(func.count()).select_from(Audit).where(Audit.aksi == "tambah", Audit.operator == "Tes"))
            == 100
        )
        n, keys = s.execute(
            select(func.count(), func.sum(KinerjaEntri.ketukan)).where(
                KinerjaEntri.operator == "Tes", KinerjaEntri.jenis == "entri"
            )
        ).one()
    assert n == 100 and keys >= 100 * 14

    # the same questionnaires imported by the command line give the same figures
    imported, _ = cli_import_summary(tmp_path, recs, UNIT, PERIODE)
    assert json.dumps(keyed, sort_keys=True) == json.dumps(imported, sort_keys=True)

    # the panel and the footer rows show the engine's figures
    with db.read_session() as s:
        sm = results.summary(s, page_factory.periode_id)
    assert not page.session.draft_counted
    assert page.panel.ikm_konversi.text() == fmt.angka(sm.ikm_konversi_2dp, 2)
    assert page.panel.mutu.text() == sm.mutu
    assert fmt.angka(sm.ikm, 3) in page.panel.ikm.text()
    assert [line.split()[:2] for line in page.panel.prioritas.text().splitlines()] == [
        [r.kode, fmt.angka(r.nrr, 3)] for r in sm.prioritas
    ]
    fm = page.footer_model
    for r in sm.unsur:
        ci = page.first_unsur + sm.unsur.index(r)
        assert fm.data(fm.index(0, ci)) == fmt.angka(r.total)
        assert fm.data(fm.index(1, ci)) == fmt.angka(r.nrr, 3)
        assert fm.data(fm.index(2, ci)) == fmt.angka(r.nrr_tertimbang, 3)
        assert fm.data(fm.index(3, ci)) == r.mutu
    assert "Responden: 100" in page.panel.responden.text()


def test_full_form_is_14_keys_plus_enter(qtbot, page_factory, db):
    page = page_factory()
    g = page.grid
    # first form of the day: date and layanan once
    qtbot.keyClicks(g, "05032024")
    qtbot.keyClick(g, Qt.Key.Key_Return)
    qtbot.keyClick(g, "2")
    seq = "14234344343434"
    assert len(seq) == 14
    for _form in range(2):
        qtbot.keyClicks(g, seq)
        qtbot.keyClick(g, Qt.Key.Key_Return)
    with db.read_session() as s:
        stored = [r for _, r in survey.load_records(s, page_factory.periode_id)]
    assert [r.no_kuesioner for r in stored] == [1, 2]
    assert all(r.tanggal == dt.date(2024, 3, 5) and r.layanan == demo.LAYANAN[1][0] for r in stored)
    assert stored[1].answers == (3, 4, 4, 3, 4, 3, 4, 3, 4)
    assert stored[1].jenis_kelamin == "Laki-laki" and stored[1].usia == 42
    assert stored[1].operator == "Tes" and stored[1].sumber == "kertas"
    assert current(page) == (2, "jenis_kelamin")


def test_panel_follows_every_answer(qtbot, page_factory):
    page = page_factory()
    g = page.grid
    updates = []
    page.panelUpdated.connect(lambda: updates.append(page.panel.ikm_konversi.text()))
    qtbot.keyClicks(g, "01022024")
    qtbot.keyClick(g, Qt.Key.Key_Return)
    qtbot.keyClicks(g, "113034")
    assert updates == []
    qtbot.keyClick(g, "4")  # U1 = 4: the row in progress already counts
    assert updates == ["100,00"]
    assert "1 sedang diketik" in page.panel.responden.text()
    qtbot.keyClick(g, "b")  # U2 = 2
    assert len(updates) == 2
    # IKM of (4, 2) with U3..U9 unanswered: the engine renormalises the weights
    assert updates[-1] == fmt.angka(page.session.summary().ikm_konversi_2dp, 2)


def test_duplicate_number_caught_while_typing(qtbot, page_factory, beeps):
    page = page_factory()
    g = page.grid
    qtbot.keyClicks(g, "01022024")
    qtbot.keyClick(g, Qt.Key.Key_Return)
    qtbot.keyClicks(g, "113034333333333")
    qtbot.keyClick(g, Qt.Key.Key_Return)
    qtbot.keyClick(g, Qt.Key.Key_Home)
    qtbot.keyClick(g, "1")
    assert page.model.error_cell == (1, 0)
    assert "Nomor kuesioner 1 sudah ada" in page.message.text()
    assert beeps == []  # a warning while typing, a refusal on confirm
    qtbot.keyClick(g, "5")  # 15 is free
    assert page.model.error_cell is None
    qtbot.keyClick(g, Qt.Key.Key_Return)
    assert page.model.draft.no == 15 and current(page)[1] == "tanggal"


def test_refused_number_starts_afresh_and_paper_numbers_stop_at_five_digits(qtbot, page_factory, beeps):
    page = page_factory()
    g = page.grid
    qtbot.keyClicks(g, "01022024")
    qtbot.keyClick(g, Qt.Key.Key_Return)
    qtbot.keyClicks(g, "113034333333333")
    qtbot.keyClick(g, Qt.Key.Key_Return)
    qtbot.keyClick(g, Qt.Key.Key_Home)
    qtbot.keyClick(g, "1")
    qtbot.keyClick(g, Qt.Key.Key_Return)  # 1 is taken: refused on confirm
    assert len(beeps) == 1 and "Nomor kuesioner 1 sudah ada" in page.message.text()
    assert page.model.buffer is None and page.model.error_cell == (1, 0) and current(page) == (1, "no")
    qtbot.keyClick(g, "7")  # a new number, not 17
    assert page.model.buffer == (1, 0, "7") and page.model.error_cell is None
    qtbot.keyClick(g, Qt.Key.Key_Return)
    assert page.model.draft.no == 7 and current(page)[1] == "tanggal"
    qtbot.keyClick(g, Qt.Key.Key_Home)
    qtbot.keyClicks(g, "123456789")
    assert page.model.buffer == (1, 0, "12345") and len(beeps) == 5
    assert "99.999" in page.message.text()
    qtbot.keyClick(g, Qt.Key.Key_Return)
    assert page.model.draft.no == 12345


def test_draft_survives_restart(qtbot, page_factory, db):
    page = page_factory()
    g = page.grid
    qtbot.keyClicks(g, "01022024")
    qtbot.keyClick(g, Qt.Key.Key_Return)
    qtbot.keyClicks(g, "3257524 3")
    qtbot.waitUntil(lambda: page.session.load_draft() is not None)
    page.close()

    again = page_factory()
    d = again.model.draft
    f = d.fields
    assert d.no == 1 and f.tanggal == dt.date(2024, 2, 1) and f.layanan == demo.LAYANAN[2][0]
    assert (f.jenis_kelamin, f.usia, f.pendidikan, f.pekerjaan) == ("Perempuan", 57, "D4/S1", "TNI")
    assert d.answers[:3] == [4, None, 3] and d.done[:3] == [True, True, True] and not d.done[3]
    assert current(again) == (0, "U4")
    qtbot.keyClicks(again.grid, "444444")
    with db.read_session() as s:
        ((rid, rec),) = survey.load_records(s, page_factory.periode_id)
    assert rec.answers == (4, None, 3, 4, 4, 4, 4, 4, 4)
    assert again.session.load_draft() is None


def test_edit_delete_undo_redo(qtbot, page_factory, db, monkeypatch):
    page = page_factory()
    g = page.grid
    qtbot.keyClicks(g, "01022024")
    qtbot.keyClick(g, Qt.Key.Key_Return)
    qtbot.keyClick(g, "1")  # layanan, carried over to the next forms
    for _ in range(3):
        qtbot.keyClicks(g, "13034333333333")
        qtbot.keyClick(g, Qt.Key.Key_Return)

    def stored():
        with db.read_session() as s:
            return {r.no_kuesioner: r for _, r in survey.load_records(s, page_factory.periode_id)}

    assert [(r.answers, r.usia, r.saran) for r in stored().values()] == [((3,) * 9, 30, "")] * 3

    # change U3 of questionnaire 2 from 3 to 1
    qtbot.keyClick(g, Qt.Key.Key_Up)
    qtbot.keyClick(g, Qt.Key.Key_Up)
    while current(page)[1] != "U3":
        qtbot.keyClick(g, Qt.Key.Key_Right)
    assert current(page)[0] == 1
    qtbot.keyClick(g, "1")
    assert stored()[2].answers[2] == 1
    assert page.footer_model.data(page.footer_model.index(0, page.first_unsur + 2)) == "7"
    qtbot.keyClick(g, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored()[2].answers[2] == 3
    assert page.message.text() == "Dibatalkan: perubahan U3 kuesioner no. 2."
    qtbot.keyClick(g, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored()[2].answers[2] == 1
    assert page.message.text() == "Diulang: perubahan U3 kuesioner no. 2."

    from sqlalchemy import select

    from skm_desktop.storage.models import Audit

    with db.read_session() as s:
        assert [
            a for (a,) in s.execute(select(Audit.aksi).where(Audit.no_kuesioner == 2, Audit.operator == "Tes"))
        ] == ["tambah", "ubah", "ubah", "ubah"]

    # delete questionnaire 2 after confirming; undo brings it back
    asked = []
    monkeypatch.setattr(page, "confirm", lambda text: asked.append(text) or True)
    qtbot.keyClick(g, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert asked and "no. 2" in asked[0]
    assert sorted(stored()) == [1, 3]
    assert page.model.rowCount() == 3
    qtbot.keyClick(g, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sorted(stored()) == [1, 2, 3] and stored()[2].answers[2] == 1
    assert page.message.text() == "Dibatalkan: penghapusan kuesioner no. 2."
    # back in its place between 1 and 3, not at the end, and the cursor on it
    assert [page.model.record_at(r).no_kuesioner for r in range(3)] == [1, 2, 3]
    assert current(page)[0] == 1
    assert [page.session.records[i].no_kuesioner for i in page.session.order] == [1, 2, 3]
    qtbot.keyClick(g, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert sorted(stored()) == [1, 3] and page.message.text() == "Diulang: penghapusan kuesioner no. 2."
    qtbot.keyClick(g, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [page.model.record_at(r).no_kuesioner for r in range(3)] == [1, 2, 3]
    # declining the confirmation deletes nothing
    monkeypatch.setattr(page, "confirm", lambda text: False)
    qtbot.keyClick(g, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert sorted(stored()) == [1, 2, 3]
    # undo of a stored new row removes it
    while page.undo_stack.canUndo():
        page.undo_stack.undo()
    assert stored() == {}
    assert page.panel.ikm_konversi.text() == "–"


def test_jump_filter_and_sort(qtbot, page_factory, db):
    page = page_factory()
    with db.session() as s:
        p = s.get(survey.Periode, page_factory.periode_id)
        from skm_desktop.services.importing import bulk_insert

        bulk_insert(s, p, demo.generate_records(300, seed=3))
    page.load()
    g = page.grid
    qtbot.keyClick(g, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.jump_edit.hasFocus()
    qtbot.keyClicks(page.jump_edit, "123")
    qtbot.keyClick(page.jump_edit, Qt.Key.Key_Return)
    assert g.hasFocus()
    assert page.model.record_at(g.currentIndex().row()).no_kuesioner == 123
    # filter by layanan: only that layanan's rows (plus the row in progress)
    lay = demo.LAYANAN[3][0]
    page.filter_combo.setCurrentIndex(page.filter_combo.findData(lay))
    n = page.session.per_layanan[lay]
    assert page.model.rowCount() == n + 1
    assert all(page.model.record_at(r).layanan == lay for r in range(n))
    # sort by U1 descending through the header
    page.grid.horizontalHeader().setSortIndicator(page.first_unsur, Qt.SortOrder.DescendingOrder)
    vals = [page.model.record_at(r).answers[0] for r in range(n)]
    assert vals == sorted(vals, key=lambda v: (v is not None, v or 0), reverse=True)
    page.filter_combo.setCurrentIndex(0)
    assert page.model.rowCount() == 301


def test_closed_period_refuses_keys(qtbot, page_factory, db, beeps):
    with db.session() as s:
        survey.update_periode(s, page_factory.periode_id, ditutup=True)
    page = page_factory()
    assert page.banner.isVisible() and "ditutup" in page.banner.text()
    qtbot.keyClicks(page.grid, "1")
    assert beeps and "ditutup" in page.message.text()
    assert not page.model.draft.touched


def test_other_pages_hear_of_saves_without_a_refresh_per_form(qtbot, page_factory):
    page = page_factory()
    heard = []
    page.ctx.dataChanged.connect(lambda: heard.append(page.session.count))
    g = page.grid
    qtbot.keyClicks(g, "01022024")
    qtbot.keyClick(g, Qt.Key.Key_Return)
    qtbot.keyClick(g, "1")
    for _ in range(3):
        qtbot.keyClicks(g, "13034333333333")
        qtbot.keyClick(g, Qt.Key.Key_Return)
    assert heard == []  # coalesced while keying fast
    qtbot.waitUntil(lambda: heard == [3], timeout=3000)
    qtbot.keyClicks(g, "13034333333333")
    page.hide()  # leaving the page (another tab) tells the others at once
    assert heard == [3, 4]


def test_usia_and_tanggal_typing_rules(qtbot, page_factory, beeps):
    page = page_factory()
    g = page.grid
    qtbot.keyClicks(g, "01022024")
    qtbot.keyClick(g, Qt.Key.Key_Return)
    qtbot.keyClick(g, "1")
    qtbot.keyClick(g, "2")  # JK
    qtbot.keyClicks(g, "10")  # 10 could still become 100–109: waits
    assert current(page)[1] == "usia" and page.model.draft.fields.usia is None
    qtbot.keyClick(g, Qt.Key.Key_Tab)
    assert page.model.draft.fields.usia == 10 and current(page)[1] == "pendidikan"
    qtbot.keyClick(g, Qt.Key.Key_Left)
    qtbot.keyClicks(g, "104")
    assert page.model.draft.fields.usia == 104 and current(page)[1] == "pendidikan"
    qtbot.keyClick(g, Qt.Key.Key_Left)
    qtbot.keyClicks(g, "9")
    qtbot.keyClick(g, Qt.Key.Key_Return)  # 9 years: refused, stays
    assert page.model.draft.fields.usia == 104 and current(page)[1] == "usia" and len(beeps) == 1
    assert "usia 9 di luar rentang" in page.message.text()
    qtbot.keyClick(g, Qt.Key.Key_Escape)
    # the day alone changes only the day of the carried date
    while current(page)[1] != "tanggal":
        qtbot.keyClick(g, Qt.Key.Key_Left)
    qtbot.keyClicks(g, "15")
    qtbot.keyClick(g, Qt.Key.Key_Return)
    assert page.model.draft.fields.tanggal == dt.date(2024, 2, 15)
    # a date on the new row moves on to the first cell still to be keyed; F2 comes back
    assert current(page)[1] == page.columns[page.draft_start_column()].header
    qtbot.keyClick(g, Qt.Key.Key_F2)
    qtbot.keyClicks(g, "30022024")
    qtbot.keyClick(g, Qt.Key.Key_Return)
    assert page.model.draft.fields.tanggal == dt.date(2024, 2, 15) and "tidak ada di kalender" in page.message.text()


# ---- F2 / F3: a new date on every form (a table where every row has its own date)


class CountingKeys:
    """qtbot.keyClick / keyClicks on the grid, counting every key press."""

    def __init__(self, qtbot, widget) -> None:
        self.qtbot, self.w, self.n = qtbot, widget, 0

    def key(self, k) -> None:
        self.qtbot.keyClick(self.w, k)
        self.n += 1

    def text(self, t: str) -> None:
        self.qtbot.keyClicks(self.w, t)
        self.n += len(t)


def test_twenty_forms_each_with_a_new_date_cost_at_most_18_keys(qtbot, page_factory, db, beeps):
    page = page_factory()
    keys = CountingKeys(qtbot, page.grid)
    layanan = page.session.choices["layanan"][0].label
    jk, pend, pek = (codes(page, f) for f in ("jenis_kelamin", "pendidikan", "pekerjaan"))
    jk_label, pend_label, pek_label = (list(c)[1] for c in (jk, pend, pek))
    expected, per_form = [], []
    for i in range(20):
        day = dt.date(2024, 1, 10 + i)  # the period starts 1 January 2024: the day alone is enough
        answers = tuple((i + j) % 4 + 1 for j in range(page.session.n_unsur))
        usia = 20 + i
        before = keys.n
        if i == 0:
            assert current(page) == (0, "tanggal")  # a new period: the cursor waits on the date
        else:
            # the cursor is on the Saran of the form just stored: F2 goes to the next form's date
            assert current(page) == (page.model.draft_row - 1, "saran")
            keys.key(Qt.Key.Key_F2)
            assert current(page) == (page.model.draft_row, "tanggal")
        keys.text(str(day.day))
        keys.key(Qt.Key.Key_Return)
        if i == 0:
            assert current(page)[1] == "layanan"
            keys.text(codes(page, "layanan")[layanan])
        assert current(page)[1] == "jenis_kelamin"  # a carried layanan is skipped
        keys.text(jk[jk_label])
        keys.text(str(usia))
        keys.text(pend[pend_label])
        keys.text(pek[pek_label])
        keys.text("".join(map(str, answers)))
        per_form.append(keys.n - before)
        expected.append((i + 1, day, layanan, jk_label, usia, pend_label, pek_label, answers))
    assert not beeps
    assert max(per_form) <= 18, per_form
    # F2 (or the first date cell), two digits, Enter, then the form itself: 5 keys + one per unsur
    assert per_form[1:] == [4 + 5 + page.session.n_unsur] * 19
    with db.read_session() as s:
        stored = [r for _, r in survey.load_records(s, page_factory.periode_id)]
    got = [
        (r.no_kuesioner, r.tanggal, r.layanan, r.jenis_kelamin, r.usia, r.pendidikan, r.pekerjaan, r.answers)
        for r in stored
    ]
    assert got == expected


def test_jump_keys_from_a_stored_row_and_while_typing(qtbot, page_factory, db, beeps):
    page = page_factory()
    g = page.grid
    qtbot.keyClicks(g, "05032024")
    qtbot.keyClick(g, Qt.Key.Key_Return)
    qtbot.keyClick(g, "2")
    qtbot.keyClicks(g, "14234" + "4" * page.session.n_unsur)
    assert current(page) == (0, "saran")
    # from the Saran of the form just stored, F3 is for the next form
    qtbot.keyClick(g, Qt.Key.Key_F3)
    assert current(page) == (1, "layanan")
    qtbot.keyClick(g, Qt.Key.Key_Up)
    # F3 elsewhere on a stored row goes to that row's layanan: the next code changes it
    qtbot.keyClick(g, Qt.Key.Key_F3)
    assert current(page) == (0, "layanan")
    qtbot.keyClick(g, "1")
    with db.read_session() as s:
        ((_, rec),) = survey.load_records(s, page_factory.periode_id)
    assert rec.layanan == demo.LAYANAN[0][0]
    # a date being typed is confirmed by F3 before the jump; a bad one keeps the cursor
    qtbot.keyClick(g, Qt.Key.Key_F2)
    qtbot.keyClicks(g, "3102")
    qtbot.keyClick(g, Qt.Key.Key_F3)
    assert current(page) == (0, "tanggal") and len(beeps) == 1
    qtbot.keyClick(g, Qt.Key.Key_Escape)
    qtbot.keyClicks(g, "0703")
    qtbot.keyClick(g, Qt.Key.Key_F3)
    assert current(page) == (0, "layanan")
    with db.read_session() as s:
        ((_, rec),) = survey.load_records(s, page_factory.periode_id)
    assert rec.tanggal == dt.date(2024, 3, 7)
    assert "F2: tanggal" in page.keys_hint.text() and "F3: layanan" in page.keys_hint.text()


def test_columns_readable_at_1366(qtbot, page_factory, db):
    with db.session() as s:
        recs = demo.generate_records(30, seed=3, year=2024)
        recs[0] = recs[0].with_(
            no_kuesioner=99999, pekerjaan="Pelajar/Mahasiswa", layanan="Surat Keterangan Tidak Mampu"
        )
        for r in recs:
            survey.add_respondent(s, page_factory.periode_id, r)
    page = page_factory()
    page.resize(1366 - 180, 680)  # the main window's navigation takes the rest of a 1366 screen
    qtbot.wait(50)
    g, m = page.grid, page.model
    fm = g.fontMetrics()
    row = next(r for r in range(m.rowCount() - 1) if m.record_at(r).no_kuesioner == 99999)
    for key in ("no", "layanan", "jenis_kelamin", "pendidikan", "pekerjaan"):
        ci = page.col_index[key]
        for r in range(m.rowCount() - 1):
            text = m.data(m.index(r, ci))
            assert fm.horizontalAdvance(text) + 8 <= g.columnWidth(ci), (key, text, g.columnWidth(ci))
    lay, pek = page.col_index["layanan"], page.col_index["pekerjaan"]
    assert m.data(m.index(row, lay)) == f"{codes(page, 'layanan')['Surat Keterangan Tidak Mampu']} SK Tidak Mampu"
    assert m.data(m.index(row, pek)) == f"{codes(page, 'pekerjaan')['Pelajar/Mahasiswa']} Pelajar"
    assert "Pelajar/Mahasiswa" in m.data(m.index(row, pek), Qt.ItemDataRole.ToolTipRole)
    whole = m.data(m.index(row, page.col_index["no"]), Qt.ItemDataRole.ToolTipRole)
    assert "Kuesioner no. 99999" in whole and "Surat Keterangan Tidak Mampu" in whole
    assert "Pelajar/Mahasiswa" in whole


def test_forms_from_another_program_keep_undo_draft_and_cursor(qtbot, page_factory, db):
    page = page_factory()
    g = page.grid
    qtbot.keyClicks(g, "01022024")
    qtbot.keyClick(g, Qt.Key.Key_Return)
    qtbot.keyClick(g, "1")
    for _ in range(2):
        qtbot.keyClicks(g, "13034333333333")
        qtbot.keyClick(g, Qt.Key.Key_Return)
    # change U1 of no. 1, then start the next form and leave a number half-typed in Usia
    qtbot.keyClick(g, Qt.Key.Key_Up)
    qtbot.keyClick(g, Qt.Key.Key_Up)
    while current(page)[1] != "U1":
        qtbot.keyClick(g, Qt.Key.Key_Right)
    qtbot.keyClick(g, "4")
    qtbot.keyClick(g, Qt.Key.Key_Down)
    qtbot.keyClick(g, Qt.Key.Key_Down)
    qtbot.keyClick(g, Qt.Key.Key_F2)
    qtbot.keyClick(g, Qt.Key.Key_Return)  # keep the date
    qtbot.keyClick(g, "2")  # JK
    qtbot.keyClick(g, "1")  # usia being typed ("1" may become 10–19)
    assert current(page) == (2, "usia") and page.model.buffer == (2, page.col_index["usia"], "1")
    n_commands = page.undo_stack.count()
    assert n_commands == 3

    # the kiosk stores two forms (numbers of its own range) and a CLI import takes no. 3
    with db.session() as s:
        recs = demo.generate_records(3, seed=5, year=2024)
        for no, r in zip((3, 100001, 100002), recs):
            survey.add_respondent(s, page_factory.periode_id, r.with_(no_kuesioner=no))
    page.ctx.dataChanged.emit()

    assert page.undo_stack.count() == n_commands and page.undo_stack.canUndo()
    assert page.model.rowCount() == 6  # 2 keyed + 3 from elsewhere + the row in progress
    assert page.session.count == 5 and "Responden: 5" in page.panel.responden.text()
    assert current(page) == (5, "usia") and page.model.buffer == (5, page.col_index["usia"], "1")
    d = page.model.draft
    assert d.fields.jenis_kelamin == "Perempuan" and d.no == 4  # no. 3 was taken meanwhile
    assert "kini bernomor 4" in page.message.text()
    # typing goes on where it was, and the undo history still works on the right forms
    qtbot.keyClick(g, "9")
    assert page.model.draft.fields.usia == 19
    qtbot.keyClick(g, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with db.read_session() as s:
        got = {r.no_kuesioner: r for _, r in survey.load_records(s, page_factory.periode_id)}
    assert got[1].answers[0] == 3 and len(got) == 5
    assert page.message.text() == "Dibatalkan: perubahan U1 kuesioner no. 1."


def test_edit_of_a_form_another_pc_changed_shows_theirs(qtbot, page_factory, db, db_target, beeps):
    from skm_desktop.services.entry import KeyingSession
    from skm_desktop.storage.database import open_database

    page = page_factory()
    g = page.grid
    qtbot.keyClicks(g, "01022024")
    qtbot.keyClick(g, Qt.Key.Key_Return)
    qtbot.keyClick(g, "1")
    qtbot.keyClicks(g, "13034333333333")
    qtbot.keyClick(g, Qt.Key.Key_Return)
    # another PC changes questionnaire 1 after this screen loaded it
    other = open_database(db_target, program="PC kedua")
    try:
        k = KeyingSession.open(other, page_factory.periode_id, operator="budi")
        rid = k.find_no(1)
        k.update(rid, k.records[rid].with_(answers=(2,) * 9))
    finally:
        other.close()
    qtbot.keyClick(g, Qt.Key.Key_Up)
    while current(page)[1] != "U3":
        qtbot.keyClick(g, Qt.Key.Key_Right)
    qtbot.keyClick(g, "4")
    assert "diubah oleh operator 'budi' dari komputer lain" in page.message.text()
    assert beeps
    with db.read_session() as s:
        ((_, rec),) = survey.load_records(s, page_factory.periode_id)
    assert rec.answers == (2,) * 9  # nothing of ours stored
    u3 = page.model.index(0, page.first_unsur + 2)
    assert page.model.data(u3) == "2"  # the row shows what is stored now


def test_the_counter_does_not_count_the_offline_queue_at_every_key(qtbot, page_factory, db, monkeypatch, beeps):
    """The waiting forms are counted when the period opens (and when forms are queued, sent
    or dropped), not at every key press or stored form: that count opens a file."""
    from skm_desktop.services.entry import KeyingSession

    counted = []
    monkeypatch.setattr(KeyingSession, "waiting", lambda self: counted.append(1) or 2)
    page = page_factory()
    page._send_timer.stop()  # keying only: no queue to send on a SQLite file
    assert counted and "2 kuesioner menunggu dikirim" in page.counter.text()
    counted.clear()
    g = page.grid
    qtbot.keyClicks(g, "05032024")
    qtbot.keyClick(g, Qt.Key.Key_Return)
    qtbot.keyClicks(g, "9")  # no such layanan: a wrong key, counted on the status line
    qtbot.keyClicks(g, "2" + "14234344343434")
    qtbot.keyClick(g, Qt.Key.Key_Return)
    assert beeps and page.session.count == 1
    assert counted == []
    assert "Tersimpan 1 · salah tekan 1 · 2 kuesioner menunggu dikirim" in page.counter.text()
