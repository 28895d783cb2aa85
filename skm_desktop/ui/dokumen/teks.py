"""Teks Laporan: edit the laporan's texts per period or for the unit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from skm_desktop.services import dokumen as svc
from skm_desktop.ui.gaya import peran
from skm_desktop.ui.unsaved import UnsavedChanges, confirm_leave, keep_current
from skm_desktop.ui.widgets import StatusLabel

from .common import ASAL, stored

if TYPE_CHECKING:
    from .page import DokumenPage


# ---------------------------------------------------------------- texts
class TeksTab(QWidget, UnsavedChanges):
    """One text of the laporan at a time; the text shown is unsaved while it (or where it
    is to be saved) differs from what was loaded, and picking another text asks first."""

    UNSAVED_LABEL = "Dokumen > Teks Laporan"

    def __init__(self, page: DokumenPage) -> None:
        super().__init__()
        self.page = page
        self._loaded_key: str | None = None  # the text in the editor (the list may have moved on)
        self._loaded_row = -1
        h = QHBoxLayout(self)
        self.keys = QListWidget()
        self.keys.setObjectName("bagianTeks")
        self.keys.setMaximumWidth(260)
        for k in svc.TEKS_KEYS:
            judul = svc.TEKS[k][0]
            it = QListWidgetItem(judul.split(" (")[0])
            it.setToolTip(judul)
            it.setData(Qt.ItemDataRole.UserRole, k)
            self.keys.addItem(it)
        h.addWidget(self.keys)
        right = QVBoxLayout()
        self.asal = QLabel()
        peran(self.asal, "catatan")
        right.addWidget(self.asal)
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("isiTeks")
        right.addWidget(self.edit, 1)
        scope = QHBoxLayout()
        self.for_periode = QRadioButton("Simpan untuk periode ini saja")
        self.for_unit = QRadioButton("Simpan untuk semua periode unit ini")
        self.for_periode.setChecked(True)
        grp = QButtonGroup(self)
        grp.addButton(self.for_periode)
        grp.addButton(self.for_unit)
        scope.addWidget(self.for_periode)
        scope.addWidget(self.for_unit)
        scope.addStretch(1)
        right.addLayout(scope)
        buttons = QHBoxLayout()
        self.save = QPushButton("Simpan teks")
        self.save.setObjectName("simpanTeks")
        self.reset = QPushButton("Kembalikan ke teks bawaan")
        self.reset.setObjectName("kembalikanTeks")
        self.auto = QPushButton("Isi kalimat otomatis dari hasil")
        self.auto.setObjectName("kalimatOtomatis")
        for b in (self.save, self.reset, self.auto):
            buttons.addWidget(b)
        buttons.addStretch(1)
        right.addLayout(buttons)
        self.status = StatusLabel()
        right.addWidget(self.status)
        h.addLayout(right, 1)
        self.keys.currentRowChanged.connect(self._key_picked)
        self.save.clicked.connect(self.save_changes)
        self.reset.clicked.connect(self._reset)
        self.auto.clicked.connect(self._auto)

    def key(self) -> str | None:
        it = self.keys.currentItem()
        return None if it is None else it.data(Qt.ItemDataRole.UserRole)

    def select(self, kunci: str) -> None:
        """Show the text ``kunci`` in the editor (the pre-flight dialog's "Buka")."""
        for i in range(self.keys.count()):
            if self.keys.item(i).data(Qt.ItemDataRole.UserRole) == kunci:
                self.keys.setCurrentRow(i)
                self.edit.setFocus()
                return

    def refresh(self) -> None:
        if self.keys.currentRow() < 0:
            self.keys.setCurrentRow(0)
        elif not self.has_unsaved_changes():  # never overwrite what is being typed
            self.load()

    def form_state(self) -> object:
        return (self.edit.toPlainText().strip(), self.for_unit.isChecked())

    def _key_picked(self, row: int) -> None:
        if self._loaded_key is not None and not confirm_leave(self, [self]):
            keep_current(self.keys, self._loaded_row)  # Batal: the text being edited stays
            return
        self.load()

    def discard_changes(self) -> None:
        self.load()

    def load(self, *_):
        k = self.key()
        info = self.page.periode_info()
        if k is None or info is None:
            return
        v = self.page.service.teks(info.unit_id, info.id, k)
        self.edit.setPlainText(v.isi)
        self.edit.setPlaceholderText(
            "Kosongkan agar laporan memakai kalimat otomatis dari hasil survei."
            if k in ("analisis", "kesimpulan")
            else ""
        )
        judul = svc.TEKS[k][0]
        hint = judul[judul.index(" (") + 2 : -1] if " (" in judul else "satu paragraf per baris"
        self.asal.setText(f"Sumber teks: {ASAL[v.asal]}. Petunjuk: {hint}.")
        self.for_unit.setChecked(v.asal == "unit")
        self.for_periode.setChecked(v.asal != "unit")
        self.auto.setVisible(k in ("analisis", "kesimpulan"))
        self.status.clear_message()
        self._loaded_key, self._loaded_row = k, self.keys.currentRow()
        self.mark_clean()

    def _store(self, change, done: str) -> bool:
        """``change(info, key)`` on the part the editor was loaded for, then read it back."""
        k, info = self._loaded_key, self.page.periode_info()
        if k is None or info is None:
            return False
        return stored(self.status, lambda: change(info, k), self.load, done)

    def save_changes(self) -> bool:
        for_unit, text = self.for_unit.isChecked(), self.edit.toPlainText().strip()
        return self._store(
            lambda info, k: self.page.service.simpan_teks(info.unit_id, None if for_unit else info.id, k, text),
            "Teks tersimpan.",
        )

    def _reset(self) -> None:
        juga_unit = self.for_unit.isChecked()
        self._store(
            lambda info, k: self.page.service.kembalikan_teks(info.unit_id, info.id, k, juga_unit=juga_unit),
            "Teks dikembalikan.",
        )

    def _auto(self) -> None:
        k, info = self.key(), self.page.periode_info()
        if k is None or info is None:
            return
        self.edit.setPlainText(self.page.service.teks_otomatis(info.id, k))
        self.status.ok("Kalimat otomatis dimasukkan; ubah seperlunya lalu tekan Simpan teks.")
