"""The idle timeout: after ``batas_diam`` seconds without a tap during a session a
"still there?" countdown appears; when it runs out the unfinished answers are
discarded and the kiosk goes back to the welcome. The PIN pad closes by itself
the same way. The arithmetic lives in :class:`~.flow.Countdown`; this module
only owns the two timers and the overlay's text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel

from .flow import Countdown, idle_ms
from .screens import title
from .widgets import big_button

if TYPE_CHECKING:
    from .window import KioskWindow


class IdleWatch(QObject):
    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self.w = window
        self.countdown: Countdown | None = None
        self.label: QLabel | None = None
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self.expired)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self.tick)

    @property
    def active(self) -> bool:
        return self._idle.isActive()

    def restart(self) -> None:
        """(Re)start the wait, on a session screen or while the PIN pad is open."""
        if not self.w.flow.in_session and self.w.overlay_kind != "pin":
            return
        self._idle.start(idle_ms(self.w.settings))

    def poke(self) -> None:
        """A tap or key in the window: "I am still here"."""
        kind = self.w.overlay_kind
        if kind == "countdown":
            self.continue_session()
        elif kind == "pin":
            self._idle.start(idle_ms(self.w.settings))
        elif self._idle.isActive():
            self.restart()

    def stop(self) -> None:
        self._idle.stop()
        self._tick.stop()
        if self.w.overlay_kind == "countdown":
            self.w.close_overlay()

    def pause_countdown(self) -> None:
        self._tick.stop()

    def expired(self) -> None:
        if self.w.overlay_kind == "pin":  # nobody touched the PIN pad: close it, back to the start
            self.w.close_overlay()
            self.w.reset()
            return
        self.start_countdown()

    def start_countdown(self) -> None:
        self.countdown = Countdown.for_settings(self.w.settings)
        box, v = self.w.open_overlay("countdown")
        v.addWidget(title("Masih mengisi?"))
        self.label = QLabel(self.countdown.text())
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        v.addWidget(self.label)
        stay = big_button("Ya, lanjutkan", self.w.current_metrics(), "lanjutkan", primary=True)
        stay.clicked.connect(self.continue_session)
        v.addWidget(stay, 0, Qt.AlignmentFlag.AlignHCenter)
        self.w.present_overlay()
        self._tick.start(self.countdown.step_ms)

    def tick(self) -> None:
        if self.countdown is None:
            self._tick.stop()
            return
        if self.countdown.tick():
            self._tick.stop()
            self.countdown = None
            self.w.reset()
            return
        self.label.setText(self.countdown.text())

    def continue_session(self) -> None:
        self._tick.stop()
        self.countdown = None
        self.w.close_overlay()
        self.restart()
