"""The recap laporan's own words: the wilayah name on the title page and the texts of
BAB I, the jadwal and the kesimpulan of one year. Each text shows the wording generated
from the figures until the operator writes their own; "Kembalikan ke kalimat otomatis"
brings the generated wording back. Simpan stores all of it at once or nothing (the
service names every refusal); closing with changes not stored asks first."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from skm_desktop.domain.errors import DomainError
from skm_desktop.services.rekap_dokumen import RekapDokumenService, TeksRekap

from ..gaya import peran
from ..unsaved import UnsavedChanges, confirm_leave
from ..widgets import StatusLabel, make_label, show_error

#: texts printed as numbered items: one item per line
BUTIR = ("dasar_hukum", "kesimpulan")
OTOMATIS = "Kalimat otomatis dari program (mengikuti nama wilayah dan angka rekap terbaru)."
SENDIRI = "Kalimat yang ditulis sendiri."


class _TeksTab(QWidget):
    """One text: its editor, whether it is the generated wording, and the reset button."""

    def __init__(self, kunci: str, t: TeksRekap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kunci, self.otomatis = kunci, t.otomatis
        lay = QVBoxLayout(self)
        self.state = QLabel()
        peran(self.state, "catatan")
        self.state.setObjectName(f"teksStatus_{kunci}")
        lay.addWidget(self.state)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName(f"teksIsi_{kunci}")
        self.edit.setPlainText(t.isi)
        self.edit.textChanged.connect(self._update)
        lay.addWidget(self.edit, 1)
        row = QHBoxLayout()
        if kunci in BUTIR:
            row.addWidget(peran(make_label("Satu butir per baris; laporan memberi nomor urut."), "catatan"))
        row.addStretch(1)
        self.reset = QPushButton("Kembalikan ke kalimat otomatis")
        self.reset.setObjectName(f"teksReset_{kunci}")
        self.reset.clicked.connect(lambda: self.edit.setPlainText(self.otomatis))
        row.addWidget(self.reset)
        lay.addLayout(row)
        self._update()

    def text(self) -> str:
        return self.edit.toPlainText()

    def is_generated(self) -> bool:
        return " ".join(self.text().split()) in ("", " ".join(self.otomatis.split()))

    def _update(self) -> None:
        generated = self.is_generated()
        self.state.setText(OTOMATIS if generated else SENDIRI)
        self.reset.setEnabled(not generated)


class TeksRekapDialog(UnsavedChanges, QDialog):
    UNSAVED_LABEL = "teks laporan rekap"

    def __init__(self, svc: RekapDokumenService, tahun: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc, self.tahun = svc, tahun
        self.pages: dict[str, _TeksTab] = {}
        self.setObjectName("teksRekapDialog")
        self.setWindowTitle(f"Teks laporan rekap tahun {tahun}")
        self.resize(780, 560)
        lay = QVBoxLayout(self)
        lay.addLayout(self._wilayah_row())
        self.tabs = QTabWidget()
        self.tabs.setObjectName("teksTabs")
        lay.addWidget(self.tabs, 1)
        lay.addWidget(
            peran(
                make_label(
                    "Teks yang dikosongkan atau dikembalikan memakai kalimat otomatis, yang disusun dari angka "
                    "rekap tahun ini.",
                    wrap=True,
                ),
                "catatan",
            )
        )
        self.message = StatusLabel()
        self.message.setObjectName("teksPesan")
        lay.addWidget(self.message)
        lay.addWidget(self._buttons())
        self.load()
        self.wilayah.setFocus()

    def _buttons(self) -> QDialogButtonBox:
        """Simpan (the default: Enter in the wilayah field stores, never closes) and Tutup."""
        roles = QDialogButtonBox.ButtonRole
        box = QDialogButtonBox(self)  # in the dialog before setDefault: the dialog knows its default
        for text, name, role in (("Simpan", "teksSimpan", roles.ApplyRole), ("Tutup", "teksTutup", roles.RejectRole)):
            box.addButton(text, role).setObjectName(name)
        box.findChild(QPushButton, "teksTutup").setAutoDefault(False)  # Tutup never takes Enter, even with the focus
        save = box.findChild(QPushButton, "teksSimpan")
        save.setDefault(True)
        save.clicked.connect(self.save_changes)
        box.rejected.connect(self.reject)
        return box

    def _wilayah_row(self) -> QFormLayout:
        form = QFormLayout()
        self.wilayah = QLineEdit(placeholderText="mis. Pemerintah Kota Pontianak", objectName="teksWilayah")
        form.addRow("Nama wilayah (di halaman judul):", self.wilayah)
        return form

    def load(self) -> None:
        """What is stored now (raises the service's refusal when the year has no figures)."""
        texts = self.svc.teks_rekap(self.tahun)
        current = self.tabs.currentIndex()
        self.tabs.clear()
        self.pages = {}
        for kunci, t in texts.items():
            self.pages[kunci] = page = _TeksTab(kunci, t)
            self.tabs.addTab(page, t.judul)
        self.tabs.setCurrentIndex(max(0, current))
        self.wilayah.setText(self.svc.wilayah())
        self.mark_clean()

    def form_state(self) -> object:
        return (" ".join(self.wilayah.text().split()), tuple(p.text() for p in self.pages.values()))

    def save_changes(self) -> bool:
        try:
            self.svc.simpan_teks(self.tahun, self.wilayah.text(), {k: p.text() for k, p in self.pages.items()})
        except DomainError as e:  # ServiceError: every refusal named; nothing stored, the typing kept
            self.message.error(f"Tidak disimpan:\n{e}")
            return False
        self.load()
        self.message.ok("Tersimpan. Dokumen rekap berikutnya memakai teks ini.")
        return True

    def discard_changes(self) -> None:
        self.load()

    def reject(self) -> None:
        if confirm_leave(self, [self]):
            super().reject()


def edit_teks(svc: RekapDokumenService, tahun: int, parent: QWidget | None = None) -> TeksRekapDialog | None:
    """Open the dialog for ``tahun``; a year without figures is said, not opened."""
    try:
        dlg = TeksRekapDialog(svc, tahun, parent)
    except DomainError as e:
        show_error(parent, f"Teks laporan rekap tahun {tahun} tidak dapat dibuka: {e}", "Teks tidak dapat dibuka")
        return None
    dlg.exec()
    return dlg
