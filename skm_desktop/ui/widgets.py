"""Small widgets shared by the wizard and the Pengaturan pages: the unsur set
editor, the logo picker, a choice-list editor and message helpers."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QEvent, QIODevice, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from skm_desktop import palette
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.formatting import angka, parse_angka
from skm_desktop.domain.numbers import to_fraction
from skm_desktop.domain.unsur import MIN_UNSUR, BobotMode, Unsur, UnsurSet, renumber
from skm_desktop.services.setup import ChoiceItem

from .gaya import peran, status

LOGO_MAX_SIDE = 400
MODES = (BobotMode.STANDAR, BobotMode.EKSAK, BobotMode.KUSTOM)


def show_error(parent: QWidget | None, message: str, title: str = "Tidak dapat disimpan") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("Tutup")
    box.exec()


def ask(parent: QWidget | None, title: str, message: str, yes: str = "Ya", no: str = "Batal") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, message, QMessageBox.StandardButton.NoButton, parent)
    b_yes = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    b_no = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(b_no)
    box.exec()
    return box.clickedButton() is b_yes


class StatusLabel(QLabel):
    """A one-line message under a form: red for a refusal, green for done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def error(self, text: str) -> None:
        status(self, "salah")
        self.setText(text)
        self.show()

    def ok(self, text: str) -> None:
        status(self, "baik")
        self.setText(text)
        self.show()

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


