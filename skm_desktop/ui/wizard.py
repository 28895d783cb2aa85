"""First-start wizard: unit profile and logo, signing official, jenis layanan,
the first period, its population and sample targets, and its unsur set. Everything is stored in ONE transaction
when the operator presses "Selesai" (services.setup.create_unit_setup)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QWidget,
    QWizard,
    QWizardPage,
)

from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.formatting import angka, rentang_tanggal
from skm_desktop.domain.sample import METODE_SAMPEL
from skm_desktop.services import ServiceError, setup
from skm_desktop.services.forms import standard_unsur_set
from skm_desktop.services.setup import SetupService
from skm_desktop.ui.parts import column, tuned

from .gaya import peran
from .unit_form import UnitForm
from .widgets import StatusLabel, UnsurEditor

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


def period_form(form: QFormLayout, name_label: str, nama, mulai, selesai) -> QFormLayout:
    """A period's name and dates on ``form`` (the wizard, Pengaturan > Periode)."""
    form.addRow(name_label, nama)
    form.addRow("Tanggal mulai", mulai)
    form.addRow("Tanggal selesai", selesai)
    return form


class _Page(QWizardPage):
    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.message = StatusLabel()

    def fail(self, text: str) -> bool:
        self.message.error(text)
        return False

    def problem(self) -> str | None:
        """What keeps the operator on this page (the page puts the cursor on the field at
        fault), or None; a refusal raised by the services is shown as it is."""
        self.check()
        return None

    def check(self) -> None:
        """The services' checks of what the page holds, for a page that needs no other:
        their refusal keeps the operator on the page."""

    def validatePage(self) -> bool:
        try:
            problem = self.problem()
        except DomainError as e:  # ServiceError is a DomainError
            problem = str(e)
        if problem:
            return self.fail(problem)
        self.message.clear_message()
        return True


class ProfilPage(_Page):
    def __init__(self) -> None:
        super().__init__(
            "Profil unit pelayanan",
            "Data ini dicetak di kop laporan dan formulir. Semuanya dapat diubah nanti di Pengaturan.",
        )
        form = self.unit = UnitForm()
        self.nama, self.email, self.logo = form.nama, form.email, form.logo
        column(self, form, _hint("Kolom bertanda * wajib diisi."), self.message, None)

    def problem(self) -> str | None:
        email = self.email.text().strip()
        if not self.nama.text().strip():
            self.nama.setFocus()
            return "Nama unit pelayanan wajib diisi."
        if email and ("@" not in email or " " in email):
            self.email.setFocus()
            return f"Alamat email '{email}' tidak sah."
        return None


class PejabatPage(_Page):
    def __init__(self) -> None:
        super().__init__("Pejabat penandatangan", "Pejabat yang menandatangani laporan hasil SKM (kepala unit).")
        self.nama = tuned(QLineEdit(), "pejabatNama", placeholder="misalnya Drs. Ahmad Fauzi, M.Si.")
        self.jabatan = tuned(QLineEdit(), "pejabatJabatan", placeholder="misalnya Lurah Sukamaju")
        self.nip = tuned(QLineEdit(), "pejabatNip", placeholder="18 angka, misalnya 19700512 199803 1 004")
        form = QFormLayout()
        form.addRow("Nama lengkap dan gelar", self.nama)
        form.addRow("Jabatan", self.jabatan)
        form.addRow("NIP", self.nip)
        hint = _hint("Boleh dikosongkan dan dilengkapi nanti sebelum mencetak laporan.")
        column(self, form, hint, self.message, None)

    def check(self) -> None:
        self.nip.setFocus()  # where the only check looks; the wizard moves on when it passes
        self.nip.selectAll()
        setup.check_nip(self.nip.text())


class LayananPage(_Page):
    def __init__(self) -> None:
        super().__init__("Jenis layanan", "Tulis satu jenis layanan per baris, sesuai yang tertulis di kuesioner.")
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        # the grey example must not look like a filled-in list
        self.text.setPlaceholderText("Contoh:\nSurat Keterangan Domisili\nPengantar KTP-el dan KK\nLegalisasi Dokumen")
        hint = _hint(
            "Tekan Tab lalu Enter untuk lanjut. Jenis layanan dapat ditambah, diganti namanya, "
            "atau dinonaktifkan nanti di Pengaturan."
        )
        column(self, self.text, hint, self.message, grow=self.text)

    def names(self) -> list[str]:
        return self.text.toPlainText().splitlines()

    def problem(self) -> str | None:
        self.text.setFocus()
        try:
            setup.check_layanan_names(self.names())
        except ServiceError as e:
            example = (
                ""
                if self.text.toPlainText().strip()
                else " Tulisan abu-abu di kotak hanya contoh dan tidak ikut tersimpan."
            )
            return f"{e}{example}"
        return None


