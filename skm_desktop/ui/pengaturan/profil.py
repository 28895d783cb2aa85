"""Profil unit: name, address, logo and the signing official."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout

from skm_desktop.services import setup

from ..unit_form import UnitForm
from .common import Tab


class ProfilTab(Tab):
    TITLE = "Profil Unit"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        unit = QGroupBox("Unit pelayanan")
        self.unit = UnitForm()
        unit.setLayout(self.unit)
        self.nama, self.logo = self.unit.nama, self.unit.logo
        self.telepon = self.unit.edits["telepon"]
        self.pejabat_nama = QLineEdit()
        self.pejabat_jabatan = QLineEdit()
        self.pejabat_nip = QLineEdit()
        self.pejabat_nip.setPlaceholderText("18 angka, misalnya 19700512 199803 1 004")
        pejabat = QGroupBox("Pejabat penandatangan laporan")
        f2 = QFormLayout(pejabat)
        f2.addRow("Nama lengkap dan gelar", self.pejabat_nama)
        f2.addRow("Jabatan", self.pejabat_jabatan)
        f2.addRow("NIP", self.pejabat_nip)
        self.save_button = QPushButton("Simpan profil")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton("Batalkan perubahan")
        self.reset_button.clicked.connect(self.reload)
        for w in (*self.unit.edits.values(), self.pejabat_nama, self.pejabat_jabatan, self.pejabat_nip):
            w.returnPressed.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(unit)
        lay.addWidget(pejabat)
        lay.addLayout(buttons)
        lay.addWidget(self.message)
        lay.addStretch(1)

    def reload(self) -> None:
        if self.ctx.unit_id is None:
            return
        p = self.ctx.setup.get_profile(self.ctx.unit_id)
        self.unit.set_values(p)
        self.pejabat_nama.setText(p.pejabat_nama)
        self.pejabat_jabatan.setText(p.pejabat_jabatan)
        self.pejabat_nip.setText(p.pejabat_nip)
        self.mark_clean()

    def profile(self) -> setup.UnitProfile:
        return setup.UnitProfile(
            **self.unit.values(),
            pejabat_nama=self.pejabat_nama.text(),
            pejabat_jabatan=self.pejabat_jabatan.text(),
            pejabat_nip=self.pejabat_nip.text(),
        )

    def form_state(self) -> object:
        return self.profile()

    def save(self) -> bool:
        # read back: the values as stored (trimmed, NIP spaced), marked clean
        return self.change(
            lambda: self.ctx.setup.update_profile(self.ctx.unit_id, self.profile()), "Profil unit tersimpan."
        )
