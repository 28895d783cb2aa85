"""Unsaved changes: one protocol every editor follows and one question.

An editor (a Pengaturan tab, the Kios settings page, a Dokumen tab, …) follows
:class:`Editor`: it says whether it holds unsaved changes, saves them (False
when the save is refused; the refusal is shown in the editor, which keeps its
values) and discards them. A container page (Pengaturan, Dokumen) exposes its
editors with ``unsaved_editors()``. Before anything would throw typed values
away — a tab or page switch, a period switch, another row picked, opening
another database, quitting — the caller runs :func:`confirm_leave`, which asks
"Simpan perubahan?" (Simpan / Buang / Batal) for every editor with unsaved
changes and returns False when the operator stays where they were.

Everything above :func:`ask_unsaved` is plain Python: the decision
(:func:`leave`) takes the question as a function, so it is tested without Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, runtime_checkable

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
    ``save_changes()`` and ``discard_changes()`` are the editor's own.
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


def editors_of(widget: object) -> list:
    """The editors a page holds: ``unsaved_editors()`` of a container, the page itself, or none."""
    if widget is None:
        return []
    many = getattr(widget, "unsaved_editors", None)
    if callable(many):
        return list(many())
    return [widget] if isinstance(widget, Editor) else []


def leave(editors: Iterable, ask: Callable[[str], str]) -> bool:
    """Ask ``ask(label)`` for every editor with unsaved changes and act on the answer.
    True: nothing unsaved is left (saved or discarded); False: Batal, or a refused save."""
    for ed in editors:
        if not ed.has_unsaved_changes():
            continue
        answer = ask(ed.unsaved_label())
        if answer == CANCEL:
            return False
        if answer == SAVE:
            if not ed.save_changes():
                return False
        else:
            ed.discard_changes()
    return True


def save_pending(*steps: tuple[Callable[[], bool], Callable[[], bool]]) -> bool:
    """An editor with several pieces (``(pending, save)`` pairs): save each pending piece in
    order and stop at the first refusal. True when every pending piece was stored."""
    return all(save() for pending, save in steps if pending())


# ---------------------------------------------------------------- the question (Qt)
QUESTION_TITLE = "Simpan perubahan?"


def question_text(label: str) -> str:
    return f"Ada perubahan yang belum disimpan di {label}. Simpan perubahan?"


def ask_unsaved(parent, label: str) -> str:
    """The question itself: returns SAVE, DISCARD or CANCEL."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(
        QMessageBox.Icon.Question, QUESTION_TITLE, question_text(label), QMessageBox.StandardButton.NoButton, parent
    )
    box.setObjectName("unsavedQuestion")
    roles = QMessageBox.ButtonRole
    answers = {}
    for answer, text, role in (
        (SAVE, "Simpan", roles.AcceptRole),
        (DISCARD, "Buang", roles.DestructiveRole),
        (CANCEL, "Batal", roles.RejectRole),
    ):
        answers[answer] = box.addButton(text, role)
        answers[answer].setObjectName("unsaved" + text)  # unsavedSimpan, unsavedBuang, unsavedBatal
    box.setInformativeText(
        "Simpan: simpan lalu lanjutkan.\nBuang: lanjutkan tanpa menyimpan.\nBatal: tetap di sini, isian tidak berubah."
    )
    box.setDefaultButton(answers[SAVE])
    box.setEscapeButton(answers[CANCEL])
    box.exec()
    clicked = box.clickedButton()
    box.deleteLater()
    return next((answer for answer, button in answers.items() if button is clicked), CANCEL)


def confirm_leave(parent, editors: Iterable) -> bool:
    """:func:`leave` with the question asked in a dialog over ``parent``."""
    return leave(editors, lambda label: ask_unsaved(parent, label))


def keep_current(view, index: int) -> None:
    """Put a tab bar, combo box or list back on ``index`` without telling anyone (after Batal)."""
    view.blockSignals(True)
    try:
        if hasattr(view, "setCurrentRow"):
            view.setCurrentRow(index)
        else:
            view.setCurrentIndex(index)
    finally:
        view.blockSignals(False)


def switch_asked(parent, view, old: int, new: int, editors: Iterable) -> bool:
    """``view`` (tab bar, combo box, list) has moved from ``old`` to ``new``. With unsaved
    changes in ``editors``, it goes back to ``old`` while the question is asked (the operator
    sees what it is about); True when the move may stand (it is made again, quietly)."""
    pending = [ed for ed in editors if ed.has_unsaved_changes()]
    if not pending:
        return True
    keep_current(view, old)
    if not confirm_leave(parent, pending):
        return False  # Batal or a refused save: the place being edited stays
    keep_current(view, new)
    return True
