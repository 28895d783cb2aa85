"""Pengaturan: changes are stored, refusals are explained in the UI."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from skm_desktop.domain import sample
from skm_desktop.domain.respondent import RespondentRecord
from skm_desktop.services import ServiceError, setup, survey
from skm_desktop.services.demo import create_demo
from skm_desktop.storage.models import Periode, TargetSampel, Unit
from skm_desktop.ui.pengaturan import PengaturanPage
from tests.helpers.pages import first_unit_page


@pytest.fixture
def page(qtbot, db):
    create_demo(db, n=40)
    return first_unit_page(qtbot, db, PengaturanPage)


def answer_next_box(button_text: str):
    """Press a button of the confirmation box that is about to open."""

    def press():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        for b in box.buttons():
            if b.text() == button_text:
                b.click()
                return
        raise AssertionError([b.text() for b in box.buttons()])

    QTimer.singleShot(0, press)


def show_tab(page, tab):
    page.tabs.setCurrentWidget(tab)


def test_profile_saved_and_bad_nip_refused(qtbot, page, db, tmp_path):
    t = page.profil
    show_tab(page, t)
    changed = []
    page.ctx.setupChanged.connect(lambda: changed.append(1))
    t.pejabat_nip.setFocus()
    qtbot.keyClick(t.pejabat_nip, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(t.pejabat_nip, "12345")
    qtbot.keyClick(t.pejabat_nip, Qt.Key.Key_Return)
    assert "NIP '12345' tidak sah" in t.message.text()
    with db.read_session() as s:
        assert s.get(Unit, page.ctx.unit_id).pejabat_nip == "19700512 199803 1 004"
    assert not changed
    qtbot.keyClick(t.pejabat_nip, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(t.pejabat_nip, "19750101 200003 1 002")
    t.pejabat_nama.setFocus()
    qtbot.keyClick(t.pejabat_nama, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(t.pejabat_nama, "Budi Santoso, S.IP.")
    img = QImage(120, 60, QImage.Format.Format_RGB32)
    img.fill(QColor("red"))
    img.save(str(tmp_path / "logo.png"))
    assert t.logo.load_file(str(tmp_path / "logo.png"))
    assert not t.logo.load_file(str(tmp_path / "tidak-ada.png"))
    assert "bukan gambar" in t.logo.message.text()
    qtbot.keyClick(t.pejabat_nama, Qt.Key.Key_Return)
    assert t.message.text() == "Profil unit tersimpan."
    assert changed
    p = setup.get_profile(db, page.ctx.unit_id)
    assert (p.pejabat_nama, p.pejabat_nip) == ("Budi Santoso, S.IP.", "19750101 200003 1 002")
    assert QImage.fromData(p.logo).size().width() == 120
    qtbot.mouseClick(t.logo.clear_button, Qt.MouseButton.LeftButton)
    t.save_button.click()
    assert setup.get_profile(db, page.ctx.unit_id).logo is None


def test_layanan_add_rename_refusals(qtbot, page, db):
    t = page.layanan
    show_tab(page, t)
    uid = page.ctx.unit_id
    t.new_name.setFocus()
    qtbot.keyClicks(t.new_name, "Surat Keterangan Usaha")
    qtbot.keyClick(t.new_name, Qt.Key.Key_Return)
    assert t.new_name.text() == ""
    assert [i.nama for i in setup.layanan_rows(db, uid)][-1] == "Surat Keterangan Usaha"
    qtbot.keyClicks(t.new_name, "legalisasi  dokumen")
    qtbot.keyClick(t.new_name, Qt.Key.Key_Return)
    assert "Jenis layanan 'legalisasi dokumen' sudah ada" in t.message.text()
    assert len(setup.layanan_rows(db, uid)) == 6
    # delete a used layanan: refused, the reason and the count shown
    t.table.setFocus()
    t.table.selectRow(0)
    used = setup.layanan_rows(db, uid)[0]
    assert used.responden > 0
    t.delete_button.click()
    assert f"dipakai oleh {used.responden} responden" in t.message.text()
    assert "nonaktifkan saja" in t.message.text()
    # deactivate it instead
    t.toggle_button.click()
    assert not setup.layanan_rows(db, uid)[0].aktif
    assert t.table.item(0, 1).text() == "nonaktif" and t.toggle_button.text() == "Aktifkan"
    # rename by keyboard
    t.rename_edit.setFocus()
    qtbot.keyClick(t.rename_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(t.rename_edit, "Surat Keterangan Domisili Warga")
    qtbot.keyClick(t.rename_edit, Qt.Key.Key_Return)
    assert setup.layanan_rows(db, uid)[0].nama == "Surat Keterangan Domisili Warga"
    # delete the unused one, after confirming
    t.table.selectRow(5)
    answer_next_box("Hapus")
    t.delete_button.click()
    assert [i.nama for i in setup.layanan_rows(db, uid)][-1] == "Legalisasi Dokumen"


def test_periods_create_close_reopen(qtbot, page, db):
    t = page.periode
    show_tab(page, t)
    uid, pid = page.ctx.unit_id, page.ctx.periode_id
    t.new_nama.setFocus()
    qtbot.keyClicks(t.new_nama, "Semester I 2025")
    qtbot.keyClick(t.new_nama, Qt.Key.Key_Return)
    rows = setup.periode_rows(db, uid)
    new = [r for r in rows if r.info.nama == "Semester I 2025"][0]
    assert new.responden == 0 and not new.frozen
    # copied from the selected (current) period: unsur set and populations
    with db.read_session() as s:
        assert survey.unsur_set(s, new.info.id).codes == survey.unsur_set(s, pid).codes
        assert len(s.scalars(select(TargetSampel).where(TargetSampel.periode_id == new.info.id)).all()) == 5
    assert t.selected().info.id == new.info.id
    # a duplicate name is refused
    qtbot.keyClicks(t.new_nama, "semester ii 2024")
    qtbot.keyClick(t.new_nama, Qt.Key.Key_Return)
    assert "Periode 'semester ii 2024' sudah ada" in t.message.text()
    # rename + dates of the selected one
    t.nama.setFocus()
    qtbot.keyClick(t.nama, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(t.nama, "Semester I Tahun 2025")
    t.mulai.setDate(dt.date(2025, 1, 1))
    t.selesai.setDate(dt.date(2025, 6, 30))
    t.n_prioritas.setValue(4)
    qtbot.keyClick(t.nama, Qt.Key.Key_Return)
    with db.read_session() as s:
        p = s.get(Periode, new.info.id)
        assert (p.nama, p.tanggal_mulai, p.tanggal_selesai, p.n_prioritas) == (
            "Semester I Tahun 2025",
            dt.date(2025, 1, 1),
            dt.date(2025, 6, 30),
            4,
        )
    t.selesai.setDate(dt.date(2024, 12, 1))
    t.save_button.click()
    assert "tidak boleh sebelum tanggal mulai" in t.message.text()
    # use it (the refused edit is asked about first and thrown away), then close the old
    # period: entry is refused there, reopen allows it again
    answer_next_box("Buang")
    t.use_button.click()
    assert page.ctx.periode_id == new.info.id
    for r in range(t.table.rowCount()):
        if t.table.item(r, 0).text() == "Semester II 2024":
            t.table.selectRow(r)
    answer_next_box("Tutup periode")
    t.close_button.click()
    assert t.table.item(t.table.currentRow(), 2).text() == "ditutup"
    with pytest.raises(ServiceError, match="sudah ditutup"):
        survey.save_respondent(db, pid, RespondentRecord(999, (4,) * 9))
    assert t.close_button.text() == "Buka kembali"
    t.close_button.click()
    survey.save_respondent(db, pid, RespondentRecord(999, (4,) * 9))
    # a period with questionnaires cannot be deleted
    assert not t.delete_button.isEnabled()


def test_target_from_population(qtbot, page, db):
    t = page.target
    show_tab(page, t)
    pid = page.ctx.periode_id
    spin = t._spin(0)
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, "550")
    combo = t._combo(0)
    combo.setCurrentIndex(combo.findData("krejcie-morgan"))
    assert t.table.item(0, 3).text() == f"{sample.krejcie_morgan(550)} (belum disimpan)"
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == "slovin-5"
    t.save_button.click()
    assert t.message.text() == "Populasi dan target sampel tersimpan."
    rows = setup.target_rows(db, pid)
    assert (rows[0].populasi, rows[0].metode, rows[0].target) == (550, "slovin-5", sample.slovin(550, "0.05"))
    assert t.table.item(0, 3).text() == str(sample.slovin(550, "0.05"))
    bar = t.table.cellWidget(0, 5)
    assert bar.format() == f"{rows[0].collected} dari {rows[0].target}"
    # population 0 removes the target of that layanan
    t._spin(1).setValue(0)
    t.save_button.click()
    rows = setup.target_rows(db, pid)
    assert rows[1].target is None and t.table.cellWidget(1, 5).format().endswith("(tanpa target)")
    total = [p for p in setup.progress(db, pid) if p.label == "Total unit"][0]
    assert t.total.format().startswith(f"{total.collected} dari {total.target}")


def test_frozen_unsur_set_explained_texts_still_editable(qtbot, page, db):
    t = page.unsur
    show_tab(page, t)
    ed = t.editor
    assert ed.frozen() and ed.frozen_note.isVisible()
    assert "terkunci karena sudah ada 40 kuesioner" in ed.frozen_note.text()
    assert not ed.add_button.isEnabled() and not ed.remove_button.isEnabled()
    ed.table.setFocus()
    ed.table.setCurrentCell(8, 1)
    qtbot.keyClick(ed.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Sarana, prasarana, dan kebersihan")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    ed.mode.setCurrentIndex(1)  # eksak: allowed on a frozen set
    t.save_button.click()
    assert t.message.text() == "Set unsur tersimpan."
    us, frozen, _ = setup.get_unsur_set(db, page.ctx.periode_id)
    assert us.unsur[8].nama == "Sarana, prasarana, dan kebersihan" and us.mode.value == "eksak"
    # the engine refuses a structural change; the message explains why
    with pytest.raises(ServiceError, match="sudah terkunci karena sudah ada 40 kuesioner"):
        setup.save_unsur_set(db, page.ctx.periode_id, us.with_unsur(tuple(reversed(us.unsur))))


def test_unfrozen_unsur_set_can_grow(qtbot, page, db):
    pid = setup.create_periode(db, page.ctx.unit_id, "Tahun 2025", None, None)
    page.ctx.set_periode(pid)
    t = page.unsur
    show_tab(page, t)
    ed = t.editor
    assert not ed.frozen() and not ed.frozen_note.isVisible() and ed.add_button.isEnabled()
    ed.add_button.click()
    qtbot.keyClicks(QApplication.focusWidget(), "Informasi pelayanan")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    ed.table.setCurrentCell(0, 1)
    ed.down_button.click()  # U1 becomes U2
    t.save_button.click()
    us, _, _ = setup.get_unsur_set(db, pid)
    assert len(us) == 10 and us.unsur[9].nama == "Informasi pelayanan"
    assert (us.unsur[0].nama, us.unsur[1].nama) == ("Sistem, mekanisme, dan prosedur", "Persyaratan")
    assert us.codes[:2] == ("U1", "U2")
    # an empty answer text is refused, naming the unsur
    ed.table.item(3, 4).setText("")
    t.save_button.click()
    assert t.message.text() == "Unsur U4: jawaban 2 belum diisi."
    # back to the 9 standard unsur in one click
    ed.standard_button.click()
    t.save_button.click()
    from skm_desktop.services.forms import standard_unsur_set

    assert setup.get_unsur_set(db, pid)[0] == standard_unsur_set()


def test_choice_lists_codes_and_refusals(qtbot, page, db):
    t = page.pilihan
    show_tab(page, t)
    uid = page.ctx.unit_id
    ed = t.editors["jenis_kelamin"]
    ed.table.setFocus()
    ed.table.setCurrentCell(0, 1)
    qtbot.keyClick(ed.table, Qt.Key.Key_F2)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), "l")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    ed.table.item(1, 1).setText("L")
    t.save_buttons["jenis_kelamin"].click()
    assert "kode 'L' dipakai oleh 'Laki-laki' dan 'Perempuan'" in t.message.text()
    ed.table.item(1, 1).setText("P")
    t.save_buttons["jenis_kelamin"].click()
    assert t.message.text() == "Daftar jenis kelamin tersimpan."
    assert setup.get_choices(db, uid)["jenis_kelamin"] == [
        setup.ChoiceItem("Laki-laki", "L"),
        setup.ChoiceItem("Perempuan", "P"),
    ]
    # removing a label in use is refused
    pend = t.editors["pendidikan"]
    pend.table.setCurrentCell(2, 0)  # SMA
    pend.remove_button.click()
    t.save_buttons["pendidikan"].click()
    assert "Pendidikan 'SMA' dipakai oleh" in t.message.text()
    assert "SMA" in [c.label for c in setup.get_choices(db, uid)["pendidikan"]]
    # adding one is fine
    t.reload()
    pend.add_button.click()
    qtbot.keyClicks(QApplication.focusWidget(), "Pesantren")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    t.save_buttons["pendidikan"].click()
    assert setup.get_choices(db, uid)["pendidikan"][-1].label == "Pesantren"


def test_new_questionnaires_refresh_counts_but_keep_typing(qtbot, page, db):
    t = page.target
    show_tab(page, t)
    pid = page.ctx.periode_id
    before = t.table.item(0, 4).text()
    with db.read_session() as s:
        n = survey.next_no(s, pid)
    survey.save_respondent(db, pid, RespondentRecord(n, (4,) * 9, layanan=t._rows[0].layanan))
    page.ctx.dataChanged.emit()
    assert int(t.table.item(0, 4).text()) == int(before) + 1
    t._spin(0).setValue(1234)  # typed, not saved
    survey.save_respondent(db, pid, RespondentRecord(n + 1, (4,) * 9, layanan=t._rows[0].layanan))
    page.ctx.dataChanged.emit()
    assert t._spin(0).value() == 1234


def test_reads_nothing_until_shown(qtbot, db):
    create_demo(db, n=10)
    w = first_unit_page(qtbot, db, PengaturanPage, shown=False)
    uid = w.ctx.unit_id
    assert w.profil.nama.text() == "" and w.layanan.table.rowCount() == 0
    setup.update_profile(
        db, uid, setup.UnitProfile(**{**setup.get_profile(db, uid).__dict__, "nama": "Kelurahan Baru"})
    )
    w.ctx.setupChanged.emit()
    w.show()
    assert w.profil.nama.text() == "Kelurahan Baru"
    w.tabs.setCurrentWidget(w.layanan)
    assert w.layanan.table.rowCount() == 5


def test_unsur_texts_wrap_and_rows_fit(qtbot, page):
    """Long questions and answers are shown in full (wrapped), not cut off."""
    show_tab(page, page.unsur)
    t = page.unsur.editor.table
    assert t.wordWrap()
    qtbot.waitUntil(lambda: all(t.rowHeight(r) >= t.sizeHintForRow(r) for r in range(t.rowCount())))
    single = t.fontMetrics().height() + 8
    assert max(t.rowHeight(r) for r in range(t.rowCount())) > single  # a question wraps to 2+ lines


def test_new_period_suggests_the_next_one(qtbot, page, db):
    t = page.periode
    show_tab(page, t)
    assert t.table.horizontalHeaderItem(5).text()  # the 'dipakai sekarang' column has a header
    # demo periods: Semester I 2024 and Semester II 2024
    assert t.new_nama.placeholderText() == "misalnya Semester I 2025"
    assert (t.new_mulai.date().toPython(), t.new_selesai.date().toPython()) == (
        dt.date(2025, 1, 1),
        dt.date(2025, 6, 30),
    )
    t.new_nama.setFocus()
    qtbot.keyClicks(t.new_nama, "Semester I 2025")
    qtbot.keyClick(t.new_nama, Qt.Key.Key_Return)
    assert "dibuat" in t.message.text()
    assert t.new_nama.placeholderText() == "misalnya Semester II 2025"
    assert t.new_mulai.date().toPython() == dt.date(2025, 7, 1)


def test_layanan_count_column_says_all_periods(page):
    show_tab(page, page.layanan)
    assert page.layanan.table.horizontalHeaderItem(2).text() == "Kuesioner (semua periode)"
