"""Entri Kuesioner: heads-down keying of paper questionnaires.

Keys (the mouse is never needed):
- answers: 1–4 or a–d; blank ("kosong"): Spasi, - or 0; the cursor moves on by itself;
- jenis layanan / jenis kelamin / pendidikan / pekerjaan: the one-key codes in the legend;
- usia: two digits (moves on by itself); No (paper numbers, at most 99.999), tanggal, saran:
  type, then Enter or Tab;
- F2: the row's tanggal, F3: its layanan, from any cell of the row (a date confirmed on
  the new row moves on to the first cell still empty: a carried layanan is skipped); on the
  Saran of the form just stored they go to the new row, so the next form needs no Enter;
- Enter on Saran: next questionnaire; Esc: cancel what is being typed;
- Ctrl+Z / Ctrl+Y: undo / redo; Ctrl+Delete: delete the questionnaire; Ctrl+F: find a number.

A questionnaire is stored (one transaction) the moment its last unsur is
keyed; until then it is a draft kept in the database across restarts.

What a character does in a cell is decided by the cell's field in
:mod:`.keys` (no Qt there); this page moves the cursor and applies the action.
"""

from __future__ import annotations

import datetime as dt
import logging
import time

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QStyledItemDelegate,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from skm_desktop.domain import formatting as fmt
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.respondent import PAPER_NO_MAX, RespondentRecord
from skm_desktop.services import bantuan
from skm_desktop.services.antrean import QueuedOffline, is_connection_lost
from skm_desktop.services.entry import KeyingSession, NumberProblem, NumberTaken
from skm_desktop.services.survey import ChangedElsewhere
from skm_desktop.ui.berkas.worker import send_in_background
from skm_desktop.ui.context import AppContext, Page
from skm_desktop.ui.parts import action, hrow, tuned
from skm_desktop.ui.widgets import read_only_view

from . import keys
from .columns import FIELD_HEADERS, Col, make_columns
from .commands import AddRowCommand, DeleteRowCommand, EditRowCommand
from .model import FULL_TEXT, DraftRow, EntryModel, FooterModel, field_value
from .panel import PANEL_WIDTH, LiveResultsPanel

NAV_KEYS = (
    Qt.Key.Key_Left,
    Qt.Key.Key_Right,
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
)
#: one key to the date or the layanan of the row (not an answer code, not a shortcut in use)
JUMP_KEYS = {QKeySequence(name)[0].key(): col for name, col in bantuan.JUMP_KEYS.items()}
KEYS_HINT = " · ".join(
    [f"{name}: {col}" for name, col in bantuan.JUMP_KEYS.items()]
    + ["Enter: lanjut", "Esc: batal ketik", "Ctrl+Z/Ctrl+Y: urungkan/ulangi"]
)
ROW_HEIGHT = 22
NOTIFY_MS = 800  # coalescing of ctx.dataChanged while keying
SEND_EVERY_MS = 5000  # how often forms kept while the server was away are sent again
log = logging.getLogger(__name__)


class ChoiceDelegate(QStyledItemDelegate):
    """A choice cell: the code and the whole label where the column is wide enough
    (e.g. at 1920 pixels), else the code and the short name the model shows."""

    PAD = 12

    def initStyleOption(self, option, index):  # noqa: N802 (Qt's name)
        super().initStyleOption(option, index)
        full = index.data(FULL_TEXT)
        if (
            full
            and not option.text.endswith("▏")
            and option.fontMetrics.horizontalAdvance(full) + self.PAD <= option.rect.width()
        ):
            option.text = full


class EntryGrid(QTableView):
    """The grid; every key goes to the page's key handler first."""

    def __init__(self, page: EntryPage) -> None:
        super().__init__(page)
        self.page = page
        self.setObjectName("entryGrid")
        read_only_view(self, whole_rows=False)  # the page's key handler types into the cells
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        vh = self.verticalHeader()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(ROW_HEIGHT)
        vh.hide()
        hh = self.horizontalHeader()
        hh.setHighlightSections(True)
        hh.setSectionsMovable(False)
        hh.setMinimumSectionSize(24)

    def event(self, e):
        if e.type() == e.Type.KeyPress and e.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            self.keyPressEvent(e)
            return True
        return super().event(e)

    def keyPressEvent(self, e) -> None:
        if self.page.handle_key(e):
            e.accept()
            return
        super().keyPressEvent(e)


