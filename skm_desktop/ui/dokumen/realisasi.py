"""Realisasi RTL Lalu: record what became of the previous period's plans."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLineEdit, QVBoxLayout

from skm_desktop.domain.formatting import angka, persen
from skm_desktop.services import dokumen as svc

from ..parts import button
from .common import RowFormTab, _fill, add_buttons_and_status, add_note, add_table, named, stored, words


# ---------------------------------------------------------------- realisation
class RealisasiTab(RowFormTab):
    TITLE = "Realisasi RTL Lalu"

    def build(self, v: QVBoxLayout) -> None:
        self.items: list[svc.RtlItem] = []
        self.prev_id: int | None = None
        self.info = add_note(v)
        self.table = add_table(
            v, ["No", "Unsur", "Rencana tindak lanjut", "Status", "Deskripsi", "Hambatan"], 2, "tabelRealisasi"
        )
        box = QGroupBox("Realisasi RTL terpilih")
        form = QFormLayout(box)
        self.state = named(QComboBox(), "statusRealisasi")
        self.state.addItem("Belum diisi", "")
        self.state.addItem("Sudah dilaksanakan", "sudah")
        self.state.addItem("Belum dilaksanakan", "belum")
        self.desc = named(QLineEdit(), "deskripsiRealisasi")
        self.hambatan = named(QLineEdit(), "hambatanRealisasi")
        form.addRow("Status:", self.state)
        form.addRow("Deskripsi:", self.desc)
        form.addRow("Hambatan:", self.hambatan)
        self.strategi = named(QLineEdit(), "strategiRealisasi")
        self.strategi.setPlaceholderText("cara menyelesaikan RTL yang belum tuntas (dicetak di lampiran laporan)")
        form.addRow("Strategi:", self.strategi)
        v.addWidget(box)
        self.save = button("Simpan realisasi", self.save_form, "simpanRealisasi")
        self.status = add_buttons_and_status(v, [self.save])
        self.connect_rows()

    def refresh(self) -> None:
        info = self.page.periode_info()
        if info is None:
            return
        lalu = self.page.service.realisasi_lalu(info.id)
        self.prev_id, prev_name, real = lalu.periode_id, lalu.periode_nama, lalu.realisasi
        self.items = list(real.items) if real else []
        if prev_name is None:
            self.info.setText("Periode ini adalah periode pertama unit; belum ada RTL periode sebelumnya.")
        elif not self.items:
            self.info.setText(
                f"Periode sebelumnya ({prev_name}) tidak memiliki RTL. "
                "Isi RTL pada periode tersebut agar realisasinya dapat dicatat di sini."
            )
        else:
            self.info.setText(
                f"Realisasi RTL periode {prev_name}: {angka(real.sudah)} dari "
                f"{angka(real.direncanakan)} sudah dilaksanakan ({persen(real.persen)})."
            )
        label = {"sudah": "Sudah", "belum": "Belum"}
        _fill(
            self.table,
            [
                [
                    str(i),
                    r.unsur_kode,
                    r.program,
                    label.get(r.realisasi, "Belum diisi"),
                    r.realisasi_deskripsi,
                    r.realisasi_hambatan,
                ]
                for i, r in enumerate(self.items, 1)
            ],
            right=(0,),
        )
        self.save.setEnabled(bool(self.items))
        self.follow_rows()

    # the form: the realisation of the RTL picked in the table ----------------
    def form_values(self) -> tuple:
        return (
            self.state.currentData(),
            words(self.desc.text()),
            words(self.hambatan.text()),
            words(self.strategi.text()),
        )

    def item_values(self, r) -> tuple:
        return (
            r.realisasi or "",
            words(r.realisasi_deskripsi),
            words(r.realisasi_hambatan),
            words(r.realisasi_strategi),
        )

    def show_item(self, r) -> None:
        self.state.setCurrentIndex(max(0, self.state.findData(r.realisasi if r else "")))
        self.desc.setText(r.realisasi_deskripsi if r else "")
        self.hambatan.setText(r.realisasi_hambatan if r else "")
        self.strategi.setText(r.realisasi_strategi if r else "")

    def save_form(self) -> bool:
        cur = self.shown
        if cur is None:
            self.status.error("Pilih dulu RTL pada tabel.")
            return False
        values = (self.state.currentData(), self.desc.text(), self.hambatan.text(), self.strategi.text())
        return stored(
            self.status,
            lambda: self.page.service.simpan_realisasi(cur.id, *values),
            self.refresh,
            "Realisasi tersimpan.",
        )
