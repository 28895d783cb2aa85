"""One-line factories for the plain widgets every page builds (a named field with its
tooltip and width, a button wired to its slot, a row of buttons, an action with its
shortcut), so that a page's layout code reads as what it shows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

W = TypeVar("W", bound=QWidget)
B = TypeVar("B", bound=QBoxLayout)


def tuned(w: W, name: str, *, tip: str = "", placeholder: str = "", width: int = 0, min_width: int = 0) -> W:
    """``w`` with its object name (style sheet, tests) and, where given, its tooltip,
    placeholder text, fixed width or minimum width."""
    w.setObjectName(name)
    if tip:
        w.setToolTip(tip)
    if placeholder:
        w.setPlaceholderText(placeholder)  # type: ignore[attr-defined]
    if width:
        w.setFixedWidth(width)
    if min_width:
        w.setMinimumWidth(min_width)
    return w


def button(text: str, slot: Callable[..., object], name: str | None = None, auto_default: bool = True) -> QPushButton:
    """A push button that calls ``slot`` when clicked; ``auto_default=False``: Enter in its
    dialog never presses it by itself."""
    b = QPushButton(text)
    if name:
        b.setObjectName(name)
    if not auto_default:
        b.setAutoDefault(False)
    b.clicked.connect(slot)
    return b


def buddy(text: str, w: QWidget) -> QLabel:
    """A label whose Alt key (the letter after ``&`` in ``text``) moves the focus to ``w``."""
    label = QLabel(text)
    label.setBuddy(w)
    return label


def hrow(*items: QWidget | QLayout | int | None) -> QHBoxLayout:
    """A horizontal row of ``items``: widgets and layouts, a number for a gap of that many
    pixels, ``None`` for the stretch that pushes the rest right."""
    return _filled(QHBoxLayout(), items)


def column(owner: QWidget, *items: QWidget | QLayout | int | None, grow: QWidget | None = None) -> QVBoxLayout:
    """``owner``'s layout: ``items`` top to bottom as in :func:`hrow` (``None``: the stretch
    that pushes the rest up); the widget ``grow`` takes the spare height."""
    return _filled(QVBoxLayout(owner), items, grow)


def _filled(box: B, items: Sequence[QWidget | QLayout | int | None], grow: QWidget | None = None) -> B:
    for it in items:
        if it is None:
            box.addStretch(1)
        elif isinstance(it, int):
            box.addSpacing(it)
        elif isinstance(it, QLayout):
            box.addLayout(it)
        else:
            box.addWidget(it, 1 if it is grow else 0)
    return box


def action(
    parent: QObject,
    text: str,
    slot: Callable[..., object],
    shortcut: str | QKeySequence | QKeySequence.StandardKey | Sequence[str] | None = None,
    enabled: bool = True,
) -> QAction:
    """An action calling ``slot`` on trigger, with its shortcut (several: a list)."""
    act = QAction(text, parent)
    if isinstance(shortcut, (list, tuple)):
        act.setShortcuts([QKeySequence(s) for s in shortcut])
    elif shortcut is not None:
        act.setShortcut(QKeySequence(shortcut))
    act.setEnabled(enabled)
    act.triggered.connect(slot)
    return act


def intro(text: str) -> QLabel:
    """The explaining sentence at the top of a dialog, wrapped to the dialog's width."""
    label = QLabel(text)
    label.setWordWrap(True)
    return label


def dialog_buttons(dialog: QDialog, ok: str, cancel: str) -> QDialogButtonBox:
    """OK/Cancel under a dialog, labelled in Indonesian for what they do, wired to accept/reject."""
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box
