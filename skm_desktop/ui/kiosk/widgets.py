"""Touch widgets of the kiosk: buttons whose text wraps, an answer button with
a face, the on-screen keyboard and the number pad (no OS keyboard needed)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from .style import Metrics


class WrapButton(QPushButton):
    """A push button whose (long) text wraps over several lines.

    The text is held by a child label that lets taps through, so the whole
    button is the touch target."""

    def __init__(
        self, text: str, m: Metrics, icon: QPixmap | None = None, vertical: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(text)
        self._label = QLabel(text)
        self._label.setWordWrap(True)
        self._label.setAlignment(
            Qt.AlignmentFlag.AlignCenter
            if vertical or icon is None
            else Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
        )
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        lay = QVBoxLayout(self) if vertical else QHBoxLayout(self)
        lay.setContentsMargins(m.spacing, m.spacing // 2, m.spacing, m.spacing // 2)
        lay.setSpacing(m.spacing)
        self.icon_label = None
        if icon is not None:
            self.icon_label = QLabel()
            self.icon_label.setPixmap(icon)
            self.icon_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.icon_label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            lay.addWidget(self.icon_label, 0, Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self._label, 1)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        min_h = m.button_height
        if icon is not None:
            min_h = max(min_h, icon.height() + m.spacing * 2 + (m.font * 3 if vertical else 0))
        self.setMinimumHeight(min_h)

    def text(self) -> str:  # noqa: D401 - the visible text
        return self._label.text()

    def set_selected(self, on: bool) -> None:
        self.setProperty("terpilih", "true" if on else "false")
        self.style().unpolish(self)
        self.style().polish(self)


def big_button(text: str, m: Metrics, name: str, primary: bool = False) -> QPushButton:
    b = QPushButton(text)
    b.setObjectName("utama" if primary else "navigasi")
    b.setProperty("kunci", name)
    b.setAccessibleName(text)
    b.setMinimumHeight(m.button_height)
    b.setMinimumWidth(max(m.target * 3, m.font * 7))
    b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return b


class Keyboard(QWidget):
    """A QWERTY keyboard for the saran. Emits typed text and backspace."""

    typed = Signal(str)
    backspace = Signal()

    ROWS = ("1234567890", "qwertyuiop", "asdfghjkl", "zxcvbnm,.")

    def __init__(self, m: Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shift = True  # the first letter of a sentence is a capital
        self._letters: list[QPushButton] = []
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(max(6, m.spacing // 2))
        key_h = max(m.target, round(m.font * (2.8 if m.portrait else 2.2)))
        cols = 11
        for r, row in enumerate(self.ROWS):
            offset = 0 if r < 2 else 1 if r == 3 else 0
            for c, ch in enumerate(row):
                b = self._key(ch, key_h, m)
                if ch.isalpha():
                    self._letters.append(b)
                b.clicked.connect(lambda _=False, b=b: self._type(b.property("huruf")))
                grid.addWidget(b, r, c + offset)
        bs = self._key("⌫", key_h, m, name="hapus")
        bs.setAccessibleName("Hapus")
        bs.clicked.connect(self.backspace)
        grid.addWidget(bs, 2, 9, 1, 2)
        shift = self._key("⇧", key_h, m, name="shift")
        shift.setAccessibleName("Huruf besar")
        shift.clicked.connect(self._toggle_shift)
        self._shift_button = shift
        grid.addWidget(shift, 3, 0, 1, 1)
        grid.addWidget(self._key_with("?", key_h, m), 3, 10)
        space = self._key("Spasi", key_h, m, name="spasi")
        space.clicked.connect(lambda: self._type(" "))
        grid.addWidget(space, 4, 2, 1, 7)
        grid.addWidget(self._key_with("-", key_h, m), 4, 1)
        grid.addWidget(self._key_with("!", key_h, m), 4, 9)
        grid.addWidget(self._key_with("/", key_h, m), 0, 10)
        grid.addWidget(self._key_with("'", key_h, m), 1, 10)
        for c in range(cols):
            grid.setColumnStretch(c, 1)
        self._refresh()

    def _key_with(self, ch: str, h: int, m: Metrics) -> QPushButton:
        b = self._key(ch, h, m)
        b.clicked.connect(lambda _=False: self._type(ch))
        return b

    def _key(self, text: str, h: int, m: Metrics, name: str | None = None) -> QPushButton:
        b = QPushButton(text)
        b.setProperty("huruf", text)
        b.setObjectName(f"tombol-{name or text}")
        b.setMinimumHeight(h)
        b.setMinimumWidth(m.target)
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.setAutoRepeat(name == "hapus")
        return b

    def key(self, ch: str) -> QPushButton:
        """The button for a character (tests and screenshots)."""
        return self.findChild(QPushButton, f"tombol-{ch}")

    def _type(self, ch: str) -> None:
        if ch.isalpha() and self._shift:
            ch = ch.upper()
            self._shift = False
            self._refresh()
        self.typed.emit(ch)
        if ch in ".!?":
            self._shift = True
            self._refresh()

    def _toggle_shift(self) -> None:
        self._shift = not self._shift
        self._refresh()

    def _refresh(self) -> None:
        for b in self._letters:
            ch = b.property("huruf")
            b.setText(ch.upper() if self._shift else ch)
        self._shift_button.setProperty("terpilih", "true" if self._shift else "false")
        self._shift_button.style().unpolish(self._shift_button)
        self._shift_button.style().polish(self._shift_button)


class NumberPad(QWidget):
    """Digits 0–9 and a delete key, for the age and the exit PIN."""

    digit = Signal(str)
    backspace = Signal()

    def __init__(self, m: Metrics, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(max(8, m.spacing // 2))
        side = max(m.target, round(m.font * (3.0 if m.portrait else 2.6)))
        for i, d in enumerate("123456789"):
            grid.addWidget(self._button(d, side), i // 3, i % 3)
        grid.addWidget(self._button("0", side), 3, 1)
        bs = QPushButton("⌫")
        bs.setObjectName("tombol-hapus")
        bs.setAccessibleName("Hapus")
        bs.setMinimumSize(side, side)
        bs.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        bs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        bs.clicked.connect(self.backspace)
        grid.addWidget(bs, 3, 2)
        self.setMaximumWidth(side * 3 * 2)

    def _button(self, d: str, side: int) -> QPushButton:
        b = QPushButton(d)
        b.setObjectName(f"tombol-{d}")
        b.setMinimumSize(side, side)
        b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        b.clicked.connect(lambda _=False: self.digit.emit(d))
        return b

    def key(self, d: str) -> QPushButton:
        return self.findChild(QPushButton, f"tombol-{d}")
