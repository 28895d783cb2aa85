"""The Rekap page's unit table: one row per reporting unit of a :class:`RekapYear`,
every figure already computed by :mod:`skm_desktop.domain.rekap` and only formatted
here (each distinct value formatted once). The model sorts itself by a column's plain
value (blank last either way; a Python sort of 600 rows takes a millisecond where the
proxy's per-comparison lessThan took a quarter of a second), and a proxy filters by
kelompok and by a part of the unit's name."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from skm_desktop import palette
from skm_desktop.domain.formatting import angka, persen
from skm_desktop.domain.rekap import RankedUnit, RekapYear

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    "No.",
    "Unit",
    "Kelompok",
    "IKM",
    "Mutu",
    "Sumber",
    "Responden",
    "Target",
    "Realisasi",
    "IKM lalu",
    "Naik/turun",
)
HEADER_TIPS = (
    "Peringkat (IKM sama, peringkat sama)",
    "Nama unit (arahkan tetikus ke nama yang terpotong untuk melihatnya utuh)",
    "",
    "IKM konversi tahun ini (25–100)",
    "",
    "paket = data responden; ringkasan = angka yang dikirim unit",
    "",
    "Target sampel tahun ini",
    "Responden dibanding target sampel",
    "IKM tahun sebelumnya",
    "IKM dibanding tahun sebelumnya",
)
(
    COL_RANK,
    COL_UNIT,
    COL_KELOMPOK,
    COL_IKM,
    COL_MUTU,
    COL_SUMBER,
    COL_RESPONDEN,
    COL_TARGET,
    COL_REALISASI,
    COL_PREV,
    COL_CHANGE,
) = range(len(COLUMNS))
NUMERIC = {COL_RANK, COL_IKM, COL_RESPONDEN, COL_TARGET, COL_REALISASI, COL_PREV}
CHANGE_TEXT = {"naik": "▲ naik", "turun": "▼ turun", "tetap": "= tetap"}

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # the plain value of a cell (None when blank)
UNIT_ROLE = Qt.ItemDataRole.UserRole + 2  # the unit's name (any column)
KELOMPOK_ROLE = Qt.ItemDataRole.UserRole + 3  # the unit's kelompok (any column)


class UnitTableModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[RankedUnit] = []
        self._persen: dict[str, Any] = {}
        self._values: list[tuple[Any, ...]] = []  # each row's plain values, read once (rounding is not free)
        self._texts: list[tuple[str, ...]] = []
        self._sort: tuple[int, Qt.SortOrder] | None = None  # kept across years
        self._ranked: list[tuple[tuple[Any, ...], tuple[str, ...]]] = []

    def set_year(self, year: RekapYear | None) -> None:
        self.beginResetModel()
        self._rows = list(year.units) if year is not None else []
        self._persen = {r.nama: r.persen for r in year.realisasi_unit} if year is not None else {}
        self._values = [self.value(u) for u in self._rows]
        shown: dict[tuple[int, Any], str] = {}  # formatting is exact (Fractions): each value once
        self._texts = [
            tuple(shown.get((c, v[c])) or shown.setdefault((c, v[c]), self.text(v, c)) for c in range(len(COLUMNS)))
            for v in self._values
        ]
        self._ranked = list(zip(self._values, self._texts))  # the year's order (rank), whatever the sort
        if self._sort is not None:
            self._permute(self._order(*self._sort))
        self.endResetModel()

    def ranked(self) -> list[tuple[tuple[Any, ...], tuple[str, ...]]]:
        """(plain values, texts) of every row in rank order (the charts draw them)."""
        return self._ranked

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Rows by ``column``'s plain value, blank cells last in either order (ties keep
        their order); the selection follows its rows."""
        if not 0 <= column < len(COLUMNS):
            return
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        new_of = {old: new for new, old in enumerate(self._permute(self._order(column, order)))}
        before = self.persistentIndexList()
        self.changePersistentIndexList(before, [self.index(new_of[i.row()], i.column()) for i in before])
        self.layoutChanged.emit()

    def _order(self, column: int, order: Qt.SortOrder) -> list[int]:
        keys = [_key(v[column]) for v in self._values]
        known = sorted(
            (i for i, k in enumerate(keys) if k[0] == 0),
            key=lambda i: keys[i][1],
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        return known + [i for i, k in enumerate(keys) if k[0] != 0]

    def _permute(self, order: list[int]) -> list[int]:
        self._rows = [self._rows[i] for i in order]
        self._values = [self._values[i] for i in order]
        self._texts = [self._texts[i] for i in order]
        return order

    def column_texts(self, col: int) -> set[str]:
        """Every text shown in column ``col`` (the page sizes its columns to them)."""
        return {t[col] for t in self._texts}

    def unit_at(self, row: int) -> RankedUnit:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS[section] or None
        return None

    def value(self, u: RankedUnit) -> tuple[Any, ...]:
        f, prev = u.figure, u.previous
        return (
            u.rank,
            f.unit,
            f.kelompok,
            f.ikm_2dp,
            f.mutu,
            f.source,
            f.responden,
            f.target,
            self._persen.get(f.unit),
            None if prev is None else prev.ikm_2dp,
            u.change,
        )

    @staticmethod
    def text(values: tuple[Any, ...], col: int) -> str:
        v = values[col]
        if col in (COL_IKM, COL_PREV):
            return angka(v, 2)
        if col == COL_REALISASI:
            return persen(v, 1)
        if col in (COL_RANK, COL_RESPONDEN, COL_TARGET):
            return angka(v)
        if col == COL_CHANGE:
            return CHANGE_TEXT.get(v or "", "–")
        return str(v) if v else "–"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        u, col = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[index.row()][col]
        if role == SORT_ROLE:
            return self._values[index.row()][col]
        if role == UNIT_ROLE:
            return u.figure.unit
        if role == KELOMPOK_ROLE:
            return u.figure.kelompok
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in NUMERIC:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if col in (COL_MUTU, COL_CHANGE):
                return int(Qt.AlignmentFlag.AlignCenter)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_MUTU:
            return QColor(palette.mutu(self._values[index.row()][COL_MUTU]))
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_UNIT:
            return u.figure.unit
        if role == Qt.ItemDataRole.ToolTipRole and col in (COL_IKM, COL_SUMBER):
            return f"{u.figure.unit}: {u.figure.metode} ({u.figure.source})"
        return None


def _key(v: Any) -> tuple[int, Any]:
    if isinstance(v, str):
        return (0 if v else 1, v.casefold())
    return (1, 0) if v is None else (0, v)


class UnitFilterProxy(QSortFilterProxyModel):
    """Keeps the rows of one kelompok ("" = all) whose unit name holds the search text, in
    the source model's order: sorting is passed on to :meth:`UnitTableModel.sort`."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._kelompok = ""
        self._search = ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    # begin/endFilterChange need PySide6 6.9 (pyproject's lower bound); the older
    # invalidateRowsFilter() is deprecated in the locked 6.11 and warns on every call.
    def set_kelompok(self, kelompok: str) -> None:
        self.beginFilterChange()
        self._kelompok = kelompok
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._search = " ".join(text.split()).casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        m = self.sourceModel()
        idx = m.index(row, 0, parent)
        if self._kelompok and m.data(idx, KELOMPOK_ROLE) != self._kelompok:
            return False
        return not self._search or self._search in str(m.data(idx, UNIT_ROLE)).casefold()
