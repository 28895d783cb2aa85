"""The kiosk window: a locked, full-screen touch survey for one respondent at a time.

Flow: welcome → jenis layanan → optional characteristics → one unsur per
screen → optional saran on the on-screen keyboard → confirm → thanks → welcome.
Nothing is stored before the final "Kirim"; abandoning (or the idle timeout)
discards the answers. A finished response is never lost: when the database is
busy it waits in a local file and is stored in the background, while the
respondent sees "Terima kasih".

This class only coordinates: the flow (:mod:`.flow`, no Qt), the screens
(:mod:`.screens`), the idle timeout (:mod:`.idle`), the PIN pad (:mod:`.pin`)
and the lock-down (:mod:`.lockdown`). It talks to :mod:`skm_desktop.services.kiosk` only.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from skm_desktop.services import ServiceError
from skm_desktop.services import kiosk as ks
from skm_desktop.services.safety import Database

from .flow import FAILED, THANKS, KioskFlow, Screen, Step, breakable  # noqa: F401  (breakable: re-export)
from .idle import IdleWatch
from .lockdown import Lockdown
from .pin import CornerHotspot, PinPad
from .screens import Screens
from .style import Metrics, stylesheet

log = logging.getLogger(__name__)

LONG_PRESS_MS = 3000
THANKS_MS = 5000
#: how often responses waiting for a busy database are tried again
RETRY_MS = 5000


class KioskWindow(QWidget):
    """The full-screen kiosk. ``clock`` returns milliseconds (tests pass a fake one)."""

    #: a response was stored (SaveResult)
    saved = Signal(object)
    #: the operator left with the right PIN
    exited = Signal()
    #: the worker thread stored waiting responses (list of SaveResult)
    _flushed = Signal(object)

    def __init__(
        self,
        db: Database,
        parent: QWidget | None = None,
        *,
        settings: ks.KioskSettings | None = None,
        clock: Callable[[], float] | None = None,
        long_press_ms: int = LONG_PRESS_MS,
        thanks_ms: int = THANKS_MS,
        retry_ms: int = RETRY_MS,
        pending: ks.PendingStore | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("SKM — Kios Survei")
        self.setWindowFlags(
            Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        )
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.db = db
        self._settings_override = settings
        self.clock = clock or (lambda: time.monotonic() * 1000.0)
        self._wall0, self._clock0 = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None), self.clock()
        self.thanks_ms = thanks_ms
        self.setup: ks.KioskSetup | None = None
        self.error: str | None = None
        self.failure = ""
        self.last_result: ks.SaveResult | None = None
        self._may_close = False
        self._metrics: Metrics | None = None
        self._styled_for: Metrics | None = None
        self._overlay: QFrame | None = None
        self._overlay_box: QFrame | None = None
        self._overlay_kind = ""

        self.flow = KioskFlow(self.clock)
        self.screens = Screens(self)
        self.idle = IdleWatch(self)
        self.pin = PinPad(self)
        self.lockdown = Lockdown(self, on_activity=self.idle.poke)

        self._stack = QStackedWidget(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self._stack)

        self._hotspot = CornerHotspot(self, self.clock, long_press_ms)
        self._hotspot.triggered.connect(self.open_pin)
        self._thanks_timer = QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.timeout.connect(self.reset)

        try:
            self.pending = pending if pending is not None else ks.PendingStore.for_database(db)
        except Exception:  # e.g. no folder for the file: memory only
            log.exception("berkas jawaban tertunda tidak dapat dipakai")
            self.pending = ks.PendingStore(None)
        if self.pending.problem:
            log.warning("%s", self.pending.problem)
        self._flusher: threading.Thread | None = None
        self._flushed.connect(self._on_flushed)
        self._retry = QTimer(self)
        self._retry.setInterval(retry_ms)
        self._retry.timeout.connect(self.flush_pending)
        if len(self.pending):
            self._retry.start()
        self.reset()

    # ------------------------------------------------------------ state
    @property
    def settings(self) -> ks.KioskSettings:
        if self._settings_override is not None:
            return self._settings_override
        return self.setup.settings if self.setup else ks.KioskSettings()

    @property
    def step(self) -> Step:
        """The current step (``step.screen`` is a :class:`~.flow.Screen`)."""
        return self.flow.step

    @property
    def screen_name(self) -> str:
        return self.flow.step.name

    @property
    def overlay_kind(self) -> str:
        return self._overlay_kind if self._overlay is not None else ""

    def wall_now(self) -> dt.datetime:
        """UTC now as the injected clock sees it (the PIN lockout's time)."""
        return self._wall0 + dt.timedelta(milliseconds=self.clock() - self._clock0)

    def metrics(self) -> Metrics:
        dpi = self.logicalDpiY() or 96
        return Metrics(max(self.width(), 320), max(self.height(), 320), float(dpi), self.settings.kontras_tinggi)

    def current_metrics(self) -> Metrics:
        return self._metrics or self.metrics()

    def _load(self) -> bool:
        try:
            self.setup = ks.load_setup(self.db)
            problem = ks.pin_problem(self.db)
            if problem:
                raise ServiceError(problem)
            self.error = None
            return True
        except ServiceError as e:
            self.setup, self.error = None, str(e)
            return False
        except Exception:  # e.g. the file is momentarily unreadable: say so, keep locked, retry later
            log.exception("pengaturan kios tidak dapat dibaca")
            self.setup = None
            self.error = "Basis data tidak dapat dibaca saat ini. Ketuk “Coba lagi” atau hubungi petugas."
            return False

    def reset(self) -> None:
        """Back to the welcome screen; the unfinished response (if any) is discarded."""
        self._thanks_timer.stop()
        self.idle.stop()
        self.close_overlay()
        self._load()  # the operator may have changed the settings, the welcome text or the period
        self._render(self.flow.reset())

    # ------------------------------------------------------------ taps
    def on_tap(self, fn: Callable[[], None], reading: bool = False):
        """A slot that runs ``fn`` unless the tap is a double tap or came before anyone could read."""

        def slot(*_args) -> None:
            if self.flow.gate.accept(self.settings, reading):
                fn()

        return slot

    # ------------------------------------------------------------ flow handlers (the screens call these)
    def begin(self) -> None:
        if not self._load():
            self._render(self.flow.reset())
            return
        self._render(self.flow.start(self.setup, self.settings))

    def go_next(self) -> None:
        self._render(self.flow.next())

    def go_back(self) -> None:
        step = self.flow.back()
        if step.screen is Screen.WELCOME:
            self.reset()
        else:
            self._render(step)

    def choose_layanan(self, name: str) -> None:
        self._render(self.flow.choose_layanan(name))

    def choose_char(self, key: str, value) -> None:
        self._render(self.flow.choose_char(key, value))

    def answer(self, index: int, value: int) -> None:
        self._render(self.flow.answer(index, value))

    def usia_digit(self, d: str) -> None:
        if self.flow.usia_digit(d):
            self.screens.refresh_usia()
            self.idle.restart()

    def usia_back(self) -> None:
        self.flow.usia_back()
        self.screens.refresh_usia()

    def usia_done(self) -> None:
        problem = self.flow.usia_done()
        if problem:
            self.screens.usia_error(problem)
        else:
            self._render(self.flow.step)

    def saran_type(self, ch: str) -> None:
        if self.flow.type_saran(ch):
            self.screens.refresh_saran()

    def saran_back(self) -> None:
        self.flow.saran_back()
        self.screens.refresh_saran()

    def saran_skip(self) -> None:
        self._render(self.flow.skip_saran())

    def submit_tap(self) -> None:
        # the "Kirim" button is also guarded against a tap carried over from the last question
        if self.flow.gate.read_long_enough(self.settings):
            self.submit()

    def submit(self) -> None:
        resp, setup = self.flow.response(), self.setup
        if resp is None or setup is None:
            return
        today = dt.date.today()
        try:
            result = ks.save_response(
                self.db, setup.periode_id, resp.dated(today), settings=self.settings, wait_busy=False
            )
        except ks.KioskBusy:
            self._keep(setup.periode_id, resp, today)
            return
        except ServiceError as e:  # refused for good (e.g. the period was closed meanwhile)
            self.pending.refuse(setup.periode_id, resp, today, str(e))
            self.failure = str(e)
            self._finish(False)
            return
        except Exception:  # an unexpected failure: keep the response and try again later
            log.exception("jawaban kios tidak dapat disimpan; disimpan sementara")
            self._keep(setup.periode_id, resp, today)
            return
        self.last_result = result
        self._finish(True)
        self.saved.emit(result)

    def _keep(self, periode_id: int, resp: ks.KioskResponse, today: dt.date) -> None:
        """The database is busy: the response waits (memory and a local file); thanks anyway."""
        try:
            self.pending.add(periode_id, resp, today)
        except ServiceError as e:
            self.failure = str(e)
            self._finish(False)
            return
        self.last_result = None
        self._retry.start()
        self._finish(True)

    def _finish(self, ok: bool) -> None:
        self._render(self.flow.finished(ok))
        self._thanks_timer.start(self.thanks_ms if ok else max(self.thanks_ms, 8000))

    def flush_pending(self, wait: bool = False) -> None:
        """Store the responses waiting for the database, in a worker thread so that a busy
        file never freezes the screen (``wait``: in this thread, e.g. when leaving)."""
        if not len(self.pending):
            self._retry.stop()
            return
        if self._flusher is not None and self._flusher.is_alive():
            return
        if wait:
            self._flush_work()
            return
        self._flusher = threading.Thread(target=self._flush_work, name="kios-tertunda", daemon=True)
        self._flusher.start()

    def _flush_work(self) -> None:
        try:
            done = self.pending.flush(self.db, self._settings_override)
        except Exception:
            log.exception("jawaban tertunda belum dapat disimpan")
            done = []
        try:
            self._flushed.emit(done)  # queued to the GUI thread
        except RuntimeError:  # the window was deleted meanwhile; what was stored stays stored
            pass

    def _on_flushed(self, done) -> None:
        for result in done:
            self.last_result = result
            self.saved.emit(result)
        if not len(self.pending):
            self._retry.stop()

    def retry(self) -> None:
        self._load()
        self._render(self.flow.reset())

    def close_unready(self) -> None:
        """ "Tutup kios" on the not-ready screen: free only while no usable PIN exists."""
        if self.setup is not None:
            return
        if self._pin_usable():
            self.open_pin()
        else:
            self.leave()

    def _pin_usable(self) -> bool:
        try:
            return ks.pin_problem(self.db) is None
        except Exception:  # an unreadable file: keep the kiosk locked
            log.exception("PIN kios tidak dapat diperiksa")
            return True

    # ------------------------------------------------------------ rendering
    def _render(self, step: Step) -> None:
        self._metrics = self.metrics()
        if self._metrics != self._styled_for:
            self.setStyleSheet(stylesheet(self._metrics))
            self._styled_for = self._metrics
        w = self.screens.build(step, self._metrics)
        w.setObjectName("kiosk-screen")
        w.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        w.setProperty("layar", step.name)
        old = self._stack.currentWidget()
        self._stack.addWidget(w)
        self._stack.setCurrentWidget(w)
        if old is not None:
            self._stack.removeWidget(old)
            old.deleteLater()
        self._place_hotspot()
        if self.flow.in_session:
            self.idle.restart()
        else:
            self.idle.stop()

    def current_screen(self) -> QWidget:
        return self._stack.currentWidget()

    @property
    def keyboard(self):
        return self.screens.keyboard

    # ------------------------------------------------------------ overlays (countdown, PIN)
    def open_overlay(self, kind: str) -> tuple[QFrame, QVBoxLayout]:
        self.close_overlay()
        m = self.current_metrics()
        layer = QFrame(self)
        layer.setObjectName("lapisan")
        layer.setGeometry(self.rect())
        outer = QVBoxLayout(layer)
        box = QFrame()
        box.setObjectName("kotak")
        v = QVBoxLayout(box)
        v.setContentsMargins(m.margin, m.margin, m.margin, m.margin)
        v.setSpacing(m.spacing)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self._overlay, self._overlay_kind, self._overlay_box = layer, kind, box
        return box, v

    def present_overlay(self) -> None:
        """Show the overlay once its content is complete (so its layout is right at once)."""
        m = self.current_metrics()
        box = self._overlay_box
        wanted = min(m.width - 2 * m.margin, max(m.target * 7, round(m.width * (0.8 if m.portrait else 0.5))))
        box.setFixedWidth(min(self.width(), max(wanted, box.layout().minimumSize().width())))
        self._overlay.layout().activate()
        self._overlay.setGeometry(self.rect())
        self._overlay.show()
        self._overlay.raise_()
        self._place_hotspot()

    def close_overlay(self) -> None:
        if self._overlay is not None:
            self._overlay.hide()
            self._overlay.deleteLater()
        self._overlay, self._overlay_kind = None, ""

    def overlay(self) -> QFrame | None:
        return self._overlay

    def open_pin(self) -> None:
        if self.overlay_kind == "pin":
            return
        if self.setup is None and not self._pin_usable():
            self.leave()  # no usable PIN: nothing to protect, nothing to check against
            return
        self.pin.open()

    def leave(self) -> None:
        self._may_close = True
        self.idle.stop()
        self._thanks_timer.stop()
        self.lockdown.release()
        self.flush_pending(wait=True)
        self.exited.emit()
        self.close()

    # ------------------------------------------------------------ lock-down
    def lock(self) -> None:
        """Full screen on top with the keyboard grabbed, and kept so (see :mod:`.lockdown`)."""
        self.lockdown.lock()

    def _place_hotspot(self) -> None:
        side = self.current_metrics().target + 20
        self._hotspot.setGeometry(0, 0, side, side)
        self._hotspot.raise_()

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        if not hasattr(self, "_hotspot"):
            return
        if self._overlay is not None:
            self._overlay.setGeometry(self.rect())
        m = self.metrics()
        if self._metrics is not None and m != self._metrics and self._overlay is None:
            shown = self.flow.gate.shown_ms
            self._render(self.flow.step)
            self.flow.gate.shown_ms = shown  # a re-layout is not a new screen for the reading delay
        self._place_hotspot()

    def closeEvent(self, e) -> None:
        if self._may_close:
            e.accept()
        else:
            e.ignore()

    def keyPressEvent(self, e) -> None:
        e.accept()  # physical keys do nothing in the kiosk

    def _displaced_event(self) -> None:
        if hasattr(self, "lockdown") and not self._may_close:
            self.lockdown.window_event()

    def changeEvent(self, e) -> None:
        super().changeEvent(e)
        if e.type() in (QEvent.Type.WindowStateChange, QEvent.Type.ActivationChange):
            self._displaced_event()

    def hideEvent(self, e) -> None:
        super().hideEvent(e)
        self._displaced_event()

    def moveEvent(self, e) -> None:
        super().moveEvent(e)
        self._displaced_event()

    def focusOutEvent(self, e) -> None:
        super().focusOutEvent(e)
        self._displaced_event()

    # ------------------------------------------------------------ test helpers
    def find_button(self, key: str) -> QPushButton | None:
        """The visible button with the given key (``mulai``, ``jawaban-3``, ``opsi-0``…)."""
        root = self._overlay if self._overlay is not None else self.current_screen()
        for b in root.findChildren(QPushButton):
            if b.property("kunci") == key or b.objectName() == f"tombol-{key}" or b.objectName() == key:
                return b
        return None
