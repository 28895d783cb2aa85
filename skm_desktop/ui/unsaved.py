"""Unsaved changes: one protocol every editor follows and one question.

An editor (a Pengaturan tab, the Kios settings page, …) implements
:class:`UnsavedChanges`; a container page (Pengaturan) exposes its editors with
``unsaved_editors()``. Before anything would throw typed values away — a tab or
page switch, a period switch, opening another database, quitting — the caller
runs :func:`confirm_leave`, which asks "Simpan / Buang / Batal" for every editor
with unsaved changes and returns False when the operator stays where they were.
"""
from __future__ import annotations

from typing import Iterable, Protocol, runtime_checkable

from PySide6.QtWidgets import QMessageBox, QWidget

SAVE, DISCARD, CANCEL = "simpan", "buang", "batal"
_NOT_LOADED = object()  # an editor never loaded holds nothing the operator typed


@runtime_checkable
class Editor(Protocol):
    def unsaved_label(self) -> str: ...
    def has_unsaved_changes(self) -> bool: ...
    def save_changes(self) -> bool: ...
    def discard_changes(self) -> None: ...


class UnsavedChanges:
    """Mixin: dirty state by comparing the form's values with those last loaded or saved.

    A subclass returns a comparable picture of its form from ``form_state()``
    and calls ``mark_clean()`` after loading and after a successful save; or it
    overrides ``has_unsaved_changes()`` when comparing values does not fit.
    """

    _clean_state: object = _NOT_LOADED
    UNSAVED_LABEL = "halaman ini"

    def unsaved_label(self) -> str:
        return self.UNSAVED_LABEL

    def form_state(self) -> object:
        return None

    def mark_clean(self) -> None:
        self._clean_state = self.form_state()

    def has_unsaved_changes(self) -> bool:
        if self._clean_state is _NOT_LOADED:
            return False
        return self.form_state() != self._clean_state

    def save_changes(self) -> bool:  # pragma: no cover - every editor overrides it
        raise NotImplementedError

    def discard_changes(self) -> None:  # pragma: no cover - every editor overrides it
        raise NotImplementedError


def editors_of(widget: object) -> list:
    """The editors a page holds: ``unsaved_editors()`` of a container, the page itself, or none."""
    if widget is None:
        return []
    many = getattr(widget, "unsaved_editors", None)
    if callable(many):
        return list(many())
    return [widget] if isinstance(widget, Editor) else []


def ask_unsaved(parent: QWidget | None, label: str) -> str:
    """The question itself: returns SAVE, DISCARD or CANCEL."""
    box = QMessageBox(QMessageBox.Icon.Question, "Perubahan belum disimpan",
                      f"Ada perubahan yang belum disimpan di {label}. Simpan sekarang?",
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("unsavedQuestion")
    b_save = box.addButton("Simpan", QMessageBox.ButtonRole.AcceptRole)
    b_save.setObjectName("unsavedSimpan")
    b_discard = box.addButton("Buang", QMessageBox.ButtonRole.DestructiveRole)
    b_discard.setObjectName("unsavedBuang")
    b_cancel = box.addButton("Batal", QMessageBox.ButtonRole.RejectRole)
    b_cancel.setObjectName("unsavedBatal")
    box.setInformativeText("Simpan: simpan lalu lanjutkan. Buang: lanjutkan tanpa menyimpan. "
                           "Batal: tetap di sini.")
    box.setDefaultButton(b_save)
    box.setEscapeButton(b_cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is b_save:
        return SAVE
    if clicked is b_discard:
        return DISCARD
    return CANCEL


def confirm_leave(parent: QWidget | None, editors: Iterable) -> bool:
    """Ask for every editor with unsaved changes. True: nothing unsaved is left
    (saved or discarded); False: the operator chose Batal, or the save was
    refused (the refusal is shown in the editor, which keeps its values)."""
    for ed in editors:
        if not ed.has_unsaved_changes():
            continue
        answer = ask_unsaved(parent, ed.unsaved_label())
        if answer == CANCEL:
            return False
        if answer == SAVE:
            if not ed.save_changes():
                return False
        else:
            ed.discard_changes()
    return True
