"""The first-start wizard driven by the keyboard as an operator would."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QPushButton, QWizard
from sqlalchemy import func, select

from skm_desktop.domain import sample
from skm_desktop.domain.unsur import BobotMode
from skm_desktop.services import survey
from skm_desktop.storage.models import Layanan, Opsi, Periode, TargetSampel, Unit
from skm_desktop.ui.wizard import SetupWizard

TODAY = dt.date(2025, 3, 10)


def focus():
    return QApplication.focusWidget()


def type_text(qtbot, text):
    qtbot.keyClicks(focus(), text)


def key(qtbot, k, mod=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(focus(), k, mod)


@pytest.fixture
def wizard(qtbot, db):
    w = SetupWizard(db, today=TODAY)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: focus() is not None)
    return w


def logo_file(tmp_path):
    img = QImage(800, 600, QImage.Format.Format_RGB32)
    img.fill(QColor("#2e7d32"))
    path = tmp_path / "logo.png"
    img.save(str(path))
    return path


def test_buttons_are_indonesian(wizard):
    texts = {
        wizard.buttonText(b).replace("&", "")
        for b in (
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.CancelButton,
            QWizard.WizardButton.FinishButton,
        )
    }
    assert texts == {"< Kembali", "Lanjut >", "Batal", "Selesai"}


def test_whole_setup_by_keyboard(qtbot, wizard, db, tmp_path):
    w = wizard
    # -- page 1: profile. Enter with an empty name is refused, in Indonesian.
    assert focus() is w.profil.nama
    key(qtbot, Qt.Key.Key_Return)
    assert w.currentPage() is w.profil
    assert "Nama unit pelayanan wajib diisi" in w.profil.message.text()
    type_text(qtbot, "Kelurahan Maju Jaya")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Pemerintah Kota Contoh")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Jl. Kenanga No. 5")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Kota Contoh")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "(021) 555-0199")
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is w.profil.email
    type_text(qtbot, "kel.majujaya@contoh.go.id")
    assert w.profil.logo.load_file(str(logo_file(tmp_path)))  # the file dialog is the OS's
    key(qtbot, Qt.Key.Key_Return)
    assert w.currentPage() is w.pejabat

    # -- page 2: signing official; a bad NIP is refused and named
    assert focus() is w.pejabat.nama
    type_text(qtbot, "Siti Rahma, S.Sos.")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "Lurah Maju Jaya")
    key(qtbot, Qt.Key.Key_Tab)
    type_text(qtbot, "1980 12")
    key(qtbot, Qt.Key.Key_Return)
    assert w.currentPage() is w.pejabat
    assert "NIP '1980 12' tidak sah" in w.pejabat.message.text()
    assert focus() is w.pejabat.nip and w.pejabat.nip.selectedText() == "1980 12"
    type_text(qtbot, "19801212 200501 2 003")
    key(qtbot, Qt.Key.Key_Return)
    assert w.currentPage() is w.layanan, (w.pejabat.nip.text(), w.pejabat.message.text())

    # -- page 3: layanan, one per line; a duplicate is refused
    assert focus() is w.layanan.text
    for i, name in enumerate(("Surat Keterangan Domisili", "Pengantar KTP-el", "surat keterangan domisili")):
        if i:
            key(qtbot, Qt.Key.Key_Return)
        type_text(qtbot, name)
    key(qtbot, Qt.Key.Key_Tab)  # leaves the text box (Tab never types a tab there)
    key(qtbot, Qt.Key.Key_Return)
    assert w.currentPage() is w.layanan
    assert "tertulis lebih dari sekali" in w.layanan.message.text()
    w.layanan.text.setFocus()
    key(qtbot, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    for _ in "surat keterangan domisili":
        key(qtbot, Qt.Key.Key_Backspace)
    type_text(qtbot, "Legalisasi Dokumen")
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Return)
    assert w.currentPage() is w.periode

    # -- page 4: period: name and dates typed; end before start is refused
    assert focus() is w.periode.nama
    assert w.periode.nama.text() == "Tahun 2025"
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "Semester I 2025")
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is w.periode.mulai
    type_text(qtbot, "01012025")
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is w.periode.selesai
    type_text(qtbot, "30112024")
    key(qtbot, Qt.Key.Key_Return)
    assert w.currentPage() is w.periode
    assert "tidak boleh sebelum tanggal mulai" in w.periode.message.text()
    assert focus() is w.periode.selesai  # put back there, day selected: just retype
    type_text(qtbot, "30062025")
    key(qtbot, Qt.Key.Key_Return)
    assert w.currentPage() is w.populasi, (w.periode.mulai.text(), w.periode.selesai.text(), w.periode.message.text())

    # -- page 5: population per layanan; the target follows as it is typed
    pop = w.populasi
    assert list(pop.spins) == ["Surat Keterangan Domisili", "Pengantar KTP-el", "Legalisasi Dokumen"]
    qtbot.waitUntil(lambda: focus() is pop.spins["Surat Keterangan Domisili"])
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "1250")
    assert f"<b>{sample.krejcie_morgan(1250)}</b>" in pop.targets["Surat Keterangan Domisili"].text()
    key(qtbot, Qt.Key.Key_Tab)
    assert focus() is pop.spins["Pengantar KTP-el"]
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "400")
    assert pop.targets["Legalisasi Dokumen"].text() == "belum ada target"  # 0: no target
    pop.metode.setFocus()
    key(qtbot, Qt.Key.Key_Down)  # Slovin 5%
    assert pop.method() == "slovin-5"
    slovin = {1250: sample.slovin(1250, Fraction(5, 100)), 400: sample.slovin(400, Fraction(5, 100))}
    assert f"<b>{slovin[1250]}</b>" in pop.targets["Surat Keterangan Domisili"].text()
    assert f"<b>{slovin[1250] + slovin[400]}</b>" in pop.total.text()
    # Kembali and Lanjut keep what was typed
    w.back()
    assert w.currentPage() is w.periode
    w.button(QWizard.WizardButton.NextButton).setFocus()
    key(qtbot, Qt.Key.Key_Space)
    assert w.currentPage() is pop and pop.populations()["Pengantar KTP-el"] == 400
    qtbot.waitUntil(lambda: focus() is pop.spins["Surat Keterangan Domisili"])
    key(qtbot, Qt.Key.Key_Return)
    assert w.currentPage() is w.unsur

    # -- page 5: unsur. Rename U1's answer 4 text, add an unsur, custom weights.
    ed = w.unsur.editor
    ed.table.setFocus()
    ed.table.setCurrentCell(0, 6)
    key(qtbot, Qt.Key.Key_F2)
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "Sangat sesuai sekali")
    key(qtbot, Qt.Key.Key_Return)
    ed.add_button.setFocus()
    key(qtbot, Qt.Key.Key_Space)  # "Tambah unsur": opens the new row's name for typing
    assert ed.table.rowCount() == 10
    type_text(qtbot, "Keamanan lingkungan")
    key(qtbot, Qt.Key.Key_Return)
    ed.mode.setFocus()
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Down)
    assert ed.current_mode() is BobotMode.KUSTOM
    # the standar weights 0,100 x 10 are taken over and sum to 1: make them uneven
    ed.table.setFocus()
    ed.table.setCurrentCell(0, 7)
    key(qtbot, Qt.Key.Key_F2)
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "0,15")
    key(qtbot, Qt.Key.Key_Return)
    w.unsur.editor.setFocus()
    w.button(QWizard.WizardButton.NextButton).setFocus()
    key(qtbot, Qt.Key.Key_Space)
    assert w.currentPage() is w.unsur
    assert "Jumlah bobot kustom harus 1" in w.unsur.message.text()
    assert "1,05" in w.unsur.message.text()
    ed.table.setFocus()
    ed.table.setCurrentCell(9, 7)
    key(qtbot, Qt.Key.Key_F2)
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, "0,05")
    key(qtbot, Qt.Key.Key_Return)
    w.button(QWizard.WizardButton.NextButton).setFocus()
    key(qtbot, Qt.Key.Key_Space)
    assert w.currentPage() is w.ringkasan
    summary = w.ringkasan.summary.text()
    assert "Kelurahan Maju Jaya" in summary and "1 Januari – 30 Juni 2025" in summary
    assert "U10 Keamanan lingkungan" in summary
    assert "L = Laki-laki, P = Perempuan" in summary
    assert f"Pengantar KTP-el: {slovin[400]} dari populasi 400" in summary

    # nothing stored before Selesai
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == 0
    finish = w.button(QWizard.WizardButton.FinishButton)
    assert isinstance(finish, QPushButton) and finish.isVisible()
    finish.setFocus()
    key(qtbot, Qt.Key.Key_Return)
    assert w.result() == QWizard.DialogCode.Accepted

    with db.read_session() as s:
        u = s.get(Unit, w.unit_id)
        assert (u.nama, u.instansi_induk, u.alamat, u.kota, u.telepon, u.email) == (
            "Kelurahan Maju Jaya",
            "Pemerintah Kota Contoh",
            "Jl. Kenanga No. 5",
            "Kota Contoh",
            "(021) 555-0199",
            "kel.majujaya@contoh.go.id",
        )
        assert (u.pejabat_nama, u.pejabat_jabatan, u.pejabat_nip) == (
            "Siti Rahma, S.Sos.",
            "Lurah Maju Jaya",
            "19801212 200501 2 003",
        )
        img = QImage.fromData(u.logo)
        assert not img.isNull() and max(img.width(), img.height()) == 400  # scaled down
        assert [l.nama for l in survey.layanan_list(s, u.id)] == [
            "Surat Keterangan Domisili",
            "Pengantar KTP-el",
            "Legalisasi Dokumen",
        ]
        p = s.get(Periode, w.periode_id)
        assert (p.nama, p.tanggal_mulai, p.tanggal_selesai, p.n_prioritas) == (
            "Semester I 2025",
            dt.date(2025, 1, 1),
            dt.date(2025, 6, 30),
            3,
        )
        us = survey.unsur_set(s, p.id)
        assert us.mode is BobotMode.KUSTOM
        assert us.codes == tuple(f"U{i}" for i in range(1, 11))
        assert us.unsur[0].labels[3] == "Sangat sesuai sekali"
        assert us.unsur[9].nama == "Keamanan lingkungan"
        assert us.weights[0] == Fraction(15, 100) and us.weights[9] == Fraction(5, 100)
        assert sum(us.weights) == 1
        jk = s.execute(
            select(Opsi.label, Opsi.kode)
            .where(Opsi.unit_id == u.id, Opsi.jenis == "jenis_kelamin")
            .order_by(Opsi.urutan)
        ).all()
        assert [tuple(r) for r in jk] == [("Laki-laki", "L"), ("Perempuan", "P")]
        targets = {
            l: (t.populasi, t.metode, t.target)
            for l, t in s.execute(
                select(Layanan.nama, TargetSampel)
                .join(TargetSampel, TargetSampel.layanan_id == Layanan.id)
                .where(TargetSampel.periode_id == p.id)
            ).all()
        }
        assert targets == {
            "Surat Keterangan Domisili": (1250, "slovin-5", slovin[1250]),
            "Pengantar KTP-el": (400, "slovin-5", slovin[400]),
        }


def test_refused_finish_stores_nothing(qtbot, wizard, db):
    """A unit name already in the file: Selesai explains and nothing half-done remains."""
    from skm_desktop.services import setup
    from skm_desktop.services.forms import standard_unsur_set

    setup.create_unit_setup(
        db,
        setup.SetupPlan(
            setup.UnitProfile(nama="Puskesmas Melati"), ["Poli Umum"], "Tahun 2025", None, None, standard_unsur_set()
        ),
    )
    w = wizard
    w.profil.nama.setText("puskesmas  melati")
    w.layanan.text.setPlainText("Poli Gigi\nApotek")
    for _ in range(6):  # profil, pejabat, layanan, periode, populasi, unsur
        w.next()
    assert w.currentPage() is w.ringkasan
    w.button(QWizard.WizardButton.FinishButton).click()
    assert w.isVisible() and w.unit_id is None
    assert "Belum tersimpan: Unit 'puskesmas melati' sudah ada" in w.ringkasan.message.text()
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == 1
        assert s.scalar(select(func.count()).select_from(Layanan)) == 1
        assert s.scalar(select(func.count()).select_from(Periode)) == 1


def test_cancel_stores_nothing(qtbot, wizard, db):
    wizard.profil.nama.setText("Kelurahan Batal")
    wizard.next()
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert wizard.result() == QWizard.DialogCode.Rejected
    with db.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == 0


def test_layanan_example_is_marked_as_example(wizard):
    page = wizard.layanan
    assert page.text.placeholderText().startswith("Contoh:")
    assert page.text.toPlainText() == ""
    assert not page.validatePage()
    assert "Isi minimal satu jenis layanan." in page.message.text()
    assert "hanya contoh" in page.message.text()