# ---------------------------------------------------------------- logo
def image_to_png_bytes(image: QImage) -> bytes:
    if image.width() > LOGO_MAX_SIDE or image.height() > LOGO_MAX_SIDE:
        image = image.scaled(
            LOGO_MAX_SIDE, LOGO_MAX_SIDE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


class LogoPicker(QWidget):
    """Preview of the unit's logo with 'Pilih logo…' and 'Hapus logo'."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: bytes | None = None
        self.preview = QLabel("Belum ada logo")
        self.preview.setFixedSize(96, 96)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)
        self.preview.setWordWrap(True)
        self.pick_button = QPushButton("Pilih logo…")
        self.clear_button = QPushButton("Hapus logo")
        self.pick_button.clicked.connect(self._pick)
        self.clear_button.clicked.connect(lambda: self.set_logo(None, emit=True))
        self.message = StatusLabel()
        buttons = QVBoxLayout()
        buttons.addWidget(self.pick_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(peran(QLabel("PNG atau JPG; diperkecil otomatis."), "catatan"))
        buttons.addStretch(1)
        column = QWidget()
        column.setLayout(buttons)
        column.setMaximumWidth(260)
        buttons.setContentsMargins(0, 0, 0, 0)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.preview)
        lay.addWidget(column)
        lay.addWidget(self.message, 1)
        lay.addStretch(0)
        self.set_logo(None)

    def logo(self) -> bytes | None:
        return self._data

    def set_logo(self, data: bytes | None, emit: bool = False) -> None:
        self._data = data or None
        if self._data:
            pm = QPixmap()
            pm.loadFromData(self._data)
            self.preview.setPixmap(
                pm.scaled(92, 92, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation)
            )
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText("Belum ada logo")
        self.clear_button.setEnabled(self._data is not None)
        if emit:
            self.changed.emit()

    def load_file(self, path: str) -> bool:
        image = QImage(path)
        if image.isNull():
            self.message.error(f"Berkas '{path}' bukan gambar yang dapat dibaca (pilih PNG atau JPG).")
            return False
        self.message.clear_message()
        self.set_logo(image_to_png_bytes(image), emit=True)
        return True

    def _pick(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Pilih logo unit", "", "Gambar (*.png *.jpg *.jpeg *.bmp);;Semua berkas (*)"
        )
        if path:
            self.load_file(path)


# ---------------------------------------------------------------- unsur set editor
COL_KODE, COL_NAMA, COL_TANYA, COL_J1, COL_BOBOT = 0, 1, 2, 3, 7
ROW_PAD = 6
HEADERS = ("Kode", "Nama unsur", "Pertanyaan", "Jawaban 1", "Jawaban 2", "Jawaban 3", "Jawaban 4", "Bobot")


class UnsurEditor(QWidget):
    """Edit an unsur set: names, questions, answer texts, order, added unsur,
    and the weights mode. A frozen set (the period already has questionnaires)
    keeps its order and number of unsur; texts and mode stay editable."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._frozen = False
        self._loading = False
        self._definisi: list[str] = []
        self._bobot: list[Fraction | None] = []
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        # Long questions and answer texts wrap and rows grow to fit, so the whole
        # text can be compared with the paper form (nothing is cut off with '…').
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setSectionResizeMode(COL_TANYA, QHeaderView.ResizeMode.Stretch)
        hh.setMinimumSectionSize(40)
        for c, w in ((COL_KODE, 44), (COL_NAMA, 180), (3, 125), (4, 125), (5, 125), (6, 125), (COL_BOBOT, 60)):
            self.table.setColumnWidth(c, w)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.sectionResized.connect(lambda *_: self._fit_later())
        self._viewport = self.table.viewport()
        self._viewport.installEventFilter(self)
        self._fit_pending = False
        self.table.itemChanged.connect(self._item_changed)

        self.mode = QComboBox()
        for m in MODES:
            self.mode.addItem(m.label, m.value)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.add_button = QPushButton("Tambah unsur")
        self.remove_button = QPushButton("Hapus unsur")
        self.up_button = QPushButton("Naik")
        self.down_button = QPushButton("Turun")
        self.standard_button = QPushButton("9 unsur standar")
        self.standard_button.setToolTip("Kembalikan ke 9 unsur standar PermenPAN-RB 14/2017.")
        self.standard_button.clicked.connect(self.load_standard)
        self.add_button.clicked.connect(self.add_unsur)
        self.remove_button.clicked.connect(self.remove_selected)
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.frozen_note = QLabel()
        self.frozen_note.setWordWrap(True)
        peran(self.frozen_note, "pemberitahuan")
        self.frozen_note.hide()
        self.info = QLabel()
        self.info.setWordWrap(True)
        peran(self.info, "keterangan")

        top = QHBoxLayout()
        top.addWidget(QLabel("Bobot unsur:"))
        top.addWidget(self.mode, 1)
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button, self.standard_button):
            top.addWidget(b)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.frozen_note)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.info)

    # -- loading
    def set_unsur_set(self, us: UnsurSet, frozen: bool = False, n_kuesioner: int = 0) -> None:
        self._loading = True
        self._frozen = frozen
        self.table.setRowCount(0)
        self._definisi = []
        self._bobot = []
        for u in us.unsur:
            self._append_row(u)
        self.mode.setCurrentIndex(MODES.index(us.mode))
        self._loading = False
        if frozen:
            self.frozen_note.setText(
                f"Set unsur periode ini terkunci karena sudah ada {angka(n_kuesioner)} kuesioner: urutan, kode, "
                "dan jumlah unsur tidak dapat diubah lagi (jawaban yang tersimpan akan tertukar). "
                "Nama unsur, pertanyaan, teks jawaban, dan cara pembobotan tetap dapat diubah. "
                "Untuk set unsur yang berbeda, buat periode baru."
            )
            self.frozen_note.show()
        else:
            self.frozen_note.hide()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button, self.standard_button):
            b.setEnabled(not frozen)
            b.setToolTip("Set unsur terkunci karena periode sudah berisi kuesioner." if frozen else "")
        self._refresh_weights()

    def _append_row(self, u: Unsur) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        values = (u.kode, u.nama, u.pertanyaan, *u.labels)
        for c, v in enumerate(values):
            it = QTableWidgetItem(v)
            if c == COL_KODE:
                it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if c != COL_KODE:
                it.setToolTip(v)
            self.table.setItem(r, c, it)
        self.table.setItem(r, COL_BOBOT, QTableWidgetItem(""))
        self._definisi.append(u.definisi)
        self._bobot.append(u.bobot)

    # -- editing
    def frozen(self) -> bool:
        return self._frozen

    def current_mode(self) -> BobotMode:
        return BobotMode(self.mode.currentData())

    def add_unsur(self) -> None:
        if self._frozen:
            return
        n = self.table.rowCount() + 1
        self._loading = True
        self._append_row(Unsur(kode=f"U{n}", nama=f"Unsur tambahan {n}"))
        self._loading = False
        self._refresh_weights()
        self.table.setCurrentCell(n - 1, COL_NAMA)
        self.table.editItem(self.table.item(n - 1, COL_NAMA))
        self.changed.emit()

    def load_standard(self) -> None:
        """Back to the 9 standard unsur (keeps the chosen weights mode)."""
        if self._frozen:
            return
        from skm_desktop.services.forms import standard_unsur_set

        mode = self.current_mode()
        us = standard_unsur_set()
        self.set_unsur_set(UnsurSet(us.unsur, mode if mode is not BobotMode.KUSTOM else us.mode))
        self.changed.emit()

    def remove_selected(self) -> None:
        r = self.table.currentRow()
        if self._frozen or r < 0:
            return
        self.table.removeRow(r)
        del self._definisi[r]
        del self._bobot[r]
        self._renumber()
        self.changed.emit()

    def move_selected(self, step: int) -> None:
        r = self.table.currentRow()
        j = r + step
        if self._frozen or r < 0 or not 0 <= j < self.table.rowCount():
            return
        self._loading = True
        for c in range(1, len(HEADERS)):
            a, b = self.table.takeItem(r, c), self.table.takeItem(j, c)
            self.table.setItem(r, c, b)
            self.table.setItem(j, c, a)
        self._definisi[r], self._definisi[j] = self._definisi[j], self._definisi[r]
        self._bobot[r], self._bobot[j] = self._bobot[j], self._bobot[r]
        self._loading = False
        self._renumber()
        self.table.setCurrentCell(j, self.table.currentColumn())
        self.changed.emit()

    def _renumber(self) -> None:
        self._loading = True
        for r in range(self.table.rowCount()):
            self.table.item(r, COL_KODE).setText(f"U{r + 1}")
        self._loading = False
        self._refresh_weights()

    def _mode_changed(self) -> None:
        if not self._loading:
            self._refresh_weights()
            self.changed.emit()

    def eventFilter(self, obj, event) -> bool:
        # the stretched question column changes width with the table: re-wrap
        if obj is self._viewport and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self._fit_later()
        return super().eventFilter(obj, event)

    def _fit_later(self) -> None:
        if not self._fit_pending:
            self._fit_pending = True
            QTimer.singleShot(0, self._fit_now)

    def _fit_now(self) -> None:
        self._fit_pending = False
        if shiboken6.isValid(self) and shiboken6.isValid(self.table):
            self.fit_rows()

    def fit_rows(self) -> None:
        """Grow each row to show its wrapped texts in full (with a little air)."""
        self.table.resizeRowsToContents()
        for r in range(self.table.rowCount()):
            self.table.setRowHeight(r, self.table.rowHeight(r) + ROW_PAD)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        self.table.resizeRowToContents(item.row())
        self.table.setRowHeight(item.row(), self.table.rowHeight(item.row()) + ROW_PAD)
        if item.column() != COL_BOBOT:
            item.setToolTip(item.text() if item.column() != COL_KODE else "")
        if item.column() == COL_BOBOT and self.current_mode() is BobotMode.KUSTOM:
            self._bobot[item.row()] = None  # re-read from the text
            self._update_info()
        self.changed.emit()

    def _refresh_weights(self) -> None:
        """Show the weights the domain computes (read-only unless kustom)."""
        self._loading = True
        kustom = self.current_mode() is BobotMode.KUSTOM
        shown = None
        if not kustom and self.table.rowCount():
            try:
                shown = UnsurSet(
                    tuple(Unsur(kode=f"U{i}", nama="x") for i in range(self.table.rowCount())), self.current_mode()
                ).weights
            except DomainError:
                shown = None
        for r in range(self.table.rowCount()):
            it = self.table.item(r, COL_BOBOT)
            if kustom:
                it.setFlags(it.flags() | Qt.ItemFlag.ItemIsEditable)
                it.setForeground(QColor(palette.TEXT))
                b = self._bobot[r]
                if b is not None or not it.text():
                    it.setText("" if b is None else angka(b, 4))
            else:
                it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
                it.setForeground(QColor(palette.TEXT_INACTIVE))
                it.setText(angka(shown[r], 3) if shown else "")
        self._loading = False
        self.fit_rows()
        self._update_info()

    def _update_info(self) -> None:
        n = self.table.rowCount()
        parts = [f"{n} unsur."]
        if n < MIN_UNSUR:
            parts.append(f"Peraturan mensyaratkan minimal {MIN_UNSUR} unsur.")
        if self.current_mode() is BobotMode.KUSTOM:
            parts.append("Isi bobot tiap unsur (lebih dari 0, jumlah semuanya 1), misalnya 0,15.")
            try:
                self.unsur_set()
                parts.append("Bobot sudah sah.")
            except DomainError as e:
                parts.append(str(e))
        self.info.setText(" ".join(parts))

    # -- result
    def unsur_set(self) -> UnsurSet:
        """The edited set; raises DomainError with a message naming the unsur."""
        if self.table.state() == QAbstractItemView.State.EditingState:
            self.table.setCurrentItem(None)  # commits the open editor
        mode = self.current_mode()
        items = []
        for r in range(self.table.rowCount()):
            text = [self.table.item(r, c).text().strip() for c in range(len(HEADERS))]
            kode = text[COL_KODE]
            for k, what in (
                (COL_NAMA, "nama unsur"),
                (3, "jawaban 1"),
                (4, "jawaban 2"),
                (5, "jawaban 3"),
                (6, "jawaban 4"),
            ):
                if not text[k]:
                    raise DomainError(f"Unsur {kode}: {what} belum diisi.")
            bobot = None
            if mode is BobotMode.KUSTOM:
                bobot = self._bobot[r]
                if bobot is None:
                    raw = text[COL_BOBOT]
                    if not raw:
                        raise DomainError(f"Bobot kustom unsur {kode} belum diisi.")
                    try:
                        bobot = to_fraction(parse_angka(raw, f"bobot unsur {kode}"))
                    except DomainError:
                        raise DomainError(f"Bobot unsur {kode} '{raw[:40]}' bukan angka (contoh: 0,15).") from None
            items.append(
                Unsur(
                    kode=kode,
                    nama=text[COL_NAMA],
                    pertanyaan=text[COL_TANYA],
                    labels=(text[3], text[4], text[5], text[6]),
                    definisi=self._definisi[r],
                    bobot=bobot,
                )
            )
        if not self._frozen:
            items = list(renumber(tuple(items)))
        return UnsurSet(tuple(items), mode)


