"""Jenis layanan: add, rename, order, deactivate, delete (refused when used)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from skm_desktop.domain.formatting import angka
from skm_desktop.services import setup

from ..gaya import peran
from ..widgets import ask
from .common import Tab, table


class LayananTab(Tab):
    TITLE = "Jenis Layanan"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self._rows: list[setup.LayananInfo] = []
        self.table = table(["Jenis layanan", "Status", "Kuesioner (semua periode)"])
        self.table.horizontalHeaderItem(2).setToolTip(
            "Jumlah kuesioner jenis layanan ini di semua periode, bukan hanya periode yang sedang dipakai."
        )
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("Nama jenis layanan baru, lalu Enter")
        self.new_name.returnPressed.connect(self.add)
        self.add_button = QPushButton("Tambah")
        self.add_button.clicked.connect(self.add)
        self.rename_edit = QLineEdit()
        self.rename_edit.setPlaceholderText("Nama baru untuk jenis layanan terpilih")
        self.rename_edit.returnPressed.connect(self.rename)
        self.rename_button = QPushButton("Ganti nama")
        self.rename_button.clicked.connect(self.rename)
        self.toggle_button = QPushButton("Nonaktifkan")
        self.toggle_button.clicked.connect(self.toggle_active)
        self.delete_button = QPushButton("Hapus")
        self.delete_button.clicked.connect(self.delete)
        self.up_button = QPushButton("Naik")
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button = QPushButton("Turun")
        self.down_button.clicked.connect(lambda: self.move(1))
        add_row = QHBoxLayout()
        add_row.addWidget(self.new_name, 1)
        add_row.addWidget(self.add_button)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.rename_edit, 1)
        for b in (self.rename_button, self.toggle_button, self.delete_button, self.up_button, self.down_button):
            edit_row.addWidget(b)
        hint = QLabel(
            "Jenis layanan yang sudah dipakai kuesioner tidak dapat dihapus; nonaktifkan saja agar tidak "
            "muncul lagi di layar entri. Data lamanya tetap dihitung."
        )
        hint.setWordWrap(True)
        peran(hint, "catatan")
        lay = QVBoxLayout(self)
        lay.addLayout(add_row)
        lay.addWidget(self.table, 1)
        lay.addLayout(edit_row)
        lay.addWidget(hint)
        lay.addWidget(self.message)
        self._selection_changed()

    def reload(self) -> None:
        if self.ctx.unit_id is None:
            return
        current = self.selected()
        self.show_rows(
            self.ctx.setup.layanan_rows(self.ctx.unit_id),
            lambda info: [info.nama, "aktif" if info.aktif else "nonaktif", angka(info.responden)],
            right=(2,),
            keep=current.id if current is not None else None,
            dim=lambda info: not info.aktif,
        )

    def selected(self) -> setup.LayananInfo | None:
        return self.selected_row()

    def _selection_changed(self) -> None:
        info = self.selected()
        for b in (self.rename_button, self.toggle_button, self.delete_button, self.up_button, self.down_button):
            b.setEnabled(info is not None)
        if info is not None:
            self.toggle_button.setText("Nonaktifkan" if info.aktif else "Aktifkan")
            self.rename_edit.setText(info.nama)

    # unsaved: a new name typed but not added, or a new name for the selected layanan not applied
    def _new_pending(self) -> bool:
        return bool(self.new_name.text().strip())

    def _rename_pending(self) -> bool:
        info = self.selected()
        return info is not None and " ".join(self.rename_edit.text().split()) != info.nama

    def pieces(self) -> tuple:
        return ((self._rename_pending, self.rename), (self._new_pending, self.add))

    def discard_changes(self) -> None:
        self.new_name.clear()
        self.rename_edit.clear()
        super().discard_changes()

    def add(self) -> bool:
        name = self.new_name.text()
        if self.run(
            lambda: self.ctx.setup.add_layanan(self.ctx.unit_id, name),
            f"Jenis layanan '{' '.join(name.split())}' ditambahkan.",
        ):
            self.new_name.clear()
            self.reload()
            return True
        return False

    def rename(self) -> bool:
        info = self.selected()
        if info is None:
            self.message.error("Pilih dulu jenis layanan yang akan diganti namanya.")
            return False
        name = self.rename_edit.text()
        return self.change(lambda: self.ctx.setup.rename_layanan(info.id, name), "Nama jenis layanan diganti.")

    def toggle_active(self) -> None:
        info = self.selected()
        if info is None:
            return
        done = f"'{info.nama}' " + ("dinonaktifkan." if info.aktif else "diaktifkan kembali.")
        self.change(lambda: self.ctx.setup.set_layanan_active(info.id, not info.aktif), done)

    def delete(self) -> None:
        info = self.selected()
        if info is None:
            return
        if info.responden:
            # explained without asking: the service refuses it anyway
            self.run(lambda: self.ctx.setup.delete_layanan(info.id), "")
            return
        if not ask(self, "Hapus jenis layanan", f"Hapus jenis layanan '{info.nama}'?", "Hapus"):
            return
        self.change(lambda: self.ctx.setup.delete_layanan(info.id), f"'{info.nama}' dihapus.")

    def move(self, step: int) -> None:
        info = self.selected()
        if info is None:
            return
        if self.change(lambda: self.ctx.setup.move_layanan(info.id, step), "Urutan jenis layanan diubah."):
            self.select_id(info.id)