class PeriodePage(_Page):
    def __init__(self, today: dt.date) -> None:
        super().__init__("Periode survei pertama", "Misalnya satu tahun, satu semester, atau satu triwulan.")
        self.nama = QLineEdit(f"Tahun {today.year}")
        self.mulai = date_edit(dt.date(today.year, 1, 1))
        self.selesai = date_edit(dt.date(today.year, 12, 31))
        self.n_prioritas = QSpinBox()
        self.n_prioritas.setRange(1, 9)
        self.n_prioritas.setValue(3)
        form = period_form(QFormLayout(), "Nama periode *", self.nama, self.mulai, self.selesai)
        form.addRow("Jumlah unsur prioritas", self.n_prioritas)
        hint = _hint(
            "Tanggal diketik sebagai hari/bulan/tahun. Jumlah unsur prioritas = banyaknya unsur "
            "dengan nilai terendah yang dijadikan prioritas perbaikan (biasanya 3)."
        )
        column(self, form, hint, self.message, None)

    def problem(self) -> str | None:
        if not self.nama.text().strip():
            self.nama.setFocus()
            return "Nama periode wajib diisi."
        if to_date(self.selesai.date()) < to_date(self.mulai.date()):
            self.selesai.setFocus()
            self.selesai.setSelectedSection(QDateEdit.Section.DaySection)  # retype at once
            return "Tanggal selesai periode tidak boleh sebelum tanggal mulai."
        return None


class PopulasiPage(_Page):
    """Population per jenis layanan and the method; the target is shown as it is typed."""

    def __init__(self) -> None:
        super().__init__(
            "Populasi dan target sampel",
            "Populasi = jumlah penerima layanan selama periode ini (misalnya dari buku register "
            "atau laporan tahun lalu). Dari populasi dihitung jumlah responden minimum.",
        )
        self.metode = tuned(QComboBox(), "metodeSampel", min_width=220)
        for key, label in METODE_SAMPEL.items():
            self.metode.addItem(label, key)
        self.metode.currentIndexChanged.connect(self._update_targets)
        top = QFormLayout()
        top.addRow("Metode penentuan sampel", self.metode)
        self.rows_widget = QWidget()
        self.rows = QFormLayout(self.rows_widget)
        self.rows.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.rows_widget)
        self.total = tuned(QLabel(), "targetTotal")
        self.spins: dict[str, QSpinBox] = {}
        self.targets: dict[str, QLabel] = {}
        hint = _hint(
            "Krejcie & Morgan mengikuti tabel PermenPAN-RB 14/2017; Slovin memakai tingkat "
            "kesalahan 5% atau 10%. Isi 0 bila belum diketahui (layanan itu belum diberi "
            "target). Semuanya dapat diubah nanti di Pengaturan > Target Sampel."
        )
        column(self, top, scroll, self.total, hint, self.message, grow=scroll)

    def initializePage(self) -> None:
        """One row per jenis layanan of the previous page; numbers already typed are kept."""
        w: SetupWizard = self.wizard()  # type: ignore[assignment]
        names = [x for x in (" ".join(n.split()) for n in w.layanan.names()) if x]
        old = {n: sp.value() for n, sp in self.spins.items()}
        while self.rows.rowCount():
            self.rows.removeRow(0)
        self.spins, self.targets = {}, {}
        for name in names:
            spin = QSpinBox()
            spin.setRange(0, setup.MAX_POPULASI)
            spin.setLocale(INDONESIA)
            spin.setGroupSeparatorShown(True)
            spin.setMinimumWidth(140)
            spin.setValue(old.get(name, 0))
            spin.setAccessibleName(f"Populasi {name}")
            spin.valueChanged.connect(self._update_targets)
            target = QLabel()
            target.setMinimumWidth(260)
            cell = QHBoxLayout()
            cell.addWidget(spin)
            cell.addSpacing(12)
            cell.addWidget(target)
            cell.addStretch(1)
            label = QLabel(name)
            label.setWordWrap(True)
            label.setMaximumWidth(420)
            label.setBuddy(spin)
            self.rows.addRow(label, cell)
            self.spins[name] = spin
            self.targets[name] = target
        self._update_targets()
        spins = list(self.spins.values())
        for a, b in zip(spins, spins[1:] + [self.metode]):
            QWidget.setTabOrder(a, b)  # Tab goes down the populations, then to the method
        if spins:  # after the wizard has focused the page's first widget (dropped if the page is gone)
            first = spins[0]
            QTimer.singleShot(0, first, lambda: (first.setFocus(), first.selectAll()))

    def method(self) -> str:
        return self.metode.currentData()

    def populations(self) -> dict[str, int]:
        return {n: sp.value() for n, sp in self.spins.items()}

    def _update_targets(self) -> None:
        total = 0
        for name, spin in self.spins.items():
            n = spin.value()
            if n == 0:
                self.targets[name].setText("belum ada target")
                continue
            try:
                t = setup.compute_target(n, self.method())
            except ServiceError as e:
                self.targets[name].setText(str(e))
                continue
            total += t
            self.targets[name].setText(f"target sampel: <b>{angka(t)}</b> responden")
        self.total.setText(
            f"Total target unit: <b>{angka(total)}</b> responden"
            if total
            else "Belum ada target sampel (semua populasi 0)."
        )

    def check(self) -> None:
        w: SetupWizard = self.wizard()  # type: ignore[assignment]
        setup.check_populations(setup.check_layanan_names(w.layanan.names()), self.populations(), self.method())