# ---------------------------------------------------------------- choice list editor
class ChoiceListEditor(QWidget):
    """Rows of (pilihan, kode satu tombol) with add / remove / move."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(("Pilihan", "Kode"))
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 70)
        self.table.horizontalHeaderItem(1).setToolTip(
            "Satu tombol (huruf atau angka) untuk memilih isian ini di layar entri."
        )
        self.table.setTabKeyNavigation(True)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.table.itemChanged.connect(lambda _it: self.changed.emit())
        self.add_button = QPushButton("Tambah pilihan")
        self.remove_button = QPushButton("Hapus pilihan")
        self.up_button = QPushButton("Naik")
        self.down_button = QPushButton("Turun")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_row)
        self.up_button.clicked.connect(lambda: self.move_row(-1))
        self.down_button.clicked.connect(lambda: self.move_row(1))
        buttons = QHBoxLayout()
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)

    def set_items(self, items: list[ChoiceItem]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for it in items:
            self._append(it.label, it.kode)
        self.table.blockSignals(False)

    def _append(self, label: str, kode: str) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        self.table.setItem(r, 0, QTableWidgetItem(label))
        self.table.setItem(r, 1, QTableWidgetItem(kode))

    def items(self) -> list[ChoiceItem]:
        if self.table.state() == QAbstractItemView.State.EditingState:
            self.table.setCurrentItem(None)
        out = []
        for r in range(self.table.rowCount()):
            label = self.table.item(r, 0).text() if self.table.item(r, 0) else ""
            kode = self.table.item(r, 1).text() if self.table.item(r, 1) else ""
            out.append(ChoiceItem(label, kode))
        return out

    def add_row(self) -> None:
        self._append("", "")
        r = self.table.rowCount() - 1
        self.table.setCurrentCell(r, 0)
        self.table.editItem(self.table.item(r, 0))
        self.changed.emit()

    def remove_row(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.table.removeRow(r)
            self.changed.emit()

    def move_row(self, step: int) -> None:
        r = self.table.currentRow()
        j = r + step
        if r < 0 or not 0 <= j < self.table.rowCount():
            return
        for c in range(2):
            a, b = self.table.takeItem(r, c), self.table.takeItem(j, c)
            self.table.setItem(r, c, b)
            self.table.setItem(j, c, a)
        self.table.setCurrentCell(j, 0)
        self.changed.emit()


def read_only_view(view: QAbstractItemView, whole_rows: bool = True, word_wrap: bool = False) -> None:
    """A view the operator reads and moves through but never edits in place: one row
    (``whole_rows``) or one cell selected at a time, alternating row colours."""
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setSelectionBehavior(
        QAbstractItemView.SelectionBehavior.SelectRows
        if whole_rows
        else QAbstractItemView.SelectionBehavior.SelectItems
    )
    view.setAlternatingRowColors(True)
    if isinstance(view, QTableView):
        view.setWordWrap(word_wrap)


def read_only_table(headers: list[str], stretch: int | None = None, word_wrap: bool = False) -> QTableWidget:
    """The read-only list table used across the pages (:func:`read_only_view`, whole rows),
    columns sized to content, one column (``stretch``) taking the rest."""
    t = QTableWidget(0, len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    read_only_view(t, word_wrap=word_wrap)
    hh = t.horizontalHeader()
    hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        hh.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return t


def fill_rows(
    t: QTableWidget, rows: Sequence[Sequence[object]], align: Sequence | None = None, bold_last: bool = False
) -> None:
    """Put ``rows`` into ``t``, each cell's text also its tooltip (a cut text can be read in
    full); ``align`` per column (None: the default), ``bold_last``: a total row."""
    t.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            text = "" if value is None else str(value)
            it = QTableWidgetItem(text)
            it.setToolTip(text)
            if align and c < len(align) and align[c] is not None:
                it.setTextAlignment(align[c])
            if bold_last and r == len(rows) - 1:
                f = it.font()
                f.setBold(True)
                it.setFont(f)
            t.setItem(r, c, it)


def fit_height(t: QTableWidget) -> None:
    """Show every row without an inner scroll bar (the page itself scrolls).
    The height is set again whenever the table is shown, resized or restyled:
    measured before the page was laid out, the header or a horizontal scroll
    bar could otherwise hide the last row ("Jumlah")."""
    t.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    t.resizeRowsToContents()
    _set_height(t)
    if t.findChild(_HeightKeeper) is None:
        t.installEventFilter(_HeightKeeper(t))


def _set_height(t: QTableWidget) -> None:
    hh = t.horizontalHeader()
    frame = 2 * t.frameWidth()
    h = max(hh.height(), hh.sizeHint().height()) + frame + 2
    h += sum(t.rowHeight(r) for r in range(t.rowCount()))
    if t.horizontalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAlwaysOff and (
        t.horizontalScrollBar().isVisible() or hh.length() > t.width() - frame
    ):
        h += t.horizontalScrollBar().sizeHint().height()
    if t.minimumHeight() != h or t.maximumHeight() != h:
        t.setMinimumHeight(h)
        t.setMaximumHeight(h)


class _HeightKeeper(QObject):
    EVENTS = (
        QEvent.Type.Show,
        QEvent.Type.Resize,
        QEvent.Type.FontChange,
        QEvent.Type.StyleChange,
        QEvent.Type.PolishRequest,
    )

    def __init__(self, table: QTableWidget) -> None:
        super().__init__(table)
        self._table = table
        self._pending = False

    def eventFilter(self, obj, event) -> bool:
        # measured after the table has handled the event (header and scroll bars laid out)
        if obj is self._table and event.type() in self.EVENTS and not self._pending:
            self._pending = True
            QTimer.singleShot(0, self._apply)
        return False

    def _apply(self) -> None:
        self._pending = False
        if shiboken6.isValid(self._table):
            self._table.resizeRowsToContents()
            _set_height(self._table)


def make_label(
    text: str = "",
    name: str | None = None,
    wrap: bool = False,
    align: Qt.AlignmentFlag | None = None,
    cls: type[QLabel] = QLabel,
) -> QLabel:
    """A label (of class ``cls``) with its object name for the style sheet, word wrap and alignment."""
    label = cls(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    if align is not None:
        label.setAlignment(align)
    return label


def refill_combo(combo: QComboBox, items: list[tuple[str, object]]) -> None:
    """Replace a combo box's (text, data) items, keeping the chosen data when it is still
    there (else the first item), without emitting a change for the refill itself."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)


def button_row(*widgets: QWidget) -> QHBoxLayout:
    """Buttons (or other small widgets) on one left-aligned row."""
    row = QHBoxLayout()
    for w in widgets:
        row.addWidget(w)
    row.addStretch(1)
    return row
