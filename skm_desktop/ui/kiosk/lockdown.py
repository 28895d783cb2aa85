"""Lock-down of the kiosk window: it cannot be closed, left or hidden.

- every Ctrl/Alt/Meta shortcut, Escape and Tab are swallowed (application
  event filter);
- the keyboard is grabbed while the kiosk runs (``QWidget.grabKeyboard``): on
  X11 that is an active grab, so the window manager's own shortcuts (Super+D,
  Ctrl+Alt+arrow, Alt+Tab, Alt+F4) never reach it;
- whatever unmaps, minimises, moves or hides the window, or takes the focus, a
  watchdog (every :data:`WATCH_MS`) and the window's own events put it back
  full screen, in front and focused, and grab the keyboard again.

No program can block Ctrl+Alt+Del on Windows: the README says how to set a PC
up as a kiosk (a dedicated account with Assigned Access / Shell Launcher).
"""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

#: the watchdog's period (ms): the window is back well within a second
WATCH_MS = 300
#: delay (ms) after an event that displaced the window before taking it back
REASSERT_MS = 60
#: seconds a window just mapped again is given to become exposed before it is remapped again
REMAP_GRACE_S = 0.5

BLOCKED_KEYS = {
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
}
#: keys swallowed whatever the modifiers (Super/Windows keys, menu, task switching)
ALWAYS_BLOCKED = {
    Qt.Key.Key_Escape,
    Qt.Key.Key_Close,
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
    Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R,
    Qt.Key.Key_Meta,
    Qt.Key.Key_Menu,
    Qt.Key.Key_Hyper_L,
    Qt.Key.Key_Hyper_R,
    Qt.Key.Key_Alt,
    Qt.Key.Key_AltGr,
    Qt.Key.Key_F4,
    Qt.Key.Key_Sleep,
    Qt.Key.Key_PowerOff,
    Qt.Key.Key_Suspend,
    Qt.Key.Key_Hibernate,
    Qt.Key.Key_LaunchMedia,
    Qt.Key.Key_Explorer,
}


def is_blocked_key(e) -> bool:
    """Escape, Alt+F4, Ctrl+W, Ctrl+Q, the Super key and every other Ctrl/Alt/Meta shortcut."""
    mods = e.modifiers()
    if (e.key(), mods) in BLOCKED_KEYS or e.key() in ALWAYS_BLOCKED:
        return True
    return bool(
        mods
        & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier)
    )


class Lockdown(QObject):
    """Keeps ``window`` full screen, in front, focused and owning the keyboard.

    ``on_activity`` is called for every tap or key in the window (the idle timer)."""

    def __init__(self, window: QWidget, on_activity=None, watch_ms: int = WATCH_MS) -> None:
        super().__init__(window)
        self.window = window
        self.on_activity = on_activity
        self.locked = False
        self.released = False
        self.reasserts = 0
        self.grabbed = False
        self._remapped_at = -1e9
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(watch_ms)
        self._watchdog.timeout.connect(self.watch)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(REASSERT_MS)
        self._soon.timeout.connect(self.reassert)
        QApplication.instance().installEventFilter(self)

    # ------------------------------------------------------------ keys and taps
    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        t = e.type()
        if (
            t in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress)
            and isinstance(obj, QWidget)
            and obj.window() is self.window
            and self.on_activity
        ):
            self.on_activity()
        if (
            t in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride)
            and not self.released
            and is_blocked_key(e)
        ):
            e.accept()
            return True
        return False

    # ------------------------------------------------------------ staying in front
    def lock(self) -> None:
        """Full screen on top, keyboard grabbed, watched."""
        self.locked = True
        w = self.window
        w.showFullScreen()
        w.raise_()
        w.activateWindow()
        self.grabbed = self._grab()
        self._watchdog.start()

    def _grab(self) -> bool:
        """Grab the keyboard (again): on X11 a grab fails while the window is not viewable
        and ends when it is unmapped, so the watchdog repeats it. True when the platform took it."""
        w = self.window
        try:
            w.grabKeyboard()  # Qt's own routing of key events to the kiosk
            handle = w.windowHandle()
            return bool(handle is not None and handle.setKeyboardGrabEnabled(True))
        except Exception:  # no grab possible on this platform: the watchdog still works
            log.exception("keyboard kios tidak dapat direbut")
            return False

    def displaced(self) -> bool:
        """Minimised, not full screen, hidden, unmapped, or another window has the focus."""
        w = self.window
        state = w.windowState()
        handle = w.windowHandle()
        screen = w.screen()
        return (
            bool(state & Qt.WindowState.WindowMinimized)
            or not (state & Qt.WindowState.WindowFullScreen)
            or not w.isVisible()
            or not w.isActiveWindow()
            or (handle is not None and not handle.isExposed())
            or (screen is not None and w.frameGeometry().topLeft() != screen.geometry().topLeft())
        )

    def window_event(self) -> None:
        """The window reports a state change, hide, move or focus loss: take it back soon."""
        if self.locked and not self.released and self.displaced():
            self.grabbed = False  # an unmapped window loses its grab: take it again
            self._soon.start()

    def watch(self) -> None:
        if not self.locked or self.released:
            return
        if self.displaced():
            self.reassert()
        elif not self.grabbed:
            self.grabbed = self._grab()

    def reassert(self) -> None:
        """Take the whole screen, the front, the focus and the keyboard back."""
        if not self.locked or self.released:
            return
        w = self.window
        self.reasserts += 1
        state = w.windowState()
        handle = w.windowHandle()
        unmapped = not w.isVisible() or (handle is not None and not handle.isExposed())
        # a window just mapped again may not be exposed yet: give it REMAP_GRACE_S before remapping again
        recent = time.monotonic() - self._remapped_at < REMAP_GRACE_S
        if unmapped and w.isVisible() and not recent:
            w.hide()  # Qt still thinks it is shown: hide first so that show maps it again
            self._remapped_at = time.monotonic()
        if (
            (unmapped and not recent)
            or state & Qt.WindowState.WindowMinimized
            or not (state & Qt.WindowState.WindowFullScreen)
        ):
            w.setWindowState((state & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowFullScreen)
            w.showFullScreen()
        geo = w.screen().geometry() if w.screen() is not None else None
        if geo is not None and w.geometry() != geo and w.isFullScreen():
            w.setGeometry(geo)
        w.raise_()
        w.activateWindow()
        self.grabbed = self._grab()

    def release(self) -> None:
        """The operator leaves: stop watching, give the keyboard back."""
        self.released = True
        self._watchdog.stop()
        self._soon.stop()
        try:
            self.window.releaseKeyboard()
        except Exception:
            pass
        QApplication.instance().removeEventFilter(self)
