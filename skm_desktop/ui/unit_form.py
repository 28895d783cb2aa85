"""The unit's own fields (name, parent office, address, city, phone, email, logo):
one form for the first-start wizard and Pengaturan > Profil Unit."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLineEdit

from .widgets import LogoPicker

# UnitProfile field, label, example (placeholder)
UNIT_FIELDS = (
    ("nama", "Nama unit *", "misalnya Kelurahan Sukamaju"),
    ("instansi_induk", "Instansi induk", "misalnya Pemerintah Kota Contoh"),
    ("alamat", "Alamat", ""),
    ("kota", "Kota/kabupaten", ""),
    ("telepon", "Telepon", ""),
    ("email", "Email", ""),
)


class UnitForm(QFormLayout):
    """A form layout with one line per unit field and the logo picker."""

    def __init__(self) -> None:
        super().__init__()
        self.edits: dict[str, QLineEdit] = {}
        for field, label, example in UNIT_FIELDS:
            edit = QLineEdit()
            edit.setPlaceholderText(example)
            self.edits[field] = edit
            self.addRow(label, edit)
        self.logo = LogoPicker()
        self.addRow("Logo", self.logo)
        self.nama, self.instansi, self.email = self.edits["nama"], self.edits["instansi_induk"], self.edits["email"]

    def values(self) -> dict:
        """The unit's part of a ``setup.UnitProfile`` (as typed; the service trims and checks)."""
        return {field: edit.text() for field, edit in self.edits.items()} | {"logo": self.logo.logo()}

    def set_values(self, profile) -> None:
        for field, edit in self.edits.items():
            edit.setText(getattr(profile, field))
        self.logo.set_logo(profile.logo)
