"""The operator's way out: a long press in the top-left corner opens the PIN pad;
the right PIN closes the kiosk. Wrong PINs lock the pad for longer and longer
(stored in the database by :func:`skm_desktop.services.kiosk.attempt_pin`)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from skm_desktop.services import ServiceError
from skm_desktop.services import kiosk as ks

from .flow import Clock, LongPress
from .screens import title
from .widgets import NumberPad, big_button

if TYPE_CHECKING:
    from .window import KioskWindow

log = logging.getLogger(__name__)


class CornerHotspot(QWidget):
    """An invisible square in the top-left corner: a long press opens the PIN pad.

    The press counts by the injected clock on release, or by a timer while held."""

    triggered = Signal()

    def __init__(self, parent: QWidget, clock: Clock, long_press_ms: int) -> None:
        super().__init__(parent)
        self.setObjectName("sudut-keluar")
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.press = LongPress(clock, long_press_ms)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(long_press_ms))
        self._timer.timeout.connect(self._held)

    def _held(self) -> None:
        if self.press.pressed_at is not None:
            self.press.cancel()
            self.triggered.emit()

    def mousePressEvent(self, e) -> None:
        self.press.press()
        self._timer.start()
        e.accept()

    def mouseReleaseEvent(self, e) -> None:
        self._timer.stop()
        if self.press.release():
            self.triggered.emit()
        e.accept()

    def leaveEvent(self, e) -> None:
        self._timer.stop()
        self.press.cancel()


class PinPad:
    """The PIN overlay of ``window``."""

    def __init__(self, window: KioskWindow) -> None:
        self.w = window
        self.text = ""
        self.display: QLabel | None = None
        self.msg: QLabel | None = None

    def open(self) -> None:
        w = self.w
        if w.overlay_kind == "pin":
            return
        w.idle.pause_countdown()
        m = w.current_metrics()
        self.text = ""
        box, v = w.open_overlay("pin")
        v.addWidget(title("PIN petugas"))
        self.display = QLabel()
        self.display.setObjectName("layar-teks")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setMinimumHeight(m.button_height)
        v.addWidget(self.display)
        self.msg = QLabel(self._opening_message())
        self.msg.setObjectName("kecil")
        self.msg.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.msg.setWordWrap(True)
        v.addWidget(self.msg)
        pad = NumberPad(m)
        pad.setObjectName("papan-pin")
        pad.digit.connect(self.digit)
        pad.backspace.connect(self.back)
        v.addWidget(pad, 0, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        cancel = big_button("Batal", m, "batal")
        cancel.clicked.connect(self.cancel)
        ok = big_button("OK", m, "ok", primary=True)
        ok.clicked.connect(self.ok)
        row.addWidget(cancel)
        row.addWidget(ok)
        v.addLayout(row)
        self.refresh()
        w.present_overlay()
        w.idle.restart()  # the PIN pad also closes by itself when nobody touches it

    def _opening_message(self) -> str:
        try:
            left = ks.lockout_state(self.w.db, self.w.wall_now()).seconds_left(self.w.wall_now())
        except Exception:
            log.exception("status kunci PIN tidak dapat dibaca")
            left = 0
        if left:
            return f"Terlalu banyak PIN salah. Tunggu {ks.wait_text(left)} lalu coba lagi."
        return "Masukkan PIN untuk menutup kios."

    def refresh(self) -> None:
        self.display.setText("●" * len(self.text) or " ")

    def digit(self, d: str) -> None:
        if len(self.text) < ks.PIN_MAX:
            self.text += d
            self.refresh()

    def back(self) -> None:
        self.text = self.text[:-1]
        self.refresh()

    def cancel(self) -> None:
        self.w.close_overlay()
        self.w.idle.restart()

    def ok(self) -> None:
        pin, self.text = self.text, ""
        self.refresh()
        try:
            result = ks.attempt_pin(self.w.db, pin, now=self.w.wall_now())
        except ServiceError as e:  # no usable PIN stored: the operator must set it again
            self.msg.setText(str(e))
            return
        except Exception:
            log.exception("PIN kios tidak dapat diperiksa")
            self.msg.setText("PIN tidak dapat diperiksa saat ini (basis data sibuk). Coba lagi sebentar lagi.")
            return
        if result.ok:
            self.w.leave()
        else:
            self.msg.setText(result.message)
