"""The QPainter charts draw what they are given, and nothing when empty."""

from __future__ import annotations

from PySide6.QtGui import QColor

from skm_desktop.ui.charts import Bar, BarChart, HBarChart, LineChart

RED = QColor("#c62828")


def red_pixels(widget):
    img = widget.grab().toImage()
    cols: dict[int, int] = {}
    rows: dict[int, int] = {}
    for x in range(img.width()):
        for y in range(img.height()):
            if img.pixelColor(x, y) == RED:
                cols[x] = cols.get(x, 0) + 1
                rows[y] = rows.get(y, 0) + 1
    return cols, rows


def test_bar_heights_follow_values(qtbot):
    c = BarChart(minimum=0, maximum=4, ticks=[(0, "0"), (4, "4")])
    qtbot.addWidget(c)
    c.resize(400, 300)
    c.set_data([Bar("U1", 1.0, "1,000", RED), Bar("U2", 4.0, "4,000", RED)])
    cols, _ = red_pixels(c)
    left = max(n for x, n in cols.items() if x < 200)
    right = max(n for x, n in cols.items() if x >= 200)
    assert 3.6 < right / left < 4.4  # a value 4x as high draws a bar about 4x as tall


def test_hbar_widths_follow_values(qtbot):
    c = HBarChart(maximum=100.0)
    qtbot.addWidget(c)
    c.resize(500, 200)
    c.set_data([Bar("Laki-laki", 25.0, "25,00%", RED), Bar("Perempuan", 75.0, "75,00%", RED)])
    _, rows = red_pixels(c)
    ys = sorted(rows)
    top = [rows[y] for y in ys if y < ys[0] + 10]
    bottom = [rows[y] for y in ys if y > ys[-1] - 10]
    assert 2.6 < max(bottom) / max(top) < 3.4


def test_empty_and_none_draw_no_bar(qtbot):
    for chart in (BarChart(), HBarChart(), LineChart()):
        qtbot.addWidget(chart)
        chart.resize(300, 200)
        chart.set_data([])
        assert red_pixels(chart) == ({}, {})
        chart.set_data([Bar("U1", None, "–", RED)])
        assert red_pixels(chart) == ({}, {})


def test_line_points_drawn(qtbot):
    c = LineChart(minimum=25, maximum=100)
    qtbot.addWidget(c)
    c.resize(400, 250)
    c.set_data([Bar("2023", 50.0, "50,00", RED), Bar("2024", 90.0, "90,00", RED)])
    cols, rows = red_pixels(c)
    assert cols and any(x < 200 for x in cols) and any(x >= 200 for x in cols)
