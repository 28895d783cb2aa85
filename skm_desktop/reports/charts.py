"""Charts drawn with reportlab's own graphics. Values are passed in already
computed by the engine; every label is formatted by domain.formatting."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.graphics.widgets.markers import makeMarker

from skm_desktop.domain.formatting import angka
from skm_desktop.domain.scoring import Summary

from .styles import ACCENT, CHART_GRID, GRID, MUTU_COLORS, MUTU_NONE, SANS, SANS_BOLD


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _axis_fmt(places: int):
    return lambda v: angka(v, places)


def hbar(
    labels: Sequence[str],
    values: Sequence[float],
    value_labels: Sequence[str],
    width: float,
    value_max: float,
    value_min: float = 0,
    step: float | None = None,
    bar_colors: Sequence | None = None,
    places: int = 0,
    label_width: float = 150,
    row_h: float = 17,
    font_size: float = 7.5,
) -> Drawing:
    """Horizontal bars (top to bottom in the given order) with a printed value at each bar."""
    n = max(1, len(values))
    h = n * row_h + 30
    d = Drawing(width, h)
    c = HorizontalBarChart()
    c.x, c.y = label_width, 20
    c.width, c.height = width - label_width - 40, n * row_h
    # reportlab draws the first category at the bottom: reverse to read top-down
    c.data = [list(reversed([float(v) for v in values]))]
    c.categoryAxis.categoryNames = list(reversed(list(labels)))
    c.categoryAxis.labels.fontName = SANS
    c.categoryAxis.labels.fontSize = font_size
    c.categoryAxis.labels.boxAnchor = "e"
    c.categoryAxis.labels.dx = -4
    c.categoryAxis.strokeColor = GRID
    c.valueAxis.valueMin, c.valueAxis.valueMax = value_min, value_max
    if step:
        c.valueAxis.valueStep = step
    c.valueAxis.labels.fontName = SANS
    c.valueAxis.labels.fontSize = font_size
    c.valueAxis.labelTextFormat = _axis_fmt(places)
    c.valueAxis.strokeColor = GRID
    c.valueAxis.visibleGrid = 1
    c.valueAxis.gridStrokeColor = CHART_GRID
    c.bars.strokeColor = None
    c.bars[0].fillColor = ACCENT
    c.barWidth = row_h * 0.6
    c.groupSpacing = row_h * 0.4
    if bar_colors:
        for i, col in enumerate(reversed(list(bar_colors))):
            c.bars[(0, i)].fillColor = col
    c.barLabelArray = [list(reversed(list(value_labels)))]
    c.barLabelFormat = "values"
    c.barLabels.fontName = SANS_BOLD
    c.barLabels.fontSize = font_size
    c.barLabels.boxAnchor = "w"
    c.barLabels.dx = 3
    d.add(c)
    return d


def nrr_chart(summary, width: float) -> Drawing:
    """NRR per unsur (1–4) coloured by mutu; unsur without answers show no bar."""
    rows = summary.unsur
    labels = [_short(f"{r.kode} {r.unsur.nama}", 44) for r in rows]
    values = [float(r.nrr) if r.nrr is not None else 0.0 for r in rows]
    value_labels = [angka(r.nrr, 3) if r.nrr is not None else "tanpa jawaban" for r in rows]
    cols = [MUTU_COLORS.get(r.mutu, MUTU_NONE) for r in rows]
    return hbar(labels, values, value_labels, width, 4, 0, 1, cols, places=0, label_width=200)


def distribution_chart(dist, width: float) -> Drawing:
    labels = [_short(r.label, 32) for r in dist.rows]
    values = [float(r.percent) for r in dist.rows]
    vl = [f"{angka(r.count)} ({angka(r.percent, 2)}%)" for r in dist.rows]
    return hbar(labels, values, vl, width, 100, 0, 20, None, places=0, label_width=150, row_h=14)


def trend_chart(points, width: float, height: float = 170) -> Drawing:
    """Line of IKM konversi over the periods (only points with a value)."""
    pts = [p for p in points if p.ikm_konversi_2dp is not None]
    d = Drawing(width, height)
    if not pts:
        d.add(String(width / 2, height / 2, "Belum ada data tren.", fontName=SANS, fontSize=9, textAnchor="middle"))
        return d
    c = HorizontalLineChart()
    c.x, c.y = 40, 35
    c.width, c.height = width - 60, height - 55
    vals = [float(p.ikm_konversi_2dp) for p in pts]
    c.data = [vals]
    c.categoryAxis.categoryNames = [p.label for p in pts]
    c.categoryAxis.labels.fontName = SANS
    c.categoryAxis.labels.fontSize = 7.5
    c.categoryAxis.labels.angle = 0 if len(pts) <= 6 else 30
    c.categoryAxis.labels.boxAnchor = "n" if len(pts) <= 6 else "ne"
    lo = max(25, int(min(vals) // 5) * 5 - 5)
    hi = min(100, int(max(vals) // 5) * 5 + 10)
    c.valueAxis.valueMin, c.valueAxis.valueMax, c.valueAxis.valueStep = lo, hi, 5
    c.valueAxis.labels.fontName = SANS
    c.valueAxis.labels.fontSize = 7.5
    c.valueAxis.labelTextFormat = _axis_fmt(0)
    c.valueAxis.visibleGrid = 1
    c.valueAxis.gridStrokeColor = CHART_GRID
    c.lines[0].strokeColor = ACCENT
    c.lines[0].strokeWidth = 2
    c.lines[0].symbol = makeMarker("FilledCircle")
    c.lines[0].symbol.size = 5
    c.lineLabelArray = [[angka(p.ikm_konversi_2dp, 2) for p in pts]]
    c.lineLabels.fontName = SANS_BOLD
    c.lineLabels.fontSize = 7.5
    c.lineLabels.dy = 8
    c.lineLabelFormat = "values"
    d.add(c)
    return d


def layanan_chart(rows: Sequence[tuple[str, Summary]], width: float) -> Drawing:
    """IKM konversi per jenis layanan."""
    labels = [_short(name, 40) for name, _ in rows]
    values = [float(v) if (v := sm.ikm_konversi_2dp) is not None else 0.0 for _, sm in rows]
    vl = [angka(sm.ikm_konversi_2dp, 2) if sm.ikm is not None else "–" for _, sm in rows]
    cols = [MUTU_COLORS.get(sm.mutu, MUTU_NONE) for _, sm in rows]
    return hbar(labels, values, vl, width, 100, 0, 20, cols, places=0, label_width=190)
