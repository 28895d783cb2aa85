"""Jenis layanan: add, rename, order, deactivate, delete (refused when used)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit

from skm_desktop.domain.formatting import angka
from skm_desktop.services import setup

from ..gaya import peran
from ..parts import button
from ..widgets import ask
from .common import Tab


class LayananTab(Tab):
    TITLE = "Jenis Layanan"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.use_table(
            ["Jenis layanan", "Status", "Kuesioner (semua periode)"],
            tip=(2, "Jumlah kuesioner jenis layanan ini di semua periode, bukan hanya periode yang sedang dipakai."),
        )
        self.new_name = QLineEdit()
        self.new_name.setPlaceholderText("Nama jenis layanan baru, lalu Enter")
        self.new_name.returnPressed.connect(self.add)
        self.add_button = button("Tambah", self.add)
        self.rename_edit = QLineEdit()
        self.rename_edit.setPlaceholderText("Nama baru untuk jenis layanan terpilih")
        self.rename_edit.returnPressed.connect(self.rename)
        self.rename_button = button("Ganti nama", self.rename)
        self.toggle_button = button("Nonaktifkan", self.toggle_active)
        self.delete_button = button("Hapus", self.delete)
        self.up_button = button("Naik", lambda: self.move(-1))
        self.down_button = button("Turun", lambda: self.move(1))
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
        self.lay_out(add_row, self.table, edit_row, hint)

    def reload(self) -> None:
        self.reload_rows(
            self.ctx.setup.layanan_rows,
            lambda info: [info.nama, "aktif" if info.aktif else "nonaktif", angka(info.responden)],
            right=(2,),
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
