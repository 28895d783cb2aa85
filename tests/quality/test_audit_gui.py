"""The Jejak Audit page shows the before/after of an edit, filters, and
restores a deleted questionnaire."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services import survey
from skm_desktop.storage.files import computer_name
from skm_desktop.ui.context import AppContext
from skm_desktop.ui.kualitas import AuditPage, common
from tests.helpers.units import unit_with_periode


@pytest.fixture
def ctx(db):
    return AppContext(db, *unit_with_periode(db), "Sari")


def rec(no, **kw):
    base = dict(
        no_kuesioner=no,
        answers=(3, 3, 4, 2, 3, 3, 4, 3, 3),
        tanggal=dt.date(2025, 3, 4),
        layanan="KTP",
        jenis_kelamin="Perempuan",
        usia=30,
        pendidikan="SMA",
        pekerjaan="Swasta",
        batch="B01",
        operator="Rina",
        posisi=no,
    )
    base.update(kw)
    return RespondentRecord(**base)


def cells(table, col):
    return [table.item(r, col).text() for r in range(table.rowCount())]


def test_before_after_filters_and_restore(qtbot, ctx, monkeypatch):
    monkeypatch.setattr(common, "confirm", lambda *a, **k: True)
    shown = []
    monkeypatch.setattr(common, "message", lambda parent, title, text, error=True: shown.append(text))
    db, pid = ctx.db, ctx.periode_id
    a = survey.save_respondent(db, pid, rec(1))
    b = survey.save_respondent(db, pid, rec(2, operator="Agus"))
    survey.update_respondent(db, a, rec(1, usia=31, answers=(3, 3, 4, 2, 3, 3, 4, 3, 1)), operator="Budi")
    survey.delete_respondent(db, b, operator="Budi")

    page = AuditPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 640)
    page.show()
    assert cells(page.table, 2) == ["Hapus", "Ubah", "Tambah", "Tambah"]
    # the edit: before/after of the changed fields only
    page.table.selectRow(1)
    assert cells(page.detail, 0) == ["Usia", "U9"] or cells(page.detail, 0) == ["U9", "Usia"]
    detail = {
        page.detail.item(r, 0).text(): (page.detail.item(r, 1).text(), page.detail.item(r, 2).text())
        for r in range(page.detail.rowCount())
    }
    assert detail == {"Usia": ("30", "31"), "U9": ("3", "1")}
    assert "Budi" in page.detail_title.text() and not page.restore_btn.isEnabled()
    qtbot.mouseClick(page.only_changed, Qt.MouseButton.LeftButton)
    assert page.detail.rowCount() == 6 + 9 + 6  # every field, answers included
    # filters: operator, action, number
    page.operator_combo.setCurrentIndex(page.operator_combo.findText("Budi"))
    assert cells(page.table, 2) == ["Hapus", "Ubah"]
    page.operator_combo.setCurrentIndex(0)
    page.aksi_combo.setCurrentIndex(page.aksi_combo.findText("Tambah"))
    assert cells(page.table, 3) == ["2", "1"]
    page.aksi_combo.setCurrentIndex(0)
    qtbot.keyClicks(page.no_edit, "2")
    assert cells(page.table, 2) == ["Hapus", "Tambah"]
    qtbot.keyClicks(page.no_edit, "x")
    assert page.table.rowCount() == 0 and "tidak sah" in page.count_label.text()
    page.no_edit.clear()
    qtbot.mouseClick(page.date_check, Qt.MouseButton.LeftButton)
    page.dari.setDate(page.dari.date().addDays(40))  # a range in the future: nothing
    assert page.table.rowCount() == 0
    qtbot.mouseClick(page.date_check, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == 4
    # restore the deletion
    page.table.selectRow(0)
    assert page.selected().aksi == "hapus" and page.restore_btn.isEnabled()
    assert [page.detail.item(r, 1).text() for r in range(page.detail.rowCount())][:2] == ["2", "4 Maret 2025"]
    qtbot.mouseClick(page.restore_btn, Qt.MouseButton.LeftButton)
    assert shown == ["Kuesioner no. 2 sudah disimpan kembali."]
    with db.read_session() as s:
        got = {r.no_kuesioner: r for _, r in survey.load_records(s, pid)}
    assert got[2] == rec(2, operator="Agus")
    assert cells(page.table, 2)[0] == "Pulihkan"
    assert page.table.item(1, 5).text().startswith("Sudah dipulihkan")
    page.table.selectRow(1)
    assert not page.restore_btn.isEnabled()


def test_hidden_page_refreshes_when_shown(qtbot, ctx):
    page = AuditPage(ctx)
    qtbot.addWidget(page)
    assert page.table.rowCount() == 0
    survey.save_respondent(ctx.db, ctx.periode_id, rec(1))
    ctx.dataChanged.emit()
    assert page.table.rowCount() == 0  # hidden: no work while the operator keys
    page.show()
    # who did it, and on which PC (several PCs may share a server database)
    assert cells(page.table, 2) == ["Tambah"] and cells(page.table, 4) == [f"Rina ({computer_name()})"]
