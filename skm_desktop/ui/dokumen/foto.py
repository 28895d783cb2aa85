"""Foto Dokumentasi: the photos of the period printed in the laporan's lampiran."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QVBoxLayout

from skm_desktop.domain.errors import DomainError
from skm_desktop.services import dokumen as svc

from ..parts import button
from .common import DokumenTab, _fill, add_buttons_and_status, add_note, add_table, named, selected_item


class FotoTab(DokumenTab):
    def build(self, v: QVBoxLayout) -> None:
        self.items: list[svc.FotoItem] = []
        add_note(
            v,
            f"Foto kegiatan survei (JPEG atau PNG, paling banyak {svc.MAX_FOTO} per periode). Foto diperkecil "
            "saat disimpan dan dicetak dengan keterangannya pada lampiran laporan.",
        )
        self.table = add_table(v, ["Keterangan", "Ukuran (piksel)", "Besar"], 0, "tabelFoto")
        self.keterangan = named(QLineEdit(), "keteranganFoto")
        self.keterangan.setPlaceholderText("mis. Responden mengisi kuesioner di loket")
        self.keterangan.setMinimumWidth(460)  # a caption is a sentence: room to read it while typing
        self.keterangan.setMaxLength(svc.MAX_KETERANGAN)
        self.add = button("Tambah foto…", self._choose, "tambahFoto")
        self.delete = button("Hapus", self._delete, "hapusFoto")
        self.status = add_buttons_and_status(v, [QLabel("Keterangan:"), self.keterangan, self.add, self.delete])

    def refresh(self) -> None:
        pid = self.page.periode_id()
        if pid is None:
            return
        self.items = self.page.foto_service.list(pid)
        _fill(
            self.table,
            [[i.keterangan or "–", f"{i.lebar} × {i.tinggi}", f"{max(1, i.ukuran // 1024)} KB"] for i in self.items],
            right=(1, 2),
        )

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Pilih foto", "", "Foto (*.jpg *.jpeg *.png)")
        if path:
            self.add_path(Path(path))

    def add_path(self, path: Path) -> None:
        pid = self.page.periode_id()
        if pid is None:
            return
        try:
            self.page.foto_service.add_file(pid, path, self.keterangan.text())
        except DomainError as e:
            self.status.error(str(e))
            return
        self.keterangan.clear()
        self.refresh()
        self.status.ok(f"Foto {path.name} tersimpan.")

    def _delete(self) -> None:
        item = selected_item(self.table, self.items)
        if item is None:
            self.status.error("Pilih foto yang akan dihapus.")
            return
        self.page.foto_service.remove(item.id)
        self.refresh()
        self.status.ok("Foto dihapus.")
