"""Hasil shows exactly the engine's figures (formatted by domain.formatting)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from skm_desktop.domain.formatting import angka, persen
from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services import results, setup, survey
from skm_desktop.services.demo import create_demo
from skm_desktop.ui.context import AppContext
from skm_desktop.ui.hasil import HasilPage
from tests.helpers.pages import first_unit_page


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    from skm_desktop.storage.database import open_database

    d = open_database(tmp_path_factory.mktemp("hasil") / "demo.db")
    create_demo(d)
    yield d
    d.close()


@pytest.fixture
def page(qtbot, demo_db):
    return first_unit_page(qtbot, demo_db, HasilPage)


def open_tab(qtbot, page, index):
    bar = page.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert page.tabs.currentIndex() == index


def cells(table, row):
    return [table.item(row, c).text() for c in range(table.columnCount())]


def expected_unsur_rows(sm):
    rows = []
    for r in sm.unsur:
        w = r.weight_used if r.weight_used is not None else r.weight
        rows.append(
            [
                r.kode,
                r.unsur.nama,
                angka(r.answered),
                angka(r.blank),
                angka(r.total),
                angka(r.nrr, 3),
                angka(w, 3),
                angka(r.nrr_tertimbang, 3),
                angka(r.konversi_2dp, 2),
                r.mutu or "–",
            ]
        )
    return rows


def test_figures_equal_engine_summary(qtbot, page, demo_db):
    ctx = page.ctx
    with demo_db.read_session() as s:
        sm = results.summary(s, ctx.periode_id)
        per_lay = results.per_layanan(s, ctx.periode_id)
        kar = results.karakteristik(s, ctx.periode_id)
        tren = results.trend(s, ctx.unit_id)
    assert sm.respondents == 320
    assert page.f_responden.value.text() == "320"
    assert page.f_ikm.value.text() == angka(sm.ikm, 3)
    assert page.f_konversi.value.text() == angka(sm.ikm_konversi_2dp, 2)
    assert (page.f_mutu.value.text(), page.f_kinerja.value.text()) == (sm.mutu, sm.kinerja)
    t = page.unsur_table
    assert t.rowCount() == len(sm.unsur) + 1
    assert [cells(t, r) for r in range(len(sm.unsur))] == expected_unsur_rows(sm)
    assert cells(t, len(sm.unsur))[7:] == [angka(sm.ikm, 3), angka(sm.ikm_konversi_2dp, 2), sm.mutu]
    # bar chart: one bar per unsur, labelled with the NRR
    assert [(b.label, b.text) for b in page.unsur_chart.bars()] == [(r.kode, angka(r.nrr, 3)) for r in sm.unsur]
    # priorities: the engine's three lowest, in its order; and the C/D list
    text = page.prioritas.text()
    positions = [text.index(f"{r.kode} {r.unsur.nama}") for r in sm.prioritas]
    assert len(positions) == 3 and positions == sorted(positions)
    for r in sm.perlu_ditingkatkan:
        assert f"{r.kode} {r.unsur.nama} ({r.mutu})" in page.perlu.text()
    # the other tabs are computed when opened
    assert page.layanan_table.rowCount() == 0
    open_tab(qtbot, page, 1)
    lt = page.layanan_table
    assert [cells(lt, r) for r in range(lt.rowCount())] == [
        [n, angka(x.respondents), angka(x.ikm, 3), angka(x.ikm_konversi_2dp, 2), x.mutu, x.kinerja] for n, x in per_lay
    ]
    # characteristics (counts and percentages as the engine rounds them)
    open_tab(qtbot, page, 2)
    kt = page.kar_tables["pendidikan"]
    dist = kar["pendidikan"]
    assert [cells(kt, r) for r in range(len(dist.rows))] == [
        [r.label, angka(r.count), persen(r.percent)] for r in dist.rows
    ]
    assert cells(kt, len(dist.rows)) == ["Jumlah", "320", "100,00%"]
    assert page.kar_tables["usia"].item(0, 0).text() == "≤ 25 tahun"
    # blanks per unsur
    open_tab(qtbot, page, 3)
    st = page.sebaran_table
    assert [st.item(r, 7).text() for r in range(st.rowCount())] == [angka(r.blank) for r in sm.unsur]
    assert [st.item(r, 2).text() for r in range(st.rowCount())] == [angka(r.counts[0]) for r in sm.unsur]
    # trend incl. the manually typed years
    open_tab(qtbot, page, 4)
    tt = page.tren_table
    assert [cells(tt, r)[:3] for r in range(tt.rowCount())] == [
        [p.label, angka(p.ikm_konversi_2dp, 2), p.mutu] for p in tren
    ]
    assert cells(tt, 0)[4] == "diketik manual" and cells(tt, tt.rowCount() - 1)[4] == "dihitung dari kuesioner"
    assert [b.label for b in page.tren_chart.bars()] == ["2022", "2023", "Semester I 2024", "Semester II 2024"]


def test_layanan_filter_by_keyboard(qtbot, page, demo_db):
    ctx = page.ctx
    combo = page.layanan_filter
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    lid = combo.currentData()
    assert lid is not None
    with demo_db.read_session() as s:
        sm = results.summary(s, ctx.periode_id, lid)
        lay_name = survey.layanan_list(s, ctx.unit_id)[0].nama
    assert combo.currentText() == lay_name
    assert page.f_responden.value.text() == angka(sm.respondents)
    assert page.f_konversi.value.text() == angka(sm.ikm_konversi_2dp, 2)
    assert [cells(page.unsur_table, r) for r in range(len(sm.unsur))] == expected_unsur_rows(sm)
    assert lay_name in page.heading.text()
    qtbot.keyClick(combo, Qt.Key.Key_Up)
    assert combo.currentData() is None
    assert page.f_responden.value.text() == "320"


def test_refreshes_on_data_and_period_change(qtbot, db):
    from skm_desktop.services.forms import standard_unsur_set

    uid, pid = setup.create_unit_setup(
        db,
        setup.SetupPlan(
            setup.UnitProfile(nama="Puskesmas Melati"),
            ["Poli Umum"],
            "Tahun 2025",
            dt.date(2025, 1, 1),
            dt.date(2025, 12, 31),
            standard_unsur_set(),
        ),
    )
    ctx = AppContext(db, uid, pid)
    w = HasilPage(ctx)
    qtbot.addWidget(w)
    w.show()
    assert w.f_responden.value.text() == "0" and w.f_ikm.value.text() == "–"
    assert "Belum ada kuesioner" in w.note.text()
    # worked example of metode-skm.md, U8 blank in R4
    rows = ["443434444", "334434443", "433443444", "3443343-3", "233433433"]
    for i, r in enumerate(rows, start=1):
        answers = tuple(None if ch == "-" else int(ch) for ch in r)
        survey.save_respondent(db, pid, RespondentRecord(i, answers, layanan="Poli Umum"))
    ctx.dataChanged.emit()
    assert w.f_responden.value.text() == "5"
    assert w.f_ikm.value.text() == "3,502" and w.f_konversi.value.text() == "87,55"
    assert w.f_mutu.value.text() == "B" and w.f_kinerja.value.text() == "Baik"
    assert cells(w.unsur_table, 7)[2:4] == ["4", "1"]  # U8: 4 answered, 1 blank
    assert [w.prioritas.text().index(k) for k in ("U1 ", "U5 ", "U2 ")] == sorted(
        w.prioritas.text().index(k) for k in ("U1 ", "U5 ", "U2 ")
    )
    # a hidden page does not recompute on every change, only when shown again
    w.hide()
    survey.save_respondent(db, pid, RespondentRecord(6, (4,) * 9, layanan="Poli Umum"))
    ctx.dataChanged.emit()
    assert w.f_responden.value.text() == "5"
    w.show()
    assert w.f_responden.value.text() == "6"
    # another period
    p2 = setup.create_periode(db, uid, "Tahun 2026", None, None, copy_from=pid)
    ctx.set_periode(p2)
    assert "Tahun 2026" in w.heading.text() and w.f_responden.value.text() == "0"
    open_tab(qtbot, w, 4)
    assert [w.tren_table.item(r, 0).text() for r in range(w.tren_table.rowCount())] == ["Tahun 2025", "Tahun 2026"]


def test_no_period(qtbot, db):
    w = HasilPage(AppContext(db, None, None))
    qtbot.addWidget(w)
    w.show()
    assert w.empty.isVisible() and not w.tabs.isVisible()
    assert "Belum ada periode" in w.empty.text()


def test_unsur_nobody_answered_is_explained(qtbot, db):
    from skm_desktop.services.forms import standard_unsur_set

    uid, pid = setup.create_unit_setup(
        db,
        setup.SetupPlan(
            setup.UnitProfile(nama="Puskesmas Melati"), ["Poli Umum"], "Tahun 2025", None, None, standard_unsur_set()
        ),
    )
    for i in range(1, 4):
        survey.save_respondent(db, pid, RespondentRecord(i, (3,) * 8 + (None,)))
    with db.read_session() as s:
        sm = results.summary(s, pid)
    assert sm.renormalised
    w = HasilPage(AppContext(db, uid, pid))
    qtbot.addWidget(w)
    w.show()
    assert "Unsur U9 belum dijawab siapa pun" in w.note.text()
    assert cells(w.unsur_table, 8)[2:6] == ["0", "3", "0", "–"]
    assert cells(w.unsur_table, 8)[9] == "–"
    assert w.f_ikm.value.text() == angka(sm.ikm, 3) == "3,000"
    assert w.unsur_chart.bars()[8].value is None


def test_layanan_without_questionnaires_is_listed_with_dash(qtbot, db):
    from skm_desktop.services.forms import standard_unsur_set

    uid, pid = setup.create_unit_setup(
        db,
        setup.SetupPlan(
            setup.UnitProfile(nama="Puskesmas Melati"),
            ["Poli Umum", "Poli Gigi"],
            "Tahun 2025",
            None,
            None,
            standard_unsur_set(),
        ),
    )
    for i in range(1, 4):
        survey.save_respondent(db, pid, RespondentRecord(i, (3,) * 9, layanan="Poli Umum"))
    w = HasilPage(AppContext(db, uid, pid))
    qtbot.addWidget(w)
    w.resize(1100, 700)
    w.show()
    open_tab(qtbot, w, 1)
    lt = w.layanan_table
    assert [cells(lt, r)[0] for r in range(lt.rowCount())] == ["Poli Umum", "Poli Gigi"]
    assert cells(lt, 1) == ["Poli Gigi", "0", "–", "–", "–", "–"]
    assert "semua jenis layanan aktif" in w.layanan_note.text()


def test_karakteristik_tables_show_every_row(qtbot, page):
    """The 'Jumlah' row is visible without scrolling inside the table."""
    open_tab(qtbot, page, 2)
    for field, t in page.kar_tables.items():
        qtbot.waitUntil(
            lambda t=t: t.height() >= t.horizontalHeader().height() + sum(t.rowHeight(r) for r in range(t.rowCount()))
        )
        last = t.rowCount() - 1
        assert t.item(last, 0).text() == "Jumlah"
        assert t.visualItemRect(t.item(last, 0)).bottom() <= t.viewport().height()
        assert t.verticalScrollBar().maximum() == 0, field


def test_period_deleted_by_another_program_shows_a_message(qtbot, db):
    """The results are read through the service: a period that vanished between
    two clicks gives an Indonesian message on the page, not a traceback."""
    from skm_desktop.services.forms import standard_unsur_set

    uid, pid = setup.create_unit_setup(
        db,
        setup.SetupPlan(
            setup.UnitProfile(nama="Puskesmas Melati"), ["Poli Umum"], "Tahun 2025", None, None, standard_unsur_set()
        ),
    )
    p2 = setup.create_periode(db, uid, "Tahun 2026", None, None, copy_from=pid)
    w = HasilPage(AppContext(db, uid, p2))
    qtbot.addWidget(w)
    w.resize(1100, 700)
    w.show()
    assert "Tahun 2026" in w.heading.text() and w.tabs.isVisible()
    setup.delete_periode(db, p2)  # e.g. by the other PC sharing the file: no signal here
    open_tab(qtbot, w, 1)
    assert w.empty.isVisible() and not w.tabs.isVisible()
    assert "Periode tidak ditemukan" in w.empty.text()


def _choose(qtbot, combo, data) -> None:
    """Pick an item of a combo box with the keyboard, as an operator would."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data


