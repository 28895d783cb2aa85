"""The kiosk's screens: one builder per :class:`~.flow.Screen`.

A builder only lays out widgets for the flow's current step and connects the
buttons to the window's handlers (through ``window.on_tap``, which applies the
flow's tap gate). No state lives here except the few labels a handler updates
(the age display, the saran box).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPixmap, QTextOption
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

from skm_desktop.ui.widgets import make_label

from .flow import Screen, Step, breakable
from .style import Metrics, face_pixmap
from .widgets import Keyboard, NumberPad, WrapButton, big_button

if TYPE_CHECKING:
    from .window import KioskWindow

CHAR_TITLES = {
    "jenis_kelamin": "Jenis kelamin Anda?",
    "usia": "Berapa usia Anda?",
    "pendidikan": "Pendidikan terakhir Anda?",
    "pekerjaan": "Pekerjaan utama Anda?",
}


def centred_text(text: str, name: str = "") -> QLabel:
    """A word-wrapped, centred text; ``name`` is its object name in the kiosk style sheet."""
    return make_label(text, name, wrap=True, align=Qt.AlignmentFlag.AlignCenter)


def title(text: str, name: str = "judul") -> QLabel:
    return centred_text(text, name)


def small(text: str, bold: bool = False) -> QLabel:
    lab = QLabel(text)
    lab.setObjectName("kecil-tebal" if bold else "kecil")
    lab.setWordWrap(True)
    return lab


def centred_row(*widgets: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    for w in widgets:
        row.addWidget(w)
    row.addStretch(1)
    return row


class Screens:
    """Builds the widget of a step for ``window`` at the metrics ``m``."""

    def __init__(self, window: KioskWindow) -> None:
        self.w = window
        self.m: Metrics | None = None
        self.usia_display: QLabel | None = None
        self.usia_msg: QLabel | None = None
        self.saran_display: QPlainTextEdit | None = None
        self.keyboard: Keyboard | None = None

    def build(self, step: Step, m: Metrics) -> QWidget:
        self.m = m
        s = step.screen
        if s is Screen.WELCOME:
            return self.welcome()
        if s is Screen.LAYANAN:
            return self.layanan()
        if s is Screen.CHAR:
            return self.usia() if step.char == "usia" else self.char(step.char)
        if s is Screen.UNSUR:
            return self.unsur(step.index)
        if s is Screen.SARAN:
            return self.saran()
        if s is Screen.CONFIRM:
            return self.confirm()
        if s is Screen.THANKS:
            return self.thanks()
        return self.failed()

    # ------------------------------------------------------------ pieces
    def page(self) -> tuple[QWidget, QVBoxLayout]:
        m = self.m
        w = QWidget()
        v = QVBoxLayout(w)
        v.setContentsMargins(m.margin, m.margin, m.margin, m.margin)
        v.setSpacing(m.spacing)
        return w, v

    def progress(self) -> QLabel:
        n, total = self.w.flow.progress
        lab = QLabel(f"Langkah {n} dari {total}")
        lab.setObjectName("kecil")
        lab.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return lab

    def nav(
        self,
        v: QVBoxLayout,
        skip: Callable[[], None] | None = None,
        skip_text: str = "Lewati",
        next_: Callable[[], None] | None = None,
        next_text: str = "Lanjut",
    ) -> None:
        m, w = self.m, self.w
        row = QHBoxLayout()
        row.setSpacing(m.spacing)
        back = big_button("◀  Kembali", m, "kembali")
        back.setObjectName("navigasi")
        back.setProperty("kunci", "kembali")
        back.clicked.connect(w.on_tap(w.go_back))
        row.addWidget(back)
        row.addStretch(1)
        if skip is not None:
            b = big_button(skip_text, m, "lewati")
            b.clicked.connect(w.on_tap(skip))
            row.addWidget(b)
        if next_ is not None:
            b = big_button(next_text + "  ▶", m, "lanjut", primary=True)
            b.clicked.connect(w.on_tap(next_))
            row.addWidget(b)
        v.addLayout(row)

    def choices(self, v: QVBoxLayout, options, on_choose: Callable[[str], None], selected=None) -> list[WrapButton]:
        m = self.m
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
            b.clicked.connect(self.w.on_tap(lambda o=opt: on_choose(o), reading=True))
            grid.addWidget(b, i // cols, i % cols)
            buttons.append(b)
        if m.portrait:
            v.addLayout(grid)
            v.addStretch(1)  # spare height stays below the choices, not inside the title
        else:
            v.addLayout(grid, 1)
        return buttons

    # ------------------------------------------------------------ screens
    def welcome(self) -> QWidget:
        m, win = self.m, self.w
        w, v = self.page()
        v.addStretch(1)
        setup = win.setup
        if setup is None:
            v.addWidget(title("Kios survei belum dapat dijalankan"))
            msg = QLabel(win.error or "")
            msg.setObjectName("pesan-salah")
            msg.setWordWrap(True)
            msg.setAlignment(Qt.AlignmentFlag.AlignCenter)
            v.addWidget(msg)
            v.addStretch(1)
            retry = big_button("Coba lagi", m, "coba-lagi", primary=True)
            retry.clicked.connect(win.on_tap(win.retry))
            close = big_button("Tutup kios", m, "tutup")
            close.clicked.connect(win.on_tap(win.close_unready))
            v.addLayout(centred_row(retry, close))
            v.addStretch(1)
            return w
        if setup.logo:
            pix = QPixmap()
            if pix.loadFromData(setup.logo):
                logo = QLabel()
                side = m.face * 2
                logo.setPixmap(
                    pix.scaled(
                        QSize(side, side),
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
                logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
                v.addWidget(logo)
        v.addWidget(title(setup.unit_nama, "unit"))
        v.addWidget(title("Survei Kepuasan Masyarakat"))
        text = QLabel(win.settings.teks_sambutan)
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(text)
        faces = []
        for value in (1, 2, 3, 4):
            f = QLabel()
            f.setPixmap(face_pixmap(value, max(48, m.face // 2)))
            faces.append(f)
        v.addLayout(centred_row(*faces))
        v.addStretch(1)
        start = big_button("Mulai", m, "mulai", primary=True)
        start.setMinimumHeight(round(m.button_height * 1.4))
        start.setMinimumWidth(max(m.target * 4, round(m.width * (0.6 if m.portrait else 0.4))))
        start.clicked.connect(win.on_tap(win.begin))
        v.addLayout(centred_row(start))
        v.addStretch(1)
        note = QLabel("Jawaban Anda tanpa nama dan hanya dipakai untuk perbaikan pelayanan.")
        note.setObjectName("kecil")
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(note)
        return w

    def layanan(self) -> QWidget:
        win = self.w
        w, v = self.page()
        v.addWidget(self.progress())
        v.addWidget(title("Layanan apa yang Anda terima hari ini?"))
        self.choices(v, win.setup.layanan, win.choose_layanan, win.flow.answers.layanan)
        self.nav(v)
        return w

    def char(self, key: str) -> QWidget:
        win = self.w
        setup = win.setup
        options = {"jenis_kelamin": setup.jenis_kelamin, "pendidikan": setup.pendidikan, "pekerjaan": setup.pekerjaan}[
            key
        ]
        w, v = self.page()
        v.addWidget(self.progress())
        v.addWidget(title(CHAR_TITLES[key]))
        hint = QLabel("Boleh dilewati.")
        hint.setObjectName("kecil")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(hint)
        self.choices(v, options, lambda o: win.choose_char(key, o), win.flow.answers.chars.get(key))
        self.nav(v, skip=lambda: win.choose_char(key, None))
        return w

    def usia(self) -> QWidget:
        m, win = self.m, self.w
        w, v = self.page()
        v.addWidget(self.progress())
        v.addWidget(title(CHAR_TITLES["usia"]))
        display = QLabel()
        display.setObjectName("layar-teks")
        display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        display.setMinimumHeight(m.button_height)
        display.setMinimumWidth(m.target * 4)
        self.usia_display = display
        msg = QLabel("Ketik usia dalam tahun, atau lewati.")
        msg.setObjectName("kecil")
        msg.setAlignment(Qt.AlignmentFlag.AlignCenter)
        msg.setWordWrap(True)
        self.usia_msg = msg
        pad = NumberPad(m)
        pad.setObjectName("papan-angka")
        pad.digit.connect(win.usia_digit)
        pad.backspace.connect(win.usia_back)
        v.addStretch(1)
        v.addWidget(display, 0, Qt.AlignmentFlag.AlignHCenter)
        v.addWidget(msg)
        v.addWidget(pad, 0, Qt.AlignmentFlag.AlignHCenter)
        v.addStretch(1)
        self.refresh_usia()
        self.nav(v, skip=lambda: win.choose_char("usia", None), next_=win.usia_done)
        return w

    def refresh_usia(self) -> None:
        self.usia_display.setText((self.w.flow.usia_text or "—") + " tahun")

    def usia_error(self, text: str) -> None:
        self.usia_msg.setText(text)
        if self.usia_msg.objectName() != "pesan-salah":
            self.usia_msg.setObjectName("pesan-salah")
            self.usia_msg.style().unpolish(self.usia_msg)
            self.usia_msg.style().polish(self.usia_msg)

    def unsur(self, index: int) -> QWidget:
        m, win = self.m, self.w
        q = win.setup.questions[index]
        w, v = self.page()
        top = QLabel(f"Pertanyaan {index + 1} dari {len(win.setup.questions)} · {q.nama}")
        top.setObjectName("kecil")
        top.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top.setWordWrap(True)
        v.addWidget(top)
        v.addStretch(1)
        v.addWidget(title(q.pertanyaan, "pertanyaan"))
        v.addStretch(1)
        lay = QVBoxLayout() if m.portrait else QHBoxLayout()
        lay.setSpacing(m.spacing)
        chosen = win.flow.answers.values[index]
        for value in (1, 2, 3, 4):
            b = WrapButton(q.labels[value - 1], m, icon=face_pixmap(value, m.face), vertical=not m.portrait)
            b.setObjectName(f"jawaban-{value}")
            b.setProperty("kunci", f"jawaban-{value}")
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            b.set_selected(chosen == value)
            b.clicked.connect(win.on_tap(lambda i=index, val=value: win.answer(i, val), reading=True))
            lay.addWidget(b, 1)
        v.addLayout(lay, 3)
        v.addStretch(1)
        self.nav(v)
        return w

    def saran(self) -> QWidget:
        m, win = self.m, self.w
        w, v = self.page()
        v.addWidget(self.progress())
        v.addWidget(title("Ada saran untuk kami? (boleh dilewati)"))
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
        self.saran_display = display
        v.addWidget(display, 1)
        kb = Keyboard(m)
        kb.setObjectName("papan-ketik")
        kb.typed.connect(win.saran_type)
        kb.backspace.connect(win.saran_back)
        self.keyboard = kb
        v.addWidget(kb)
        self.refresh_saran()
        self.nav(v, skip=win.saran_skip, next_=win.go_next)
        return w

    def refresh_saran(self) -> None:
        text = self.w.flow.answers.saran
        self.saran_display.setPlainText(text + "▏" if text else "")
        bar = self.saran_display.verticalScrollBar()
        bar.setValue(bar.maximum())

    def confirm(self) -> QWidget:
        m, win = self.m, self.w
        w, v = self.page()
        v.addWidget(title("Periksa jawaban Anda"))
        grid = QGridLayout()
        grid.setHorizontalSpacing(m.spacing * 2)
        grid.setVerticalSpacing(max(2, m.spacing // 3))
        a = win.flow.answers
        row = 0
        if a.layanan:
            grid.addWidget(small("Layanan"), row, 0)
            grid.addWidget(small(a.layanan, bold=True), row, 1)
            row += 1
        for i, q in enumerate(win.setup.questions):
            val = a.values[i]
            grid.addWidget(small(q.nama), row, 0)
            face = QLabel()
            face.setPixmap(face_pixmap(val, max(20, m.small_font + 6)))
            cell = QHBoxLayout()
            cell.setSpacing(6)
            cell.addWidget(face)
            cell.addWidget(small(q.labels[val - 1], bold=True), 1)
            grid.addLayout(cell, row, 1)
            row += 1
        if a.saran:
            shown = a.saran if len(a.saran) <= 160 else a.saran[:160].rstrip() + "…"
            grid.addWidget(small("Saran"), row, 0)
            grid.addWidget(small(breakable(shown), bold=True), row, 1)
        grid.setColumnStretch(1, 1)
        v.addLayout(grid)
        v.addStretch(1)
        hint = QLabel("Ketuk “Kirim” untuk menyimpan, atau “Kembali” untuk mengubah jawaban.")
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(hint)
        self.nav(v, next_=win.submit_tap, next_text="Kirim")
        return w

    def thanks(self) -> QWidget:
        m = self.m
        w, v = self.page()
        v.addStretch(2)
        face = QLabel()
        face.setPixmap(face_pixmap(4, m.face * 2))
        face.setAlignment(Qt.AlignmentFlag.AlignCenter)
        v.addWidget(face)
        v.addWidget(title("Terima kasih!"))
        v.addWidget(centred_text("Penilaian Anda sudah kami terima dan akan dipakai untuk memperbaiki pelayanan."))
        v.addStretch(2)
        self._back_to_start(v, "Selesai")
        return w

    def _back_to_start(self, v: QVBoxLayout, text: str) -> None:
        """The big button that ends the respondent's turn, centred at the foot of the screen."""
        done = big_button(text, self.m, "selesai", primary=True)
        done.clicked.connect(self.w.on_tap(self.w.reset))
        v.addLayout(centred_row(done))
        v.addStretch(1)

    def failed(self) -> QWidget:
        win = self.w
        w, v = self.page()
        v.addStretch(1)
        v.addWidget(title("Maaf, jawaban belum tersimpan"))
        v.addWidget(
            centred_text(
                win.failure + "\nJawaban Anda disimpan sementara untuk petugas. Silakan beri tahu petugas.",
                "pesan-salah",
            )
        )
        v.addStretch(1)
        self._back_to_start(v, "Kembali ke awal")
        return w
