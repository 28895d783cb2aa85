"""Message boxes in Indonesian, their texts always plain text (a file or unit name is
never markup), their buttons named for keyboard and GUI tests: :func:`tell` says
something, :func:`choose` asks and returns the object name of the button clicked."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

Icon = QMessageBox.Icon


def message_box(
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons=QMessageBox.StandardButton.NoButton,
    parent: QWidget | None = None,
) -> QMessageBox:
    """A message box that shows its texts as plain text."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def choose(
    parent: QWidget | None,
    title: str,
    text: str,
    choices: Sequence[tuple[str, str]],
    *,
    cancel: tuple[str, str] = ("Batal", "cancelButton"),
    icon: QMessageBox.Icon = Icon.Question,
    info: str = "",
    detail: str = "",
    name: str = "",
    selectable: bool = False,
) -> str | None:
    """Ask with one button per ``(label, object name)`` of ``choices`` and the default
    ``cancel`` button; the object name of the choice clicked, None for cancel or Esc.
    ``info`` is the smaller text under ``text``, ``detail`` behind "Show details";
    ``selectable`` lets the operator copy the texts (a path)."""
    box = message_box(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
    if name:
        box.setObjectName(name)
    if info:
        box.setInformativeText(info)
    if detail:
        box.setDetailedText(detail)
    if selectable:
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    made = {}
    for label, obj in choices:
        b = box.addButton(label, QMessageBox.ButtonRole.AcceptRole)
        b.setObjectName(obj)
        made[b] = obj
    no = box.addButton(cancel[0], QMessageBox.ButtonRole.RejectRole)
    no.setObjectName(cancel[1])
    box.setDefaultButton(no)
    box.exec()
    return made.get(box.clickedButton())


def tell(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    icon: QMessageBox.Icon = Icon.Warning,
    info: str = "",
    detail: str = "",
    name: str = "",
    selectable: bool = False,
) -> None:
    """Say ``text`` with one "OK" button (object name ``okButton``)."""
    choose(
        parent,
        title,
        text,
        (),
        cancel=("OK", "okButton"),
        icon=icon,
        info=info,
        detail=detail,
        name=name,
        selectable=selectable,
    )
