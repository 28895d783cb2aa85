"""IKM Tahun Lalu: past IKM figures that are not in this database (for the trend)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout

from skm_desktop.domain.formatting import angka
from skm_desktop.services import dokumen as svc
from skm_desktop.ui.unsaved import UnsavedChanges

from ..parts import button
from .common import DokumenTab, _fill, add_buttons_and_status, add_note, add_table, named, selected_item, stored


# ---------------------------------------------------------------- past IKM
class IkmLaluTab(DokumenTab, UnsavedChanges):
    UNSAVED_LABEL = "Dokumen > IKM Tahun Lalu"

    def build(self, v: QVBoxLayout) -> None:
        self.items: list[svc.IkmManualItem] = []
        add_note(
            v,
            "Nilai IKM tahun/periode lalu yang tidak ada di basis data ini (nilai konversi 25–100). "
            "Nilai ini tampil pada tabel dan grafik tren di laporan.",
        )
        self.table = add_table(v, ["Tahun / periode", "IKM konversi", "Mutu"], 0, "tabelIkmLalu")
        self.label = named(QLineEdit(), "labelIkm")
        self.label.setPlaceholderText("mis. 2023")
        self.value = named(QLineEdit(), "nilaiIkm")
        self.value.setPlaceholderText("mis. 86,89")
        self.add = button("Simpan nilai", self.save_changes, "simpanIkm")
        self.delete = button("Hapus", self._delete, "hapusIkm")
        self.status = add_buttons_and_status(
            v, [QLabel("Tahun/periode:"), self.label, QLabel("IKM:"), self.value, self.add, self.delete]
        )
        self.value.returnPressed.connect(self.save_changes)

    def refresh(self) -> None:
        info = self.page.periode_info()
        if info is None:
            return
        lalu = self.page.service.ikm_lalu(info.unit_id)
        self.items = lalu.items
        _fill(
            self.table,
            [[i.label, angka(i.ikm_konversi, 2), lalu.mutu.get(i.label) or "–"] for i in self.items],
            right=(1,),
            center=(2,),
        )

    # unsaved: a year or a value typed and not yet stored
    def has_unsaved_changes(self) -> bool:
        return bool(self.label.text().strip() or self.value.text().strip())

    def discard_changes(self) -> None:
        self.label.clear()
        self.value.clear()
        self.status.clear_message()

    def save_changes(self) -> bool:
        info = self.page.periode_info()
        if info is None:
            return False
        label = self.label.text()
        if not stored(
            self.status,
            lambda: self.page.service.simpan_ikm_lalu(info.unit_id, label, self.value.text()),
            self.refresh,
            f"IKM {label.strip()} tersimpan.",
        ):
            return False
        self.label.clear()
        self.value.clear()
        return True

    def _delete(self) -> None:
        item = selected_item(self.table, self.items)
        if item is None:
            self.status.error("Pilih dulu baris yang akan dihapus.")
            return
        stored(self.status, lambda: self.page.service.hapus_ikm_lalu(item.id), self.refresh, "Nilai dihapus.")
