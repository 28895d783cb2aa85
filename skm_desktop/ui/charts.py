"""Small chart widgets drawn with QPainter (QtCharts is not in PySide6-Essentials).

The charts only draw: values arrive already computed by the domain, with
their Indonesian labels already formatted by :mod:`skm_desktop.domain.formatting`.
A value of ``None`` is drawn as an empty slot with the text "–".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from numbers import Rational

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from skm_desktop import palette
from skm_desktop.domain.formatting import angka

MUTU_COLORS = {k: QColor(v) for k, v in palette.MUTU.items()}
DEFAULT_COLOR = QColor(palette.CHART_BAR)
GRID = QColor(palette.CHART_GRID)
TEXT = QColor(palette.CHART_TEXT)
MUTED = QColor(palette.CHART_MUTED)
#: the mutu bands behind a chart of IKM figures, and the ticks of the 25–100 scale
BANDS = {k: QColor(*palette.rgb(v), palette.MUTU_BAND_ALPHA) for k, v in palette.MUTU.items()}
KONVERSI_TICKS = [(v, angka(v)) for v in (25, 50, 75, 100)]


@dataclass(frozen=True)
class Bar:
    label: str  # category label under/next to the bar
    value: float | None  # drawing position only
    text: str  # the formatted figure printed on the bar ("3,402")
    color: QColor | None = None
    tooltip: str = ""


def mutu_bar(label: str, value: Rational | Decimal | None, places: int, mutu: str | None, tooltip: str = "") -> Bar:
    """The bar of a figure shown to ``places`` decimals in the colour of its mutu (A–D);
    None: an empty slot with "–"."""
    return Bar(
        label, None if value is None else float(value), angka(value, places), MUTU_COLORS.get(mutu or ""), tooltip
    )


class _Chart(QWidget):
    def __init__(self, parent: QWidget | None = None, title: str = "") -> None:
        super().__init__(parent)
        self._title = title
        self._bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(160)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def set_title(self, title: str) -> None:
        self._title = title
        self.update()

    def title(self) -> str:
        return self._title

    def bars(self) -> list[Bar]:
        return list(self._bars)

    def _draw_title(self, p: QPainter, rect: QRectF) -> float:
        if not self._title:
            return 0.0
        f = QFont(self.font())
        f.setBold(True)
        p.setFont(f)
        p.setPen(TEXT)
        h = QFontMetrics(f).height() + 6
        p.drawText(
            QRectF(rect.left(), rect.top(), rect.width(), h),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self._title,
        )
        p.setFont(self.font())
        return h

    def _begin(self) -> tuple[QPainter, QRectF] | None:
        """Start painting: the title, then the rectangle left for the plot, or None
        (after saying so) when there is nothing to draw."""
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(8, 6, -8, -6)
        rect.setTop(rect.top() + self._draw_title(p, rect))
        if not self._bars:
            self._empty(p, rect)
            return None
        return p, rect

    def _empty(self, p: QPainter, rect: QRectF) -> None:
        p.setPen(MUTED)
        p.drawText(rect, int(Qt.AlignmentFlag.AlignCenter), "Belum ada data.")


class _AxisChart(_Chart):
    """A chart over a value axis from ``minimum`` to ``maximum`` (by default the class's
    MINIMUM and MAXIMUM) with grid lines at ``ticks`` [(value, text)], left of the plot."""

    MINIMUM, MAXIMUM = 0.0, 1.0

    def __init__(
        self,
        parent: QWidget | None = None,
        title: str = "",
        minimum: float | None = None,
        maximum: float | None = None,
        ticks: list[tuple[float, str]] | None = None,
    ) -> None:
        super().__init__(parent, title)
        self._min = self.MINIMUM if minimum is None else minimum
        self._max = self.MAXIMUM if maximum is None else maximum
        self._ticks = ticks or []

    def _background(self, p: QPainter, plot: QRectF, y_of: Callable[[float], float]) -> None:
        """What is drawn under the grid lines (nothing here)."""

    def _begin_plot(
        self, top: float, right: float, below: float
    ) -> tuple[QPainter, QFontMetrics, QRectF, Callable[[float], float]] | None:
        """:meth:`_begin`, then the plot rectangle (``top``/``below``: space above and under it
        besides one line of text each, ``right``: at its right) with its background and value
        axis drawn; also the font metrics and the height of a value. None: nothing to draw."""
        begun = self._begin()
        if begun is None:
            return None
        p, rect = begun
        fm = QFontMetrics(self.font())
        axis_w = max([fm.horizontalAdvance(t) for _, t in self._ticks] + [0]) + 8
        line = fm.height()
        plot = QRectF(
            rect.left() + axis_w,
            rect.top() + line + top,
            rect.width() - axis_w - right,
            rect.height() - 2 * line - top - below,
        )
        y_of = self._y_of(plot)
        self._background(p, plot, y_of)
        self._value_axis(p, rect, plot, fm, axis_w, y_of)
        return p, fm, plot, y_of

    def _value_axis(self, p: QPainter, rect: QRectF, plot: QRectF, fm: QFontMetrics, axis_w: float, y_of) -> None:
        """Grid lines and their labels at self._ticks [(value, text)], left of the plot."""
        for v, t in self._ticks:
            y = y_of(v)
            p.setPen(QPen(GRID, 1))
            p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            p.setPen(MUTED)
            p.drawText(
                QRectF(rect.left(), y - fm.height() / 2, axis_w - 6, fm.height()),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                t,
            )

    def _y_of(self, plot: QRectF) -> Callable[[float], float]:
        """The height in ``plot`` of a value, clamped to self._min..self._max."""
        span = (self._max - self._min) or 1.0

        def y_of(v: float) -> float:
            v = min(max(v, self._min), self._max)
            return plot.bottom() - (v - self._min) / span * plot.height()

        return y_of

    def _set_axis(self, ticks: list[tuple[float, str]] | None, minimum: float | None, maximum: float | None) -> None:
        """Change the ticks and the range where given (None keeps the current ones)."""
        if ticks is not None:
            self._ticks = ticks
        if minimum is not None:
            self._min = minimum
        if maximum is not None:
            self._max = maximum


class BarChart(_AxisChart):
    """Vertical bars on a fixed axis (e.g. NRR per unsur on 0–4)."""

    MINIMUM, MAXIMUM = 0.0, 4.0

    def set_data(
        self, bars: list[Bar], ticks: list[tuple[float, str]] | None = None, maximum: float | None = None
    ) -> None:
        self._bars = list(bars)
        self._set_axis(ticks, None, maximum)
        self.setToolTip("\n".join(b.tooltip for b in bars if b.tooltip))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 260)

    def paintEvent(self, _event) -> None:
        begun = self._begin_plot(top=4, right=0, below=4)
        if begun is None:
            return
        p, fm, plot, y_of = begun
        label_h = fm.height() + 4
        n = len(self._bars)
        slot = plot.width() / n
        bw = max(4.0, min(slot * 0.62, 64.0))
        for i, b in enumerate(self._bars):
            cx = plot.left() + slot * (i + 0.5)
            if b.value is not None:
                top = y_of(b.value)
                p.fillRect(QRectF(cx - bw / 2, top, bw, plot.bottom() - top), b.color or DEFAULT_COLOR)
                ty = top - fm.height() - 2
            else:
                ty = plot.bottom() - fm.height() - 2
            p.setPen(TEXT)
            tw = max(slot, fm.horizontalAdvance(b.text) + 4)
            p.drawText(QRectF(cx - tw / 2, ty, tw, fm.height()), int(Qt.AlignmentFlag.AlignCenter), b.text)
            label = fm.elidedText(b.label, Qt.TextElideMode.ElideRight, int(slot) - 2)
            p.drawText(
                QRectF(cx - slot / 2, plot.bottom() + 2, slot, label_h),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                label,
            )
        p.setPen(QPen(MUTED, 1))
        p.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))


class HBarChart(_Chart):
    """Horizontal bars with their labels on the left (characteristics, per layanan)."""

    def __init__(
        self, parent: QWidget | None = None, title: str = "", maximum: float | None = None, minimum: float = 0.0
    ) -> None:
        super().__init__(parent, title)
        self._max = maximum
        self._min = minimum

    def set_data(self, bars: list[Bar], maximum: float | None = None) -> None:
        self._bars = list(bars)
        if maximum is not None:
            self._max = maximum
        self.setToolTip("\n".join(b.tooltip or f"{b.label}: {b.text}" for b in bars))
        self.setMinimumHeight(self._needed_height())
        self.updateGeometry()
        self.update()

    def _needed_height(self) -> int:
        fm = QFontMetrics(self.font())
        return (fm.height() + 10) * (max(1, len(self._bars)) + 1) + 12

    def sizeHint(self) -> QSize:
        return QSize(420, self._needed_height())

    def paintEvent(self, _event) -> None:
        begun = self._begin()
        if begun is None:
            return
        p, rect = begun
        fm = QFontMetrics(self.font())
        label_w = min(max(fm.horizontalAdvance(b.label) for b in self._bars) + 10, rect.width() * 0.45)
        text_w = max(fm.horizontalAdvance(b.text) for b in self._bars) + 10
        plot_left = rect.left() + label_w
        plot_w = max(10.0, rect.width() - label_w - text_w)
        row_h = min(rect.height() / len(self._bars), fm.height() + 14)
        vmax = self._max or max([b.value or 0 for b in self._bars] + [0]) or 1.0
        for i, b in enumerate(self._bars):
            y = rect.top() + i * row_h
            p.setPen(TEXT)
            label = fm.elidedText(b.label, Qt.TextElideMode.ElideRight, int(label_w) - 8)
            p.drawText(
                QRectF(rect.left(), y, label_w - 8, row_h),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                label,
            )
            span = (vmax - self._min) or 1.0
            w = 0.0 if b.value is None else plot_w * max(0.0, min(1.0, (b.value - self._min) / span))
            bar_h = row_h * 0.64
            p.fillRect(QRectF(plot_left, y + (row_h - bar_h) / 2, w, bar_h), b.color or DEFAULT_COLOR)
            p.drawText(
                QRectF(plot_left + w + 4, y, text_w, row_h),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                b.text,
            )
        p.setPen(QPen(MUTED, 1))
        p.drawLine(QPointF(plot_left, rect.top()), QPointF(plot_left, rect.top() + row_h * len(self._bars)))


class LineChart(_AxisChart):
    """Points joined by a line over ordered labels (trend of IKM over periods), over the
    mutu bands given to :meth:`set_data`."""

    MINIMUM, MAXIMUM = 25.0, 100.0
    _bands: Sequence[tuple[float, float, QColor]] = ()

    def set_data(
        self,
        points: list[Bar],
        ticks: list[tuple[float, str]] | None = None,
        minimum: float | None = None,
        maximum: float | None = None,
        bands: list[tuple[float, float, QColor]] | None = None,
    ) -> None:
        self._bars = list(points)
        self._set_axis(ticks, minimum, maximum)
        if bands is not None:
            self._bands = bands
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(480, 240)

    def _background(self, p: QPainter, plot: QRectF, y_of: Callable[[float], float]) -> None:
        """The mutu bands (A–D) behind the line."""
        for lo, hi, color in self._bands:
            p.fillRect(QRectF(plot.left(), y_of(hi), plot.width(), y_of(lo) - y_of(hi)), color)

    def paintEvent(self, _event) -> None:
        begun = self._begin_plot(top=6, right=8, below=6)
        if begun is None:
            return
        p, fm, plot, y_of = begun
        n = len(self._bars)
        slot = plot.width() / n
        pts = []
        for i, b in enumerate(self._bars):
            x = plot.left() + slot * (i + 0.5)
            label = fm.elidedText(b.label, Qt.TextElideMode.ElideRight, int(slot) - 2)
            p.setPen(TEXT)
            p.drawText(
                QRectF(x - slot / 2, plot.bottom() + 4, slot, fm.height() + 2),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                label,
            )
            if b.value is not None:
                pts.append((QPointF(x, y_of(b.value)), b))
        if len(pts) > 1:
            path = QPainterPath(pts[0][0])
            for pt, _b in pts[1:]:
                path.lineTo(pt)
            p.setPen(QPen(DEFAULT_COLOR, 2))
            p.drawPath(path)
        for pt, b in pts:
            p.setPen(QPen(b.color or DEFAULT_COLOR, 2))
            p.setBrush(b.color or DEFAULT_COLOR)
            p.drawEllipse(pt, 4.5, 4.5)
            p.setPen(TEXT)
            tw = max(slot, fm.horizontalAdvance(b.text) + 4)
            p.drawText(
                QRectF(pt.x() - tw / 2, pt.y() - fm.height() - 6, tw, fm.height()),
                int(Qt.AlignmentFlag.AlignCenter),
                b.text,
            )
