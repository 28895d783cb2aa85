"""Qt models of the entry grid: the questionnaires of the period (kept in
Python lists by the keying session, never queried per paint) plus one row in
progress at the bottom, and the footer rows (Σ nilai, NRR, NRR tertimbang,
mutu per unsur) that sit under the grid like on the paper recap."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from skm_desktop import palette
from skm_desktop.domain import formatting as fmt
from skm_desktop.domain import tanggal
from skm_desktop.domain.errors import DomainError
from skm_desktop.domain.respondent import KARAKTERISTIK, RespondentRecord
from skm_desktop.domain.scoring import Answer, Summary
from skm_desktop.services.entry import KeyingSession

from .columns import Col
from .keys import SARAN_MAX

DRAFT_BG = QColor(palette.CELL_DRAFT)
ERROR_BG = QColor(palette.CELL_ERROR)
BUFFER_BG = QColor(palette.CELL_BUFFER)
BLANK_FG = QColor(palette.TEXT_BLANK)
DISPLAY = Qt.ItemDataRole.DisplayRole
ALIGN = Qt.ItemDataRole.TextAlignmentRole
BACKGROUND = Qt.ItemDataRole.BackgroundRole
FOREGROUND = Qt.ItemDataRole.ForegroundRole
FONT = Qt.ItemDataRole.FontRole
TOOLTIP = Qt.ItemDataRole.ToolTipRole
FULL_TEXT = Qt.ItemDataRole.UserRole  # a choice's code and whole label, shown where the column is wide enough
CENTER = int(Qt.AlignmentFlag.AlignCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
CELL_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


@dataclass
class DraftRow:
    """The questionnaire being keyed (not stored yet): what has been keyed so far, its
    date and characteristics held in ``fields`` (a record numbered and given its answers
    by :meth:`record`)."""

    n_unsur: int
    no: int | None = None
    fields: RespondentRecord = field(default_factory=lambda: RespondentRecord(0, ()))
    answers: list[Answer] = field(default_factory=list)
    done: list[bool] = field(default_factory=list)  # unsur answered or marked blank
    touched: bool = False  # something was typed on this form

    def __post_init__(self) -> None:
        if not self.answers:
            self.answers = [None] * self.n_unsur
        if not self.done:
            self.done = [False] * self.n_unsur

    @property
    def complete(self) -> bool:
        return all(self.done)

    def set(self, key: str, value) -> None:
        """Key the date or a characteristic (a field of :class:`RespondentRecord`)."""
        self.fields = self.fields.with_(**{key: value})

    def record(self) -> RespondentRecord:
        return self.fields.with_(no_kuesioner=self.no or 0, answers=tuple(self.answers))

    def to_json(self) -> dict:
        return {
            "no": self.no,
            "tanggal": self.fields.tanggal.isoformat() if self.fields.tanggal else None,
            **{name: getattr(self.fields, name) for name in KARAKTERISTIK},
            "answers": list(self.answers),
            "done": list(self.done),
            "touched": self.touched,
        }

    @classmethod
    def from_json(cls, n_unsur: int, d: dict) -> DraftRow:
        """The draft read back from the database: anything not of the expected type is dropped."""

        def whole(v):
            return v if isinstance(v, int) and not isinstance(v, bool) else None

        def text(v, limit=200):
            return v[:limit] if isinstance(v, str) else None

        answers = d.get("answers") if isinstance(d.get("answers"), list) else []
        done = d.get("done") if isinstance(d.get("done"), list) else []
        if len(answers) != n_unsur or len(done) != n_unsur:
            answers, done = [None] * n_unsur, [False] * n_unsur
        answers = [a if whole(a) in (1, 2, 3, 4) else None for a in answers]
        tgl = None
        if isinstance(d.get("tanggal"), str):
            try:
                tgl = tanggal.parse(d["tanggal"])
            except DomainError:
                tgl = None
        return cls(
            n_unsur,
            whole(d.get("no")),
            RespondentRecord(
                0,
                (),
                tgl,
                text(d.get("layanan")),
                text(d.get("jenis_kelamin")),
                whole(d.get("usia")),
                text(d.get("pendidikan")),
                text(d.get("pekerjaan")),
                text(d.get("saran"), SARAN_MAX) or "",
            ),
            answers,
            [bool(x) for x in done],
            bool(d.get("touched")),
        )


def field_value(rec: RespondentRecord | DraftRow, col: Col):
    if col.kind == "unsur":
        return rec.answers[col.unsur]
    if isinstance(rec, DraftRow):
        return rec.no if col.key == "no" else getattr(rec.fields, col.key)
    return rec.no_kuesioner if col.key == "no" else getattr(rec, col.key)


class EntryModel(QAbstractTableModel):
    def __init__(self, session: KeyingSession, columns: list[Col], parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.columns = columns
        self.ids: list[int] = list(session.order)
        self.draft = DraftRow(session.n_unsur)
        self.layanan_filter: str | None = None
        self.sort_key: tuple[int, Qt.SortOrder] | None = None
        self.buffer: tuple[int, int, str] | None = None  # (row, column, text being typed)
        self.error_cell: tuple[int, int] | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        # a choice shows its one-key code and a short name; the full text is in the tooltip
        self.short: dict[str, dict[str, str]] = {}
        self.full: dict[str, dict[str, str]] = {
            key: {c.label: f"{c.kode} {c.label}" if c.kode else c.label for c in choices}
            for key, choices in session.choices.items()
        }
        for key, choices in session.choices.items():
            shorten = fmt.singkatan_layanan if key == "layanan" else (lambda x: fmt.singkat(x, 10))
            initials = [c.label[:1].upper() for c in choices]
            if key == "jenis_kelamin" and len(set(initials)) == len(initials):
                shorten = lambda x: x[:1].upper()  # noqa: E731 — "1 L", "2 P"
            self.short[key] = {c.label: f"{c.kode} {shorten(c.label)}" if c.kode else shorten(c.label) for c in choices}

    # ------------------------------------------------------------ shape
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ids) + 1

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    @property
    def draft_row(self) -> int:
        return len(self.ids)

    def is_draft(self, row: int) -> bool:
        return row == len(self.ids)

    def record_at(self, row: int) -> RespondentRecord | DraftRow:
        return self.draft if row == len(self.ids) else self.session.records[self.ids[row]]

    def id_at(self, row: int) -> int | None:
        return None if row >= len(self.ids) else self.ids[row]

    def row_of(self, rid: int) -> int | None:
        try:
            return self.ids.index(rid)
        except ValueError:
            return None

    # ------------------------------------------------------------ display
    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            c = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return c.header
            if role == Qt.ItemDataRole.ToolTipRole:
                return c.tip
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return "✎" if section == len(self.ids) else str(section + 1)
        return None

    def text(self, row: int, col: Col) -> str:
        rec = self.record_at(row)
        v = field_value(rec, col)
        if col.kind == "unsur":
            if v is None:
                draft = row == len(self.ids)
                return "–" if (not draft or self.draft.done[col.unsur]) else ""
            return str(v)
        if v is None or v == "":
            return ""
        if col.kind == "tanggal":
            return fmt.tanggal(v)
        if col.kind == "choice":
            return self.short.get(col.key, {}).get(v, str(v))
        return str(v)

    def row_tip(self, row: int) -> str:
        """The whole questionnaire in words (the tooltip of its No cell)."""
        rec = self.record_at(row)
        no = field_value(rec, self.columns[0])
        parts = [f"Kuesioner no. {no}" if no else "Kuesioner baru"]
        for col in self.columns:
            if col.kind in ("tanggal", "choice", "usia"):
                v = field_value(rec, col)
                shown = fmt.tanggal(v) if col.kind == "tanggal" else ("–" if v in (None, "") else str(v))
                parts.append(f"{col.tip}: {shown}")
        return "\n".join(parts)

    def data(self, index: QModelIndex, role=DISPLAY):
        row, ci = index.row(), index.column()
        col = self.columns[ci]
        if role == DISPLAY:
            b = self.buffer
            if b is not None and b[0] == row and b[1] == ci:
                return b[2] + "▏"
            return self.text(row, col)
        if role == ALIGN:
            return CENTER if col.kind in ("unsur", "no", "usia") else LEFT
        if role == BACKGROUND:
            if self.error_cell == (row, ci):
                return QBrush(ERROR_BG)
            b = self.buffer
            if b is not None and b[0] == row and b[1] == ci:
                return QBrush(BUFFER_BG)
            if row == len(self.ids):
                return QBrush(DRAFT_BG)
            return None
        if role == FOREGROUND:
            if col.kind == "unsur" and field_value(self.record_at(row), col) is None:
                return QBrush(BLANK_FG)
            return None
        if role == FULL_TEXT and col.kind == "choice":
            v = field_value(self.record_at(row), col)
            return self.full.get(col.key, {}).get(v, str(v)) if v else ""
        if role == FONT and row == len(self.ids) and col.kind == "no":
            return self._bold
        if role == TOOLTIP:
            t = self.text(row, col)
            if col.kind == "unsur":
                v = field_value(self.record_at(row), col)
                u = self.session.unsur_set.unsur[col.unsur]
                return f"{u.kode} {u.nama}: " + ("kosong" if v is None else f"{v} — {u.labels[v - 1]}")
            if col.kind == "no":
                return self.row_tip(row)
            if col.kind == "choice":
                v = field_value(self.record_at(row), col)
                return f"{col.tip}: {v}" if v else col.tip
            return f"{col.tip}: {t}" if t else col.tip
        return None

    def flags(self, index: QModelIndex):
        return CELL_FLAGS

    # ------------------------------------------------------------ changes
    def cell_changed(self, row: int, first: int = 0, last: int | None = None) -> None:
        last = len(self.columns) - 1 if last is None else last
        self.dataChanged.emit(self.index(row, first), self.index(row, last))

    def set_buffer(self, buffer: tuple[int, int, str] | None) -> None:
        old = self.buffer
        self.buffer = buffer
        for b in (old, buffer):
            if b is not None:
                self.cell_changed(b[0], b[1], b[1])

    def set_error(self, cell: tuple[int, int] | None) -> None:
        old = self.error_cell
        self.error_cell = cell
        for c in (old, cell):
            if c is not None:
                self.cell_changed(c[0], c[1], c[1])

    def _passes(self, rid: int) -> bool:
        return self.layanan_filter is None or self.session.records[rid].layanan == self.layanan_filter

    def row_added(self, rid: int) -> int | None:
        """A stored questionnaire appeared: shown just above the row in progress."""
        if not self._passes(rid):
            return None
        n = len(self.ids)
        self.beginInsertRows(QModelIndex(), n, n)
        self.ids.append(rid)
        self.endInsertRows()
        return n

    def row_restored(self, rid: int) -> int | None:
        """A questionnaire stored again (undo of a deletion): shown in its place —
        by number, or by the column the grid is sorted on."""
        if not self._passes(rid):
            return None
        if self.sort_key:
            col, order = self.columns[self.sort_key[0]], self.sort_key[1]
            k = self._key(col)
            mine = k(rid)
            after = (lambda o: k(o) < mine) if order == Qt.SortOrder.DescendingOrder else (lambda o: k(o) > mine)
        else:
            no = self.session.records[rid].no_kuesioner
            after = lambda o: self.session.records[o].no_kuesioner > no  # noqa: E731
        pos = next((i for i, o in enumerate(self.ids) if after(o)), len(self.ids))
        self.beginInsertRows(QModelIndex(), pos, pos)
        self.ids.insert(pos, rid)
        self.endInsertRows()
        return pos

    def row_removed(self, rid: int) -> None:
        row = self.row_of(rid)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.ids[row]
        self.endRemoveRows()

    def row_updated(self, rid: int) -> None:
        row = self.row_of(rid)
        if row is None:
            return
        if not self._passes(rid):
            self.row_removed(rid)
        else:
            self.cell_changed(row)

    def set_draft(self, draft: DraftRow) -> None:
        self.draft = draft
        self.cell_changed(len(self.ids))

    def set_filter(self, layanan: str | None) -> None:
        self.beginResetModel()
        self.layanan_filter = layanan
        self.buffer = self.error_cell = None
        self.ids = [rid for rid in self.session.order if self._passes(rid)]
        if self.sort_key:
            self._sort_ids(*self.sort_key)
        self.endResetModel()

    def reset_from_session(self) -> None:
        self.set_filter(self.layanan_filter)

    def _key(self, col: Col):
        recs = self.session.records

        def key(rid):
            v = field_value(recs[rid], col)
            return (v is not None, v if v is not None else 0)

        return key

    def _sort_ids(self, column: int, order: Qt.SortOrder) -> None:
        self.ids.sort(key=self._key(self.columns[column]), reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        self.buffer = self.error_cell = None
        self.sort_key = (column, order)
        self._sort_ids(column, order)
        self.layoutChanged.emit()


class FooterModel(QAbstractTableModel):
    """Rows under the grid: Σ nilai, NRR, NRR tertimbang and mutu per unsur."""

    ROWS = ("Σ Nilai/Unsur", "NRR/Unsur", "NRR tertimbang/Unsur", "Mutu/Unsur")

    def __init__(self, columns: list[Col], parent=None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.summary: Summary | None = None
        self.label_span = next(i for i, c in enumerate(columns) if c.kind == "unsur")

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.ROWS)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def set_summary(self, summary: Summary) -> None:
        self.summary = summary
        self.dataChanged.emit(self.index(0, self.label_span), self.index(len(self.ROWS) - 1, len(self.columns) - 1))

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, ci = index.row(), index.column()
        col = self.columns[ci]
        if role == Qt.ItemDataRole.DisplayRole:
            if ci == 0:
                return self.ROWS[row]
            if col.kind != "unsur" or self.summary is None:
                return None
            r = self.summary.unsur[col.unsur]
            if row == 0:
                return fmt.angka(r.total)
            if row == 1:
                return fmt.angka(r.nrr, 3)
            if row == 2:
                return fmt.angka(r.nrr_tertimbang, 3)
            return r.mutu or "–"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if ci == 0:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col.kind == "unsur" and self.summary is not None:
            r = self.summary.unsur[col.unsur]
            return (
                f"{r.kode} {r.unsur.nama}: terisi {fmt.angka(r.answered)}, kosong {fmt.angka(r.blank)}, "
                f"Σ {fmt.angka(r.total)}, NRR {fmt.angka(r.nrr, 3)}"
            )
        return None

    def flags(self, index):
        return Qt.ItemFlag.ItemIsEnabled
