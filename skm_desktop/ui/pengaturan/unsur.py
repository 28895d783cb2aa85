"""Unsur set of the current period and the choice lists with one-key codes."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from skm_desktop.domain.errors import DomainError
from skm_desktop.services import setup

from ..gaya import peran
from ..widgets import ChoiceListEditor, UnsurEditor
from .common import Tab


class UnsurTab(Tab):
    TITLE = "Unsur"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.heading = QLabel()
        self.editor = UnsurEditor()
        self._edited = False
        self.editor.changed.connect(self.message.clear_message)
        self.editor.changed.connect(self._mark_edited)
        self.save_button = QPushButton("Simpan set unsur")
        self.save_button.clicked.connect(self.save)
        self.reset_button = QPushButton("Batalkan perubahan")
        self.reset_button.clicked.connect(self.reload)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.editor, 1)
        lay.addLayout(buttons)
        lay.addWidget(self.message)

    def _mark_edited(self) -> None:
        self._edited = True

    def has_unsaved_changes(self) -> bool:
        return self._edited

    def reload(self) -> None:
        pid = self.ctx.periode_id
        if pid is None:
            self.heading.setText("Belum ada periode.")
            return
        self._edited = False
        us, frozen, n = self.ctx.setup.get_unsur_set(pid)
        names = {r.info.id: r.info.nama for r in self.ctx.setup.periode_rows(self.ctx.unit_id)}
        self.heading.setText(f"Set unsur periode <b>{names.get(pid, '')}</b>")
        self.editor.set_unsur_set(us, frozen, n)
        self._edited = False

    def save(self) -> bool:
        pid = self.ctx.periode_id
        try:
            us = self.editor.unsur_set()
        except DomainError as e:
            self.message.error(str(e))
            return False
        return self.change(lambda: self.ctx.setup.save_unsur_set(pid, us), "Set unsur tersimpan.")


class PilihanTab(Tab):
    TITLE = "Daftar Pilihan"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(ctx, parent)
        self.editors: dict[str, ChoiceListEditor] = {}
        self.save_buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for jenis in setup.CHOICE_LISTS:
            box = QGroupBox(setup.CHOICE_LABELS[jenis])
            bl = QVBoxLayout(box)
            ed = ChoiceListEditor()
            ed.changed.connect(self.message.clear_message)
            b = QPushButton(f"Simpan daftar {setup.CHOICE_LABELS[jenis].lower()}")
            b.clicked.connect(lambda _c=False, j=jenis: self.save(j))
            bl.addWidget(ed, 1)
            bl.addWidget(b)
            self.editors[jenis] = ed
            self.save_buttons[jenis] = b
            row.addWidget(box, 1)
        hint = QLabel(
            "Kode adalah satu tombol (huruf atau angka) yang diketik di layar entri untuk memilih isian, "
            "misalnya L/P untuk jenis kelamin. Pilihan yang sudah dipakai kuesioner tidak dapat dihapus "
            "atau diganti namanya; urutan dan kodenya tetap dapat diubah."
        )
        hint.setWordWrap(True)
        peran(hint, "catatan")
        lay = QVBoxLayout(self)
        lay.addLayout(row, 1)
        lay.addWidget(hint)
        lay.addWidget(self.message)

    def reload(self) -> None:
        if self.ctx.unit_id is None:
            return
        lists = self.ctx.setup.get_choices(self.ctx.unit_id)
        for jenis, ed in self.editors.items():
            ed.set_items(lists.get(jenis, []))
        self._clean = {jenis: ed.items() for jenis, ed in self.editors.items()}

    def _dirty(self) -> list[str]:
        clean = getattr(self, "_clean", {})
        return [j for j, ed in self.editors.items() if j in clean and ed.items() != clean[j]]

    def has_unsaved_changes(self) -> bool:
        return bool(self._dirty())

    def save_changes(self) -> bool:
        for jenis in self._dirty():
            if not self.save(jenis):
                return False
        return True

    def save(self, jenis: str) -> bool:
        items = self.editors[jenis].items()
        if self.run(
            lambda: self.ctx.setup.set_choices(self.ctx.unit_id, jenis, items),
            f"Daftar {setup.CHOICE_LABELS[jenis].lower()} tersimpan.",
        ):
            # only this list is read back: the others keep what is being typed
            self.editors[jenis].set_items(self.ctx.setup.get_choices(self.ctx.unit_id).get(jenis, []))
            getattr(self, "_clean", {})[jenis] = self.editors[jenis].items()
            return True
        return False
