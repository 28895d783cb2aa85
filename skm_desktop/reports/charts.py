"""Charts drawn with reportlab's own graphics. Values are passed in already
computed by the engine; every label is formatted by domain.formatting."""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from skm_desktop.domain.analisis import BATAS_A_KONVERSI, BATAS_A_NRR, jenis_titik
from skm_desktop.domain.category import KATEGORI
from skm_desktop.domain.formatting import angka
from skm_desktop.domain.scoring import Summary

from .styles import ACCENT, CHART_GRID, GRID, MUTED, MUTU_COLORS, MUTU_NONE, SANS, SANS_BOLD, SERIES


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
    legend: Sequence[tuple] = (),
    ref_line: tuple[float, str] | None = None,
) -> Drawing:
    """Horizontal bars (top to bottom in the given order) with a printed value at each bar;
    ``legend``: (colour, text) pairs under the chart; ``ref_line``: (value, text) drawn
    as a dashed vertical line (e.g. the lower bound of mutu A)."""
    n = max(1, len(values))
    foot = 22 if legend else 0
    h = n * row_h + 30 + foot
    d = Drawing(width, h)
    c = HorizontalBarChart()
    c.x, c.y = label_width, 20 + foot
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
    if ref_line is not None and value_min < ref_line[0] < value_max:
        x = c.x + c.width * (ref_line[0] - value_min) / (value_max - value_min)
        d.add(
            Line(
                x,
                c.y - 2,
                x,
                c.y + c.height + 4,
                strokeColor=MUTU_COLORS.get("A"),
                strokeWidth=1,
                strokeDashArray=[3, 2],
            )
        )
        d.add(String(x, c.y + c.height + 6, ref_line[1], fontName=SANS, fontSize=font_size - 1, textAnchor="middle"))
    if legend:
        _legend(d, legend, c.x, 6, font_size)
    return d


def _legend(d: Drawing, items: Sequence[tuple], x: float, y: float, font_size: float = 7.5) -> None:
    """A one-line legend: a colour box and its text per item, packed from ``x``."""
    for col, text in items:
        d.add(Rect(x, y, 7, 7, fillColor=col, strokeColor=None))
        d.add(String(x + 10, y + 0.5, text, fontName=SANS, fontSize=font_size))
        x += 10 + stringWidth(text, SANS, font_size) + 14


def zoom_min(values: Sequence[float], floor: float, step: float) -> float:
    """The value axis starts a bit under the lowest value (on a ``step`` line), never
    under the scale's own minimum ``floor``: differences between bars stay visible."""
    vals = [v for v in values if v > floor]
    if not vals:
        return floor
    return max(floor, math.floor((min(vals) - step / 2) / step) * step)


def _mutu_legend() -> list[tuple]:
    return [(MUTU_COLORS[k.mutu], f"{k.mutu} – {k.kinerja}") for k in KATEGORI]


def nrr_chart(summary, width: float) -> Drawing:
    """NRR per unsur (1–4) coloured by mutu; unsur without answers show no bar."""
    rows = summary.unsur
    labels = [_short(f"{r.kode} {r.unsur.nama}", 44) for r in rows]
    values = [float(r.nrr) if r.nrr is not None else 0.0 for r in rows]
    value_labels = [angka(r.nrr, 3) if r.nrr is not None else "tanpa jawaban" for r in rows]
    cols = [MUTU_COLORS.get(r.mutu, MUTU_NONE) for r in rows]
    return _mutu_bars(labels, values, value_labels, cols, width, (1.0, 4.0, 0.25), 2, 200, BATAS_A_NRR, 4)


def distribution_chart(dist, width: float) -> Drawing:
    labels = [_short(r.label, 32) for r in dist.rows]
    values = [float(r.percent) for r in dist.rows]
    vl = [f"{angka(r.count)} ({angka(r.percent, 2)}%)" for r in dist.rows]
    return hbar(labels, values, vl, width, 100, 0, 20, None, places=0, label_width=150, row_h=14)


_KIND_LABEL = {"tahunan": "Tahunan", "semester": "Semester", "triwulan": "Triwulan", "lain": "Periode lain"}
_KIND_MARKER = {
    "tahunan": "FilledSquare",
    "semester": "FilledCircle",
    "triwulan": "FilledDiamond",
    "lain": "FilledTriangle",
}


