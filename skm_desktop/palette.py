"""The one colour table of SKM Desktop.

Widget styling lives in ``resources/styles/skm.qss``; the colours that must be
painted in code (QPainter charts and table cells on screen, reportlab PDF
charts and tables, the kiosk's screen-size-dependent sheet) come from here.
Plain Python with no imports, so both ``ui`` and ``reports`` may use it while
``domain`` stays free of presentation. All values are ``#rrggbb`` strings.

The mutu colours (A/B/C/D) are the same everywhere: screen charts, the
entry panel badge, the Hasil figures, PDF charts. Each takes white bold text
at the badge's size (contrast at least 3.9:1).
"""

from __future__ import annotations

import re

MUTU: dict[str, str] = {"A": "#2e7d32", "B": "#2e75b6", "C": "#b86e00", "D": "#c62828"}
MUTU_NONE = "#8796ab"  # no mutu yet (no answers): the badge's grey
MUTU_BAND_ALPHA = 26  # 0-255: the A/B/C/D background bands behind the trend line

# charts on screen and on paper
CHART_BAR = "#2e75b6"  # a bar without mutu (characteristics, per jenis layanan without a mutu)
CHART_GRID = "#d0d4da"
CHART_TEXT = "#263238"
CHART_MUTED = "#607d8b"
CHART_BLANK = "#8d6e63"  # blank answers per unsur
CHART_EMPTY = "#eeeeee"  # the unfilled rest of a 1-4 bar on paper

# table cells painted in code
TEXT = "#000000"
TEXT_INACTIVE = "#78909c"  # computed, not editable (bobot of the standard weighting)
TEXT_BLANK = "#8a8a8a"  # a blank answer in the entry grid
TEXT_ERROR = "#b71c1c"
CELL_DRAFT = "#fff8d6"
CELL_ERROR = "#f8c9c4"
CELL_BUFFER = "#dcebff"
CELL_DONE = "#e3f2e5"
CELL_BUSY = "#fff4d6"  # verification in progress; an audit row that changed something
CELL_PLAIN = "#ffffff"

# PDF documents
PDF_PRIMARY = "#1f4e79"
PDF_ON_PRIMARY = "#ffffff"  # text on PDF_PRIMARY (table heads)
PDF_ACCENT = "#2e75b6"
PDF_LIGHT = "#dce6f1"
PDF_ZEBRA = "#f3f6fa"
PDF_GRID = "#8ea9c1"
PDF_MUTED = "#555555"
PDF_RULE = "#bbbbbb"
PDF_CHART_GRID = "#e0e0e0"
PDF_SERIES = (
    "#2e75b6",
    "#ed7d31",
    "#70ad47",
    "#ffc000",
    "#5b9bd5",
    "#a5a5a5",
    "#264478",
    "#9e480e",
    "#636363",
    "#997300",
)

# the kiosk's two looks (its sheet depends on the screen size, see ui/kiosk/style.py)
KIOSK = {
    "bg": "#eef2f6",
    "fg": "#14212b",
    "button": "#ffffff",
    "button_fg": "#14212b",
    "border": "#8aa0b4",
    "primary": "#1565c0",
    "primary_fg": "#ffffff",
    "pressed": "#d6e4f0",
    "chosen": "#1565c0",
    "chosen_bg": "#e3f0fc",
    "error": "#b71c1c",
    "overlay": "rgba(0, 0, 0, 170)",
}
KIOSK_HIGH_CONTRAST = {
    "bg": "#000000",
    "fg": "#ffffff",
    "button": "#000000",
    "button_fg": "#ffff00",
    "border": "#ffff00",
    "primary": "#ffff00",
    "primary_fg": "#000000",
    "pressed": "#333300",
    "chosen": "#ffff00",
    "chosen_bg": "#333300",
    "error": "#ff6666",
    "overlay": "rgba(0, 0, 0, 170)",
}


def mutu(m: str | None) -> str:
    """The colour of mutu ``m`` ("A".."D"), the grey when there is none."""
    return MUTU.get(m or "", MUTU_NONE)


def rgb(color: str) -> tuple[int, int, int]:
    """``"#rrggbb"`` -> (r, g, b)."""
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


# tokens the stylesheet may use, written @name (e.g. @mutu-A): the colour is then defined once, here
QSS_TOKENS: dict[str, str] = {**{f"mutu-{k}": v for k, v in MUTU.items()}, "mutu-none": MUTU_NONE}
_TOKEN = re.compile(r"@([A-Za-z][A-Za-z0-9_-]*)")


def fill_qss(text: str) -> str:
    """Replace the @tokens of a stylesheet by their colours; ValueError names an unknown one."""
    unknown = sorted({t for t in _TOKEN.findall(text) if t not in QSS_TOKENS})
    if unknown:
        raise ValueError("warna tidak dikenal di lembar gaya: " + ", ".join("@" + t for t in unknown))
    return _TOKEN.sub(lambda m: QSS_TOKENS[m.group(1)], text)
