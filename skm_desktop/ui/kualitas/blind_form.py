"""The blind second-entry form of verification: one line edit per base field with a
live hint of the parsed value, and single-key answer cells that move on by
themselves. It only ever knows the field list, never a stored value."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.isian import BASE_FIELDS, Isian, parse_value, show_value
from skm_desktop.ui.gaya import peran, status


# ---------------------------------------------------------------- blind keying form
class AnswerCell(QLineEdit):
    """One answer: 1–4 (or a–d); 0, '-' or space = blank. Typing moves on."""

    advance = Signal()
    back = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMaxLength(1)
        self.setFixedWidth(44)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        f = self.font()
        f.setPointSize(f.pointSize() + 3)
        f.setBold(True)
        self.setFont(f)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        t = e.text().lower()
        if t and t in "1234abcd":
            self.setText(t)
            self.advance.emit()
            return
        if t and t in "0- ":
            self.setText("-")
            self.advance.emit()
            return
        if e.key() == Qt.Key.Key_Backspace and not self.text():
            self.back.emit()
            return
        if e.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.clear()
            return
        if e.key() in (Qt.Key.Key_Left,):
            self.back.emit()
            return
        if e.key() in (Qt.Key.Key_Right,):
            self.advance.emit()
            return
        if t and t.isprintable():
            return  # any other character is refused silently (the cell shows only valid keys)
        super().keyPressEvent(e)


class BlindForm(QWidget):
    """The second-entry form. It only knows the field list — never a stored value."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fields: list[Isian] = []
        self.edits: dict[str, QLineEdit] = {}
        self.hints: dict[str, QLabel] = {}
        self.keys = 0
        self.started: float | None = None
        self._grid = QGridLayout(self)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(6)

    def set_fields(self, fields: list[Isian]) -> None:
        while self._grid.count():
            w = self._grid.takeAt(0).widget()
            if w is not None:
                w.deleteLater()
        self.fields, self.edits, self.hints = fields, {}, {}
        base = [f for f in fields if f.key in dict(BASE_FIELDS)]
        answers = [f for f in fields if f.key not in dict(BASE_FIELDS)]
        placeholders = {"tanggal": "HHBBTTTT", "usia": "tahun"}
        for r, f in enumerate(base):
            lab = QLabel(f.label + ":")
            e = QLineEdit()
            e.setObjectName(f"isian_{f.key}")
            e.setFixedWidth(130 if f.key == "tanggal" else 70)
            e.setPlaceholderText(placeholders.get(f.key, "kode"))
            if f.pilihan:
                e.setToolTip("Ketik kodenya: " + ", ".join(f"{i} = {x}" for i, x in enumerate(f.pilihan, 1)))
            hint = QLabel("")
            hint.setMinimumWidth(230)
            hint.setMaximumWidth(300)
            hint.setWordWrap(True)
            peran(hint, "keterangan")
            e.textChanged.connect(lambda _t, k=f.key: self._show_hint(k))
            e.returnPressed.connect(lambda k=f.key: self._next_after(k))
            self._grid.addWidget(lab, r, 0)
            self._grid.addWidget(e, r, 1)
            self._grid.addWidget(hint, r, 2)
            self.edits[f.key], self.hints[f.key] = e, hint
        row = len(base)
        title = QLabel("Jawaban unsur (ketik 1–4; 0 atau spasi = kosong):")
        peran(title, "subjudul")
        self._grid.addWidget(title, row, 0, 1, 3)
        box = QWidget()
        h = QGridLayout(box)
        h.setContentsMargins(0, 0, 0, 0)
        h.setHorizontalSpacing(6)
        for i, f in enumerate(answers):
            cap = QLabel(f.label)
            cap.setAlignment(Qt.AlignmentFlag.AlignCenter)
            cell = AnswerCell()
            cell.setObjectName(f"isian_{f.key}")
            cell.advance.connect(lambda i=i: self._answer_next(i))
            cell.back.connect(lambda i=i: self._answer_back(i))
            h.addWidget(cap, 0, i)
            h.addWidget(cell, 1, i)
            self.edits[f.key] = cell
        h.setColumnStretch(len(answers), 1)
        self._grid.addWidget(box, row + 1, 0, 1, 3)
        legend = QLabel(self._legend_text(base))
        legend.setObjectName("kodeLegend")
        legend.setTextFormat(Qt.TextFormat.RichText)
        legend.setWordWrap(True)
        legend.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        peran(legend, "kotak-keterangan")
        self._grid.addWidget(legend, 0, 3, row + 3, 1)
        self._grid.setColumnStretch(2, 1)
        self._grid.setColumnStretch(3, 2)
        self._grid.setRowStretch(row + 2, 1)
        self._answers = [self.edits[f.key] for f in answers]
        for e in self.edits.values():
            e.installEventFilter(self)

    @staticmethod
    def _legend_text(base: list[Isian]) -> str:
        parts = ["<b>Kode pilihan</b> (boleh juga mengetik namanya)"]
        for f in base:
            if f.pilihan:
                items = "&nbsp;&nbsp; ".join(f"<b>{i}</b>&nbsp;{x}" for i, x in enumerate(f.pilihan, 1))
                parts.append(f"<u>{f.label}</u>: {items}")
        parts.append("<u>Tanggal</u>: ketik HHBBTTTT, misalnya 04072024 untuk 4 Juli 2024")
        parts.append("Enter pindah ke isian berikutnya; setelah jawaban terakhir kuesioner langsung disimpan.")
        return "<br><br>".join(parts)

    # navigation
    def _next_after(self, key: str) -> None:
        keys = [f.key for f in self.fields]
        i = keys.index(key)
        if i + 1 < len(keys):
            self.edits[keys[i + 1]].setFocus()
            self.edits[keys[i + 1]].selectAll()

    def _answer_next(self, i: int) -> None:
        if i + 1 < len(self._answers):
            self._answers[i + 1].setFocus()
        else:
            self.submitted.emit()

    def _answer_back(self, i: int) -> None:
        if i > 0:
            self._answers[i - 1].setFocus()
        else:
            base = [f.key for f in self.fields if f.key in self.hints]
            if base:
                self.edits[base[-1]].setFocus()

    def eventFilter(self, obj: QObject, ev: QEvent) -> bool:
        if ev.type() == QEvent.Type.KeyPress:
            self.keys += 1
            if self.started is None:
                self.started = time.monotonic()
            if isinstance(obj, AnswerCell) and ev.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.submitted.emit()
                return True
        return super().eventFilter(obj, ev)

    def _show_hint(self, key: str) -> None:
        f = next(x for x in self.fields if x.key == key)
        text = self.edits[key].text()
        if not text.strip():
            self.hints[key].setText("(kosong)" if f.key != "tanggal" else "")
            status(self.hints[key], "netral")
            return
        try:
            value = parse_value(f, text)
            self.hints[key].setText(show_value(key, value))
            status(self.hints[key], "baik")
        except DomainError as e:
            self.hints[key].setText(str(e))
            status(self.hints[key], "salah")

    # data
    def values(self) -> dict[str, str]:
        return {k: e.text() for k, e in self.edits.items()}

    def reset(self) -> None:
        for e in self.edits.values():
            e.clear()
        self.keys, self.started = 0, None
        if self.fields:
            self.edits[self.fields[0].key].setFocus()

    def elapsed_ms(self) -> int:
        return 0 if self.started is None else int((time.monotonic() - self.started) * 1000)

    def focus_field(self, key: str) -> None:
        e = self.edits.get(key)
        if e is not None:
            e.setFocus()
            e.selectAll()
