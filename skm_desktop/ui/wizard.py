"""First-start wizard: unit profile and logo, signing official, jenis layanan,
the first period and its unsur set. Everything is stored in ONE transaction
when the operator presses "Selesai" (services.setup.create_unit_setup)."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QDateEdit, QFormLayout, QLabel, QLineEdit, QPlainTextEdit, QSpinBox,
                               QVBoxLayout, QWidget, QWizard, QWizardPage)

from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.formatting import rentang_tanggal
from skm_desktop.services import ServiceError, setup
from skm_desktop.services.setup import SetupService
from skm_desktop.services.forms import standard_unsur_set

from .gaya import peran
from .widgets import LogoPicker, StatusLabel, UnsurEditor

INDONESIA = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)


def to_date(q: QDate) -> dt.date:
    return dt.date(q.year(), q.month(), q.day())


def date_edit(value: dt.date) -> QDateEdit:
    w = QDateEdit(QDate(value.year, value.month, value.day))
    w.setLocale(INDONESIA)
    w.setDisplayFormat("dd/MM/yyyy")
    w.setCalendarPopup(True)
    w.calendarWidget().setLocale(INDONESIA)
    w.setMinimumWidth(130)
    return w


def _hint(text: str) -> QLabel:
    lab = QLabel(text)
    lab.setWordWrap(True)
    peran(lab, "catatan")
    return lab


class _Page(QWizardPage):
    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.message = StatusLabel()

    def fail(self, text: str) -> bool:
        self.message.error(text)
        return False


class ProfilPage(_Page):
    def __init__(self) -> None:
        super().__init__("Profil unit pelayanan",
                         "Data ini dicetak di kop laporan dan formulir. Semuanya dapat diubah nanti di Pengaturan.")
        self.nama = QLineEdit()
        self.nama.setPlaceholderText("misalnya Kelurahan Sukamaju")
        self.instansi = QLineEdit()
        self.instansi.setPlaceholderText("misalnya Pemerintah Kota Contoh")
        self.alamat = QLineEdit()
        self.kota = QLineEdit()
        self.telepon = QLineEdit()
        self.email = QLineEdit()
        self.logo = LogoPicker()
        form = QFormLayout()
        form.addRow("Nama unit *", self.nama)
        form.addRow("Instansi induk", self.instansi)
        form.addRow("Alamat", self.alamat)
        form.addRow("Kota/kabupaten", self.kota)
        form.addRow("Telepon", self.telepon)
        form.addRow("Email", self.email)
        form.addRow("Logo", self.logo)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(_hint("Kolom bertanda * wajib diisi."))
        lay.addWidget(self.message)
        lay.addStretch(1)

    def validatePage(self) -> bool:
        if not self.nama.text().strip():
            self.nama.setFocus()
            return self.fail("Nama unit pelayanan wajib diisi.")
        email = self.email.text().strip()
        if email and ("@" not in email or " " in email):
            self.email.setFocus()
            return self.fail(f"Alamat email '{email}' tidak sah.")
        self.message.clear_message()
        return True


class PejabatPage(_Page):
    def __init__(self) -> None:
        super().__init__("Pejabat penandatangan",
                         "Pejabat yang menandatangani laporan hasil SKM (kepala unit).")
        self.nama = QLineEdit()
        self.nama.setPlaceholderText("misalnya Drs. Ahmad Fauzi, M.Si.")
        self.jabatan = QLineEdit()
        self.jabatan.setPlaceholderText("misalnya Lurah Sukamaju")
        self.nip = QLineEdit()
        self.nip.setPlaceholderText("18 angka, misalnya 19700512 199803 1 004")
        form = QFormLayout()
        form.addRow("Nama lengkap dan gelar", self.nama)
        form.addRow("Jabatan", self.jabatan)
        form.addRow("NIP", self.nip)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(_hint("Boleh dikosongkan dan dilengkapi nanti sebelum mencetak laporan."))
        lay.addWidget(self.message)
        lay.addStretch(1)

    def validatePage(self) -> bool:
        try:
            setup.check_nip(self.nip.text())
        except ServiceError as e:
            self.nip.setFocus()
            self.nip.selectAll()
            return self.fail(str(e))
        self.message.clear_message()
        return True


class LayananPage(_Page):
    def __init__(self) -> None:
        super().__init__("Jenis layanan",
                         "Tulis satu jenis layanan per baris, sesuai yang tertulis di kuesioner.")
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        # the grey example must not look like a filled-in list
        self.text.setPlaceholderText("Contoh:\nSurat Keterangan Domisili\nPengantar KTP-el dan KK\n"
                                     "Legalisasi Dokumen")
        lay = QVBoxLayout(self)
        lay.addWidget(self.text, 1)
        lay.addWidget(_hint("Tekan Tab lalu Enter untuk lanjut. Jenis layanan dapat ditambah, diganti namanya, "
                            "atau dinonaktifkan nanti di Pengaturan."))
        lay.addWidget(self.message)

    def names(self) -> list[str]:
        return self.text.toPlainText().splitlines()

    def validatePage(self) -> bool:
        try:
            setup.check_layanan_names(self.names())
        except ServiceError as e:
            self.text.setFocus()
            if not self.text.toPlainText().strip():
                return self.fail(f"{e} Tulisan abu-abu di kotak hanya contoh dan tidak ikut tersimpan.")
            return self.fail(str(e))
        self.message.clear_message()
        return True


class PeriodePage(_Page):
    def __init__(self, today: dt.date) -> None:
        super().__init__("Periode survei pertama",
                         "Misalnya satu tahun, satu semester, atau satu triwulan.")
        self.nama = QLineEdit(f"Tahun {today.year}")
        self.mulai = date_edit(dt.date(today.year, 1, 1))
        self.selesai = date_edit(dt.date(today.year, 12, 31))
        self.n_prioritas = QSpinBox()
        self.n_prioritas.setRange(1, 9)
        self.n_prioritas.setValue(3)
        form = QFormLayout()
        form.addRow("Nama periode *", self.nama)
        form.addRow("Tanggal mulai", self.mulai)
        form.addRow("Tanggal selesai", self.selesai)
        form.addRow("Jumlah unsur prioritas", self.n_prioritas)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(_hint("Tanggal diketik sebagai hari/bulan/tahun. Jumlah unsur prioritas = banyaknya unsur "
                            "dengan nilai terendah yang dijadikan prioritas perbaikan (biasanya 3)."))
        lay.addWidget(self.message)
        lay.addStretch(1)

    def validatePage(self) -> bool:
        if not self.nama.text().strip():
            self.nama.setFocus()
            return self.fail("Nama periode wajib diisi.")
        if to_date(self.selesai.date()) < to_date(self.mulai.date()):
            self.selesai.setFocus()
            self.selesai.setSelectedSection(QDateEdit.Section.DaySection)  # retype at once
            return self.fail("Tanggal selesai periode tidak boleh sebelum tanggal mulai.")
        self.message.clear_message()
        return True


class UnsurPage(_Page):
    def __init__(self) -> None:
        super().__init__("Unsur pelayanan",
                         "9 unsur standar PermenPAN-RB 14/2017 sudah terisi. Ubah nama, pertanyaan, teks jawaban "
                         "atau urutannya bila kuesioner unit berbeda; tambahkan unsur bila perlu.")
        self.editor = UnsurEditor()
        self.editor.set_unsur_set(standard_unsur_set())
        self.editor.changed.connect(self.message.clear_message)
        lay = QVBoxLayout(self)
        lay.addWidget(self.editor, 1)
        lay.addWidget(self.message)

    def validatePage(self) -> bool:
        try:
            self.editor.unsur_set()
        except DomainError as e:
            return self.fail(str(e))
        self.message.clear_message()
        return True


class RingkasanPage(_Page):
    def __init__(self) -> None:
        super().__init__("Ringkasan", "Periksa sekali lagi, lalu tekan Selesai untuk menyimpan.")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary, 1)
        lay.addWidget(self.message)

    def initializePage(self) -> None:
        w: SetupWizard = self.wizard()  # type: ignore[assignment]
        self.summary.setText(w.summary_html())

    def validatePage(self) -> bool:
        w: SetupWizard = self.wizard()  # type: ignore[assignment]
        try:
            w.save()
        except (ServiceError, DomainError) as e:
            return self.fail(f"Belum tersimpan: {e}")
        return True


class SetupWizard(QWizard):
    """Penyiapan awal. After ``accept()``: ``unit_id`` and ``periode_id`` are set."""

    def __init__(self, db, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        """``db``: the open database; the wizard stores through a :class:`SetupService` bound to it."""
        super().__init__(parent)
        self.setup = SetupService(db)
        self.unit_id: int | None = None
        self.periode_id: int | None = None
        self.setWindowTitle("Penyiapan Awal SKM Desktop")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.BackButton, "< &Kembali")
        self.setButtonText(QWizard.WizardButton.NextButton, "&Lanjut >")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Batal")
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Selesai")
        self.setButtonText(QWizard.WizardButton.CommitButton, "&Simpan")
        self.setButtonText(QWizard.WizardButton.HelpButton, "Bantuan")
        # Tab from the last field goes to "Lanjut >", never to "< Kembali" (Enter
        # there would silently go back); Alt+K still goes back.
        self.button(QWizard.WizardButton.BackButton).setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.profil = ProfilPage()
        self.pejabat = PejabatPage()
        self.layanan = LayananPage()
        self.periode = PeriodePage(today or dt.date.today())
        self.unsur = UnsurPage()
        self.ringkasan = RingkasanPage()
        for p in (self.profil, self.pejabat, self.layanan, self.periode, self.unsur, self.ringkasan):
            self.addPage(p)
        self.setMinimumSize(760, 540)
        screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
        avail = screen.availableGeometry() if screen is not None else None
        if avail is not None:  # as large as comfortable: 1366x768 gets ~1200x700
            self.resize(min(1200, avail.width() - 60), min(720, avail.height() - 50))
        else:
            self.resize(1000, 640)

    def plan(self) -> setup.SetupPlan:
        pr, pj, pe = self.profil, self.pejabat, self.periode
        return setup.SetupPlan(
            profile=setup.UnitProfile(
                nama=pr.nama.text(), alamat=pr.alamat.text(), kota=pr.kota.text(), telepon=pr.telepon.text(),
                email=pr.email.text(), instansi_induk=pr.instansi.text(), logo=pr.logo.logo(),
                pejabat_nama=pj.nama.text(), pejabat_jabatan=pj.jabatan.text(), pejabat_nip=pj.nip.text()),
            layanan=self.layanan.names(),
            periode_nama=pe.nama.text(),
            tanggal_mulai=to_date(pe.mulai.date()),
            tanggal_selesai=to_date(pe.selesai.date()),
            unsur_set=self.unsur.editor.unsur_set(),
            n_prioritas=pe.n_prioritas.value(),
            choices=setup.default_choices(),
        )

    def summary_html(self) -> str:
        from html import escape
        try:
            plan = self.plan()
        except DomainError as e:
            return f"<p>Belum lengkap: {escape(str(e))}</p>"
        p = plan.profile
        lay = [x for x in (" ".join(n.split()) for n in plan.layanan) if x]
        unsur = ", ".join(f"{u.kode} {u.nama}" for u in plan.unsur_set.unsur)
        rows = [
            ("Unit", p.nama + (f" — {p.instansi_induk}" if p.instansi_induk.strip() else "")),
            ("Alamat", ", ".join(x for x in (p.alamat.strip(), p.kota.strip()) if x) or "–"),
            ("Logo", "ada" if p.logo else "belum ada"),
            ("Penandatangan", ", ".join(x for x in (p.pejabat_nama.strip(), p.pejabat_jabatan.strip()) if x) or "–"),
            ("NIP", p.pejabat_nip.strip() or "–"),
            (f"Jenis layanan ({len(lay)})", "; ".join(lay)),
            ("Periode", f"{plan.periode_nama.strip()} ({rentang_tanggal(plan.tanggal_mulai, plan.tanggal_selesai)})"),
            (f"Unsur ({len(plan.unsur_set)})", unsur),
            ("Bobot", plan.unsur_set.mode.label),
            ("Unsur prioritas", f"{plan.n_prioritas} terendah"),
        ]
        for jenis, items in plan.choices.items():
            codes = ", ".join(f"{c.kode} = {c.label}" for c in items if c.kode)
            rows.append((f"Kode {setup.CHOICE_LABELS[jenis].lower()}", codes or "–"))
        body = "".join(f"<tr><td style='padding:3px 12px 3px 0'><b>{escape(k)}</b></td>"
                       f"<td style='padding:3px 0'>{escape(v)}</td></tr>" for k, v in rows)
        return f"<table>{body}</table>"

    def save(self) -> None:
        self.unit_id, self.periode_id = self.setup.create_unit_setup(self.plan())