def trend_chart(points, width: float, height: float = 185, sasaran: Sequence | None = None) -> Drawing:
    """Line of IKM konversi over the periods (only points with a value); annual and
    semester / triwulan points get their own marker, told apart in the legend.
    ``sasaran``: the target IKM of each point (None where there is none), a dashed line."""
    keep = [i for i, p in enumerate(points) if p.ikm_konversi_2dp is not None]
    pts = [points[i] for i in keep]
    target = [None if sasaran[i] is None else float(sasaran[i]) for i in keep] if sasaran else []
    if not any(v is not None for v in target):
        target = []
    d = Drawing(width, height)
    if not pts:
        d.add(String(width / 2, height / 2, "Belum ada data tren.", fontName=SANS, fontSize=9, textAnchor="middle"))
        return d
    c = HorizontalLineChart()
    c.x, c.y = 40, 50
    c.width, c.height = width - 60, height - 70
    vals = [float(p.ikm_konversi_2dp) for p in pts]
    kinds = [jenis_titik(p.label) for p in pts]
    present = [k for k in _KIND_LABEL if k in kinds]
    c.data = [vals] + [[v if kd == k else None for v, kd in zip(vals, kinds)] for k in present]
    if target:
        c.data.append(target)
        vals = vals + [v for v in target if v is not None]
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
    legend = []
    for i, k in enumerate(present, 1):
        col = SERIES[i % len(SERIES)]
        c.lines[i].strokeColor = None
        c.lines[i].strokeWidth = 0
        c.lines[i].symbol = makeMarker(_KIND_MARKER[k])
        c.lines[i].symbol.size = 7
        c.lines[i].symbol.fillColor = col
        c.lines[i].symbol.strokeColor = col
        legend.append((col, _KIND_LABEL[k]))
    c.lineLabelArray = [[angka(p.ikm_konversi_2dp, 2) for p in pts]] + [[""] * len(pts) for _ in present]
    if target:
        n = len(present) + 1
        c.lines[n].strokeColor = MUTED
        c.lines[n].strokeWidth = 1.2
        c.lines[n].strokeDashArray = [4, 3]
        c.lineLabelArray.append([""] * len(target))  # the figures are in the table beside the chart
        legend.append((MUTED, "Sasaran (garis putus-putus)"))
    c.lineLabels.fontName = SANS_BOLD
    c.lineLabels.fontSize = 7.5
    c.lineLabels.dy = 9
    c.lineLabelFormat = "values"
    d.add(c)
    _legend(d, legend, 40, 4)
    return d


def layanan_chart(rows: Sequence[tuple[str, Summary]], width: float) -> Drawing:
    """IKM konversi per jenis layanan."""
    return konversi_chart(
        [(name, sm.ikm_konversi_2dp if sm.ikm is not None else None, sm.mutu) for name, sm in rows], width
    )


def konversi_chart(rows: Sequence[tuple[str, object, str | None]], width: float, label_width: float = 190) -> Drawing:
    """Bars of values on the converted scale 25–100 (label, 2-decimal value or None, mutu), coloured by mutu."""
    labels = [_short(name, 40) for name, _, _ in rows]
    vals = [float(v) if v is not None else 0.0 for _, v, _ in rows]  # type: ignore[arg-type]
    vl = [angka(v, 2) if v is not None else "–" for _, v, _ in rows]  # type: ignore[arg-type]
    cols = [MUTU_COLORS.get(m, MUTU_NONE) for _, _, m in rows]
    return _mutu_bars(labels, vals, vl, cols, width, (25.0, 100.0, 5.0), 0, label_width, BATAS_A_KONVERSI, 2)


def _mutu_bars(labels, values, value_labels, cols, width, scale, places, label_width, batas_a, batas_places):
    """Bars coloured by mutu on a value axis zoomed to a bit under the lowest value
    (``scale`` = (scale minimum, maximum, step)), the mutu legend and the line of mutu A."""
    floor, top, step = scale
    lo = zoom_min(values, floor, step)
    return hbar(
        labels,
        [max(v, lo) for v in values],
        value_labels,
        width,
        top,
        lo,
        step,
        cols,
        places=places,
        label_width=label_width,
        legend=_mutu_legend(),
        ref_line=(float(batas_a), f"batas A {angka(batas_a, batas_places)}"),
    )