class UnsurPage(_Page):
    def __init__(self) -> None:
        super().__init__(
            "Unsur pelayanan",
            "9 unsur standar PermenPAN-RB 14/2017 sudah terisi. Ubah nama, pertanyaan, teks jawaban "
            "atau urutannya bila kuesioner unit berbeda; tambahkan unsur bila perlu.",
        )
        self.editor = UnsurEditor()
        self.editor.set_unsur_set(standard_unsur_set())
        self.editor.changed.connect(self.message.clear_message)
        column(self, self.editor, self.message, grow=self.editor)

    def check(self) -> None:
        self.editor.unsur_set()  # refuses an incomplete set


class RingkasanPage(_Page):
    def __init__(self) -> None:
        super().__init__("Ringkasan", "Periksa sekali lagi, lalu tekan Selesai untuk menyimpan.")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        column(self, self.summary, self.message, grow=self.summary)

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
        self.populasi = PopulasiPage()
        self.unsur = UnsurPage()
        self.ringkasan = RingkasanPage()
        for p in (self.profil, self.pejabat, self.layanan, self.periode, self.populasi, self.unsur, self.ringkasan):
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
                **pr.unit.values(),
                pejabat_nama=pj.nama.text(),
                pejabat_jabatan=pj.jabatan.text(),
                pejabat_nip=pj.nip.text(),
            ),
            layanan=self.layanan.names(),
            periode_nama=pe.nama.text(),
            tanggal_mulai=to_date(pe.mulai.date()),
            tanggal_selesai=to_date(pe.selesai.date()),
            unsur_set=self.unsur.editor.unsur_set(),
            n_prioritas=pe.n_prioritas.value(),
            choices=setup.default_choices(),
            populasi=self.populasi.populations(),
            metode_sampel=self.populasi.method(),
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
            ("Target sampel", self._target_summary(plan)),
        ]
        for jenis, items in plan.choices.items():
            codes = ", ".join(f"{c.kode} = {c.label}" for c in items if c.kode)
            rows.append((f"Kode {setup.CHOICE_LABELS[jenis].lower()}", codes or "–"))
        body = "".join(
            f"<tr><td style='padding:3px 12px 3px 0'><b>{escape(k)}</b></td>"
            f"<td style='padding:3px 0'>{escape(v)}</td></tr>"
            for k, v in rows
        )
        return f"<table>{body}</table>"

    @staticmethod
    def _target_summary(plan: setup.SetupPlan) -> str:
        try:
            names = setup.check_layanan_names(plan.layanan)
            targets = setup.check_populations(names, plan.populasi, plan.metode_sampel)
        except ServiceError as e:
            return f"belum lengkap: {e}"
        if not targets:
            return "belum ada (populasi belum diisi)"
        parts = [f"{n}: {angka(t)} dari populasi {angka(p)}" for n, (p, t) in targets.items()]
        total = sum(t for _p, t in targets.values())
        return f"{METODE_SAMPEL[plan.metode_sampel]} — " + "; ".join(parts) + f"; total {angka(total)}"

    def save(self) -> None:
        self.unit_id, self.periode_id = self.setup.create_unit_setup(self.plan())
