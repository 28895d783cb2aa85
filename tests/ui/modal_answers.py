"""Answering modal questions in GUI tests without ever hanging the suite.

:class:`Answers` clicks the named buttons of the modal dialogs that appear, in
order, and records their texts. A dialog nobody planned for (or one shown after
the list is used up) is recorded in ``unexpected`` and closed with its escape
button (Batal), so a failing test fails instead of waiting for a click. After
``DEADLINE_S`` every dialog still shown is closed the same way.

:func:`hard_timeout` is the last guard: when a test is stuck anyway (a nested
event loop that never returns), faulthandler prints every thread's stack and
ends the process, so the suite fails loudly instead of hanging.
"""

from __future__ import annotations

import faulthandler
import sys
import time
from contextlib import contextmanager

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QMessageBox


class Answers:
    DEADLINE_S = 10.0
    GRACE_S = 1.5  # how long a dialog may show without the button we expect

    def __init__(self, qtbot, *buttons: str, look=None) -> None:
        """``look()``, when given, is called while each answered dialog is shown (what is
        behind it); its results are in ``looked``."""
        self.qtbot = qtbot
        self.look = look
        self.looked: list = []
        self.buttons = list(buttons)
        self.texts: list[str] = []
        self.unexpected: list[str] = []
        self.timed_out = False
        self._t0 = time.monotonic()
        self._first_seen: float | None = None
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    @staticmethod
    def _text(w) -> str:
        if isinstance(w, QMessageBox):
            return w.text() + "\n" + w.informativeText()
        return w.windowTitle()

    @staticmethod
    def _close(w) -> None:
        if isinstance(w, QMessageBox) and w.escapeButton() is not None:
            w.escapeButton().click()
        elif isinstance(w, QDialog):
            w.reject()
        else:
            w.close()

    def _tick(self) -> None:
        w = QApplication.activeModalWidget()
        now = time.monotonic()
        if w is None or w.property("answeredByTest"):
            self._first_seen = None
            return
        if now - self._t0 > self.DEADLINE_S:
            self.timed_out = True
            self._refuse(w)
            return
        if self._first_seen is None:
            self._first_seen = now
        btn = w.findChild(QAbstractButton, self.buttons[0]) if self.buttons else None
        if btn is None or not btn.isVisible():
            if now - self._first_seen > self.GRACE_S or not self.buttons:
                self._refuse(w)
            return
        w.setProperty("answeredByTest", True)
        self._first_seen = None
        self.texts.append(self._text(w))
        if self.look is not None:
            self.looked.append(self.look())
        self.buttons.pop(0)
        # clicked after this tick returns: the click may open another modal dialog
        QTimer.singleShot(0, lambda: self.qtbot.mouseClick(btn, Qt.MouseButton.LeftButton))

    def _refuse(self, w) -> None:
        w.setProperty("answeredByTest", True)
        self._first_seen = None
        self.unexpected.append(self._text(w))
        self._close(w)

    def finish(self) -> list[str]:
        """Stop answering; assert every planned answer was given and nothing else was asked."""
        self._timer.stop()
        assert not self.timed_out, f"a dialog stayed open {self.DEADLINE_S} s: {self.unexpected}"
        assert not self.unexpected, f"unexpected dialogs: {self.unexpected}"
        assert not self.buttons, f"never asked; still waiting to click {self.buttons}"
        return self.texts


@contextmanager
def hard_timeout(seconds: float):
    """End the whole process with every thread's stack when the body runs longer than ``seconds``."""
    faulthandler.dump_traceback_later(seconds, exit=True, file=sys.__stderr__)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
