"""The kiosk window: a locked, full-screen touch survey for one respondent at a time.

Flow: welcome → jenis layanan → optional characteristics → one unsur per
screen → optional saran on the on-screen keyboard → confirm → thanks → welcome.
Nothing is stored before the final "Kirim"; abandoning (or the idle timeout)
discards the answers. The window refuses every way out (Escape, Alt+F4,
Ctrl+W, Ctrl+Q, a close request, losing focus); the operator leaves by a
long press in the top-left corner followed by the PIN.
"""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Callable

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPixmap, QTextOption
from PySide6.QtWidgets import (QApplication, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton,
                               QPlainTextEdit, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget)

from skm_desktop.services import ServiceError
from skm_desktop.services import kiosk as ks
from skm_desktop.storage.database import Database

from .style import Metrics, face_pixmap, stylesheet
from .widgets import Keyboard, NumberPad, WrapButton, big_button

log = logging.getLogger(__name__)

CHAR_TITLES = {
    "jenis_kelamin": "Jenis kelamin Anda?",
    "usia": "Berapa usia Anda?",
    "pendidikan": "Pendidikan terakhir Anda?",
    "pekerjaan": "Pekerjaan utama Anda?",
}
BLOCKED_KEYS = {
    (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
}
LONG_PRESS_MS = 3000
THANKS_MS = 5000
PIN_LOCK_AFTER = 3
PIN_LOCK_MS = 30_000


def breakable(text: str, every: int = 20) -> str:
    """Let a label wrap inside very long words (a zero-width space every ``every`` letters)."""
    out, run = [], 0
    for ch in text:
        out.append(ch)
        run = 0 if ch.isspace() else run + 1
        if run >= every:
            out.append("\u200b")
            run = 0
    return "".join(out)


@dataclass
class Answers:
    """The unfinished response of the respondent at the kiosk (memory only)."""
    n: int
    layanan: str | None = None
    chars: dict[str, object] = field(default_factory=dict)
    values: list[int | None] = field(default_factory=list)
    saran: str = ""
    started_ms: float | None = None

    def __post_init__(self) -> None:
        self.values = [None] * self.n


class CornerHotspot(QWidget):
    """An invisible square in the top-left corner: a long press opens the PIN pad."""

    triggered = Signal()

    def __init__(self, parent: QWidget, long_press_ms: int) -> None:
        super().__init__(parent)
        self.setObjectName("sudut-keluar")
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(long_press_ms)
        self._timer.timeout.connect(self.triggered)

    def mousePressEvent(self, e) -> None:
        self._timer.start()
        e.accept()

    def mouseReleaseEvent(self, e) -> None:
        self._timer.stop()
        e.accept()

    def leaveEvent(self, e) -> None:
        self._timer.stop()


class KioskWindow(QWidget):
    """The full-screen kiosk. ``clock`` returns milliseconds (tests pass a fake one)."""

    #: a response was stored (SaveResult)
    saved = Signal(object)
    #: the operator left with the right PIN
    exited = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None, *,
                 settings: ks.KioskSettings | None = None,
                 clock: Callable[[], float] | None = None,
                 long_press_ms: int = LONG_PRESS_MS, thanks_ms: int = THANKS_MS) -> None:
        super().__init__(parent)
        self.setWindowTitle("SKM — Kios Survei")
        self.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint
                            | Qt.WindowType.WindowStaysOnTopHint)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.db = db
        self._settings_override = settings
        self.clock = clock or (lambda: time.monotonic() * 1000.0)
        self.thanks_ms = thanks_ms
        self._may_close = False
        self._locked = False
        self._setup: ks.KioskSetup | None = None
        self._error: str | None = None
        self._answers: Answers | None = None
        self._steps: list[str] = []
        self._step = 0
        self._screen_name = ""
        self._shown_ms = self.clock()
        self._last_tap_ms = -1e12
        self._metrics: Metrics | None = None
        self._pin_text = ""
        self._pin_failures = 0
        self._pin_locked_until = -1e12
        self.last_result: ks.SaveResult | None = None

        self._stack = QStackedWidget(self)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self._stack)
        self._overlay: QFrame | None = None
        self._overlay_kind = ""

        self._hotspot = CornerHotspot(self, long_press_ms)
        self._hotspot.triggered.connect(self._open_pin)

        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._start_countdown)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._countdown_step)
        self._countdown_left = 0
        self._thanks_timer = QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.timeout.connect(self.reset)
        self._reassert_timer = QTimer(self)
        self._reassert_timer.setSingleShot(True)
        self._reassert_timer.setInterval(150)
        self._reassert_timer.timeout.connect(self._reassert)

        # a watchdog for what no event reports (another program stealing the focus, …)
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(2000)
        self._watchdog.timeout.connect(self._watch)

        QApplication.instance().installEventFilter(self)
        self.reset()

    # ------------------------------------------------------------ state
    @property
    def settings(self) -> ks.KioskSettings:
        if self._settings_override is not None:
            return self._settings_override
        return self._setup.settings if self._setup else ks.KioskSettings()

    def _load(self) -> bool:
        try:
            self._setup = ks.load_setup(self.db)
            if not ks.has_pin(self.db):
                raise ServiceError("PIN keluar kios belum diatur. Atur PIN di aplikasi operator, halaman Kios.")
            self._error = None
            return True
        except ServiceError as e:
            self._setup, self._error = None, str(e)
            return False
        except Exception:  # e.g. the file is momentarily unreadable: say so, keep locked, retry later
            log.exception("pengaturan kios tidak dapat dibaca")
            self._setup = None
            self._error = "Basis data tidak dapat dibaca saat ini. Ketuk “Coba lagi” atau hubungi petugas."
            return False

    @property
    def screen_name(self) -> str:
        return self._screen_name

    @property
    def overlay_kind(self) -> str:
        return self._overlay_kind if self._overlay is not None else ""

    def metrics(self) -> Metrics:
        dpi = self.logicalDpiY() or 96
        return Metrics(max(self.width(), 320), max(self.height(), 320), float(dpi),
                       self.settings.kontras_tinggi)

    def reset(self) -> None:
        """Back to the welcome screen; the unfinished response (if any) is discarded."""
        self._answers = None
        self._thanks_timer.stop()
        self._stop_idle()
        self._close_overlay()
        self._load()  # the operator may have changed the settings, the welcome text or the period
        self._show("welcome")

    # ------------------------------------------------------------ taps
    def _accept_tap(self, reading: bool = False) -> bool:
        """False for a double tap, or a tap sooner than a person can read the screen."""
        now = self.clock()
        st = self.settings
        if now - self._last_tap_ms < st.jeda_ketuk_ms:
            return False
        if reading and now - self._shown_ms < st.jeda_baca_ms:
            return False
        self._last_tap_ms = now
        return True

    def _on_tap(self, fn: Callable[[], None], reading: bool = False):
        def slot(*_args) -> None:
            if self._accept_tap(reading):
                fn()
        return slot

    # ------------------------------------------------------------ flow
    def _start(self) -> None:
        if not self._load():
            self._show("welcome")
            return
        setup = self._setup
        self._answers = Answers(len(setup.questions))
        steps = []
        if len(setup.layanan) > 1:
            steps.append("layanan")
        elif len(setup.layanan) == 1:
            self._answers.layanan = setup.layanan[0]
        steps += [f"char:{c}" for c in self.settings.characteristics()]
        steps += [f"unsur:{i}" for i in range(len(setup.questions))]
        if self.settings.tanya_saran:
            steps.append("saran")
        steps.append("confirm")
        self._steps = steps
        self._go(0)

    def _go(self, index: int) -> None:
        self._step = max(0, min(index, len(self._steps) - 1))
        name = self._steps[self._step]
        if name.startswith("unsur:") and self._answers.started_ms is None:
            self._answers.started_ms = self.clock()
        self._show(name)

    def _next(self) -> None:
        self._go(self._step + 1)

    def _back(self) -> None:
        if self._step == 0:
            self.reset()
        else:
            self._go(self._step - 1)

    def _choose_layanan(self, name: str) -> None:
        self._answers.layanan = name
        self._next()

    def _choose_char(self, key: str, value) -> None:
        self._answers.chars[key] = value
        self._next()

    def _answer(self, index: int, value: int) -> None:
        self._answers.values[index] = value
        self._next()

    def _submit(self) -> None:
        a, setup = self._answers, self._setup
        if a is None or setup is None or any(v is None for v in a.values):
            return
        durasi = (self.clock() - a.started_ms) / 1000.0 if a.started_ms is not None else None
        resp = ks.KioskResponse(
            answers=tuple(a.values), layanan=a.layanan,
            jenis_kelamin=a.chars.get("jenis_kelamin"), usia=a.chars.get("usia"),
            pendidikan=a.chars.get("pendidikan"), pekerjaan=a.chars.get("pekerjaan"),
            saran=a.saran, durasi=durasi)
        try:
            result = ks.save_response(self.db, setup.periode_id, resp, settings=self.settings)
        except Exception as e:  # nothing was stored (one transaction); tell the respondent and the log
            if not isinstance(e, ServiceError):
                log.exception("jawaban kios tidak dapat disimpan")
            self._answers = None
            self._error_message = str(e) if isinstance(e, ServiceError) else \
                "Terjadi kesalahan pada penyimpanan."
            self._show("gagal")
            self._thanks_timer.start(max(self.thanks_ms, 8000))
            return
        self.last_result = result
        self._answers = None
        self.saved.emit(result)
        self._show("thanks")
        self._thanks_timer.start(self.thanks_ms)

    # ------------------------------------------------------------ screens
    def _show(self, name: str) -> None:
        self._screen_name = name
        self._metrics = self.metrics()
        if self._metrics != getattr(self, "_styled_for", None):
            self.setStyleSheet(stylesheet(self._metrics))
            self._styled_for = self._metrics
        builder = {"welcome": self._build_welcome, "layanan": self._build_layanan,
                   "saran": self._build_saran, "confirm": self._build_confirm,
                   "thanks": self._build_thanks, "gagal": self._build_failed}.get(name)
        if name.startswith("char:"):
            w = self._build_char(name.split(":", 1)[1])
        elif name.startswith("unsur:"):
            w = self._build_unsur(int(name.split(":", 1)[1]))
        else:
            w = builder()
        w.setObjectName("kiosk-screen")
        w.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        w.setProperty("layar", name)
        old = self._stack.currentWidget()
        self._stack.addWidget(w)
        self._stack.setCurrentWidget(w)
        if old is not None:
            self._stack.removeWidget(old)
            old.deleteLater()
        self._shown_ms = self.clock()
        self._place_hotspot()
        if name in ("welcome", "thanks", "gagal"):
            self._stop_idle()
        else:
            self._restart_idle()

    def current_screen(self) -> QWidget:
        return self._stack.currentWidget()

    def _page(self) -> tuple[QWidget, QVBoxLayout]:
        m = self._metrics
        w = QWidget()
        v = QVBoxLayout(w)
        v.setContentsMargins(m.margin, m.margin, m.margin, m.margin)
        v.setSpacing(m.spacing)
        return w, v

    def _title(self, text: str, name: str = "judul") -> QLabel:
        lab = QLabel(text)
        lab.setObjectName(name)
        lab.setWordWrap(True)
        lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return lab

    def _progress(self) -> QLabel:
        n_steps = len(self._steps)
        lab = QLabel(f"Langkah {self._step + 1} dari {n_steps}")
        lab.setObjectName("kecil")
        lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return lab

    def _nav(self, v: QVBoxLayout, skip: Callable[[], None] | None = None, skip_text: str = "Lewati",
             next_: Callable[[], None] | None = None, next_text: str = "Lanjut") -> None:
        m = self._metrics
        row = QHBoxLayout()
        row.setSpacing(m.spacing)
        back = big_button("◀  Kembali", m, "kembali")
        back.setObjectName("navigasi")
        back.setProperty("kunci", "kembali")
        back.clicked.connect(self._on_tap(self._back))
        row.addWidget(back)
        row.addStretch(1)
        if skip is not None:
            b = big_button(skip_text, m, "lewati")
            b.clicked.connect(self._on_tap(skip))
            row.addWidget(b)
        if next_ is not None:
            b = big_button(next_text + "  ▶", m, "lanjut", primary=True)
            b.clicked.connect(self._on_tap(next_))
            row.addWidget(b)
        v.addLayout(row)

    def _build_welcome(self) -> QWidget:
        m = self._metrics
        w, v = self._page()
        v.addStretch(1)
        if self._setup is None:
            v.addWidget(self._title("Kios survei belum dapat dijalankan"))
            msg = QLabel(self._error or "")
            msg.setObjectName("pesan-salah")
            msg.setWordWrap(True)
            msg.setAlignment(Qt.AlignmentFlag.AlignCenter)
            v.addWidget(msg)
            v.addStretch(1)
            row = QHBoxLayout()
            retry = big_button("Coba lagi", m, "coba-lagi", primary=True)
            retry.clicked.connect(self._on_tap(self._retry))
            close = big_button("Tutup kios", m, "tutup")
            close.clicked.connect(self._on_tap(self._close_unready))
            row.addStretch(1)
            row.addWidget(retry)
            row.addWidget(close)
            row.addStretch(1)
            v.addLayout(row)
            v.addStretch(1)
            return w
        setup = self._setup
        if setup.logo:
            pix = QPixmap()
            if pix.loadFromData(setup.logo):
                logo = QLabel()
                side = m.face * 2 if not m.portrait else m.face * 2
                logo.setPixmap(pix.scaled(QSize(side, side), Qt.AspectRatioMode.KeepAspectRatio,
                                          Qt.TransformationMode.SmoothTransformation))
                logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
                v.addWidget(logo)
        v.addWidget(self._title(setup.unit_nama, "unit"))
        v.addWidget(self._title("Survei Kepuasan Masyarakat"))
        text = QLabel(self.settings.teks_sambutan)
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(text)
        faces = QHBoxLayout()
        faces.addStretch(1)
        for value in (1, 2, 3, 4):
            f = QLabel()
            f.setPixmap(face_pixmap(value, max(48, m.face // 2)))
            faces.addWidget(f)
        faces.addStretch(1)
        v.addLayout(faces)
        v.addStretch(1)
        start = big_button("Mulai", m, "mulai", primary=True)
        start.setMinimumHeight(round(m.button_height * 1.4))
        start.setMinimumWidth(max(m.target * 4, round(m.width * (0.6 if m.portrait else 0.4))))
        start.clicked.connect(self._on_tap(self._start))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(start)
        row.addStretch(1)
        v.addLayout(row)
        v.addStretch(1)
        note = QLabel("Jawaban Anda tanpa nama dan hanya dipakai untuk perbaikan pelayanan.")
        note.setObjectName("kecil")
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(note)
        return w

    def _retry(self) -> None:
        self._load()
        self._show("welcome")

    def _close_unready(self) -> None:
        """"Tutup kios" on the not-ready screen: free only while no PIN exists at all."""
        if self._setup is not None:
            return
        if self._pin_exists():
            self._open_pin()
        else:
            self._leave()

    def _pin_exists(self) -> bool:
        try:
            return ks.has_pin(self.db)
        except Exception:  # an unreadable file: keep the kiosk locked
            log.exception("PIN kios tidak dapat diperiksa")
            return True

    def _choices(self, v: QVBoxLayout, options, on_choose: Callable[[str], None],
                 selected=None) -> list[WrapButton]:
        m = self._metrics
        grid = QGridLayout()
        grid.setSpacing(m.spacing)
        n = len(options)
        if m.portrait:
            cols = 1 if n <= 6 else 2
        else:
            cols = 1 if n <= 3 else 2 if n <= 8 else 3
        buttons = []
        for i, opt in enumerate(options):
            b = WrapButton(opt, m)
            if m.portrait:  # tall screens: big, but not absurdly tall, buttons
                b.setMinimumHeight(round(m.button_height * 1.5))
                b.setMaximumHeight(m.button_height * 2)
            b.setObjectName(f"opsi-{i}")
            b.setProperty("kunci", f"opsi-{i}")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.set_selected(opt == selected)
            b.clicked.connect(self._on_tap(lambda o=opt: on_choose(o), reading=True))
            grid.addWidget(b, i // cols, i % cols)
            buttons.append(b)
        if m.portrait:
            v.addLayout(grid)
            v.addStretch(1)  # spare height stays below the choices, not inside the title
        else:
            v.addLayout(grid, 1)
        return buttons

    def _build_layanan(self) -> QWidget:
        w, v = self._page()
        v.addWidget(self._progress())
        v.addWidget(self._title("Layanan apa yang Anda terima hari ini?"))
        self._choices(v, self._setup.layanan, self._choose_layanan, self._answers.layanan)
        self._nav(v)
        return w

    def _build_char(self, key: str) -> QWidget:
        if key == "usia":
            return self._build_usia()
        setup = self._setup
        options = {"jenis_kelamin": setup.jenis_kelamin, "pendidikan": setup.pendidikan,
                   "pekerjaan": setup.pekerjaan}[key]
        w, v = self._page()
        v.addWidget(self._progress())
        v.addWidget(self._title(CHAR_TITLES[key]))
        hint = QLabel("Boleh dilewati.")
        hint.setObjectName("kecil")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(hint)
        self._choices(v, options, lambda o: self._choose_char(key, o), self._answers.chars.get(key))
        self._nav(v, skip=lambda: self._choose_char(key, None))
        return w

    def _build_usia(self) -> QWidget:
        m = self._metrics
        w, v = self._page()
        v.addWidget(self._progress())
        v.addWidget(self._title(CHAR_TITLES["usia"]))
        current = self._answers.chars.get("usia")
        self._usia_text = "" if current is None else str(current)
        display = QLabel()
        display.setObjectName("layar-teks")
        display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        display.setMinimumHeight(m.button_height)
        display.setMinimumWidth(m.target * 4)
        self._usia_display = display
        msg = QLabel("Ketik usia dalam tahun, atau lewati.")
        msg.setObjectName("kecil")
        msg.setAlignment(Qt.AlignmentFlag.AlignCenter)
        msg.setWordWrap(True)
        self._usia_msg = msg
        pad = NumberPad(m)
        pad.setObjectName("papan-angka")
        pad.digit.connect(self._usia_digit)
        pad.backspace.connect(self._usia_back)
        v.addStretch(1)
        v.addWidget(display, 0, Qt.AlignmentFlag.AlignHCenter)
        v.addWidget(msg)
        v.addWidget(pad, 0, Qt.AlignmentFlag.AlignHCenter)
        v.addStretch(1)
        self._refresh_usia()
        self._nav(v, skip=lambda: self._choose_char("usia", None), next_=self._usia_done)
        return w

    def _refresh_usia(self) -> None:
        self._usia_display.setText((self._usia_text or "—") + " tahun")

    def _usia_digit(self, d: str) -> None:
        if ks.is_usia_prefix_possible(self._usia_text):
            self._usia_text += d
            self._refresh_usia()
            self._restart_idle()

    def _usia_back(self) -> None:
        self._usia_text = self._usia_text[:-1]
        self._refresh_usia()

    def _usia_done(self) -> None:
        if not self._usia_text:
            self._choose_char("usia", None)
            return
        try:
            age = ks.parse_usia_text(self._usia_text)
        except ServiceError as e:
            self._usia_msg.setText(str(e))
            self._usia_msg.setObjectName("pesan-salah")
            self._usia_msg.setStyleSheet("")
            return
        self._choose_char("usia", age)

    def _build_unsur(self, index: int) -> QWidget:
        m = self._metrics
        q = self._setup.questions[index]
        w, v = self._page()
        top = QLabel(f"Pertanyaan {index + 1} dari {len(self._setup.questions)} · {q.nama}")
        top.setObjectName("kecil")
        top.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top.setWordWrap(True)
        v.addWidget(top)
        v.addStretch(1)
        v.addWidget(self._title(q.pertanyaan, "pertanyaan"))
        v.addStretch(1)
        lay = QVBoxLayout() if m.portrait else QHBoxLayout()
        lay.setSpacing(m.spacing)
        chosen = self._answers.values[index]
        for value in (1, 2, 3, 4):
            b = WrapButton(q.labels[value - 1], m, icon=face_pixmap(value, m.face), vertical=not m.portrait)
            b.setObjectName(f"jawaban-{value}")
            b.setProperty("kunci", f"jawaban-{value}")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.set_selected(chosen == value)
            b.clicked.connect(self._on_tap(lambda i=index, val=value: self._answer(i, val), reading=True))
            lay.addWidget(b, 1)
        v.addLayout(lay, 3)
        v.addStretch(1)
        self._nav(v)
        return w

    def _build_saran(self) -> QWidget:
        m = self._metrics
        w, v = self._page()
        v.addWidget(self._progress())
        v.addWidget(self._title("Ada saran untuk kami? (boleh dilewati)"))
        # read-only text box: wraps anywhere, keeps the end (where one types) in view
        display = QPlainTextEdit()
        display.setObjectName("layar-teks")
        display.setReadOnly(True)
        display.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        display.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        display.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        display.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        display.setMinimumHeight(m.font * 3)
        display.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        display.setPlaceholderText("Ketuk huruf di bawah untuk menulis saran…")
        self._saran_display = display
        v.addWidget(display, 1)
        kb = Keyboard(m)
        kb.setObjectName("papan-ketik")
        kb.typed.connect(self._saran_type)
        kb.backspace.connect(self._saran_back)
        self.keyboard = kb
        v.addWidget(kb)
        self._refresh_saran()
        self._nav(v, skip=self._saran_skip, next_=self._next)
        return w

    def _refresh_saran(self) -> None:
        text = self._answers.saran
        self._saran_display.setPlainText(text + "▏" if text else "")
        bar = self._saran_display.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _saran_type(self, ch: str) -> None:
        if len(self._answers.saran) < ks.SARAN_MAX:
            self._answers.saran += ch
            self._refresh_saran()

    def _saran_back(self) -> None:
        self._answers.saran = self._answers.saran[:-1]
        self._refresh_saran()

    def _saran_skip(self) -> None:
        self._answers.saran = ""
        self._next()

    def _build_confirm(self) -> QWidget:
        m = self._metrics
        w, v = self._page()
        v.addWidget(self._title("Periksa jawaban Anda"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(m.spacing * 2)
        grid.setVerticalSpacing(max(2, m.spacing // 3))
        a = self._answers
        row = 0
        if a.layanan:
            grid.addWidget(self._small("Layanan"), row, 0)
            grid.addWidget(self._small(a.layanan, bold=True), row, 1)
            row += 1
        for i, q in enumerate(self._setup.questions):
            val = a.values[i]
            grid.addWidget(self._small(q.nama), row, 0)
            face = QLabel()
            face.setPixmap(face_pixmap(val, max(20, m.small_font + 6)))
            cell = QHBoxLayout()
            cell.setSpacing(6)
            cell.addWidget(face)
            cell.addWidget(self._small(q.labels[val - 1], bold=True), 1)
            grid.addLayout(cell, row, 1)
            row += 1
        if a.saran:
            shown = a.saran if len(a.saran) <= 160 else a.saran[:160].rstrip() + "…"
            grid.addWidget(self._small("Saran"), row, 0)
            grid.addWidget(self._small(breakable(shown), bold=True), row, 1)
        grid.setColumnStretch(1, 1)
        v.addLayout(grid)
        v.addStretch(1)
        hint = QLabel("Ketuk “Kirim” untuk menyimpan, atau “Kembali” untuk mengubah jawaban.")
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(hint)
        self._nav(v, next_=self._submit_tap, next_text="Kirim")
        return w

    def _submit_tap(self) -> None:
        # the "Kirim" button is also guarded against a tap carried over from the last question
        if self.clock() - self._shown_ms >= self.settings.jeda_baca_ms:
            self._submit()

    def _small(self, text: str, bold: bool = False) -> QLabel:
        lab = QLabel(text)
        lab.setObjectName("kecil")
        lab.setWordWrap(True)
        if bold:
            lab.setStyleSheet("font-weight: bold;")
        return lab

    def _build_thanks(self) -> QWidget:
        m = self._metrics
        w, v = self._page()
        v.addStretch(2)
        face = QLabel()
        face.setPixmap(face_pixmap(4, m.face * 2))
        face.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(face)
        v.addWidget(self._title("Terima kasih!"))
        lab = QLabel("Penilaian Anda sudah kami terima dan akan dipakai untuk memperbaiki pelayanan.")
        lab.setWordWrap(True)
        lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(lab)
        v.addStretch(2)
        done = big_button("Selesai", m, "selesai", primary=True)
        done.clicked.connect(self._on_tap(self.reset))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(done)
        row.addStretch(1)
        v.addLayout(row)
        v.addStretch(1)
        return w

    def _build_failed(self) -> QWidget:
        m = self._metrics
        w, v = self._page()
        v.addStretch(1)
        v.addWidget(self._title("Maaf, jawaban belum tersimpan"))
        lab = QLabel(getattr(self, "_error_message", "") + "\nSilakan beri tahu petugas.")
        lab.setObjectName("pesan-salah")
        lab.setWordWrap(True)
        lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(lab)
        v.addStretch(1)
        ok = big_button("Kembali ke awal", m, "selesai", primary=True)
        ok.clicked.connect(self._on_tap(self.reset))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(ok)
        row.addStretch(1)
        v.addLayout(row)
        v.addStretch(1)
        return w

    # ------------------------------------------------------------ idle timeout
    def _restart_idle(self) -> None:
        if self._screen_name in ("welcome", "thanks", "gagal") and self._overlay_kind != "pin":
            return
        self._idle.start(max(1, int(self.settings.batas_diam * 1000)))

    def _stop_idle(self) -> None:
        self._idle.stop()
        self._tick.stop()
        if self._overlay_kind == "countdown":
            self._close_overlay()

    def _start_countdown(self) -> None:
        if self._overlay_kind == "pin":
            self._close_overlay()
            self.reset()
            return
        total_ms = max(1, int(self.settings.hitung_mundur * 1000))
        step = min(1000, total_ms)
        self._countdown_left = max(1, round(total_ms / step))
        self._countdown_step_ms = step
        box, v = self._open_overlay("countdown")
        v.addWidget(self._title("Masih mengisi?"))
        self._countdown_label = QLabel()
        self._countdown_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._countdown_label.setWordWrap(True)
        v.addWidget(self._countdown_label)
        stay = big_button("Ya, lanjutkan", self._metrics, "lanjutkan", primary=True)
        stay.clicked.connect(self._continue_session)
        v.addWidget(stay, 0, Qt.AlignmentFlag.AlignHCenter)
        self._update_countdown_label()
        self._present_overlay()
        self._tick.start(step)

    def _update_countdown_label(self) -> None:
        secs = max(1, round(self._countdown_left * self._countdown_step_ms / 1000))
        self._countdown_label.setText(
            f"Jawaban yang belum dikirim akan dihapus dan kios kembali ke awal dalam {secs} detik.")

    def _countdown_step(self) -> None:
        self._countdown_left -= 1
        if self._countdown_left <= 0:
            self._tick.stop()
            self.reset()
            return
        self._update_countdown_label()

    def _continue_session(self) -> None:
        self._tick.stop()
        self._close_overlay()
        self._restart_idle()

    # ------------------------------------------------------------ overlays (countdown, PIN)
    def _open_overlay(self, kind: str) -> tuple[QFrame, QVBoxLayout]:
        self._close_overlay()
        m = self._metrics or self.metrics()
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
        self._overlay, self._overlay_kind = layer, kind
        self._overlay_box = box
        return box, v

    def _present_overlay(self) -> None:
        """Show the overlay once its content is complete (so its layout is right at once)."""
        m = self._metrics or self.metrics()
        box = self._overlay_box
        wanted = min(m.width - 2 * m.margin, max(m.target * 7, round(m.width * (0.8 if m.portrait else 0.5))))
        box.setFixedWidth(min(self.width(), max(wanted, box.layout().minimumSize().width())))
        self._overlay.layout().activate()
        self._overlay.setGeometry(self.rect())
        self._overlay.show()
        self._overlay.raise_()
        self._place_hotspot()

    def _close_overlay(self) -> None:
        if self._overlay is not None:
            self._overlay.hide()
            self._overlay.deleteLater()
        self._overlay, self._overlay_kind = None, ""

    def overlay(self) -> QFrame | None:
        return self._overlay

    def _open_pin(self) -> None:
        if self._overlay_kind == "pin":
            return
        if self._setup is None and not self._pin_exists():
            self._leave()  # no PIN was ever set: nothing to protect, nothing to check against
            return
        self._tick.stop()
        m = self._metrics or self.metrics()
        self._pin_text = ""
        box, v = self._open_overlay("pin")
        v.addWidget(self._title("PIN petugas"))
        self._pin_display = QLabel()
        self._pin_display.setObjectName("layar-teks")
        self._pin_display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._pin_display.setMinimumHeight(m.button_height)
        v.addWidget(self._pin_display)
        self._pin_msg = QLabel("Masukkan PIN untuk menutup kios.")
        self._pin_msg.setObjectName("kecil")
        self._pin_msg.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._pin_msg.setWordWrap(True)
        v.addWidget(self._pin_msg)
        pad = NumberPad(m)
        pad.setObjectName("papan-pin")
        pad.digit.connect(self._pin_digit)
        pad.backspace.connect(self._pin_back)
        v.addWidget(pad, 0, Qt.AlignmentFlag.AlignHCenter)
        row = QHBoxLayout()
        cancel = big_button("Batal", m, "batal")
        cancel.clicked.connect(self._pin_cancel)
        ok = big_button("OK", m, "ok", primary=True)
        ok.clicked.connect(self._pin_ok)
        row.addWidget(cancel)
        row.addWidget(ok)
        v.addLayout(row)
        self._refresh_pin()
        self._present_overlay()
        # the PIN pad also closes by itself when nobody touches it
        self._idle.start(max(1, int(self.settings.batas_diam * 1000)))

    def _refresh_pin(self) -> None:
        self._pin_display.setText("●" * len(self._pin_text) or " ")

    def _pin_digit(self, d: str) -> None:
        if len(self._pin_text) < ks.PIN_MAX:
            self._pin_text += d
            self._refresh_pin()

    def _pin_back(self) -> None:
        self._pin_text = self._pin_text[:-1]
        self._refresh_pin()

    def _pin_cancel(self) -> None:
        self._close_overlay()
        self._restart_idle()

    def _pin_ok(self) -> None:
        now = self.clock()
        if now < self._pin_locked_until:
            self._pin_text = ""
            self._refresh_pin()
            self._pin_msg.setText("Terlalu banyak PIN salah. Tunggu 30 detik lalu coba lagi.")
            return
        if ks.verify_pin(self.db, self._pin_text):
            self._leave()
            return
        self._pin_failures += 1
        self._pin_text = ""
        self._refresh_pin()
        if self._pin_failures >= PIN_LOCK_AFTER:
            self._pin_failures = 0
            self._pin_locked_until = now + PIN_LOCK_MS
            self._pin_msg.setText("PIN salah 3 kali. Tunggu 30 detik lalu coba lagi.")
        else:
            self._pin_msg.setText("PIN salah. Coba lagi.")

    def _leave(self) -> None:
        self._may_close = True
        self._idle.stop()
        self._tick.stop()
        self._thanks_timer.stop()
        self._reassert_timer.stop()
        self._watchdog.stop()
        QApplication.instance().removeEventFilter(self)
        self.exited.emit()
        self.close()

    # ------------------------------------------------------------ lock-down
    def _place_hotspot(self) -> None:
        side = (self._metrics or self.metrics()).target + 20
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
            shown = self._shown_ms
            self._show(self._screen_name or "welcome")
            self._shown_ms = shown
        self._place_hotspot()

    def closeEvent(self, e) -> None:
        if self._may_close:
            e.accept()
        else:
            e.ignore()

    @staticmethod
    def _is_blocked_key(e) -> bool:
        """Escape, Alt+F4, Ctrl+W, Ctrl+Q and every other Ctrl/Alt/Meta shortcut."""
        mods = e.modifiers()
        if (e.key(), mods) in BLOCKED_KEYS:
            return True
        if e.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Close, Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return True
        return bool(mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                            | Qt.KeyboardModifier.MetaModifier))

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        t = e.type()
        if t in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress) \
                and isinstance(obj, QWidget) and obj.window() is self:
            if self._overlay_kind == "countdown":
                self._continue_session()  # any tap means "I am still here"
            elif self._overlay_kind == "pin":
                self._idle.start()
            elif self._idle.isActive():
                self._restart_idle()
        if t in (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride) and self._is_blocked_key(e):
            e.accept()
            return True
        return False

    def keyPressEvent(self, e) -> None:
        e.accept()  # physical keys do nothing in the kiosk

    def changeEvent(self, e) -> None:
        super().changeEvent(e)
        if getattr(self, "_may_close", True) or not getattr(self, "_locked", False):
            return  # still being built, leaving, or not locked (tests, screenshots)
        if e.type() in (QEvent.Type.ActivationChange, QEvent.Type.WindowStateChange) and self._displaced():
            self._reassert_timer.start()

    def _displaced(self) -> bool:
        """Minimised, no longer full screen, hidden, or another window has the focus."""
        state = self.windowState()
        return (bool(state & Qt.WindowState.WindowMinimized) or not (state & Qt.WindowState.WindowFullScreen)
                or not self.isVisible() or not self.isActiveWindow())

    def lock(self) -> None:
        """Full screen on top, and keep it so (the watchdog catches what no event reports)."""
        self._locked = True
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self._watchdog.start()

    def _watch(self) -> None:
        if not self._may_close and self._displaced():
            self._reassert()

    def _reassert(self) -> None:
        """Take the whole screen and the focus back."""
        if self._may_close:
            return
        state = self.windowState()
        if state & Qt.WindowState.WindowMinimized or not (state & Qt.WindowState.WindowFullScreen) \
                or not self.isVisible():
            self.setWindowState((state & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowFullScreen)
            self.showFullScreen()
        self.raise_()
        self.activateWindow()

    # ------------------------------------------------------------ test helpers
    def find_button(self, key: str) -> QPushButton | None:
        """The visible button with the given key (``mulai``, ``jawaban-3``, ``opsi-0``…)."""
        root = self._overlay if self._overlay is not None else self.current_screen()
        for b in root.findChildren(QPushButton):
            if b.property("kunci") == key or b.objectName() == f"tombol-{key}" or b.objectName() == key:
                return b
        return None