def test_year_pooled_beside_its_periods(qtbot, page, demo_db):
    """Cakupan "Tahun 2024 (gabungan)": every respondent of Semester I and II in one tally."""
    from skm_desktop.services import tahunan

    assert page.cakupan.itemText(1) == "Tahun 2024 (gabungan)"
    _choose(qtbot, page.cakupan, 2024)
    with demo_db.read_session() as s:
        th = tahunan.tahunan(s, None, 2024)
    assert th.summary.respondents == sum(sm.respondents for _, sm in th.parts)
    assert page.f_responden.value.text() == angka(th.summary.respondents)
    assert page.f_konversi.value.text() == angka(th.summary.ikm_konversi_2dp, 2)
    head = page.heading.text()
    assert "Tahun 2024 (Semester I + Semester II) — gabungan seluruh responden" in head
    for nama, sm in th.parts:
        assert f"{nama}: {angka(sm.respondents)} responden, IKM {angka(sm.ikm_konversi_2dp, 2)}" in head
    _choose(qtbot, page.cakupan, None)
    assert page.f_responden.value.text() == "320"  # back to the window's period


def test_year_with_different_unsur_sets_is_refused_on_screen(qtbot, tmp_path):
    from skm_desktop.storage.database import open_database

    db = open_database(tmp_path / "beda.db")
    create_demo(db, n=60)
    with db.session() as s:
        p2 = survey.find_periode(s, "Semester II 2024")
        next(r for r in p2.unsur if r.kode == "U9").nama = "Ruang tunggu"
    w = first_unit_page(qtbot, db, HasilPage)
    _choose(qtbot, w.cakupan, 2024)
    assert w.tabs.isHidden() and "set unsurnya berbeda" in w.empty.text() and "U9" in w.empty.text()
    db.close()
