"""From an empty file to results by keyboard: the first-start wizard sets the
unit up, questionnaires are keyed on the entry screen, and the Hasil page shows
exactly the figures of the same questionnaires imported by the command line."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWizard

from skm_desktop.domain.formatting import angka
from skm_desktop.services import demo, results, survey
from skm_desktop.ui.hasil import HasilPage
from skm_desktop.ui.wizard import SetupWizard
from tests.helpers.entry import cli_import_summary, show_entry_page, type_form

UNIT, PERIODE = "Kelurahan Uji Coba", "Tahun 2024"


def key(qtbot, k, mod=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), k, mod)


def type_text(qtbot, text):
    qtbot.keyClicks(QApplication.focusWidget(), text)


def run_wizard(qtbot, db):
    w = SetupWizard(db)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.profil.nama)
    type_text(qtbot, UNIT)
    key(qtbot, Qt.Key.Key_Return)
    key(qtbot, Qt.Key.Key_Return)  # signing official: filled in later
    assert w.currentPage() is w.layanan
    for i, (name, _) in enumerate(demo.LAYANAN):
        if i:
            key(qtbot, Qt.Key.Key_Return)
        type_text(qtbot, name)
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Return)
    assert w.currentPage() is w.periode
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, PERIODE)
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "01012024")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "31122024")
    key(qtbot, Qt.Key.Key_Return)
    assert w.currentPage() is w.populasi  # populations left at 0: no target yet
    key(qtbot, Qt.Key.Key_Return)
    assert w.currentPage() is w.unsur  # the 9 standard unsur as they are
    w.button(QWizard.WizardButton.NextButton).setFocus()
    key(qtbot, Qt.Key.Key_Space)
    assert w.currentPage() is w.ringkasan
    w.button(QWizard.WizardButton.FinishButton).setFocus()
    key(qtbot, Qt.Key.Key_Return)
    assert w.result() == QWizard.DialogCode.Accepted
    return w.unit_id, w.periode_id


def test_wizard_then_keying_then_hasil_equals_cli_import(qtbot, db, tmp_path, monkeypatch):
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: None))
    QSettings().remove("entry/batch")
    unit_id, periode_id = run_wizard(qtbot, db)

    page = show_entry_page(qtbot, db, unit_id, periode_id, "Tes")
    ctx = page.ctx
    recs = [r.with_(operator="Tes", batch="", sumber="kertas") for r in demo.generate_records(30, seed=11, year=2024)]
    recs[4] = recs[4].with_(answers=(None,) + recs[4].answers[1:])
    carried = (None, None)
    for rec in recs:
        carried = type_form(qtbot, page, rec, carried)
    with db.read_session() as s:
        assert len(survey.load_records(s, periode_id)) == 30
        keyed = results.summary_dict(s, periode_id)

    imported, sm = cli_import_summary(tmp_path, recs, UNIT, PERIODE)
    assert json.dumps(keyed, sort_keys=True) == json.dumps(imported, sort_keys=True)

    hasil = HasilPage(ctx)
    qtbot.addWidget(hasil)
    hasil.show()
    assert hasil.f_responden.value.text() == "30"
    assert hasil.f_ikm.value.text() == angka(sm.ikm, 3)
    assert hasil.f_konversi.value.text() == angka(sm.ikm_konversi_2dp, 2)
    assert hasil.f_mutu.value.text() == sm.mutu
    for i, r in enumerate(sm.unsur):
        assert hasil.unsur_table.item(i, 5).text() == angka(r.nrr, 3)
        assert hasil.unsur_table.item(i, 3).text() == angka(r.blank)