def stacked_answers_chart(rows: Sequence[tuple], width: float) -> Drawing:
    """100 % stacked bars of the answers 1–4 per unsur: rows of (kode, nama, shares 1..4)."""
    n = max(1, len(rows))
    row_h, foot, label_w = 16, 24, 170
    d = Drawing(width, n * row_h + 30 + foot)
    c = HorizontalBarChart()
    c.x, c.y = label_w, 20 + foot
    c.width, c.height = width - label_w - 15, n * row_h
    c.categoryAxis.style = "stacked"
    c.data = [list(reversed([float(sh[v]) for _, _, sh in rows])) for v in range(4)]
    c.categoryAxis.categoryNames = list(reversed([_short(f"{k} {nm}", 38) for k, nm, _ in rows]))
    c.categoryAxis.labels.fontName = SANS
    c.categoryAxis.labels.fontSize = 7.5
    c.categoryAxis.labels.boxAnchor = "e"
    c.categoryAxis.labels.dx = -4
    c.categoryAxis.strokeColor = GRID
    c.valueAxis.valueMin, c.valueAxis.valueMax, c.valueAxis.valueStep = 0, 100, 20
    c.valueAxis.labels.fontName = SANS
    c.valueAxis.labels.fontSize = 7.5
    c.valueAxis.labelTextFormat = lambda v: f"{angka(v, 0)}%"
    c.valueAxis.strokeColor = GRID
    c.bars.strokeColor = None
    c.barWidth = row_h * 0.65
    cols = [MUTU_COLORS[k.mutu] for k in reversed(KATEGORI)]  # value 1 = D … value 4 = A
    for v in range(4):
        c.bars[v].fillColor = cols[v]
    c.barLabelArray = [list(reversed([angka(sh[v], 0) if sh[v] >= 8 else "" for _, _, sh in rows])) for v in range(4)]
    c.barLabelFormat = "values"
    c.barLabels.fontName = SANS_BOLD
    c.barLabels.fontSize = 6.5
    c.barLabels.fillColor = colors.white
    c.barLabels.boxAnchor = "e"  # reportlab puts a stacked label at its segment's end
    c.barLabels.dx = -3
    d.add(c)
    names = [f"{v} – {k.kinerja}" for v, k in zip((1, 2, 3, 4), reversed(KATEGORI))]
    _legend(d, list(zip(cols, names)), label_w, 6)
    return d


def compare_chart(rows: Sequence, label_lalu: str, label_kini: str, width: float) -> Drawing:
    """NRR per unsur of the previous and this period side by side (zoomed value axis)."""
    rows = [r for r in rows if r.nrr_lalu is not None or r.nrr_kini is not None]
    n = max(1, len(rows))
    row_h, foot, label_w = 20, 22, 190
    lalu = [float(r.nrr_lalu) if r.nrr_lalu is not None else 0.0 for r in rows]
    kini = [float(r.nrr_kini) if r.nrr_kini is not None else 0.0 for r in rows]
    lo = zoom_min(lalu + kini, 1.0, 0.25)
    d = Drawing(width, n * row_h + 30 + foot)
    c = HorizontalBarChart()
    c.x, c.y = label_w, 20 + foot
    c.width, c.height = width - label_w - 40, n * row_h
    c.data = [list(reversed([max(v, lo) for v in kini])), list(reversed([max(v, lo) for v in lalu]))]
    c.categoryAxis.categoryNames = list(reversed([_short(f"{r.kode} {r.nama}", 42) for r in rows]))
    c.categoryAxis.labels.fontName = SANS
    c.categoryAxis.labels.fontSize = 7.5
    c.categoryAxis.labels.boxAnchor = "e"
    c.categoryAxis.labels.dx = -4
    c.categoryAxis.strokeColor = GRID
    c.valueAxis.valueMin, c.valueAxis.valueMax, c.valueAxis.valueStep = lo, 4, 0.25
    c.valueAxis.labels.fontName = SANS
    c.valueAxis.labels.fontSize = 7.5
    c.valueAxis.labelTextFormat = _axis_fmt(2)
    c.valueAxis.strokeColor = GRID
    c.valueAxis.visibleGrid = 1
    c.valueAxis.gridStrokeColor = CHART_GRID
    c.bars.strokeColor = None
    c.barWidth = row_h * 0.33
    c.groupSpacing = row_h * 0.3
    c.bars[0].fillColor = ACCENT
    c.bars[1].fillColor = MUTED  # the previous period: grey, visible on paper
    d.add(c)
    _legend(d, [(MUTED, label_lalu), (ACCENT, label_kini)], label_w, 6)
    return d