class EntryPage(Page):
    #: emitted after the live panel was refreshed (benchmarks and tests listen)
    panelUpdated = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, "entryPage", parent)
        self.session: KeyingSession | None = None
        self.model: EntryModel | None = None
        self.footer_model: FooterModel | None = None
        self.columns: list[Col] = []
        self.undo_stack = QUndoStack(self)
        self.wrong_keys = 0
        self.saved_this_session = 0
        self._emitting = False
        self._sort_connected = False
        self._just_stored: int | None = None  # id of the row stored last, while the cursor is on it
        self._form_keys = 0  # key presses since the last stored questionnaire (keying statistics)
        self._form_started: float | None = None
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(0)
        self._draft_timer.timeout.connect(self._save_draft)
        self._sending = False
        self._waiting_count = 0  # forms of this PC waiting for the server, counted when it changes
        self._send_timer = QTimer(self)
        self._send_timer.setObjectName("antreanTimer")
        self._send_timer.setInterval(SEND_EVERY_MS)
        self._send_timer.timeout.connect(self.send_waiting)
        self._settings = QSettings()
        self._notify_pending = False
        self._notify_timer = QTimer(self)
        self._notify_timer.setSingleShot(True)
        self._notify_timer.setInterval(NOTIFY_MS)
        self._notify_timer.timeout.connect(self.flush_notify)
        self._build()
        ctx.follow(self.load, self._on_data_changed)

    # ------------------------------------------------------------ layout
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 4)
        outer.setSpacing(4)

        self.batch_edit = tuned(
            QLineEdit(self._settings.value("entry/batch", "", str)),
            "batchEdit",
            tip="Nama bundel kertas yang sedang diketik; ikut tersimpan pada tiap kuesioner",
            placeholder="mis. B01",
            width=90,
        )
        self.batch_edit.editingFinished.connect(self._batch_changed)
        self.filter_combo = tuned(
            QComboBox(), "filterCombo", tip="Saring daftar kuesioner menurut jenis layanan", min_width=190
        )
        self.filter_combo.currentIndexChanged.connect(self._filter_changed)
        self.jump_edit = tuned(
            QLineEdit(),
            "jumpEdit",
            tip="Ketik nomor kuesioner lalu Enter untuk melompat ke barisnya",
            placeholder="Cari no. (Ctrl+F)",
            width=130,
        )
        self.jump_edit.returnPressed.connect(self._jump)
        bar = hrow(
            QLabel("Bundel:"), self.batch_edit, 8, QLabel("Tampilkan:"), self.filter_combo, 8, self.jump_edit, None
        )
        bar.setSpacing(6)

        self.act_undo = action(self, "Urungkan", self.undo, QKeySequence.StandardKey.Undo, enabled=False)
        self.undo_stack.canUndoChanged.connect(self.act_undo.setEnabled)
        self.act_redo = action(self, "Ulangi", self.redo, ["Ctrl+Y", "Ctrl+Shift+Z"], enabled=False)
        self.undo_stack.canRedoChanged.connect(self.act_redo.setEnabled)
        self.act_delete = action(self, "Hapus kuesioner…", self.delete_current, "Ctrl+Delete")
        self.act_find = action(
            self, "Cari nomor", lambda: (self.jump_edit.setFocus(), self.jump_edit.selectAll()), "Ctrl+F"
        )
        for act, tip in (
            (self.act_undo, "Urungkan perubahan terakhir (Ctrl+Z)"),
            (self.act_redo, "Ulangi perubahan yang diurungkan (Ctrl+Y)"),
            (self.act_delete, "Hapus kuesioner di baris kursor (Ctrl+Delete)"),
        ):
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            b = QToolButton()
            b.setDefaultAction(act)
            b.setToolTip(tip)
            b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            bar.addWidget(b)
        self.act_find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.addActions([self.act_undo, self.act_redo, self.act_delete, self.act_find])
        outer.addLayout(bar)

        self.banner = QLabel("")
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        outer.addWidget(self.banner)

        body = QHBoxLayout()
        body.setSpacing(6)
        left = QVBoxLayout()
        left.setSpacing(0)
        self.grid = EntryGrid(self)
        self._choice_delegate = ChoiceDelegate(self.grid)
        left.addWidget(self.grid, 1)
        self.footer = QTableView()
        self.footer.setObjectName("footerGrid")
        self.footer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.footer.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.footer.horizontalHeader().hide()
        self.footer.verticalHeader().hide()
        self.footer.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.footer.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.footer.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.footer.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.footer.setFixedHeight(ROW_HEIGHT * len(FooterModel.ROWS) + 2)
        self.footer_row = QHBoxLayout()
        self.footer_row.setSpacing(0)
        self.footer_row.addWidget(self.footer, 1)
        self.footer_pad = QWidget()
        self.footer_row.addWidget(self.footer_pad)
        left.addLayout(self.footer_row)
        body.addLayout(left, 1)
        self.panel = LiveResultsPanel()
        # a scroll area keeps the panel's changing size hints from relayouting (and
        # repainting) the grid on every keystroke; on small screens it also scrolls
        self.panel_scroll = QScrollArea()
        self.panel_scroll.setObjectName("panelScroll")
        self.panel_scroll.setWidget(self.panel)
        self.panel_scroll.setWidgetResizable(True)
        self.panel_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.panel_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.panel_scroll.setFixedWidth(PANEL_WIDTH)
        self.panel_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        body.addWidget(self.panel_scroll)
        outer.addLayout(body, 1)

        status = QHBoxLayout()
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        status.addWidget(self.message, 1)
        self.keys_hint = QLabel(KEYS_HINT)
        self.keys_hint.setObjectName("hint")
        status.addWidget(self.keys_hint)
        self.counter = QLabel("")
        self.counter.setObjectName("counter")
        status.addWidget(self.counter)
        outer.addLayout(status)

        self.grid.horizontalScrollBar().valueChanged.connect(self.footer.horizontalScrollBar().setValue)
        self.grid.horizontalHeader().sectionResized.connect(lambda i, _old, new: self.footer.setColumnWidth(i, new))

    # ------------------------------------------------------------ loading
    def load(self) -> None:
        """(Re)load the current period from the database."""
        self.flush_notify()
        self._draft_timer.stop()
        if self.session is not None and self.model is not None and self.model.draft.touched:
            self._save_draft()
        self.undo_stack.clear()
        pid = self.ctx.periode_id
        if pid is None:
            self.session = None
            self.grid.setModel(None)
            self.footer.setModel(None)
            self._banner("Belum ada periode survei. Buat periode di Pengaturan terlebih dahulu.")
            return
        self.session = KeyingSession.open(self.ctx.db, pid, self.ctx.operator)
        self.session.batch = self.batch_edit.text().strip()
        if self._recount_waiting():
            self._send_timer.start()
        s = self.session
        self.columns = make_columns([u.kode for u in s.unsur_set.unsur], [u.nama for u in s.unsur_set.unsur])
        self.col_index = {c.key: i for i, c in enumerate(self.columns) if c.kind != "unsur"}
        self.fields = [self._field(c) for c in self.columns]
        self.first_unsur = next(i for i, c in enumerate(self.columns) if c.kind == "unsur")
        old_model, old_footer = self.model, self.footer_model
        self.model = EntryModel(s, self.columns, self)
        self.footer_model = FooterModel(self.columns, self)
        self.grid.setModel(self.model)
        for i, c in enumerate(self.columns):
            if c.kind == "choice":
                self.grid.setItemDelegateForColumn(i, self._choice_delegate)
        self._set_error(None)
        self.footer.setModel(self.footer_model)
        for m in (old_model, old_footer):
            if m is not None:
                m.deleteLater()
        self.footer.clearSpans()
        for r in range(len(FooterModel.ROWS)):
            self.footer.setSpan(r, 0, 1, self.first_unsur)
        hh = self.grid.horizontalHeader()
        self._wide_widths = self._content_widths()
        self._fit_columns()
        hh.setStretchLastSection(True)
        self.footer.horizontalHeader().setStretchLastSection(True)
        self.footer_pad.setFixedWidth(self.grid.verticalScrollBar().sizeHint().width())
        self.grid.setSortingEnabled(False)
        hh.setSortIndicatorShown(True)
        hh.setSectionsClickable(True)
        hh.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        if not self._sort_connected:
            hh.sortIndicatorChanged.connect(self._sort)
            self._sort_connected = True
        self.grid.selectionModel().currentChanged.connect(self._current_changed)

        self.filter_combo.blockSignals(True)
        self.filter_combo.clear()
        self.filter_combo.addItem("Semua jenis layanan", None)
        for ch in s.choices["layanan"]:
            self.filter_combo.addItem(ch.label, ch.label)
        self.filter_combo.blockSignals(False)

        self.panel.set_legends([self._legend(c) for c in self.columns])
        draft = self._restored_draft()
        if draft is None:
            draft = self._new_draft()
        self.model.set_draft(draft)
        if s.ditutup:
            self._banner(
                f"Periode '{s.periode_nama}' sudah ditutup: data hanya dapat dilihat. "
                "Buka kembali periode di Pengaturan untuk mengubah atau menambah kuesioner."
            )
        else:
            self.banner.hide()
        self.refresh_panel()
        self._update_counter()
        self.go_to_draft()

    def _content_widths(self) -> list[int]:
        """Column widths that show every value in full (used when the screen is wide enough)."""
        fm = self.grid.fontMetrics()
        pad = 24
        out = []
        for c in self.columns:
            if c.kind == "tanggal":
                w = fm.horizontalAdvance("30 September 2024") + pad
            elif c.kind == "choice":
                labels = list(self.model.full.get(c.key, {}).values()) or [c.header]
                w = min(300, max(fm.horizontalAdvance(x) for x in labels) + pad)
            else:
                w = c.width
            out.append(max(w, self._base_width(c)))
        return out

    def _base_width(self, c: Col) -> int:
        """The narrowest a column may be: the No column shows five digits in full."""
        fm = self.grid.fontMetrics()
        if c.kind == "no":
            return max(c.width, fm.horizontalAdvance("9" * keys.PAPER_NO_DIGITS) + 20)
        if c.kind == "choice":  # code + short name, bounded in length (model.short)
            shown = list(self.model.short.get(c.key, {}).values())
            return max([c.width] + [min(300, fm.horizontalAdvance(x) + 20) for x in shown])
        return c.width

    def _fit_columns(self) -> None:
        if self.model is None:
            return
        base = [self._base_width(c) for c in self.columns]
        # measured now, not at load: the style sheet may change the font after the page is built
        wide = self._wide_widths = self._content_widths()
        room = self.grid.viewport().width() - sum(base[:-1]) - base[-1]
        extra = [w - b for w, b in zip(wide, base)]
        # give the columns their full width, the date first, as far as the screen allows
        order = sorted(range(len(base)), key=lambda i: (self.columns[i].kind != "tanggal", extra[i]))
        widths = base[:]
        for i in order:
            if 0 < extra[i] <= room:
                widths[i] = wide[i]
                room -= extra[i]
        for i, w in enumerate(widths):
            if self.grid.columnWidth(i) != w or i == len(widths) - 1:
                self.grid.setColumnWidth(i, w)
            self.footer.setColumnWidth(i, w)

    def resizeEvent(self, e) -> None:
        super().resizeEvent(e)
        if self.model is not None:
            self._fit_columns()

    def _banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def _new_draft(self, carry: DraftRow | None = None) -> DraftRow:
        s = self.session
        tanggal = layanan = None
        if carry is not None:
            tanggal, layanan = carry.fields.tanggal, carry.fields.layanan
        elif s.order:
            last = s.records[s.order[-1]]
            tanggal, layanan = last.tanggal, last.layanan
        return DraftRow(s.n_unsur, no=s.next_no(), fields=RespondentRecord(0, (), tanggal, layanan))

    def _restored_draft(self) -> DraftRow | None:
        data = self.session.load_draft()
        if not data:
            return None
        d = DraftRow.from_json(self.session.n_unsur, data)
        if self.session.no_problem(d.no, maximum=PAPER_NO_MAX) is not None:
            d.no = self.session.next_no()
        self.session.set_draft_answers(tuple(d.answers))
        self.show_message(f"Kuesioner no. {d.no} yang belum selesai dipulihkan; lanjutkan mengetik.")
        return d

    def showEvent(self, e) -> None:
        super().showEvent(e)
        if self.model is not None:
            QTimer.singleShot(0, self.grid.setFocus)

    # ------------------------------------------------------------ cursor
    def draft_start_column(self) -> int:
        d = self.model.draft
        f = d.fields
        if any(d.done) or f.jenis_kelamin or f.usia or f.pendidikan or f.pekerjaan:
            for i in range(self.session.n_unsur):
                if not d.done[i]:
                    return self.first_unsur + i
        if f.tanggal is None:
            return self.col_index["tanggal"]
        if f.layanan is None and self.session.choices["layanan"]:
            return self.col_index["layanan"]
        return self.col_index["jenis_kelamin"]

    def go_to(self, row: int, column: int) -> None:
        idx = self.model.index(row, column)
        self.grid.setCurrentIndex(idx)
        self.grid.scrollTo(idx)

    def go_to_draft(self) -> None:
        if self.model is not None:
            self.go_to(self.model.draft_row, self.draft_start_column())

    def _current_changed(self, cur, prev) -> None:
        if self.model is None:
            return
        if self.model.buffer is not None and (cur.row(), cur.column()) != self.model.buffer[:2]:
            self.model.set_buffer(None)
        if self.model.error_cell is not None and (cur.row(), cur.column()) != self.model.error_cell:
            self._set_error(None)
        if self._just_stored is not None and (not cur.isValid() or self.model.id_at(cur.row()) != self._just_stored):
            self._just_stored = None
        if cur.isValid():
            self.panel.show_legend(cur.column())

    def _field(self, col: Col) -> keys.Field:
        if col.kind == "unsur":
            return keys.field_for("unsur", col.header)
        if col.kind == "choice":
            return keys.field_for("choice", FIELD_HEADERS[col.key], self.session.choices[col.key])
        return keys.field_for(col.kind, col.tip.split(";")[0])

    def _legend(self, col: Col) -> tuple[str, str]:
        s = self.session
        kosong = "<br><b>Spasi</b>, <b>-</b> atau <b>0</b>: kosong"
        if col.kind == "choice":
            rows = "<br>".join(f"<b>{c.kode}</b>&nbsp; {c.label}" for c in s.choices[col.key])
            jump = "<br><b>F3</b> dari kolom mana pun: ke kolom ini" if col.key == "layanan" else ""
            return (
                f"Kode {FIELD_HEADERS[col.key].lower()}",
                (rows or "Belum ada pilihan; isi di Pengaturan.") + kosong + jump,
            )
        if col.kind == "unsur":
            u = s.unsur_set.unsur[col.unsur]
            rows = "<br>".join(
                f"<b>{v}</b> / <b>{'abcd'[v - 1]}</b>&nbsp; {lbl}" for v, lbl in enumerate(u.labels, start=1)
            )
            q = f"<i>{u.pertanyaan}</i><br>" if u.pertanyaan else ""
            return f"{u.kode} {u.nama}", q + rows + kosong
        if col.kind == "usia":
            return "Usia", (
                "Ketik usia dua angka; kursor pindah sendiri.<br>"
                "Usia 100 ke atas: ketik tiga angka.<br><b>Spasi</b>: kosong"
            )
        if col.kind == "no":
            return "Nomor kuesioner", (
                "Terisi otomatis (nomor terakhir + 1).<br>"
                "Bila nomor di kertas berbeda: ketik nomornya, lalu <b>Enter</b>. "
                "Nomor ganda langsung ditolak; nomor di kertas paling besar "
                f"{fmt.angka(PAPER_NO_MAX)}."
            )
        if col.kind == "tanggal":
            return "Tanggal", (
                "<b>F2</b> dari kolom mana pun: ke tanggal; <b>F3</b>: ke layanan.<br>"
                "Ketik <b>HHBBTTTT</b> lalu <b>Enter</b>, mis. 14122024.<br>"
                "Ketik hari saja (mis. 15) atau hari+bulan (1512) untuk mengganti hari.<br>"
                "Tanggal terbawa ke kuesioner berikutnya."
            )
        return "Saran", "Ketik saran lalu <b>Enter</b>.<br><b>Enter</b> saja: lanjut ke kuesioner berikutnya."

    # ------------------------------------------------------------ keys
    def handle_key(self, e) -> bool:
        if self.model is None:
            return False
        mods = e.modifiers() & ~Qt.KeyboardModifier.KeypadModifier & ~Qt.KeyboardModifier.ShiftModifier
        if mods:
            # the page's shortcuts, also when the window system did not route them (inactive window)
            if mods == Qt.KeyboardModifier.ControlModifier:
                for act in (self.act_undo, self.act_redo, self.act_delete, self.act_find):
                    if any(
                        sc.matches(QKeySequence(e.keyCombination())) == QKeySequence.SequenceMatch.ExactMatch
                        for sc in act.shortcuts()
                    ):
                        if act.isEnabled():
                            act.trigger()
                        return True
            return False
        t0 = time.perf_counter()
        if self._form_started is None:
            self._form_started = t0
        self._form_keys += 1
        idx = self.grid.currentIndex()
        if not idx.isValid():
            self.go_to_draft()
            idx = self.grid.currentIndex()
        row, ci = idx.row(), idx.column()
        col = self.columns[ci]
        key, text = e.key(), e.text()
        buf = self.model.buffer[2] if self.model.buffer and self.model.buffer[:2] == (row, ci) else None

        if key in JUMP_KEYS:
            if buf is not None and not self._confirm_buffer(row, ci, buf, move=False):
                return True
            self._set_error(None)
            if col.kind == "saran" and self._just_stored is not None and self.model.id_at(row) == self._just_stored:
                row = self.model.draft_row  # the form in hand is done: F2/F3 start the next one
            self.go_to(row, self.col_index[JUMP_KEYS[key]])
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if buf is not None and not self._confirm_buffer(row, ci, buf):
                return True
            if buf is not None and col.kind != "saran":
                return True  # confirming moved the cursor already
            if col.kind == "saran":
                self.go_to_draft()
            elif col.kind == "tanggal" and self.model.is_draft(row):
                self.go_to(row, self.draft_start_column())  # the date kept: on to the first empty cell
            else:
                self._advance(row, ci)
            return True
        if key == Qt.Key.Key_Tab:
            if buf is not None:
                if self._confirm_buffer(row, ci, buf) and col.kind == "saran":
                    self.go_to_draft()
            else:
                self._advance(row, ci)
            return True
        if key == Qt.Key.Key_Backtab:
            self.model.set_buffer(None)
            if ci > 0:
                self.go_to(row, ci - 1)
            return True
        if key == Qt.Key.Key_Escape:
            if buf is not None or self.model.error_cell is not None:
                self.model.set_buffer(None)
                self._set_error(None)
                self.show_message("")
                return True
            return False
        field = self.fields[ci]
        if key == Qt.Key.Key_Backspace:
            if field.buffered and not self.session.ditutup:
                if buf is None:
                    buf = self._raw_text(row, col)
                self._apply(row, ci, field.backspace(buf))
            elif ci > 0:
                self.go_to(row, ci - 1)
            return True
        if key == Qt.Key.Key_Delete:
            if self._refuse_closed():
                return True
            action = field.clear()
            if isinstance(action, keys.Commit):
                self.model.set_buffer(None)
                self.set_field(row, ci, action.value, advance=False)
            else:
                self._apply(row, ci, action)
            return True
        if key in NAV_KEYS:
            if buf is not None and col.kind != "saran" and not self._confirm_buffer(row, ci, buf, move=False):
                return True
            if buf is not None and col.kind == "saran":
                self._confirm_buffer(row, ci, buf, move=False)
            self._set_error(None)
            return False
        if not text or not text.isprintable():
            return False
        if self._refuse_closed():
            return True
        for i, ch in enumerate(text):  # one character per key press, except from input methods
            if i:  # the next character goes where the cursor is now, as if typed after
                idx = self.grid.currentIndex()
                row, ci = idx.row(), idx.column()
                field = self.fields[ci]
                buf = self.model.buffer[2] if self.model.buffer and self.model.buffer[:2] == (row, ci) else None
            if not self._apply(row, ci, field.key(ch, buf)):
                break
        self.last_key_ms = (time.perf_counter() - t0) * 1000
        return True

    def _apply(self, row: int, ci: int, action: keys.Action) -> bool:
        """Carry out what the cell's field decided; False when refused."""
        if isinstance(action, keys.Refuse):
            self.wrong_key(action.message)
            return False
        if isinstance(action, keys.Commit):
            return self.set_field(row, ci, action.value)
        self.model.set_buffer((row, ci, action.text))
        if isinstance(action, keys.Confirm):
            return self._confirm_buffer(row, ci, action.text)
        if self.columns[ci].kind == "no":
            self._check_no_live(row, ci, action.text)
        return True

    def _set_error(self, cell: tuple[int, int] | None) -> None:
        """Mark the cell holding a refused value (red, also under the cursor)."""
        self.model.set_error(cell)
        if bool(self.grid.property("error")) != (cell is not None):
            self.grid.setProperty("error", cell is not None)
            self.grid.style().unpolish(self.grid)
            self.grid.style().polish(self.grid)

    def _refuse_closed(self) -> bool:
        if self.session.ditutup:
            self.wrong_key(f"Periode '{self.session.periode_nama}' sudah ditutup; data tidak dapat diubah.")
            return True
        return False

    def _raw_text(self, row: int, col: Col) -> str:
        v = field_value(self.model.record_at(row), col)
        if v is None or col.kind == "tanggal":
            return ""
        return str(v)

    def wrong_key(self, why: str) -> None:
        QApplication.beep()
        self.wrong_keys += 1
        self._update_counter()
        self.show_message(why, error=True)

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setProperty("error", error)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def _update_counter(self) -> None:
        if self.session is None:
            self.counter.setText("")
            return
        text = f"Tersimpan {fmt.angka(self.session.count)} · salah tekan {self.wrong_keys}"
        if self._waiting_count:
            text += f" · {fmt.angka(self._waiting_count)} kuesioner menunggu dikirim"
        self.counter.setText(text)

    def _recount_waiting(self) -> int:
        """Count the offline queue again (it is a file on this PC: read when forms are queued,
        sent or dropped, not at every key)."""
        try:
            self._waiting_count = self.session.waiting() if self.session is not None else 0
        except DomainError:
            self._waiting_count = 0
        return self._waiting_count

    def send_waiting(self) -> None:
        """Every few seconds while forms wait: send them (in a thread; a server that does
        not answer must not freeze keying); the grid and panel pick them up."""
        if self.session is None or self._sending or not self._recount_waiting():
            self._send_timer.stop()
            self._update_counter()
            return
        self._sending = True
        session = self.session
        send_in_background(self, session.queue.send, session.db, self._sent)

    def _sent(self, ok: bool, result) -> None:
        self._sending = False
        if not ok:
            log.warning("antrean belum terkirim: %s", result)
            return
        self._recount_waiting()
        if result.sent:
            self.refresh_external()
            self.show_message(f"{fmt.angka(result.sent)} kuesioner dari antrean terkirim ke server.")
        if result.conflicts:
            from skm_desktop.ui.entry.antrean_dialog import ConflictDialog

            self._send_timer.stop()
            ConflictDialog(self.session, self).exec()
            if self._recount_waiting():  # renumbered forms: the timer sends them, off this thread
                self._send_timer.start()
            self.refresh_external()
        self._update_counter()

    def _check_no_live(self, row: int, ci: int, text: str) -> None:
        """Warn while typing when the number is already taken (refused on confirm)."""
        no = self.fields[ci].live(text)
        try:
            if no is not None:
                self.session.check_no(no, exclude_id=self.model.id_at(row))
        except NumberTaken as e:
            self._set_error((row, ci))
            self.show_message(f"{e} Ketik nomor lain atau tekan Esc.", error=True)
            return
        except NumberProblem:
            pass  # a number too large cannot be typed; an empty one is refused on confirm
        self._set_error(None)
        self.show_message("")

    def _confirm_buffer(self, row: int, ci: int, text: str, move: bool = True) -> bool:
        col = self.columns[ci]
        base = None
        if col.kind == "tanggal":
            base = field_value(self.model.record_at(row), col) or self.session.tanggal_mulai or dt.date.today()
        action = self.fields[ci].confirm(text, base)
        if isinstance(action, keys.Commit) and col.kind == "no":
            try:
                self.session.check_no(action.value, exclude_id=self.model.id_at(row))
            except NumberProblem as e:
                action = keys.Refuse(str(e))
        if isinstance(action, keys.Refuse):
            if col.kind == "no":
                self.model.set_buffer(None)  # leave edit mode: the next digits start a new number
            self._set_error((row, ci))
            self.wrong_key(action.message)
            return False
        value = action.value
        self.model.set_buffer(None)
        self._set_error(None)
        to_start = move and col.kind == "tanggal" and self.model.is_draft(row)
        ok = self.set_field(row, ci, value, advance=move and col.kind != "saran" and not to_start)
        if ok and to_start and self.model.is_draft(row):
            self.go_to(row, self.draft_start_column())  # a carried layanan needs no key
        if ok and col.kind == "tanggal" and value is not None:
            a, b = self.session.tanggal_mulai, self.session.tanggal_selesai
            if (a and value < a) or (b and value > b):
                self.show_message(
                    f"Perhatian: tanggal {fmt.tanggal(value)} di luar rentang periode {fmt.rentang_tanggal(a, b)}.",
                    error=True,
                )
        return ok

    def _advance(self, row: int, ci: int) -> None:
        if ci + 1 < len(self.columns):
            self.go_to(row, ci + 1)

    # ------------------------------------------------------------ changing values
    def set_field(self, row: int, ci: int, value, advance: bool = True) -> bool:
        col = self.columns[ci]
        if self.model.is_draft(row):
            d = self.model.draft
            if col.kind == "unsur":
                d.answers[col.unsur] = value
                d.done[col.unsur] = True
                self.session.set_draft_answers(tuple(d.answers))
            elif col.key == "no":
                d.no = value
            else:
                d.set(col.key, value)
            d.touched = True
            self.model.cell_changed(row, ci, ci)
            if col.kind == "unsur":
                self.refresh_panel()
            self._draft_timer.start()
            if d.complete:
                return self.commit_draft()
            if advance:
                self._advance(row, ci)
            return True
        rid = self.model.id_at(row)
        old = self.session.records[rid]
        if col.kind == "unsur":
            answers = list(old.answers)
            answers[col.unsur] = value
            new = old.with_(answers=tuple(answers))
        elif col.key == "no":
            new = old.with_(no_kuesioner=value)
        else:
            new = old.with_(**{col.key: value})
        if new != old:
            if not self.apply_update(old.no_kuesioner, new):
                return False
            self.undo_stack.push(EditRowCommand(self, old, new, col.header))
        if advance:
            self._advance(row, ci)
        return True

    def commit_draft(self) -> bool:
        d = self.model.draft
        rec = d.record().with_(operator=self.ctx.operator, batch=self.batch_edit.text().strip())
        started = self._form_started or time.perf_counter()
        try:
            rid, stored = self.session.commit(
                rec, ketukan=self._form_keys, durasi_ms=int((time.perf_counter() - started) * 1000)
            )
        except NumberProblem as e:
            self.wrong_key(str(e))
            self.go_to(self.model.draft_row, self.col_index["no"])
            return False
        except QueuedOffline as e:  # kept on this PC: the operator goes on with the next form
            self._waiting_count = e.waiting
            self._form_keys, self._form_started = 0, None
            self.model.set_draft(self._new_draft(carry=d))
            self._update_counter()
            self.show_message(str(e), error=True)
            self.go_to_draft()
            self._send_timer.start()
            return True
        except DomainError as e:
            self.wrong_key(str(e))
            return False
        self._form_keys, self._form_started = 0, None
        row = self.model.row_added(rid)
        self._just_stored = rid
        self.undo_stack.push(AddRowCommand(self, stored))
        self.model.set_draft(self._new_draft(carry=d))
        self.saved_this_session += 1
        self.refresh_panel()
        self._update_counter()
        self.show_message(f"Kuesioner no. {stored.no_kuesioner} tersimpan.")
        self._notify()
        if row is not None:
            self.go_to(row, self.col_index["saran"])
            self.grid.scrollTo(self.model.index(self.model.draft_row, 0))  # the next form stays in view
        else:
            self.go_to_draft()
        return True

    def apply_update(self, no: int, new) -> bool:
        rid = self.session.find_no(no)
        try:
            if rid is None:
                raise DomainError(f"Kuesioner no. {no} tidak ditemukan (mungkin sudah dihapus).")
            self.session.update(rid, new)
        except ChangedElsewhere as e:  # another PC changed it first: the row now shows theirs
            self.model.row_updated(rid)
            self.refresh_panel()
            self.wrong_key(str(e))
            return False
        except DomainError as e:
            self.wrong_key(str(e))
            return False
        self.model.row_updated(rid)
        self.refresh_panel()
        self.show_message(f"Kuesioner no. {new.no_kuesioner} diubah.")
        self._notify()
        return True

    def apply_delete(self, no: int):
        rid = self.session.find_no(no)
        try:
            if rid is None:
                raise DomainError(f"Kuesioner no. {no} tidak ditemukan (mungkin sudah dihapus).")
            rec = self.session.delete(rid)
        except DomainError as e:
            self.wrong_key(str(e))
            return None
        self.model.row_removed(rid)
        self.refresh_panel()
        self._update_counter()
        self.show_message(f"Kuesioner no. {no} dihapus.")
        self._notify()
        return rec

    def apply_restore(self, rec) -> bool:
        try:
            rid = self.session.restore(rec)
        except DomainError as e:
            self.wrong_key(str(e))
            return False
        row = self.model.row_restored(rid)
        self.refresh_panel()
        self._update_counter()
        self.show_message(f"Kuesioner no. {rec.no_kuesioner} dikembalikan.")
        self._notify()
        if row is not None:
            self.go_to(row, self.grid.currentIndex().column() if self.grid.currentIndex().isValid() else 0)
        return True

    def undo(self) -> None:
        self._undo_redo(self.undo_stack.undoText(), self.undo_stack.undo, "Dibatalkan")

    def redo(self) -> None:
        self._undo_redo(self.undo_stack.redoText(), self.undo_stack.redo, "Diulang")

    def _undo_redo(self, text: str, step, done: str) -> None:
        """Undo or redo one step and say what it was ("Dibatalkan: perubahan U3 kuesioner no. 3");
        a refusal (e.g. the number was taken meanwhile) keeps its own message."""
        if not text or self.model is None:
            return
        refused = self.wrong_keys
        step()
        if self.wrong_keys == refused:
            self.show_message(f"{done}: {text}.")

    def delete_current(self) -> None:
        if self.model is None or self._refuse_closed():
            return
        idx = self.grid.currentIndex()
        if not idx.isValid():
            return
        row = idx.row()
        if self.model.is_draft(row):
            if self.model.draft.touched and self.confirm("Kosongkan isian kuesioner yang sedang diketik?"):
                self.session.set_draft_answers(None)
                self.model.set_draft(self._new_draft(carry=self.model.draft))
                self._draft_timer.start()
                self.refresh_panel()
                self.go_to_draft()
            return
        rec = self.session.records[self.model.id_at(row)]
        if not self.confirm(
            f"Hapus kuesioner no. {rec.no_kuesioner}?\n\n"
            "Penghapusan dapat diurungkan dengan Ctrl+Z selama aplikasi masih terbuka."
        ):
            return
        deleted = self.apply_delete(rec.no_kuesioner)
        if deleted is not None:
            self.undo_stack.push(DeleteRowCommand(self, deleted))
            self.go_to(min(row, self.model.draft_row), idx.column())

    def confirm(self, text: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Konfirmasi",
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText("Ya, hapus")
        box.button(QMessageBox.StandardButton.No).setText("Batal")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    # ------------------------------------------------------------ refreshing
    def refresh_panel(self) -> None:
        sm = self.session.summary()
        self.panel.show_summary(
            sm, self.session.progress(), self.session.draft_counted, self.model.draft.fields.layanan
        )
        self.footer_model.set_summary(sm)
        self.panelUpdated.emit()

    def _notify(self) -> None:
        """Tell the other pages that questionnaires changed — at most about once a
        second while keying (their refresh may cost more than a keystroke), and at
        once when this page is left or closed."""
        self._notify_pending = True
        if not self._notify_timer.isActive():
            self._notify_timer.start()

    def flush_notify(self) -> None:
        self._notify_timer.stop()
        if not self._notify_pending:
            return
        self._notify_pending = False
        self._emitting = True
        try:
            self.ctx.dataChanged.emit()
        finally:
            self._emitting = False

    def hideEvent(self, e) -> None:
        self.flush_notify()
        super().hideEvent(e)

    def _on_data_changed(self) -> None:
        if not self._emitting:
            self.refresh_external()

    def refresh_external(self) -> None:
        """Pick up forms another program (the kiosk, a CLI import) stored, keeping
        the undo history (its commands find their forms by number), the row in
        progress, what is being typed and the cursor."""
        if self.session is None or self.model is None:
            self.load()
            return
        cols = [(c.key, c.header) for c in self.columns]
        cur = self.grid.currentIndex()
        ci = cur.column() if cur.isValid() else None
        on_draft = not cur.isValid() or self.model.is_draft(cur.row())
        rid = None if on_draft else self.model.id_at(cur.row())
        b = self.model.buffer
        typing = b[2] if b is not None and cur.isValid() and b[:2] == (cur.row(), ci) else None
        try:
            self.session.reload()
        except Exception:  # the period is gone or unreadable: start afresh, as on opening
            self.load()
            return
        s = self.session
        new_cols = make_columns([u.kode for u in s.unsur_set.unsur], [u.nama for u in s.unsur_set.unsur])
        if [(c.key, c.header) for c in new_cols] != cols:
            self.load()  # the questionnaire itself changed: the commands no longer fit it
            return
        d = self.model.draft
        s.set_draft_answers(tuple(d.answers))
        moved = None
        if d.no is not None and s.no_problem(d.no, maximum=PAPER_NO_MAX) is not None:
            moved, d.no = d.no, s.next_no()
        self.model.reset_from_session()
        row = self.model.draft_row if on_draft else self.model.row_of(rid)
        if row is None:  # the row under the cursor went away (deleted elsewhere, or filtered)
            row, typing = self.model.draft_row, None
        if ci is not None:
            self.go_to(row, ci)
            if typing is not None:
                self.model.set_buffer((row, ci, typing))
        if s.ditutup:
            self._banner(f"Periode '{s.periode_nama}' sudah ditutup: data hanya dapat dilihat.")
        self.refresh_panel()
        self._update_counter()
        if moved is not None:
            self.show_message(
                f"Nomor {moved} baru saja dipakai program lain; kuesioner yang sedang diketik kini bernomor {d.no}.",
                error=True,
            )

    def _save_draft(self) -> None:
        if self.session is None or self.session.ditutup:
            return
        d = self.model.draft
        try:
            self.session.save_draft(d.to_json() if d.touched else None)
        except Exception as e:  # a draft that cannot be kept must not stop keying
            if is_connection_lost(e):  # the server is away: the row stays here, in the grid
                return
            self.show_message(f"Draf tidak dapat disimpan: {e}", error=True)

    def _batch_changed(self) -> None:
        text = self.batch_edit.text().strip()
        self._settings.setValue("entry/batch", text)
        if self.session is not None:
            self.session.batch = text

    def _filter_changed(self) -> None:
        if self.model is None:
            return
        self.model.set_filter(self.filter_combo.currentData())
        self.grid.setFocus()
        self.go_to_draft()

    def _sort(self, column: int, order) -> None:
        if self.model is not None and column >= 0:
            self.model.sort(column, order)

    def _jump(self) -> None:
        text = self.jump_edit.text().strip()
        if self.session is None or not text:
            return
        if not text.isdigit():
            self.show_message("Cari no.: ketik nomor kuesioner (angka).", error=True)
            return
        rid = self.session.find_no(int(text))
        if rid is None:
            self.show_message(f"Kuesioner no. {text} tidak ada di periode ini.", error=True)
            return
        if self.model.row_of(rid) is None:
            self.filter_combo.setCurrentIndex(0)
        self.go_to(self.model.row_of(rid), self.col_index["no"])
        self.grid.setFocus()
        self.show_message(f"Kuesioner no. {text}.")

    def before_close(self) -> None:
        """Keep the row in progress when the window closes."""
        self._draft_timer.stop()
        self.flush_notify()
        if self.session is not None and self.model is not None:
            self._save_draft()
