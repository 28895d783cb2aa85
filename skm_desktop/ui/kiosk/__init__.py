"""The touch kiosk: respondents rate the service themselves on a touch screen.

``start_kiosk(db)`` creates the locked full-screen kiosk window, shows it and
returns it. The QApplication must exist. The window closes only after the
operator's hidden gesture (long press in the top-left corner) and PIN.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from skm_desktop.services.safety import Database


def start_kiosk(db: Database, parent: QWidget | None = None) -> QWidget:
    from .window import KioskWindow

    w = KioskWindow(db, parent)
    w.lock()
    return w


__all__ = ["start_kiosk"]
