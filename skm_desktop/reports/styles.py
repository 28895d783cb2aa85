"""Stylesheet of every SKM document: embedded fonts, paragraph styles, colours
and table styles. Fonts come from ``resources/fonts`` (DejaVu, free licence)
so a PDF looks the same on every PC."""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from skm_desktop import palette
from skm_desktop.paths import resources_dir

SANS = "SKMSans"
SANS_BOLD = "SKMSans-Bold"
SANS_ITALIC = "SKMSans-Italic"

# every colour comes from the one palette (skm_desktop/palette.py), shared with the screen
PRIMARY = colors.HexColor(palette.PDF_PRIMARY)
ACCENT = colors.HexColor(palette.PDF_ACCENT)
LIGHT = colors.HexColor(palette.PDF_LIGHT)
ZEBRA = colors.HexColor(palette.PDF_ZEBRA)
GRID = colors.HexColor(palette.PDF_GRID)
MUTED = colors.HexColor(palette.PDF_MUTED)
RULE = colors.HexColor(palette.PDF_RULE)
CHART_GRID = colors.HexColor(palette.PDF_CHART_GRID)
CHART_EMPTY = colors.HexColor(palette.CHART_EMPTY)
MUTU_NONE = colors.HexColor(palette.MUTU_NONE)
MUTU_COLORS: dict[str | None, colors.Color] = {
    **{k: colors.HexColor(v) for k, v in palette.MUTU.items()},
    None: MUTU_NONE,
}
SERIES = [colors.HexColor(x) for x in palette.PDF_SERIES]


@lru_cache(maxsize=1)
def register_fonts() -> None:
    d = resources_dir() / "fonts"
    # parsing a TTF costs ~0.1 s: only the three faces the documents use
    for name, fn in (
        (SANS, "DejaVuSans.ttf"),
        (SANS_BOLD, "DejaVuSans-Bold.ttf"),
        (SANS_ITALIC, "DejaVuSans-Oblique.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(d / fn)))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC, boldItalic=SANS_BOLD)


class Styles:
    """Paragraph styles by name (``st.body``, ``st.h1`` …)."""

    def __init__(self, base: float = 10.5) -> None:
        register_fonts()
        b = base
        self.body = ParagraphStyle(
            "body",
            fontName=SANS,
            fontSize=b,
            leading=b * 1.45,
            # left-aligned: justified lines without hyphenation leave wide gaps on A4 with long Indonesian words
            alignment=TA_LEFT,
            spaceAfter=b * 0.55,
            allowWidows=0,  # never the last line of a paragraph alone at the top of a page
            allowOrphans=0,
        )
        self.body_left = ParagraphStyle("body_left", parent=self.body, alignment=TA_LEFT)
        self.bullet = ParagraphStyle("bullet", parent=self.body, leftIndent=18, bulletIndent=4, spaceAfter=b * 0.3)
        self.small = ParagraphStyle(
            "small", parent=self.body, fontSize=b - 2, leading=(b - 2) * 1.3, spaceAfter=2, alignment=TA_LEFT
        )
        self.note = ParagraphStyle("note", parent=self.small, textColor=MUTED, fontName=SANS_ITALIC)
        self.cell = ParagraphStyle("cell", fontName=SANS, fontSize=b - 1.5, leading=(b - 1.5) * 1.25)
        self.cell_c = ParagraphStyle("cell_c", parent=self.cell, alignment=TA_CENTER)
        self.cell_r = ParagraphStyle("cell_r", parent=self.cell, alignment=TA_RIGHT)
        self.cell_h = ParagraphStyle(
            "cell_h", parent=self.cell, fontName=SANS_BOLD, alignment=TA_CENTER, textColor=colors.white
        )
        self.title = ParagraphStyle(
            "title", fontName=SANS_BOLD, fontSize=20, leading=26, alignment=TA_CENTER, textColor=PRIMARY, spaceAfter=10
        )
        self.subtitle = ParagraphStyle(
            "subtitle", fontName=SANS_BOLD, fontSize=14, leading=19, alignment=TA_CENTER, spaceAfter=6
        )
        self.center = ParagraphStyle("center", parent=self.body, alignment=TA_CENTER)
        self.chapter = ParagraphStyle(
            "chapter",
            fontName=SANS_BOLD,
            fontSize=15,
            leading=21,
            alignment=TA_CENTER,
            textColor=PRIMARY,
            spaceAfter=14,
        )
        self.h1 = ParagraphStyle(
            "h1", fontName=SANS_BOLD, fontSize=15, leading=21, alignment=TA_CENTER, textColor=PRIMARY, spaceAfter=14
        )
        self.h2 = ParagraphStyle(
            "h2",
            fontName=SANS_BOLD,
            fontSize=b + 1.5,
            leading=(b + 1.5) * 1.35,
            textColor=PRIMARY,
            spaceBefore=8,
            spaceAfter=5,
            keepWithNext=1,
        )
        self.caption = ParagraphStyle(
            "caption",
            fontName=SANS_BOLD,
            fontSize=b - 1,
            leading=(b - 1) * 1.3,
            alignment=TA_CENTER,
            spaceBefore=6,
            spaceAfter=4,
            keepWithNext=1,
        )
        self.toc_title = ParagraphStyle("toc_title", parent=self.h1)
        self.toc0 = ParagraphStyle("toc0", fontName=SANS_BOLD, fontSize=b, leading=b * 1.5)
        self.toc1 = ParagraphStyle("toc1", fontName=SANS, fontSize=b, leading=b * 1.4, leftIndent=16)
        self.big = ParagraphStyle(
            "big", fontName=SANS_BOLD, fontSize=54, leading=60, alignment=TA_CENTER, textColor=PRIMARY
        )


def table_style(
    header_rows: int = 1,
    zebra: bool = True,
    font_size: float = 9,
    font: str = SANS,
    bold: str = SANS_BOLD,
    n_rows: int | None = None,
):
    cmds = [
        ("FONT", (0, 0), (-1, -1), font, font_size),
        ("FONT", (0, 0), (-1, header_rows - 1), bold, font_size),
        ("TEXTCOLOR", (0, 0), (-1, header_rows - 1), colors.white),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), PRIMARY),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, header_rows - 1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if zebra:
        cmds.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA]))
    return cmds


# Word outline level of the heading styles: the DOCX writer gives a Heading flowable of
# these styles Word's own "Heading N" style, so Word's navigation pane and its table of
# contents find them (styles not listed fall back to the heading's daftar-isi level)
HEADING_LEVELS = {"chapter": 1, "h1": 1, "h2": 2, "h3": 3}


def font_face(font_name: str) -> tuple[str, bool, bool]:
    """(family name as installed fonts call it, bold, italic) of a registered font:
    'SKMSans-Bold' -> ('DejaVu Sans', True, False), read from the TTF itself."""
    register_fonts()
    try:
        face = pdfmetrics.getFont(font_name).face
    except KeyError:
        return font_name, False, False
    fam = getattr(face, "familyName", None)
    style = getattr(face, "styleName", b"") or b""
    if isinstance(fam, bytes):
        fam = fam.decode("utf-8", "replace")
    if isinstance(style, bytes):
        style = style.decode("utf-8", "replace")
    var = style or font_name.partition("-")[2]  # a standard Type-1 font: 'Helvetica-Bold'
    return fam or font_name.partition("-")[0], "Bold" in var, "Oblique" in var or "Italic" in var
