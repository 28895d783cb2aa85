"""Widget looks are chosen by the stylesheet (resources/styles/skm.qss); code only
names a widget's role with a dynamic property and asks Qt to apply it again."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def set_prop(w: QWidget, name: str, value: str) -> None:
    """Set the dynamic property ``name`` (selected in the QSS as ``[name="value"]``) and
    re-polish so that a change after the widget is shown takes effect."""
    if w.property(name) == value:
        return
    w.setProperty(name, value)
    style = w.style()
    style.unpolish(w)
    style.polish(w)
    w.update()


def peran(w: QWidget, value: str) -> QWidget:
    """The widget's fixed role: "catatan" (grey note), "keterangan", "judul", "subjudul"…"""
    set_prop(w, "peran", value)
    return w


def status(w: QWidget, value: str) -> None:
    """A message's state: "salah" (red, bold), "baik" (green), "peringatan" (amber), "" (neutral)."""
    set_prop(w, "status", value)
